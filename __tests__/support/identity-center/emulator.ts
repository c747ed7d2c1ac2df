import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeGroupId, IdentityStore, type SeedGroup, type StoredGroup } from './identity-store';
import { AwsError, type Handler, type LogNote } from './protocol';
import { SsoAdmin, type SsoAdminOptions, type SsoAdminState } from './sso-admin';
import { IdentityStoreMembers, type SeedUser } from './identity-store-members';
import { ssoAdminReads } from './sso-admin-reads';

/**
 * An IAM Identity Center emulator for tests: one HTTP server on 127.0.0.1 (random port) that
 * speaks the AWS JSON 1.1 protocol for SSO Admin (`X-Amz-Target: SWBExternalService.<Op>`, SigV4
 * service `sso`) and Identity Store (`AWSIdentityStore.<Op>`, SigV4 service `identitystore`).
 *
 * It implements exactly the operations terraform-provider-aws 5.100.0 calls for the resources and
 * data sources Zone Access emits (read off the provider's request log with TF_LOG=DEBUG; the
 * lifecycle test asserts that the set of operations it saw is this list), plus CreateGroup for
 * seeding. Anything else, including an STS call, is answered at once with HTTP 400
 * `UnknownOperationException` naming the operation, so a provider change fails loudly instead of
 * hanging. Every request is logged for assertions.
 *
 * The signature is not verified (only that the request is SigV4-signed for the right service).
 */

export interface ThrottleRule {
  /** How many matching GetGroupId requests to throttle. Default 1. */
  readonly times?: number;
  /** Only requests for this display name; default any. */
  readonly displayName?: string;
  /** HTTP status of the throttling answer. Default 400 (awsJson services answer errors with 400). */
  readonly status?: number;
  /** Sent as `Retry-After` (seconds), which the SDK binds to `ThrottlingException.RetryAfterSeconds`. */
  readonly retryAfterSeconds?: number;
  /** Skip this many matching requests before throttling. Default 0. */
  readonly after?: number;
}

/**
 * A token bucket over every request: above `ratePerSecond` (after a burst of `burst`), requests
 * get ThrottlingException, HTTP 400 — IAM Identity Center's APIs are rate-limited per account
 * (https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html#ssothrottlelimits;
 * ThrottlingException in every operation's Errors: "the principal has crossed the throttling
 * limits of the API operations").
 */
export interface RateLimit {
  readonly ratePerSecond: number;
  /** Default: one second's worth. */
  readonly burst?: number;
}

export interface EmulatorOptions extends Partial<Omit<SsoAdminOptions, 'instanceArn'>> {
  readonly instanceArn?: string;
  readonly identityStoreId: string;
  readonly groups?: readonly SeedGroup[];
  readonly rateLimit?: RateLimit;
  /** Throttle specific GetGroupId requests (for the await-sync backoff tests). */
  readonly throttle?: ThrottleRule;
  /** Artificial latency per request. Default 0. */
  readonly latencyMs?: number;
  /**
   * When the clock for `appearAfterMs` and `RequestLogEntry.at` starts: at the first request
   * (default; so a slow test machine does not change what the client sees), or when the server
   * starts listening. `reset` restarts it the same way.
   */
  readonly clockStartsAt?: 'first-request' | 'listen';
}

export interface RequestLogEntry extends LogNote {
  /** Milliseconds since the emulator's clock started (see `clockStartsAt`). */
  readonly at: number;
  /** `Date.now()` when the answer was sent. */
  readonly time: number;
  /** `sso` (SSO Admin), `identitystore`, or `unknown`. */
  readonly service: string;
  /** The operation, from `X-Amz-Target` (`GetGroupId`, ...), or what an unknown request was. */
  readonly operation: string;
  readonly status: number;
  /** `ok`, or the error `__type` returned. */
  readonly outcome: string;
  /** The SigV4 credential scope service, e.g. `identitystore`. */
  readonly signedService?: string;
}

export interface EmulatorState extends SsoAdminState {
  /** Display names of the groups, sorted. */
  readonly groups: readonly string[];
}

/**
 * A scripted error for the next requests of one operation, e.g. ConflictException ("Occurs when a
 * conflict with a previous successful write is detected ... A retry (with appropriate backoff
 * logic) is the recommended response", in the Errors of the SSO Admin reads) or an AccessDenied.
 */
export interface FaultRule {
  readonly operation: string;
  readonly type: string;
  /** Default 1. */
  readonly times?: number;
  readonly status?: number;
}

export interface IdentityCenterEmulator {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly instanceArn: string;
  readonly identityStoreId: string;
  readonly log: RequestLogEntry[];
  state(): EmulatorState;
  /** Seeds a group (display names are unique: a second one throws ConflictException). */
  createGroup(seed: SeedGroup): StoredGroup;
  /** The id the emulator gives (or would give) a group of this display name. */
  groupId(displayName: string): string;
  /** GetGroupId requests for one display name, in order. */
  lookups(displayName: string): RequestLogEntry[];
  /** Makes a group exist now, whatever its delay. */
  appear(displayName: string): void;
  /** Changes conflict, status-poll and rate-limit behaviour from now on. */
  configure(change: Partial<Omit<SsoAdminOptions, 'instanceArn'>> & { rateLimit?: RateLimit | null }): void;
  /** Seeds an Identity Store user (what SCIM does for the members of an assigned group). */
  createUser(seed: SeedUser): string;
  /** Adds a user (by UserName) to a group (by display name) in the Identity Store. */
  addMember(groupDisplayName: string, userName: string): string;
  /** `<group id> <user name>` of every Identity Store membership, sorted. */
  memberships(): string[];
  /** Answers the next matching requests with an error. */
  fault(rule: FaultRule): void;
  /** Clears the log, restarts the clock (per `clockStartsAt`) and re-arms the throttle rule. */
  reset(): void;
  close(): Promise<void>;
}

const SERVICES: Record<string, { service: string; signing: string }> = {
  SWBExternalService: { service: 'sso', signing: 'sso' },
  AWSIdentityStore: { service: 'identitystore', signing: 'identitystore' },
};

/**
 * `<service>.<Operation>` for every operation the emulator answers for the aws provider (and
 * CreateGroup for seeding), sorted; the reads only `drift` and `doctor` make: `liveReadOperations`.
 */
export function implementedOperations(): string[] {
  const sso = new SsoAdmin({ instanceArn: DEFAULT_INSTANCE_ARN });
  const store = new IdentityStore('d-0000000000', () => 0);
  return [
    ...Object.keys(sso.operations).map((o) => `sso.${o}`),
    ...Object.keys(store.operations).map((o) => `identitystore.${o}`),
  ].sort();
}

/** `<service>.<Operation>` the emulator answers beyond `implementedOperations` (drift and doctor reads, console changes), sorted. */
export function liveReadOperations(): string[] {
  const sso = new SsoAdmin({ instanceArn: DEFAULT_INSTANCE_ARN });
  const members = new IdentityStoreMembers('d-0000000000', () => false);
  return [
    ...Object.keys(ssoAdminReads(sso)).map((o) => `sso.${o}`),
    ...Object.keys(members.operations).map((o) => `identitystore.${o}`),
  ].sort();
}

export const DEFAULT_INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-1111222233334444';

export async function startIdentityCenterEmulator(options: EmulatorOptions): Promise<IdentityCenterEmulator> {
  const instanceArn = options.instanceArn ?? DEFAULT_INSTANCE_ARN;
  const log: RequestLogEntry[] = [];
  const firstRequestClock = (options.clockStartsAt ?? 'first-request') === 'first-request';
  let startedAt: number | undefined = firstRequestClock ? undefined : Date.now();
  const clock = (): number => {
    startedAt ??= Date.now();
    return Date.now() - startedAt;
  };
  const store = new IdentityStore(options.identityStoreId, clock);
  for (const g of options.groups ?? []) store.createGroup(g);
  const sso = new SsoAdmin({ ...options, instanceArn });
  const members = new IdentityStoreMembers(options.identityStoreId, (id) =>
    store.visible().some((g) => g.groupId === id),
  );
  const handlers: Record<string, Readonly<Record<string, Handler>>> = {
    sso: { ...sso.operations, ...ssoAdminReads(sso) },
    identitystore: { ...store.operations, ...members.operations },
  };
  const faults: { rule: FaultRule; left: number }[] = [];

  let rateLimit: RateLimit | undefined = options.rateLimit;
  let tokens = rateLimit ? (rateLimit.burst ?? rateLimit.ratePerSecond) : 0;
  let refilledAt = Date.now();
  const takeToken = (): boolean => {
    if (!rateLimit) return true;
    const now = Date.now();
    tokens = Math.min(
      rateLimit.burst ?? rateLimit.ratePerSecond,
      tokens + ((now - refilledAt) / 1000) * rateLimit.ratePerSecond,
    );
    refilledAt = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
  let ruleSeen = 0;
  let ruleThrottled = 0;

  const server = http.createServer((req, res) => {
    clock();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (): void => handle(req, Buffer.concat(chunks).toString('utf8'), res);
      if (options.latencyMs) setTimeout(reply, options.latencyMs);
      else reply();
    });
  });

  function send(
    res: http.ServerResponse,
    status: number,
    body: Record<string, unknown>,
    entry: Omit<RequestLogEntry, 'at' | 'time' | 'status' | 'outcome'>,
    headers: Record<string, string> = {},
  ): void {
    const type = typeof body.__type === 'string' ? body.__type : undefined;
    log.push({ at: clock(), time: Date.now(), status, outcome: type ?? 'ok', ...entry });
    const payload = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/x-amz-json-1.1',
      'Content-Length': Buffer.byteLength(payload),
      'x-amzn-RequestId': `req-${log.length}`,
      ...headers,
    });
    res.end(payload);
  }

  function handle(req: http.IncomingMessage, raw: string, res: http.ServerResponse): void {
    const target = String(req.headers['x-amz-target'] ?? '');
    const dot = target.indexOf('.');
    const known = SERVICES[target.slice(0, dot)];
    const operation = known ? target.slice(dot + 1) : target || describeUnknown(req, raw);
    const auth = String(req.headers.authorization ?? '');
    const signedService = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(auth)?.[1];
    const base: Omit<RequestLogEntry, 'at' | 'time' | 'status' | 'outcome'> = {
      service: known?.service ?? 'unknown',
      operation,
      ...(signedService ? { signedService } : {}),
    };
    const fail = (e: AwsError, headers: Record<string, string> = {}, entry = base): void =>
      send(res, e.status, { __type: e.type, Message: e.message, ...e.extra }, entry, headers);

    const handler = known ? handlers[known.service]![operation] : undefined;
    if (req.method !== 'POST' || !known || !handler) {
      return fail(
        new AwsError(
          'UnknownOperationException',
          `the Identity Center emulator does not implement ${known ? `${known.service} ` : ''}${operation}`,
        ),
      );
    }
    if (!String(req.headers['content-type'] ?? '').startsWith('application/x-amz-json-1.1')) {
      return fail(new AwsError('SerializationException', 'expected application/x-amz-json-1.1'));
    }
    if (!auth.startsWith('AWS4-HMAC-SHA256 ') || signedService !== known.signing) {
      return fail(
        new AwsError('MissingAuthenticationTokenException', `request must be SigV4-signed for ${known.signing}`, 403),
      );
    }
    let input: Record<string, unknown>;
    try {
      input = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return fail(new AwsError('SerializationException', 'body is not JSON'));
    }
    const entry: Record<string, unknown> = { ...base };
    const note = (n: LogNote): void => void Object.assign(entry, n);
    try {
      if (!takeToken()) throw new AwsError('ThrottlingException', 'Rate exceeded');
      const fault = faults.find((f) => f.rule.operation === operation && f.left > 0);
      if (fault) {
        fault.left--;
        throw new AwsError(fault.rule.type, `scripted ${fault.rule.type}`, fault.rule.status ?? 400);
      }
      const rule = options.throttle;
      if (rule && operation === 'GetGroupId') {
        const ua = (input.AlternateIdentifier as { UniqueAttribute?: { AttributeValue?: unknown } } | undefined)
          ?.UniqueAttribute;
        const name = typeof ua?.AttributeValue === 'string' ? ua.AttributeValue : undefined;
        if (rule.displayName === undefined || rule.displayName === name) {
          ruleSeen++;
          if (ruleSeen > (rule.after ?? 0) && ruleThrottled < (rule.times ?? 1)) {
            ruleThrottled++;
            note(name !== undefined ? { displayName: name } : {});
            return fail(
              new AwsError('ThrottlingException', 'Rate exceeded', rule.status ?? 400),
              rule.retryAfterSeconds !== undefined ? { 'Retry-After': String(rule.retryAfterSeconds) } : {},
              entry as typeof base,
            );
          }
        }
      }
      const out = handler(input, note);
      return send(res, 200, out, entry as typeof base);
    } catch (e) {
      if (e instanceof AwsError) return fail(e, {}, entry as typeof base);
      return fail(
        new AwsError('InternalServerException', `emulator bug: ${(e as Error).stack ?? String(e)}`, 500),
        {},
        entry as typeof base,
      );
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  if (!firstRequestClock) startedAt = Date.now();
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    instanceArn,
    identityStoreId: options.identityStoreId,
    log,
    state: () => ({
      ...sso.state(),
      groups: store
        .visible()
        .map((g) => g.displayName)
        .sort(),
    }),
    createGroup: (seed) => store.createGroup(seed),
    groupId: (name) => store.idOf(name) ?? fakeGroupId(name),
    lookups: (name) => log.filter((e) => e.operation === 'GetGroupId' && e.displayName === name),
    appear: (name) => store.appear(name),
    createUser: (seed) => members.createUser(seed).userId,
    addMember: (group, userName) => {
      const groupId = store.idOf(group);
      const userId = members.userIdOf(userName);
      if (!groupId || !userId) throw new Error(`no group ${group} or user ${userName} in the emulator`);
      return members.addMembership(groupId, userId);
    },
    memberships: () => members.state(),
    fault: (rule) => void faults.push({ rule, left: rule.times ?? 1 }),
    configure: ({ rateLimit: limit, ...rest }) => {
      sso.configure(rest);
      if (limit !== undefined) {
        rateLimit = limit ?? undefined;
        tokens = rateLimit ? (rateLimit.burst ?? rateLimit.ratePerSecond) : 0;
        refilledAt = Date.now();
      }
    },
    reset: () => {
      log.length = 0;
      store.resetAppearances();
      startedAt = firstRequestClock ? undefined : Date.now();
      ruleSeen = 0;
      ruleThrottled = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Names a request without an X-Amz-Target, e.g. an STS query-protocol call (`sts Action=GetCallerIdentity`). */
function describeUnknown(req: http.IncomingMessage, raw: string): string {
  const action = /(?:^|&)Action=([^&]+)/.exec(raw)?.[1];
  const scope = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
  return `${req.method} ${req.url}${scope ? ` (${scope}${action ? ` Action=${action}` : ''})` : ''}`;
}
