import { follows, MAX_ZONE_TAGS, TEXT_RULES, explainTooManyTags, type TextRule } from '../model/aws-rules';
import { ValidationError, type Diagnostic, type DiagnosticCode } from '../model/diagnostics';
import { RESERVED_ZONE_NAMES } from '../model/names';
import type { PlatformConfig, Zone } from '../model/types';
import { normalizeZone, type NormalizedZone, type ZoneInput } from '../model/zone-defaults';
import { OWNER_PATTERN, TEMPLATE_SEQUENCE } from '../model/zone-file-schema';
import { accessCatalog } from '../policies/catalog';
import { checkZoneLimits } from '../policies/limits';

/** A zone after defaults are filled: what the constructs build from. A loaded `Zone` fits as it is. */
export type ZoneSpec = NormalizedZone & Partial<Pick<Zone, 'source' | 'positions'>>;

/**
 * The platform settings the constructs (and the policies they render) read: a `PlatformConfig`
 * from the loader fits as it is, `platformConfig()` makes one from YAML or a partial object.
 * Stack-level settings (`sharding`, `backend`) are not part of it: the caller owns the stacks.
 */
export type PlatformSpec = Pick<
  PlatformConfig,
  'identityCenter' | 'entra' | 'zoneTagKey' | 'names' | 'defaultSessionDuration' | 'access' | 'secrets' | 'protection'
> &
  Partial<Pick<PlatformConfig, 'accounts' | 'source'>>;

/** Fills a zone's defaults exactly as the loader does for a zone file (model/zone-defaults.ts). */
export function zoneSpecFrom(zone: ZoneInput, platform: PlatformSpec): ZoneSpec {
  return normalizeZone(zone, platform);
}

const OWNER = new RegExp(OWNER_PATTERN);

/**
 * Every problem of a zone given in code, checked against the same rules (model/aws-rules.ts) and
 * limits (policies/limits.ts) as a zone file. A zone from the loader passes: the loader reported
 * these with file and line already.
 */
export function zoneSpecProblems(construct: string, zone: ZoneSpec, platform: PlatformSpec): Diagnostic[] {
  const file = zone.source?.file ?? `${construct} for zone "${zone.name}"`;
  const out: Diagnostic[] = [];
  const problem = (field: string, code: DiagnosticCode, message: string) => {
    const pos = zone.positions?.[field.split(/[.[]/)[0]];
    out.push({ file, ...(pos ? { line: pos.line, column: pos.column } : {}), field, code, message });
  };
  const rule = (field: string, r: TextRule, value: string | undefined) => {
    if (value !== undefined && !follows(r, value)) problem(field, 'invalid-value', r.explain(value));
  };

  const nameValid = follows(TEXT_RULES.zoneName, zone.name);
  rule('name', TEXT_RULES.zoneName, zone.name);
  if (nameValid) rule('name', TEXT_RULES.permissionSetName, `${platform.names.permissionSetPrefix}${zone.name}`);
  if (RESERVED_ZONE_NAMES.has(zone.name)) problem('name', 'reserved-zone-name', `"${zone.name}" is reserved for the stacks' own providers and backend`);
  const tagKeyValid = follows(TEXT_RULES.zoneTagKey, platform.zoneTagKey);
  rule('platform.zoneTagKey', TEXT_RULES.zoneTagKey, platform.zoneTagKey);

  if (zone.accounts.length === 0) problem('accounts', 'empty-list', 'at least one account is required, e.g. { id: "123456789012" }');
  zone.accounts.forEach((a, i) => rule(`accounts[${i}]`, TEXT_RULES.accountId, a.id));
  duplicates(zone.accounts.map((a) => a.id), 'accounts', problem);

  if (zone.access.length === 0) problem('access', 'empty-list', 'at least one access preset is required, e.g. secrets-reader');
  let known: ReadonlySet<string> = new Set();
  try {
    known = new Set(accessCatalog(platform).keys());
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err;
    out.push(...err.diagnostics);
  }
  zone.access.forEach((name, i) => {
    if (!known.has(name)) problem(`access[${i}]`, 'unknown-preset', `unknown access preset "${name}"; known presets: ${[...known].join(', ')}`);
  });
  duplicates(zone.access, 'access', problem);

  rule('sessionDuration', TEXT_RULES.sessionDuration, zone.sessionDuration);
  rule('description', TEXT_RULES.description, zone.description);
  rule('relayState', TEXT_RULES.relayState, zone.relayState);
  zone.owners.forEach((o, i) => {
    if (!OWNER.test(o)) problem(`owners[${i}]`, 'invalid-value', `owner "${o}" is neither a user principal name nor an object id, e.g. alice@example.com`);
  });
  duplicates(zone.owners, 'owners', problem);

  const tagKeys = Object.keys(zone.tags);
  if (tagKeys.length > MAX_ZONE_TAGS) problem('tags', 'too-many-tags', explainTooManyTags(tagKeys.length));
  for (const [key, value] of Object.entries(zone.tags)) {
    if (key === platform.zoneTagKey) problem(`tags.${key}`, 'reserved-tag', `tag "${key}" is set by Zone Access to the zone name and cannot be given here`);
    if (!follows(TEXT_RULES.tagKey, key)) problem(`tags.${key}`, 'invalid-key', TEXT_RULES.tagKey.explain(key));
    rule(`tags.${key}`, TEXT_RULES.tagValue, value);
  }
  zone.managedPolicies.forEach((arn, i) => rule(`managedPolicies[${i}]`, TEXT_RULES.managedPolicyArn, arn));
  zone.customerManagedPolicies.forEach((p, i) => {
    rule(`customerManagedPolicies[${i}].name`, TEXT_RULES.policyName, p.name);
    rule(`customerManagedPolicies[${i}].path`, TEXT_RULES.policyPath, p.path);
  });

  // Written into Terraform JSON as they are, where `${...}` / `%{...}` would be evaluated.
  const freeText: [string, string | undefined][] = [
    ['description', zone.description],
    ['relayState', zone.relayState],
    ...zone.owners.map((o, i): [string, string] => [`owners[${i}]`, o]),
    ...Object.entries(zone.tags).flatMap(([k, v]): [string, string][] => [[`tags.${k} (key)`, k], [`tags.${k}`, v]]),
    ...zone.customerManagedPolicies.map((p, i): [string, string] => [`customerManagedPolicies[${i}]`, p.path + p.name]),
  ];
  for (const [field, value] of freeText) {
    if (value !== undefined && TEMPLATE_SEQUENCE.test(value)) {
      problem(field, 'template-sequence', 'contains "${" or "%{", which Terraform would evaluate as an expression; remove it');
    }
  }

  // The built policy's limits, on the presets that exist (unknown ones are reported above).
  if (nameValid && tagKeyValid && out.every((d) => d.code !== 'reserved-preset')) {
    // The zone object itself when it can be, so the policy rendered here is the one synthesis reuses.
    const checked = zone.access.every((a) => known.has(a)) ? zone : { ...zone, access: zone.access.filter((a) => known.has(a)) };
    out.push(...checkZoneLimits(checked, platform, file));
  }
  return out;
}

/**
 * Constructor-time validation for callers who build props in code rather than through the loader.
 * Throws one `ValidationError` listing every problem, before any resource is created.
 */
export function assertValidZoneSpec(construct: string, zone: ZoneSpec, platform: PlatformSpec): void {
  const problems = zoneSpecProblems(construct, zone, platform);
  if (problems.length > 0) throw new ValidationError(problems, `${construct} props for zone "${zone.name}"`);
}

function duplicates(values: readonly string[], field: string, problem: (field: string, code: DiagnosticCode, message: string) => void): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) problem(`${field}[${i}]`, 'duplicate-entry', `"${v}" is listed twice`);
    seen.add(v);
  });
}
