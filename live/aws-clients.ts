import type { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import type { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { endpointFromEnv } from '../sync/identity-store-lookup';
import { Limiter } from './limiter';

/**
 * The SDK clients `drift` and `doctor` read with, configured the SDK's standard way: credentials
 * from the default chain (environment, profile/SSO, container, instance role), `AWS_ENDPOINT_URL`
 * and the service-specific `AWS_ENDPOINT_URL_SSO_ADMIN` / `AWS_ENDPOINT_URL_IDENTITYSTORE` (the SDK
 * reads them itself: https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html),
 * and the adaptive retry mode, which backs off on ThrottlingException and rate-limits the client
 * itself (https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html). The region
 * is where Identity Center lives (identityCenter.region), not the caller's default region.
 * `ZONE_ACCESS_IDENTITYSTORE_ENDPOINT`, which await-sync honours, is honoured here too.
 */

/**
 * IAM Identity Center's APIs have a collective throttle limit of 20 transactions per second
 * ("IAM Identity Center throttle limits",
 * https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html#ssothrottlelimits). The
 * reads stay under it by default; `--rate` changes it (a raised quota, a shared account).
 */
export const IDENTITY_CENTER_DOCUMENTED_TPS = 20;
export const DEFAULT_CONCURRENCY = 8;
/** SDK attempts per request; `AWS_MAX_ATTEMPTS` overrides it. */
export const DEFAULT_MAX_ATTEMPTS = 8;

export interface AwsClients {
  readonly sdk: {
    sso: typeof import('@aws-sdk/client-sso-admin');
    store: typeof import('@aws-sdk/client-identitystore');
  };
  readonly sso: SSOAdminClient;
  readonly store: IdentitystoreClient;
  readonly limiter: Limiter;
  /** Sends through the limiter; ConflictException is retried with backoff, as AWS recommends for it. */
  send<T>(client: 'sso' | 'store', command: unknown): Promise<T>;
  destroy(): void;
}

export interface AwsClientOptions {
  readonly region: string;
  readonly env: NodeJS.ProcessEnv;
  readonly ratePerSecond?: number;
  readonly concurrency?: number;
  readonly conflictDelayMs?: number;
}

export async function createAwsClients(options: AwsClientOptions): Promise<AwsClients> {
  const [ssoSdk, storeSdk] = await Promise.all([
    import('@aws-sdk/client-sso-admin'),
    import('@aws-sdk/client-identitystore'),
  ]);
  const maxAttempts = Number(options.env.AWS_MAX_ATTEMPTS) || DEFAULT_MAX_ATTEMPTS;
  const common = {
    region: options.region,
    retryMode: 'adaptive',
    maxAttempts,
    requestHandler: { requestTimeout: 30_000, connectionTimeout: 5_000 },
  } as const;
  const storeEndpoint = endpointFromEnv(options.env);
  const sso = new ssoSdk.SSOAdminClient({ ...common });
  const store = new storeSdk.IdentitystoreClient({ ...common, ...(storeEndpoint ? { endpoint: storeEndpoint } : {}) });
  const limiter = new Limiter(
    options.concurrency ?? DEFAULT_CONCURRENCY,
    options.ratePerSecond ?? IDENTITY_CENTER_DOCUMENTED_TPS,
  );
  const conflictDelay = options.conflictDelayMs ?? 200;
  return {
    sdk: { sso: ssoSdk, store: storeSdk },
    sso,
    store,
    limiter,
    async send<T>(which: 'sso' | 'store', command: unknown): Promise<T> {
      const client = (which === 'sso' ? sso : store) as unknown as { send(c: unknown): Promise<T> };
      for (let attempt = 1; ; attempt++) {
        try {
          return await limiter.run(() => client.send(command));
        } catch (e) {
          if ((e as { name?: string }).name !== 'ConflictException' || attempt >= 5) throw e;
          await new Promise((r) => setTimeout(r, conflictDelay * 2 ** (attempt - 1)));
        }
      }
    },
    destroy() {
      sso.destroy();
      store.destroy();
    },
  };
}

/** Every page of a NextToken-paged operation (MaxResults 100, the maximum these APIs accept). */
export async function allPages<I extends object, O extends { NextToken?: string }, T>(
  send: (input: I & { NextToken?: string; MaxResults?: number }) => Promise<O>,
  input: I,
  items: (out: O) => readonly T[] | undefined,
): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await send({ ...input, MaxResults: 100, ...(token ? { NextToken: token } : {}) });
    out.push(...(items(page) ?? []));
    token = page.NextToken || undefined;
  } while (token);
  return out;
}

/** True for the SDK's "not found" errors. */
export function isNotFound(e: unknown): boolean {
  return (e as { name?: string }).name === 'ResourceNotFoundException';
}
