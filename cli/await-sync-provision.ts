import type { TokenCredential } from '@azure/identity';
import type { PlatformConfig } from '../model/types';
import type { AwaitProgress } from '../sync/await-groups';
import { graphCredential } from '../sync/azure-credential';
import { GRAPH_ENDPOINT_ENV, createGraphClient, type GraphClient } from '../sync/graph-client';
import { OnDemandProvisioner, type OnDemandProvisionerOptions, type ProvisionEvent } from '../sync/provision-on-demand';
import { formatDuration } from '../sync/progress';

/**
 * `await-sync --provision`: runs an `OnDemandProvisioner` beside the Identity Store wait, fed with
 * the groups the wait still misses, and reports what Graph answered. Kept out of await-sync.ts so
 * the wait itself stays as it is.
 */

export interface ProvisionDeps {
  /** The Graph client; default: the credential below against Graph (or `ZONE_ACCESS_GRAPH_ENDPOINT`). */
  readonly createGraph?: (opts: { endpoint?: string; credential?: TokenCredential }) => Promise<GraphClient>;
  /**
   * A credential for the default client (tests); default: the CI's OIDC federation as the azuread
   * provider reads it, else DefaultAzureCredential (sync/azure-credential.ts).
   */
  readonly credential?: TokenCredential;
  readonly schedule?: Partial<
    Pick<OnDemandProvisionerOptions, 'retryDelayMs' | 'maxRetryDelayMs' | 'pollMs' | 'rate' | 'now' | 'sleep'>
  >;
}

export const PROVISION_PERMISSIONS_HINT =
  "hint: the Azure identity (the azuread provider's OIDC settings: ARM_USE_OIDC, ARM_CLIENT_ID, ARM_TENANT_ID with ARM_OIDC_TOKEN or GitHub's id-token; " +
  "else DefaultAzureCredential: AZURE_TENANT_ID + AZURE_CLIENT_ID with AZURE_CLIENT_SECRET or AZURE_FEDERATED_TOKEN_FILE, or `az login`) needs the Microsoft Graph application permission Synchronization.ReadWrite.All (or Application.ReadWrite.OwnedBy as an owner of the Identity Center enterprise application's service principal, whose owner list is not the app registration's), " +
  'and, without identityCenter.externalIdIssuer, GroupMember.Read.All or Group.Read.All to find a group by name; ' +
  "entra.servicePrincipalObjectId, entra.provisioningJobId and entra.provisioningRuleId must name the Identity Center app, its SCIM job and the job's group rule.";

/** Why `--provision` cannot run with this config, or undefined when it can. */
export function provisionConfigProblem(config: PlatformConfig): string | undefined {
  const { provisioningJobId, provisioningRuleId } = config.entra;
  return provisioningJobId && provisioningRuleId
    ? undefined
    : `--provision needs entra.provisioningJobId and entra.provisioningRuleId in ${config.source.file} (the SCIM job and its group rule)`;
}

export interface ProvisionDuringWait {
  /** Pass every progress of the wait. */
  onProgress(progress: AwaitProgress): void;
  /** Stops asking; resolves with the error that stopped provisioning early, if any. */
  stop(): Promise<Error | undefined>;
  /** The last thing Graph said about a group, for the missing-groups list. */
  lastWord(group: string): string | undefined;
}

/**
 * Starts asking. `objectIds`: the groups' Entra object ids by display name when await-sync has
 * read them from the Entra stacks (with the issuer); the others are looked up by name in Graph.
 */
export async function startProvisioning(
  config: PlatformConfig,
  env: NodeJS.ProcessEnv,
  err: (line: string) => void,
  objectIds: ReadonlyMap<string, string>,
  deps: ProvisionDeps = {},
): Promise<ProvisionDuringWait> {
  const endpoint = env[GRAPH_ENDPOINT_ENV] || undefined;
  const credential = await graphCredential(deps.credential, env, err);
  const graph = await (deps.createGraph ?? defaultGraph)({
    ...(endpoint ? { endpoint } : {}),
    ...(credential ? { credential } : {}),
  });
  const { servicePrincipalObjectId, provisioningJobId, provisioningRuleId } = config.entra;
  let missing: readonly string[] | undefined;
  const controller = new AbortController();
  const provisioner = new OnDemandProvisioner({
    // A pause (rate window, Retry-After) ends when the wait does, so await-sync exits at once.
    sleep: (ms) => abortableSleep(ms, controller.signal),
    ...deps.schedule,
    graph,
    objectIds,
    servicePrincipalId: servicePrincipalObjectId,
    jobId: provisioningJobId!,
    ruleId: provisioningRuleId!,
    onEvent: (e) => err(`provision on demand: ${describe(e)}`),
  });
  err(
    `provisioning missing groups on demand (job ${provisioningJobId}${endpoint ? `, Graph endpoint ${endpoint} from ${GRAPH_ENDPOINT_ENV}` : ''}), at most 5 requests per 10 s`,
  );
  let fatal: Error | undefined;
  const running = provisioner
    .run(() => missing, controller.signal)
    .catch((e: Error) => {
      fatal = e;
      err(`error: ${e.message}; no more on-demand requests, still waiting for the regular provisioning cycle`);
      err(PROVISION_PERMISSIONS_HINT);
    });
  return {
    onProgress: (p) => {
      // Only groups the Identity Store has been asked about at least once.
      if (p.phase !== 'start') missing = p.missing;
    },
    stop: async () => {
      controller.abort();
      await running;
      return fatal;
    },
    lastWord: (group) => {
      const last = provisioner.status().get(group)?.last;
      return last ? describe(last) : undefined;
    },
  };
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done);
  });
}

function describe(e: ProvisionEvent): string {
  const again = e.retryInMs !== undefined ? `; asking again in ${formatDuration(e.retryInMs)}` : '';
  switch (e.kind) {
    case 'requested': {
      const o = e.outcome!;
      if (o.kind === 'provisioned') return `${e.group}: provisioned`;
      if (o.kind === 'in-sync') return `${e.group}: already provisioned`;
      return `${e.group}: ${o.kind === 'not-effective' ? 'not effective yet' : 'failed'}: ${o.reason}${again}`;
    }
    case 'not-found':
      return `${e.group}: ${e.error}${again}`;
    default:
      return `${e.group}: ${e.kind}: ${e.error}${again}`;
  }
}

async function defaultGraph(opts: { endpoint?: string; credential?: TokenCredential }): Promise<GraphClient> {
  if (!opts.credential) throw new Error('no Azure credential for Microsoft Graph');
  return createGraphClient({ credential: opts.credential, ...(opts.endpoint ? { endpoint: opts.endpoint } : {}) });
}
