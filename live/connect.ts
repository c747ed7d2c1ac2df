import type { TokenCredential } from '@azure/identity';
import { graphCredential } from '../sync/azure-credential';
import { GRAPH_DEFAULT_ENDPOINT, GRAPH_ENDPOINT_ENV, createGraphClient } from '../sync/graph-client';
import { createAwsClients, type AwsClients } from './aws-clients';
import { createGraphReader, type GraphReader } from './graph-read';
import { Limiter } from './limiter';

/**
 * Connections to the live state, shared by `drift` and `doctor`. Graph the way `await-sync
 * --provision` reaches it (sync/azure-credential.ts, sync/graph-client.ts, ZONE_ACCESS_GRAPH_ENDPOINT).
 */

/** Graph's documented limits are per app and tenant and far above what these reads need; 20/s keeps them polite. */
export const GRAPH_DEFAULT_RATE = 20;

export interface LiveDeps {
  /** A credential for Graph instead of the environment's (tests). */
  readonly credential?: TokenCredential;
  /** Sleep for Graph's retry waits (tests). */
  readonly sleep?: (ms: number) => Promise<void>;
}

export async function connectAws(region: string, env: NodeJS.ProcessEnv, rate?: number): Promise<AwsClients> {
  return createAwsClients({ region, env, ...(rate !== undefined ? { ratePerSecond: rate } : {}) });
}

export async function connectGraph(
  env: NodeJS.ProcessEnv,
  err: (line: string) => void,
  deps: LiveDeps = {},
  rate?: number,
): Promise<{ graph: GraphReader; limiter: Limiter }> {
  const endpoint = env[GRAPH_ENDPOINT_ENV] || GRAPH_DEFAULT_ENDPOINT;
  const credential = await graphCredential(deps.credential, env, err);
  const client = createGraphClient({ credential, endpoint });
  const limiter = new Limiter(8, rate ?? GRAPH_DEFAULT_RATE);
  return {
    graph: createGraphReader({ client, endpoint, limiter, ...(deps.sleep ? { sleep: deps.sleep } : {}) }),
    limiter,
  };
}
