import { ClientAssertionCredential, DefaultAzureCredential } from '@azure/identity';
import { writeFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { OIDC_AUDIENCE, azureCredentialFromEnv, oidcAssertion } from '../../sync/azure-credential';
import { makeTempDir } from '../support/tree';

/**
 * `await-sync --provision` authenticates as the CI templates' azuread provider does (ARM_USE_OIDC
 * with GitLab's token or GitHub's ID token endpoint), else with DefaultAzureCredential. GitHub's
 * endpoint is a stand-in on 127.0.0.1; the token exchange with Entra itself is MSAL's.
 */

const OIDC = {
  ARM_USE_OIDC: 'true',
  ARM_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
  ARM_TENANT_ID: '0b6f1c1e-3c1a-4d8e-9b5a-2f4e6d8c0a11',
};

async function githubEndpoint(answer: (req: http.IncomingMessage) => [number, unknown]) {
  const requests: { url: string; authorization?: string }[] = [];
  const server = http.createServer((req, res) => {
    requests.push({
      url: req.url ?? '',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    const [status, body] = answer(req);
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/_apis/token?api-version=2.0`,
    requests,
    close: () => new Promise<void>((r) => (server.close(() => r()), server.closeAllConnections())),
  };
}

describe('the Azure credential of await-sync --provision', () => {
  it('without ARM_USE_OIDC (or without a token source): DefaultAzureCredential', async () => {
    expect(oidcAssertion({})).toBeUndefined();
    expect(oidcAssertion({ ...OIDC })).toBeUndefined();
    expect(oidcAssertion({ ...OIDC, ARM_USE_OIDC: 'false', ARM_OIDC_TOKEN: 't' })).toBeUndefined();
    const chosen = await azureCredentialFromEnv({});
    expect(chosen.credential).toBeInstanceOf(DefaultAzureCredential);
    expect(chosen.description).toBe('DefaultAzureCredential');
  });

  it("GitLab (ARM_OIDC_TOKEN) and a token file: a client assertion for the provider's client and tenant", async () => {
    const chosen = await azureCredentialFromEnv({ ...OIDC, ARM_OIDC_TOKEN: 'gitlab-jwt' });
    expect(chosen.credential).toBeInstanceOf(ClientAssertionCredential);
    expect(chosen.description).toBe(
      `OIDC federation of client ${OIDC.ARM_CLIENT_ID} in tenant ${OIDC.ARM_TENANT_ID} (token from ARM_OIDC_TOKEN)`,
    );
    expect(await oidcAssertion({ ...OIDC, ARM_OIDC_TOKEN: 'gitlab-jwt' })!.get()).toBe('gitlab-jwt');
    const file = join(makeTempDir('oidc-'), 'token');
    writeFileSync(file, 'file-jwt\n');
    expect(await oidcAssertion({ ...OIDC, ARM_OIDC_TOKEN_FILE_PATH: file })!.get()).toBe('file-jwt');
  });

  it('GitHub Actions: asks the ID token endpoint for audience api://AzureADTokenExchange with the request token', async () => {
    const gh = await githubEndpoint(() => [200, { count: 1, value: 'github-jwt' }]);
    try {
      const oidc = oidcAssertion({
        ...OIDC,
        ACTIONS_ID_TOKEN_REQUEST_URL: gh.url,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token',
      })!;
      expect(oidc.source).toBe('the GitHub Actions ID token endpoint');
      expect(await oidc.get()).toBe('github-jwt');
      expect(gh.requests).toHaveLength(1);
      const url = new URL(gh.requests[0]!.url, 'http://x');
      expect([url.searchParams.get('api-version'), url.searchParams.get('audience')]).toEqual(['2.0', OIDC_AUDIENCE]);
      expect(gh.requests[0]!.authorization).toBe('Bearer request-token');
    } finally {
      await gh.close();
    }
  });

  it('GitHub Actions without id-token: write, or refusing: an error that says so', async () => {
    for (const [status, body, message] of [
      [200, { count: 0 }, /without a token \(is `permissions: id-token: write` set\?\)/],
      [403, { message: 'denied' }, /answered HTTP 403/],
    ] as const) {
      const gh = await githubEndpoint(() => [status, body]);
      try {
        const oidc = oidcAssertion({
          ...OIDC,
          ACTIONS_ID_TOKEN_REQUEST_URL: gh.url,
          ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'r',
        })!;
        await expect(oidc.get()).rejects.toThrow(message);
      } finally {
        await gh.close();
      }
    }
  });
});
