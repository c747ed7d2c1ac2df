/**
 * The part of a CloudTrail record the audit reads, in CloudTrail's documented record shape
 * (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-record-contents.html,
 * userIdentity: https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html).
 * Both sources deliver these records as JSON text: LookupEvents in `Event.CloudTrailEvent`, a trail
 * delivered to CloudWatch Logs as each log event's message (`@message` in Logs Insights).
 */

export interface SessionIssuer {
  readonly type?: string;
  readonly principalId?: string;
  readonly arn?: string;
  readonly accountId?: string;
  /** The role name, for a role session. */
  readonly userName?: string;
}

export interface UserIdentity {
  /** `AssumedRole`, `SAMLUser`, `IAMUser`, `AWSService`, `IdentityCenterUser`, `Unknown`, ... */
  readonly type?: string;
  readonly principalId?: string;
  /** For a role session: `arn:aws:sts::<account>:assumed-role/<role name>/<session name>`. */
  readonly arn?: string;
  readonly accountId?: string;
  readonly userName?: string;
  readonly sessionContext?: { readonly sessionIssuer?: SessionIssuer };
}

export interface CloudTrailRecord {
  readonly eventVersion?: string;
  readonly eventID?: string;
  /** ISO 8601, UTC, e.g. `2026-11-02T10:04:05Z`. */
  readonly eventTime: string;
  /** The service's host, e.g. `secretsmanager.amazonaws.com`. */
  readonly eventSource: string;
  /** The API called, e.g. `GetSecretValue`. */
  readonly eventName: string;
  readonly awsRegion?: string;
  /** The account that received the request. */
  readonly recipientAccountId?: string;
  readonly userIdentity?: UserIdentity;
  readonly errorCode?: string;
  readonly errorMessage?: string;
  readonly requestParameters?: Readonly<Record<string, unknown>> | null;
  /** Only some services list resources; `ARN` is then set. */
  readonly resources?: readonly { readonly ARN?: string; readonly accountId?: string; readonly type?: string }[];
  readonly eventCategory?: string;
}

/**
 * Parses one record. Returns `undefined` for text that is not a CloudTrail record (a log group can
 * hold other lines, e.g. CloudTrail's digest notices), so one bad line does not end the audit.
 */
export function parseRecord(text: string): CloudTrailRecord | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const r = value as Record<string, unknown>;
  if (typeof r.eventTime !== 'string' || typeof r.eventSource !== 'string' || typeof r.eventName !== 'string')
    return undefined;
  return value as CloudTrailRecord;
}
