import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the two Microsoft Graph v1.0 calls `await-sync --provision` makes, on 127.0.0.1
 * (random port):
 * - `GET /v1.0/groups?$filter=displayName eq '<name>'&$select=id,displayName`
 * - `POST /v1.0/servicePrincipals/{id}/synchronization/jobs/{jobId}/provisionOnDemand`, answering
 *   with Graph's `stringKeyStringValuePair` (key: `{ result, details }`, value: `{ statusInfo, ... }`),
 *   as in the v1.0 reference's example.
 * Every request must carry `Authorization: Bearer <token>`. Answers per group are scripted; every
 * request is logged.
 */

export type ScriptedAnswer =
  | 'success'
  | 'redundant'
  | 'not-effective'
  | 'failure'
  | { readonly status: number; readonly code?: string; readonly retryAfterSeconds?: number };

export interface GraphServerOptions {
  readonly token: string;
  readonly servicePrincipalId: string;
  readonly jobId: string;
  /** Display name → object id of the Entra groups that exist. */
  readonly groups: Readonly<Record<string, string>>;
  /** Object id → answers to its provisionOnDemand requests, in order; the last one repeats. Default: success. */
  readonly answers?: Readonly<Record<string, readonly ScriptedAnswer[]>>;
  /** Called when a request is answered with success (e.g. to make the group appear in the Identity Store). */
  readonly onProvisioned?: (objectId: string) => void;
  /**
   * More endpoints, tried in order before the two calls above (e.g. graph-directory.ts's users,
   * groups, owners, members and assignments; graph-entitlement.ts's access package assignments).
   */
  readonly routes?: readonly GraphRoute[];
}

/**
 * An extra endpoint: its answer, or undefined when the request is not for it. `base` is the server's
 * `http://127.0.0.1:<port>/v1.0`, for absolute `@odata.nextLink`s.
 */
export type GraphRoute = (request: {
  readonly method: string;
  readonly url: URL;
  readonly body: unknown;
  readonly base: string;
}) =>
  | {
      readonly status: number;
      readonly body?: unknown;
      readonly headers?: Record<string, string>;
      readonly answer?: string;
    }
  | undefined;

export interface GraphLogEntry {
  /** `Date.now()` when the request arrived. */
  readonly receivedAt: number;
  /** `Date.now()` when it was answered. */
  readonly time: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly authorization?: string;
  readonly body?: any;
  readonly answer?: string;
}

export interface GraphServer {
  readonly url: string;
  readonly log: GraphLogEntry[];
  provisionRequests(objectId?: string): GraphLogEntry[];
  close(): Promise<void>;
}

function pair(result: string, details: Record<string, unknown>, status: string): Record<string, unknown> {
  return {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.stringKeyStringValuePair',
    key: JSON.stringify({ result, details }),
    value: JSON.stringify({
      statusInfo: { status, errorCode: details.errorCode ?? null, reason: details.errorMessage ?? null },
      provisioningSteps: [],
    }),
  };
}

const BODIES: Record<'success' | 'redundant' | 'not-effective' | 'failure', Record<string, unknown>> = {
  success: pair('Success', {}, 'Success'),
  redundant: pair(
    'Skipped',
    {
      errorCode: 'RedundantExport',
      errorMessage: 'The state of the group in both the source and target systems already match.',
    },
    'Skipped',
  ),
  'not-effective': pair(
    'Skipped',
    { errorCode: 'NotEffectivelyEntitled', errorMessage: 'The group is not assigned to the application.' },
    'Skipped',
  ),
  failure: pair(
    'Failure',
    {
      errorCode: 'SystemForCrossDomainIdentityManagementServiceIncompatible',
      errorMessage: 'The SCIM endpoint answered 500.',
    },
    'Failure',
  ),
};

export async function startGraphServer(options: GraphServerOptions): Promise<GraphServer> {
  const log: GraphLogEntry[] = [];
  const counts = new Map<string, number>();
  const podPath = `/v1.0/servicePrincipals/${options.servicePrincipalId}/synchronization/jobs/${options.jobId}/provisionOnDemand`;

  const server = http.createServer((req, res) => {
    const receivedAt = Date.now();
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const send = (
        status: number,
        body: unknown,
        headers: Record<string, string> = {},
        answer?: string,
        parsed?: unknown,
      ) => {
        log.push({
          receivedAt,
          time: Date.now(),
          method: req.method ?? '',
          path: url.pathname + url.search,
          status,
          ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
          ...(parsed !== undefined ? { body: parsed } : {}),
          ...(answer ? { answer } : {}),
        });
        res.writeHead(status, { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers });
        res.end(body !== undefined ? JSON.stringify(body) : undefined);
      };
      if (req.headers.authorization !== `Bearer ${options.token}`) {
        send(401, { error: { code: 'InvalidAuthenticationToken', message: 'Access token is empty or invalid.' } });
        return;
      }
      let parsed: unknown;
      try {
        parsed = raw ? JSON.parse(raw) : undefined;
      } catch {
        return send(400, { error: { code: 'BadRequest', message: 'the body is not JSON' } });
      }
      for (const route of options.routes ?? []) {
        const answer = route({ method: req.method ?? '', url, body: parsed, base: `http://127.0.0.1:${port}/v1.0` });
        if (answer) return send(answer.status, answer.body, answer.headers, answer.answer, parsed);
      }
      if (req.method === 'GET' && url.pathname === '/v1.0/groups') {
        const m = /^displayName eq '((?:[^']|'')*)'$/.exec(url.searchParams.get('$filter') ?? '');
        if (!m) return send(400, { error: { code: 'BadRequest', message: 'unsupported filter' } });
        const name = m[1]!.replace(/''/g, "'");
        const id = options.groups[name];
        return send(200, { value: id ? [{ id, displayName: name }] : [] });
      }
      if (req.method === 'POST' && url.pathname.endsWith('/provisionOnDemand')) {
        if (url.pathname !== podPath)
          return send(404, { error: { code: 'Request_ResourceNotFound', message: `no job at ${url.pathname}` } });
        const body = parsed as {
          parameters: { ruleId: string; subjects: { objectId: string; objectTypeName: string }[] }[];
        };
        const objectId = body.parameters[0]!.subjects[0]!.objectId;
        const n = counts.get(objectId) ?? 0;
        counts.set(objectId, n + 1);
        const script = options.answers?.[objectId] ?? ['success'];
        const answer = script[Math.min(n, script.length - 1)]!;
        if (typeof answer === 'object') {
          return send(
            answer.status,
            { error: { code: answer.code ?? 'Error', message: `scripted ${answer.status}` } },
            answer.retryAfterSeconds !== undefined ? { 'Retry-After': String(answer.retryAfterSeconds) } : {},
            String(answer.status),
            body,
          );
        }
        if (answer === 'success') options.onProvisioned?.(objectId);
        return send(200, BODIES[answer], {}, answer, body);
      }
      send(404, { error: { code: 'NotFound', message: `${req.method} ${url.pathname}` } });
    });
  });
  let port = 0;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/v1.0`,
    log,
    provisionRequests: (objectId) =>
      log.filter(
        (e) => e.method === 'POST' && (!objectId || e.body?.parameters?.[0]?.subjects?.[0]?.objectId === objectId),
      ),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // fetch keeps connections alive; close them, or close() waits for their idle timeout.
        server.closeAllConnections();
      }),
  };
}
