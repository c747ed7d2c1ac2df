import { GraphError, type GraphClient } from '../sync/graph-client';
import type { Limiter } from './limiter';

/**
 * Reads on Microsoft Graph with the client `await-sync --provision` uses (sync/graph-client.ts):
 * collections followed through `@odata.nextLink` (https://learn.microsoft.com/graph/paging), and
 * throttling (429, and 503/504) retried after the `Retry-After` Graph sends, else with exponential
 * backoff (https://learn.microsoft.com/graph/throttling), at most `maxAttempts` times per request.
 */
export interface GraphReader {
  /** Every item of a collection. */
  list<T>(path: string): Promise<T[]>;
  /** One object, or undefined when Graph answers 404. */
  get<T>(path: string): Promise<T | undefined>;
}

export interface GraphReaderOptions {
  readonly client: GraphClient;
  /** The endpoint the client talks to, to turn absolute next links back into paths. */
  readonly endpoint: string;
  readonly limiter: Limiter;
  readonly maxAttempts?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

const RETRIED = new Set([429, 503, 504]);

export function createGraphReader(options: GraphReaderOptions): GraphReader {
  const base = options.endpoint.replace(/\/+$/, '');
  const maxAttempts = options.maxAttempts ?? 6;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const get = async (path: string): Promise<unknown> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await options.limiter.run(() => options.client.get(path));
      } catch (e) {
        if (!(e instanceof GraphError) || !RETRIED.has(e.status) || attempt >= maxAttempts) throw e;
        await sleep(e.retryAfterMs ?? Math.min(30_000, 500 * 2 ** (attempt - 1)));
      }
    }
  };
  const relative = (link: string): string => {
    if (link.startsWith(base)) return link.slice(base.length);
    const url = new URL(link);
    return url.pathname.replace(/^\/(v1\.0|beta)/, '') + url.search;
  };
  return {
    async list<T>(path: string): Promise<T[]> {
      const out: T[] = [];
      let next: string | undefined = path;
      while (next) {
        const page = (await get(next)) as { value?: T[]; '@odata.nextLink'?: string } | undefined;
        out.push(...(page?.value ?? []));
        next = page?.['@odata.nextLink'] ? relative(page['@odata.nextLink']) : undefined;
      }
      return out;
    },
    async get<T>(path: string): Promise<T | undefined> {
      try {
        return (await get(path)) as T;
      } catch (e) {
        if (e instanceof GraphError && e.status === 404) return undefined;
        throw e;
      }
    },
  };
}

/** `'` doubled, as OData string literals need. */
export function odataString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
