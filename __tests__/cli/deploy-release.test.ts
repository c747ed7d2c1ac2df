import { PassThrough } from 'node:stream';
import type { TokenCredential } from '@azure/identity';
import { beforeApplyEntra } from '../../cli/deploy';
import { createGraphClient } from '../../sync/graph-client';
import { entitlementStandIn, type EntitlementOptions } from '../support/graph-entitlement';
import { startGraphServer, type GraphServer } from '../support/graph-server';

/**
 * `zone-access deploy` releases the access packages an Entra stack's plan destroys before it applies
 * that plan: Graph refuses to delete a package that still has assignments (the stand-in does too),
 * so without this step removing a zone of an access-package department would fail at every apply.
 */

const TOKEN = 'deploy-release-token';
const credential: TokenCredential = {
  getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};
const PKG = '44444444-4444-4444-8444-444444444444';
const OTHER = '55555555-5555-4555-8555-555555555555';

const servers: GraphServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function graph(opts: EntitlementOptions): Promise<GraphServer> {
  const standIn = entitlementStandIn(opts);
  const server = await startGraphServer({
    token: TOKEN,
    servicePrincipalId: 'sp',
    jobId: 'job',
    groups: {},
    routes: [standIn.route],
  });
  servers.push(server);
  return server;
}

/** `terraform show -json` of an Entra stack plan that destroys these access packages. */
const planDestroying = (...ids: string[]) => ({
  format_version: '1.2',
  resource_changes: ids.map((id, i) => ({
    address: `azuread_access_package.zone${i}`,
    mode: 'managed',
    type: 'azuread_access_package',
    name: `zone${i}`,
    change: { actions: ['delete'], before: { id } },
  })),
});

function io() {
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (d) => (err += d));
  return { io: { stdout: new PassThrough(), stderr, env: {}, cwd: process.cwd() }, err: () => err };
}

/** Virtual time: each sleep moves the clock, so polling reaches its timeout without waiting. */
function fast() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), pollMs: 1_000, maxPollMs: 8_000 };
}

async function deleteStatus(server: GraphServer, id: string): Promise<number> {
  const res = await fetch(`${server.url}/identityGovernance/entitlementManagement/accessPackages/${id}`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  await res.text();
  return res.status;
}

test('a destroyed package with assignments is released before the apply, so its delete then succeeds', async () => {
  const server = await graph({ packages: { [PKG]: { assignments: ['Ann', 'Bob'] } } });
  expect(await deleteStatus(server, PKG)).toBe(400);
  const c = io();
  const graphClient = createGraphClient({ credential, endpoint: server.url });
  await beforeApplyEntra({ stack: 'entra-research', dir: '.', plan: planDestroying(PKG) }, c.io, {
    graph: graphClient,
    ...fast(),
  });
  expect(c.err()).toContain('entra-research: ');
  expect(await deleteStatus(server, PKG)).toBe(204);
});

test('a package Graph will not release fails the stack (the apply is not attempted), naming the package', async () => {
  const server = await graph({
    packages: { [PKG]: { assignments: ['Ann'] }, [OTHER]: { assignments: ['Eve'] } },
    requestErrors: [{ status: 403 }],
  });
  const graphClient = createGraphClient({ credential, endpoint: server.url });
  await expect(
    beforeApplyEntra({ stack: 'entra-research', dir: '.', plan: planDestroying(PKG, OTHER) }, io().io, {
      graph: graphClient,
      ...fast(),
    }),
  ).rejects.toThrow(new RegExp(`1 of 2 access package\\(s\\) the plan destroys still have assignments.*${PKG}`));
});

test('a plan that destroys no access package asks Graph nothing and needs no credential', async () => {
  await expect(
    beforeApplyEntra({ stack: 'entra-pay', dir: '.', plan: planDestroying() }, io().io),
  ).resolves.toBeUndefined();
});
