import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CloudTrailRecord } from '../../audit/records';

/**
 * Stand-ins for the three AWS APIs `zone-access audit` calls, on one HTTP server on 127.0.0.1
 * (random port), for the real SDK v3 clients pointed at it through AWS_ENDPOINT_URL_*:
 *
 * - CloudTrail `LookupEvents` (AWS JSON 1.1, `X-Amz-Target: CloudTrail_20131101.LookupEvents`):
 *   the events of the caller's account and of the signed region, newest first, at most
 *   `MaxResults` (≤ 50) per page with an opaque `NextToken`; above 2 requests per second per
 *   account and region it answers `ThrottlingException`, as CloudTrail documents.
 * - CloudWatch Logs `StartQuery` / `GetQueryResults` / `StopQuery` (`Logs_20140328.*`): the
 *   records of the log group whose timestamp lies in [startTime, endTime] (seconds, inclusive), that
 *   pass the audit's filter (Identity Center role sessions and sign-ins), oldest first, at most
 *   `limit` (≤ 10,000) rows; a query is `Running` for its first poll, then `Complete`. Above 5
 *   requests per second (per operation) `ThrottlingException`; more than `maxConcurrentQueries`
 *   running queries `LimitExceededException`.
 * - STS `AssumeRole` (query protocol, XML): temporary credentials whose access key names the
 *   account, for roles listed in `roles`; AccessDenied otherwise.
 *
 * The account of a request is the one its access key belongs to: `baseAccount` for the base
 * credentials, the role's account for credentials from AssumeRole. Signatures are not verified.
 */

export interface StandInOptions {
  /** CloudTrail records; LookupEvents serves them by recipientAccountId and awsRegion. */
  readonly records?: readonly CloudTrailRecord[];
  /** Log group name → records delivered to it (every account). */
  readonly logGroups?: Readonly<Record<string, readonly CloudTrailRecord[]>>;
  /** Role ARNs AssumeRole accepts. */
  readonly roles?: readonly string[];
  /** Account of the base credentials. Default 999999999999. */
  readonly baseAccount?: string;
  readonly maxConcurrentQueries?: number;
  /** LookupEvents rate per account and region. Default 2 per second. */
  readonly lookupRatePerSecond?: number;
}

export interface StandInRequest {
  readonly at: number;
  readonly service: 'cloudtrail' | 'logs' | 'sts' | 'unknown';
  readonly operation: string;
  readonly account?: string;
  readonly region?: string;
  readonly outcome: string;
  readonly body?: Record<string, unknown>;
}

export interface StandIn {
  readonly url: string;
  readonly log: StandInRequest[];
  close(): Promise<void>;
}

const LOOKUP_MAX = 50;
const INSIGHTS_MAX = 10_000;
const LOGS_TPS = 5;

/** The audit's Logs Insights filter, as the stand-in evaluates it. */
function insightsFilter(r: CloudTrailRecord): boolean {
  const issuer = r.userIdentity?.sessionContext?.sessionIssuer?.userName;
  if (typeof issuer === 'string' && /^AWSReservedSSO_/.test(issuer)) return true;
  const roleArn = r.requestParameters?.roleArn;
  return r.eventName === 'AssumeRoleWithSAML' && typeof roleArn === 'string' && /AWSReservedSSO_/.test(roleArn);
}

function insightsTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
}

export async function startCloudTrailStandIn(options: StandInOptions): Promise<StandIn> {
  const baseAccount = options.baseAccount ?? '999999999999';
  const log: StandInRequest[] = [];
  const started = Date.now();
  // account/region → records, newest first (LookupEvents' order).
  const trail = new Map<string, CloudTrailRecord[]>();
  for (const r of options.records ?? []) {
    const key = `${r.recipientAccountId}/${r.awsRegion}`;
    (trail.get(key) ?? trail.set(key, []).get(key)!).push(r);
  }
  for (const list of trail.values()) list.sort((a, b) => Date.parse(b.eventTime) - Date.parse(a.eventTime));
  // log group → matching records with their time, oldest first.
  const groups = new Map<string, { ms: number; r: CloudTrailRecord; text: string }[]>();
  for (const [name, records] of Object.entries(options.logGroups ?? {})) {
    groups.set(
      name,
      records
        .filter(insightsFilter)
        .map((r) => ({ ms: Date.parse(r.eventTime), r, text: JSON.stringify(r) }))
        .sort((a, b) => a.ms - b.ms),
    );
  }
  const queries = new Map<
    string,
    { polls: number; rows: { field: string; value: string }[][]; done: boolean; stopped?: boolean }
  >();
  const windows = new Map<string, number[]>();
  /** True when another request fits `perSecond` in the last second for `key`. */
  const admit = (key: string, perSecond: number): boolean => {
    const now = Date.now();
    const recent = (windows.get(key) ?? []).filter((t) => now - t < 1000);
    if (recent.length >= perSecond) {
      windows.set(key, recent);
      return false;
    }
    recent.push(now);
    windows.set(key, recent);
    return true;
  };
  let nextQuery = 1;

  const accountOfKey = (akid: string | undefined): string | undefined => {
    if (!akid) return undefined;
    const m = /^ASIA(\d{12})$/.exec(akid);
    return m ? m[1] : baseAccount;
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const auth = String(req.headers.authorization ?? '');
      const scope = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(auth);
      const akid = scope?.[1];
      const region = scope?.[2];
      const account = accountOfKey(akid);
      const target = String(req.headers['x-amz-target'] ?? '');
      const json = (status: number, body: unknown, entry: Omit<StandInRequest, 'at'>) => {
        log.push({ at: Date.now() - started, ...entry });
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(body));
      };
      const error = (status: number, type: string, message: string, entry: Omit<StandInRequest, 'at' | 'outcome'>) =>
        json(status, { __type: type, message }, { ...entry, outcome: type });

      if (!scope)
        return error(403, 'MissingAuthenticationTokenException', 'request is not signed', {
          service: 'unknown',
          operation: target || 'unknown',
        });

      if (target.endsWith('CloudTrail_20131101.LookupEvents')) {
        const body = JSON.parse(text || '{}') as {
          StartTime?: number;
          EndTime?: number;
          MaxResults?: number;
          NextToken?: string;
          LookupAttributes?: unknown[];
        };
        const entry = { service: 'cloudtrail' as const, operation: 'LookupEvents', account, region, body };
        if (!admit(`lookup/${account}/${region}`, options.lookupRatePerSecond ?? 2))
          return error(400, 'ThrottlingException', 'Rate exceeded', entry);
        const max = body.MaxResults ?? LOOKUP_MAX;
        if (max < 1 || max > LOOKUP_MAX)
          return error(400, 'InvalidMaxResultsException', 'MaxResults must be 1..50', entry);
        const since = (body.StartTime ?? 0) * 1000;
        const until = (body.EndTime ?? Date.now() / 1000) * 1000;
        const all = (trail.get(`${account}/${region}`) ?? []).filter((r) => {
          const t = Date.parse(r.eventTime);
          return t >= since && t <= until;
        });
        const offset = body.NextToken
          ? Number(Buffer.from(body.NextToken, 'base64').toString('utf8').split(':')[1])
          : 0;
        if (!Number.isInteger(offset) || offset < 0) return error(400, 'InvalidNextTokenException', 'bad token', entry);
        const page = all.slice(offset, offset + max);
        const more = offset + max < all.length;
        return json(
          200,
          {
            Events: page.map((r) => ({
              EventId: r.eventID,
              EventName: r.eventName,
              EventSource: r.eventSource,
              EventTime: Date.parse(r.eventTime) / 1000,
              Username: r.userIdentity?.arn?.split('/').pop() ?? r.userIdentity?.userName,
              Resources: (r.resources ?? []).map((x) => ({ ResourceType: x.type, ResourceName: x.ARN })),
              CloudTrailEvent: JSON.stringify(r),
            })),
            ...(more ? { NextToken: Buffer.from(`lookup:${offset + max}`).toString('base64') } : {}),
          },
          { ...entry, outcome: `ok ${page.length}` },
        );
      }

      if (target.startsWith('Logs_20140328.')) {
        const op = target.slice('Logs_20140328.'.length);
        const body = JSON.parse(text || '{}') as Record<string, unknown>;
        const entry = { service: 'logs' as const, operation: op, account, region, body };
        if (!admit(`logs/${op}/${account}/${region}`, LOGS_TPS))
          return error(400, 'ThrottlingException', 'Rate exceeded', entry);
        if (op === 'StartQuery') {
          const name =
            (body.logGroupName as string | undefined) ??
            ((body.logGroupIdentifiers as string[] | undefined)?.[0] ?? '').replace(/^arn:.*:log-group:/, '');
          const records = groups.get(name);
          if (!records)
            return error(400, 'ResourceNotFoundException', `The specified log group does not exist: ${name}`, entry);
          const limit = (body.limit as number | undefined) ?? INSIGHTS_MAX;
          if (limit < 1 || limit > INSIGHTS_MAX)
            return error(400, 'InvalidParameterException', 'limit must be 1..10000', entry);
          const running = [...queries.values()].filter((q) => !q.done).length;
          if (running >= (options.maxConcurrentQueries ?? 30))
            return error(400, 'LimitExceededException', 'too many concurrent queries', entry);
          const from = (body.startTime as number) * 1000;
          const to = (body.endTime as number) * 1000 + 999;
          const rows: { field: string; value: string }[][] = [];
          for (const e of records) {
            if (e.ms < from) continue;
            if (e.ms > to || rows.length >= limit) break;
            rows.push([
              { field: '@timestamp', value: insightsTimestamp(e.ms) },
              { field: '@message', value: e.text },
              { field: 'eventID', value: e.r.eventID ?? '' },
              { field: '@ptr', value: `ptr-${e.r.eventID}` },
            ]);
          }
          const queryId = `q-${nextQuery++}`;
          queries.set(queryId, { polls: 0, rows, done: false });
          return json(200, { queryId }, { ...entry, outcome: `ok ${queryId}` });
        }
        if (op === 'GetQueryResults') {
          const q = queries.get(body.queryId as string);
          if (!q) return error(400, 'ResourceNotFoundException', 'unknown query', entry);
          q.polls++;
          if (q.stopped) return json(200, { status: 'Cancelled', results: [] }, { ...entry, outcome: 'Cancelled' });
          if (q.polls < 2) return json(200, { status: 'Running', results: [] }, { ...entry, outcome: 'Running' });
          q.done = true;
          return json(
            200,
            { status: 'Complete', results: q.rows, statistics: { recordsMatched: q.rows.length } },
            { ...entry, outcome: `Complete ${q.rows.length}` },
          );
        }
        if (op === 'StopQuery') {
          const q = queries.get(body.queryId as string);
          if (q) Object.assign(q, { stopped: true, done: true });
          return json(200, { success: !!q }, { ...entry, outcome: 'ok' });
        }
        return error(400, 'UnknownOperationException', op, entry);
      }

      // STS, query protocol.
      const form = new URLSearchParams(text);
      if (form.get('Action') === 'AssumeRole') {
        const roleArn = form.get('RoleArn') ?? '';
        const entry = {
          service: 'sts' as const,
          operation: 'AssumeRole',
          account,
          region,
          body: { RoleArn: roleArn, RoleSessionName: form.get('RoleSessionName') },
        };
        const xml = (status: number, body: string, outcome: string) => {
          log.push({ at: Date.now() - started, ...entry, outcome });
          res.writeHead(status, { 'content-type': 'text/xml' });
          res.end(body);
        };
        if (!(options.roles ?? []).includes(roleArn)) {
          return xml(
            403,
            `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User is not authorized to perform: sts:AssumeRole on resource: ${roleArn}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`,
            'AccessDenied',
          );
        }
        const target = /^arn:aws[a-z-]*:iam::(\d{12}):role\//.exec(roleArn)![1];
        const expiration = new Date(Date.now() + 3_600_000).toISOString();
        return xml(
          200,
          `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials><AccessKeyId>ASIA${target}</AccessKeyId><SecretAccessKey>secret</SecretAccessKey><SessionToken>token-${target}</SessionToken><Expiration>${expiration}</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:zone-access-audit</AssumedRoleId><Arn>arn:aws:sts::${target}:assumed-role/x/zone-access-audit</Arn></AssumedRoleUser></AssumeRoleResult><ResponseMetadata><RequestId>r-2</RequestId></ResponseMetadata></AssumeRoleResponse>`,
          'ok',
        );
      }
      return error(400, 'UnknownOperationException', `unknown request ${target || form.get('Action') || req.url}`, {
        service: 'unknown',
        operation: target || form.get('Action') || 'unknown',
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

// ---------------------------------------------------------------------------------------------
// Records in CloudTrail's documented shape.

let seq = 0;

export interface CallSpec {
  readonly account: string;
  readonly region?: string;
  /** The permission set name (the role is AWSReservedSSO_<ps>_<suffix>). */
  readonly permissionSet: string;
  readonly person: string;
  readonly time: string;
  readonly source: string;
  readonly name: string;
  readonly errorCode?: string;
  readonly resources?: readonly string[];
  readonly requestParameters?: Record<string, unknown>;
}

const SUFFIX = 'a1b2c3d4e5f60718';

/** A call made in an Identity Center role session (`userIdentity.type` AssumedRole). */
export function callRecord(spec: CallSpec): CloudTrailRecord {
  const role = `AWSReservedSSO_${spec.permissionSet}_${SUFFIX}`;
  return {
    eventVersion: '1.09',
    eventID: `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`,
    eventTime: spec.time,
    eventSource: spec.source,
    eventName: spec.name,
    awsRegion: spec.region ?? 'eu-north-1',
    recipientAccountId: spec.account,
    userIdentity: {
      type: 'AssumedRole',
      principalId: `AROAEXAMPLEID:${spec.person}`,
      arn: `arn:aws:sts::${spec.account}:assumed-role/${role}/${spec.person}`,
      accountId: spec.account,
      sessionContext: {
        sessionIssuer: {
          type: 'Role',
          principalId: 'AROAEXAMPLEID',
          arn: `arn:aws:iam::${spec.account}:role/aws-reserved/sso.amazonaws.com/eu-north-1/${role}`,
          accountId: spec.account,
          userName: role,
        },
      },
    },
    ...(spec.errorCode
      ? { errorCode: spec.errorCode, errorMessage: `User is not authorized to perform: ${spec.name}` }
      : {}),
    requestParameters: spec.requestParameters ?? null,
    ...(spec.resources ? { resources: spec.resources.map((ARN) => ({ ARN, accountId: spec.account })) } : {}),
    eventCategory: 'Management',
  };
}

/** Identity Center federating a person into the role: STS AssumeRoleWithSAML as the member account records it. */
export function signInRecord(
  spec: Pick<CallSpec, 'account' | 'region' | 'permissionSet' | 'person' | 'time'> & { readonly errorCode?: string },
): CloudTrailRecord {
  const role = `AWSReservedSSO_${spec.permissionSet}_${SUFFIX}`;
  const provider = `arn:aws:iam::${spec.account}:saml-provider/AWSSSO_0123456789abcdef_DO_NOT_DELETE`;
  return {
    eventVersion: '1.08',
    eventID: `00000000-0000-4000-9000-${String(++seq).padStart(12, '0')}`,
    eventTime: spec.time,
    eventSource: 'sts.amazonaws.com',
    eventName: 'AssumeRoleWithSAML',
    awsRegion: spec.region ?? 'eu-north-1',
    recipientAccountId: spec.account,
    userIdentity: {
      type: 'SAMLUser',
      principalId: `EXAMPLEhash:${spec.person}`,
      userName: spec.person,
      identityProvider: 'EXAMPLEhash',
    } as CloudTrailRecord['userIdentity'],
    ...(spec.errorCode ? { errorCode: spec.errorCode } : {}),
    requestParameters: {
      sAMLAssertionID: `_${seq}`,
      roleSessionName: spec.person,
      roleArn: `arn:aws:iam::${spec.account}:role/aws-reserved/sso.amazonaws.com/eu-north-1/${role}`,
      principalArn: provider,
      durationSeconds: 3600,
    },
    eventCategory: 'Management',
  };
}
