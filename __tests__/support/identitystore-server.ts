import { createHash } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny stand-in for the AWS Identity Store API on 127.0.0.1, speaking the awsJson1_1 protocol
 * the way the AWS SDKs expect it (POST /, `X-Amz-Target: AWSIdentityStore.<Operation>`,
 * `Content-Type: application/x-amz-json-1.1`, errors as `{"__type": ..., "Message": ...}`).
 *
 * Operations: GetGroupId (DisplayName unique attribute), DescribeGroup, ListGroups — what
 * `zone-access await-sync` and the Terraform aws provider's `data "aws_identitystore_group"`
 * (GetGroupId, then DescribeGroup) call. Requests must be SigV4-signed for the `identitystore`
 * service; the signature itself is not verified.
 *
 * Groups can appear after a delay (like SCIM provisioning), never appear, and the server can
 * throttle a number of GetGroupId calls. Every request is logged for assertions.
 */

export interface FakeGroup {
  readonly displayName: string;
  /** Milliseconds after the server's clock starts (see `clockStartsAt`) before the group exists. Default 0. */
  readonly appearAfterMs?: number;
  /** The group never appears (as if SCIM never provisioned it). */
  readonly never?: boolean;
  readonly description?: string;
  /** Default: derived from the display name, in the Identity Store's `<10 hex>-<uuid>` shape. */
  readonly groupId?: string;
}

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

export interface IdentityStoreServerOptions {
  readonly identityStoreId: string;
  readonly groups: readonly FakeGroup[];
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

export interface RequestLogEntry {
  /** Milliseconds since the server's clock started (see `clockStartsAt`). */
  readonly at: number;
  /** `Date.now()` when the answer was sent. */
  readonly time: number;
  /** The operation, from `X-Amz-Target` (`GetGroupId`, ...). */
  readonly operation: string;
  readonly displayName?: string;
  readonly groupId?: string;
  readonly status: number;
  /** `ok`, or the error `__type` returned. */
  readonly outcome: string;
  /** The SigV4 credential scope service, e.g. `identitystore`. */
  readonly signedService?: string;
}

export interface IdentityStoreServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly log: RequestLogEntry[];
  /** The id the server returns for a display name. */
  groupId(displayName: string): string;
  /** GetGroupId requests for one display name, in order. */
  lookups(displayName: string): RequestLogEntry[];
  /** Makes a group exist now, whatever its delay. */
  appear(displayName: string): void;
  /** Clears the log, restarts the clock (per `clockStartsAt`) and re-arms the throttle rule. */
  reset(): void;
  close(): Promise<void>;
}

export function fakeGroupId(displayName: string): string {
  const h = createHash('sha256').update(displayName).digest('hex');
  return `${h.slice(0, 10)}-${h.slice(10, 18)}-${h.slice(18, 22)}-4${h.slice(23, 26)}-a${h.slice(27, 30)}-${h.slice(30, 42)}`;
}

export async function startIdentityStoreServer(options: IdentityStoreServerOptions): Promise<IdentityStoreServer> {
  const groups = new Map(options.groups.map((g) => [g.displayName, g]));
  const ids = new Map(options.groups.map((g) => [g.displayName, g.groupId ?? fakeGroupId(g.displayName)]));
  const forced = new Set<string>();
  const log: RequestLogEntry[] = [];
  const firstRequestClock = (options.clockStartsAt ?? 'first-request') === 'first-request';
  /** Undefined until the first request, in first-request mode. */
  let startedAt: number | undefined = firstRequestClock ? undefined : Date.now();
  const clock = (): number => {
    startedAt ??= Date.now();
    return Date.now() - startedAt;
  };
  let throttleSeen = 0;
  let throttled = 0;

  const exists = (name: string): boolean => {
    const g = groups.get(name);
    if (!g) return false;
    if (forced.has(name)) return true;
    if (g.never) return false;
    return clock() >= (g.appearAfterMs ?? 0);
  };
  const byId = (id: string): FakeGroup | undefined => {
    for (const [name, gid] of ids) if (gid === id && exists(name)) return groups.get(name);
    return undefined;
  };
  const describe = (g: FakeGroup): Record<string, unknown> => ({
    GroupId: ids.get(g.displayName),
    IdentityStoreId: options.identityStoreId,
    DisplayName: g.displayName,
    ...(g.description ? { Description: g.description } : {}),
    ExternalIds: [{ Issuer: 'https://scim.aws.com/1234567890', Id: ids.get(g.displayName)!.slice(11) }],
  });

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
    const operation = target.startsWith('AWSIdentityStore.') ? target.slice('AWSIdentityStore.'.length) : target;
    const auth = String(req.headers.authorization ?? '');
    const signedService = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(auth)?.[1];
    const base = { operation, ...(signedService ? { signedService } : {}) };

    if (req.method !== 'POST' || !target.startsWith('AWSIdentityStore.')) {
      return send(res, 400, { __type: 'UnknownOperationException', Message: `unknown target "${target}"` }, base);
    }
    if (!String(req.headers['content-type'] ?? '').startsWith('application/x-amz-json-1.1')) {
      return send(res, 400, { __type: 'SerializationException', Message: 'expected application/x-amz-json-1.1' }, base);
    }
    if (!auth.startsWith('AWS4-HMAC-SHA256 ') || signedService !== 'identitystore') {
      return send(res, 403, { __type: 'MissingAuthenticationTokenException', Message: 'request must be SigV4-signed for identitystore' }, base);
    }
    let input: Record<string, unknown>;
    try {
      input = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return send(res, 400, { __type: 'SerializationException', Message: 'body is not JSON' }, base);
    }
    if (input.IdentityStoreId !== options.identityStoreId) {
      return send(
        res,
        400,
        { __type: 'ResourceNotFoundException', Message: 'identity store not found', ResourceType: 'IDENTITY_STORE', ResourceId: String(input.IdentityStoreId) },
        base,
      );
    }

    switch (operation) {
      case 'GetGroupId': {
        const ua = (input.AlternateIdentifier as { UniqueAttribute?: { AttributePath?: unknown; AttributeValue?: unknown } } | undefined)?.UniqueAttribute;
        if (!ua || typeof ua.AttributePath !== 'string' || ua.AttributePath.toLowerCase() !== 'displayname' || typeof ua.AttributeValue !== 'string') {
          return send(res, 400, { __type: 'ValidationException', Message: 'only AlternateIdentifier.UniqueAttribute DisplayName is supported here' }, base);
        }
        const name = ua.AttributeValue;
        const entry = { ...base, displayName: name };
        const rule = options.throttle;
        if (rule && (rule.displayName === undefined || rule.displayName === name)) {
          throttleSeen++;
          if (throttleSeen > (rule.after ?? 0) && throttled < (rule.times ?? 1)) {
            throttled++;
            return send(
              res,
              rule.status ?? 400,
              { __type: 'ThrottlingException', Message: 'Rate exceeded' },
              entry,
              rule.retryAfterSeconds !== undefined ? { 'Retry-After': String(rule.retryAfterSeconds) } : {},
            );
          }
        }
        if (!exists(name)) {
          return send(res, 400, { __type: 'ResourceNotFoundException', Message: 'GROUP not found', ResourceType: 'GROUP' }, entry);
        }
        return send(res, 200, { GroupId: ids.get(name), IdentityStoreId: options.identityStoreId }, { ...entry, groupId: ids.get(name)! });
      }
      case 'DescribeGroup': {
        const id = String(input.GroupId ?? '');
        const g = byId(id);
        if (!g) {
          return send(res, 400, { __type: 'ResourceNotFoundException', Message: 'GROUP not found', ResourceType: 'GROUP', ResourceId: id }, { ...base, groupId: id });
        }
        return send(res, 200, describe(g), { ...base, groupId: id, displayName: g.displayName });
      }
      case 'ListGroups': {
        const filters = (input.Filters as { AttributePath?: string; AttributeValue?: string }[] | undefined) ?? [];
        const wanted = filters.find((f) => f.AttributePath?.toLowerCase() === 'displayname')?.AttributeValue;
        const all = [...groups.values()].filter((g) => exists(g.displayName) && (wanted === undefined || g.displayName === wanted));
        const max = typeof input.MaxResults === 'number' ? input.MaxResults : 100;
        const start = typeof input.NextToken === 'string' ? Number(input.NextToken) : 0;
        const page = all.slice(start, start + max);
        const next = start + max < all.length ? { NextToken: String(start + max) } : {};
        return send(res, 200, { Groups: page.map(describe), ...next }, base);
      }
      default:
        return send(res, 400, { __type: 'UnknownOperationException', Message: `operation ${operation} is not implemented by the test server` }, base);
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
    log,
    groupId: (name) => ids.get(name) ?? fakeGroupId(name),
    lookups: (name) => log.filter((e) => e.operation === 'GetGroupId' && e.displayName === name),
    appear: (name) => void forced.add(name),
    reset: () => {
      log.length = 0;
      forced.clear();
      startedAt = firstRequestClock ? undefined : Date.now();
      throttleSeen = 0;
      throttled = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        server.closeAllConnections();
      }),
  };
}
