import { readFile } from 'node:fs/promises';
import type { TokenCredential } from '@azure/identity';

/**
 * The Azure credential of `await-sync --provision`: the pipeline's own identity, found the way the
 * azuread provider in the same CI job finds it, so the CI templates need nothing more.
 *
 * With `ARM_USE_OIDC=true`, `ARM_CLIENT_ID` and `ARM_TENANT_ID` (what the templates set for the
 * provider), a client assertion (workload identity federation, no secret) from, in this order
 * (hashicorp/terraform-provider-azuread v3.7.0 internal/provider/provider.go:174-209):
 * - `ARM_OIDC_TOKEN`: the token itself (GitLab's `id_tokens`, as examples/ci/gitlab-ci.yml sets it);
 * - `ARM_OIDC_TOKEN_FILE_PATH`: a file holding it;
 * - `ARM_OIDC_REQUEST_URL`/`ACTIONS_ID_TOKEN_REQUEST_URL` with `ARM_OIDC_REQUEST_TOKEN`/
 *   `ACTIONS_ID_TOKEN_REQUEST_TOKEN`: GitHub Actions' ID token endpoint (`permissions: id-token:
 *   write`), asked for audience `api://AzureADTokenExchange` with the request token as bearer, the
 *   answer's `value` being the token (as the provider's go-azure-sdk does:
 *   vendor/github.com/hashicorp/go-azure-sdk/sdk/auth/github_oidc_authorizer.go:73-117).
 * Otherwise `@azure/identity`'s DefaultAzureCredential (environment: AZURE_TENANT_ID, AZURE_CLIENT_ID
 * with AZURE_CLIENT_SECRET or AZURE_FEDERATED_TOKEN_FILE; workload identity; managed identity; az
 * login, e.g. after azure/login). No secret is ever read from the code or the config.
 */

export const OIDC_AUDIENCE = 'api://AzureADTokenExchange';

export interface AzureCredentialChoice {
  readonly credential: TokenCredential;
  /** What was chosen, for the log line (never the token). */
  readonly description: string;
}

/** Where the OIDC token comes from, or undefined when the environment does not ask for OIDC. */
export function oidcAssertion(
  env: NodeJS.ProcessEnv,
): { readonly source: string; readonly get: () => Promise<string> } | undefined {
  if (env.ARM_USE_OIDC !== 'true' || !env.ARM_CLIENT_ID || !env.ARM_TENANT_ID) return undefined;
  const token = env.ARM_OIDC_TOKEN;
  if (token) return { source: 'ARM_OIDC_TOKEN', get: async () => token };
  const file = env.ARM_OIDC_TOKEN_FILE_PATH;
  if (file)
    return { source: `ARM_OIDC_TOKEN_FILE_PATH (${file})`, get: async () => (await readFile(file, 'utf8')).trim() };
  const url = env.ARM_OIDC_REQUEST_URL || env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const bearer = env.ARM_OIDC_REQUEST_TOKEN || env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (url && bearer) return { source: 'the GitHub Actions ID token endpoint', get: () => githubIdToken(url, bearer) };
  return undefined;
}

async function githubIdToken(requestUrl: string, bearer: string): Promise<string> {
  const url = new URL(requestUrl);
  if (!url.searchParams.get('audience')) url.searchParams.set('audience', OIDC_AUDIENCE);
  const response = await fetch(url, {
    headers: { Accept: 'application/json', Authorization: `Bearer ${bearer}` },
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (!response.ok)
    throw new Error(`the GitHub Actions ID token endpoint answered HTTP ${response.status}: ${text.slice(0, 200)}`);
  let value: unknown;
  try {
    value = (JSON.parse(text) as { value?: unknown }).value;
  } catch {
    value = undefined;
  }
  if (typeof value !== 'string' || value === '')
    throw new Error(
      'the GitHub Actions ID token endpoint answered without a token (is `permissions: id-token: write` set?)',
    );
  return value;
}

export async function azureCredentialFromEnv(env: NodeJS.ProcessEnv): Promise<AzureCredentialChoice> {
  // Loaded only when --provision is given: @azure/identity (and MSAL) are not small.
  const identity = await import('@azure/identity');
  const oidc = oidcAssertion(env);
  if (oidc) {
    return {
      credential: new identity.ClientAssertionCredential(env.ARM_TENANT_ID!, env.ARM_CLIENT_ID!, oidc.get),
      description: `OIDC federation of client ${env.ARM_CLIENT_ID} in tenant ${env.ARM_TENANT_ID} (token from ${oidc.source})`,
    };
  }
  return { credential: new identity.DefaultAzureCredential(), description: 'DefaultAzureCredential' };
}

/**
 * `given` when a caller (a test, a library user) passes one; otherwise the environment's
 * (`azureCredentialFromEnv`), named on `log` so a run says which identity it used.
 */
export async function graphCredential(
  given: TokenCredential | undefined,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void,
): Promise<TokenCredential> {
  if (given) return given;
  const chosen = await azureCredentialFromEnv(env);
  log(`Azure credential for Microsoft Graph: ${chosen.description}`);
  return chosen.credential;
}
