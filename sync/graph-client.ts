import type { TokenCredential } from '@azure/identity';

/**
 * A minimal Microsoft Graph REST client: a bearer token from an `@azure/identity` credential, JSON
 * in and out, Graph's errors turned into `GraphError` with the HTTP status, Graph's error code and
 * `Retry-After`. Only what provisioning on demand and releasing access packages need; no SDK, so
 * nothing heavy is loaded.
 */

/** Environment variable pointing the client at another Graph endpoint; for tests and emulators only. */
export const GRAPH_ENDPOINT_ENV = 'ZONE_ACCESS_GRAPH_ENDPOINT';
export const GRAPH_DEFAULT_ENDPOINT = 'https://graph.microsoft.com/v1.0';
/** App-only token for Graph, with the application permissions granted to the identity. */
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';

export interface GraphClient {
  /**
   * `path` is relative to the endpoint (`/groups?...`), or an absolute URL under the same endpoint:
   * Graph's `@odata.nextLink` of a paged collection. Any other URL is refused, so the bearer token
   * never leaves the endpoint.
   */
  get(path: string): Promise<unknown>;
  post(path: string, body: unknown): Promise<unknown>;
}

export interface GraphClientOptions {
  readonly credential: TokenCredential;
  /** Base URL up to the version, e.g. `https://graph.microsoft.com/v1.0`. */
  readonly endpoint?: string;
  /** Per-request timeout. Default 30 s. */
  readonly requestTimeoutMs?: number;
}

/** An answer other than 2xx (or no answer at all: `status` 0). */
export class GraphError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly code: string | undefined,
    detail: string,
    readonly retryAfterMs?: number,
  ) {
    super(`${method} ${path}: ${status === 0 ? '' : `HTTP ${status}${code ? ` ${code}` : ''}: `}${detail}`);
    this.name = 'GraphError';
  }
}

export function createGraphClient(options: GraphClientOptions): GraphClient {
  const endpoint = (options.endpoint ?? GRAPH_DEFAULT_ENDPOINT).replace(/\/+$/, '');
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  let cached: { token: string; expiresAt: number } | undefined;

  const token = async (): Promise<string> => {
    // Renewed a minute before it expires; @azure/identity caches too, this saves the call.
    if (cached && cached.expiresAt - 60_000 > Date.now()) return cached.token;
    const t = await options.credential.getToken(GRAPH_SCOPE);
    if (!t) throw new GraphError('GET', 'token', 0, undefined, `the credential returned no token for ${GRAPH_SCOPE}`);
    cached = { token: t.token, expiresAt: t.expiresOnTimestamp };
    return t.token;
  };

  const request = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> => {
    if (/^[a-z]+:/i.test(path) && !path.startsWith(`${endpoint}/`)) {
      throw new GraphError(method, path, 0, undefined, `refusing a URL outside the Graph endpoint ${endpoint}`);
    }
    const url = /^[a-z]+:/i.test(path) ? path : `${endpoint}${path}`;
    const headers: Record<string, string> = { Authorization: `Bearer ${await token()}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      throw new GraphError(method, path, 0, undefined, `no answer: ${(err as Error).message}`);
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (response.ok) return json;
    const error = (json as { error?: { code?: string; message?: string } } | undefined)?.error;
    const retryAfterHeader = response.headers.get('retry-after');
    const retryAfter = retryAfterHeader === null ? NaN : Number(retryAfterHeader);
    throw new GraphError(
      method,
      path,
      response.status,
      error?.code,
      error?.message ?? (text.slice(0, 200) || response.statusText),
      Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined,
    );
  };

  return { get: (path) => request('GET', path), post: (path, body) => request('POST', path, body) };
}
