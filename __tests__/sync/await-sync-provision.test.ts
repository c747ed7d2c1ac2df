import { ClientAssertionCredential, type TokenCredential } from '@azure/identity';
import { runCommand } from '../../cli/args';
import { run, usage, type AwaitSyncDeps } from '../../cli/await-sync';
import { EXIT, type CliIO } from '../../cli/io';
import { createGraphClient } from '../../sync/graph-client';
import { startGraphServer, type GraphServer } from '../support/graph-server';
import { fakeGroupId, startIdentityStoreServer, type IdentityStoreServer } from '../support/identitystore-server';
import { baseConfig, boundConfig, captureIO, writeTree, zoneDoc } from '../support/tree';

/** The command as the dispatcher runs it (usage errors handled by runCommand), with test seams. */
const cli = (args: string[], io: CliIO, deps?: AwaitSyncDeps) =>
  runCommand('await-sync', { usage, run: (a, i) => run(a, i, deps) }, args, io);

/**
 * `await-sync --provision` end to end in-process: the real Identity Store client against the local
 * Identity Store stand-in, and the real Graph client (token from an injected `@azure/identity`
 * TokenCredential) against the local Graph stand-in. A group appears in the Identity Store only
 * once Graph has provisioned it on demand, as SCIM would.
 */

const STORE = 'd-1234567890';
const SP = '66666666-7777-4888-8999-000000000000';
const JOB = 'AWSSCIM.0123456789abcdef0123456789abcdef.01234567-89ab-cdef-0123-456789abcdef';
const RULE = '03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8';
const TOKEN = 'graph-token';
const ISSUER = 'https://scim.aws.com/1234567890';
const G = { a: 'entigo-zone-pay-a', b: 'entigo-zone-pay-b', lab: 'entigo-zone-lab' };
const ID: Record<string, string> = {
  [G.a]: '00000000-0000-4000-8000-00000000000a',
  [G.b]: '00000000-0000-4000-8000-00000000000b',
  [G.lab]: '00000000-0000-4000-8000-0000000000c1',
};

const credential: TokenCredential = {
  getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

const closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((s) => s.close()));
});

function tree(withJob = true, bound = false) {
  const config = bound ? boundConfig() : baseConfig();
  if (withJob) config.entra = { ...(config.entra as object), provisioningJobId: JOB, provisioningRuleId: RULE };
  return writeTree({
    config,
    zones: {
      'payments/pay-a.yaml': zoneDoc('pay-a', 'payments'),
      'payments/pay-b.yaml': zoneDoc('pay-b', 'payments'),
      'research/lab.yaml': zoneDoc('lab', 'research'),
    },
  });
}

async function servers(
  answers: Record<string, any[]> = {},
  bound = false,
): Promise<{ store: IdentityStoreServer; graph: GraphServer }> {
  // pay-a is synced already; pay-b and lab only once provisioned (SCIM writes ExternalId = Entra object id).
  const group = (displayName: string, never: boolean) => ({
    displayName,
    ...(never ? { never } : {}),
    ...(bound ? { externalId: { issuer: ISSUER, id: ID[displayName]! } } : {}),
  });
  const store = await startIdentityStoreServer({
    identityStoreId: STORE,
    groups: [group(G.a, false), group(G.b, true), group(G.lab, true)],
  });
  const byId = Object.fromEntries(Object.entries(ID).map(([n, id]) => [id, n]));
  const graph = await startGraphServer({
    token: TOKEN,
    servicePrincipalId: SP,
    jobId: JOB,
    groups: ID,
    answers,
    onProvisioned: (id) => store.appear(byId[id]!),
  });
  closers.push(store, graph);
  return { store, graph };
}

function env(store: IdentityStoreServer, graph: GraphServer): NodeJS.ProcessEnv {
  return {
    ZONE_ACCESS_IDENTITYSTORE_ENDPOINT: store.url,
    ZONE_ACCESS_GRAPH_ENDPOINT: graph.url,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  };
}

const FAST: AwaitSyncDeps = {
  wait: { initialDelayMs: 100, maxDelayMs: 200, throttleDelayMs: 250, minIntervalMs: 0, random: () => 1 },
  provision: { credential, schedule: { retryDelayMs: 150, maxRetryDelayMs: 600, pollMs: 50 } },
};

describe('zone-access await-sync --provision', () => {
  it('provisions the missing groups on demand, asking again while Graph says the assignment is not effective', async () => {
    const { store, graph } = await servers({ [ID[G.lab]!]: ['not-effective', 'success'] });
    const t = tree();
    const c = captureIO(t.root, env(store, graph));
    const code = await cli(
      ['--zones', t.zonesDir, '--config', t.configPath, '--timeout', '5s', '--provision'],
      c.io,
      FAST,
    );

    expect({ code, err: c.err() }).toMatchObject({ code: EXIT.ok });
    expect(c.out()).toMatch(/^3\/3 groups synced\n/);
    for (const name of Object.values(G)) expect(c.out()).toContain(`  ${name}  ${fakeGroupId(name)}\n`);
    const err = c.err();
    expect(err).toContain(
      `provisioning missing groups on demand (job ${JOB}, Graph endpoint ${graph.url} from ZONE_ACCESS_GRAPH_ENDPOINT), at most 5 requests per 10 s`,
    );
    expect(err).toContain(`provision on demand: ${G.b}: provisioned`);
    expect(err).toMatch(
      new RegExp(
        `provision on demand: ${G.lab}: not effective yet: Skipped \\(NotEffectivelyEntitled: .*\\); asking again in`,
      ),
    );
    expect(err).toContain(`provision on demand: ${G.lab}: provisioned`);
    // The group already in the Identity Store is never provisioned; the others once per answer.
    expect(graph.provisionRequests(ID[G.a])).toHaveLength(0);
    expect(graph.provisionRequests(ID[G.b])).toHaveLength(1);
    expect(graph.provisionRequests(ID[G.lab])).toHaveLength(2);
    expect(graph.log.every((e) => e.authorization === `Bearer ${TOKEN}`)).toBe(true);
    for (const r of graph.provisionRequests()) {
      expect(r.path).toBe(`/v1.0/servicePrincipals/${SP}/synchronization/jobs/${JOB}/provisionOnDemand`);
      expect(r.body.parameters[0].ruleId).toBe(RULE);
    }
  });

  it("with the issuer: provisions by the object ids of the Entra stacks' outputs (no group lookup in Graph) and finds the groups by ExternalId", async () => {
    const { store, graph } = await servers({}, true);
    const t = tree(true, true);
    const c = captureIO(t.root, env(store, graph));
    const outputs = {
      zone_pay_a_group_object_id: ID[G.a],
      zone_pay_b_group_object_id: ID[G.b],
      zone_lab_group_object_id: ID[G.lab],
    };
    const code = await cli(['--zones', t.zonesDir, '--config', t.configPath, '--timeout', '5s', '--provision'], c.io, {
      ...FAST,
      readEntraOutputs: async () => outputs,
    });
    expect({ code, err: c.err() }).toMatchObject({ code: EXIT.ok });
    expect(c.out()).toContain(`  ${G.lab}  ${fakeGroupId(G.lab)}  ExternalId ${ISSUER}/${ID[G.lab]}\n`);
    expect(graph.log.filter((e) => e.method === 'GET')).toEqual([]);
    expect(
      graph
        .provisionRequests()
        .map((r) => r.body.parameters[0].subjects[0].objectId)
        .sort(),
    ).toEqual([ID[G.b], ID[G.lab]].sort());
    // The wait asked by ExternalId for each group provisioned on demand (it may also have found one
    // by name a moment later, when SCIM finished between its two calls: identity-store-lookup.ts).
    expect(c.out()).toContain(`  ${G.b}  ${fakeGroupId(G.b)}  ExternalId ${ISSUER}/${ID[G.b]}\n`);
    const asked = new Set(
      store.log.filter((e) => e.operation === 'GetGroupId' && e.externalId !== undefined).map((e) => e.externalId),
    );
    expect([...asked].sort()).toEqual([G.a, G.b, G.lab].map((n) => `${ISSUER}:${ID[n]}`).sort());
  });

  it("honours a 429's Retry-After before asking Graph again, then sees the group", async () => {
    const { store, graph } = await servers({
      [ID[G.lab]!]: [{ status: 429, code: 'TooManyRequests', retryAfterSeconds: 1 }, 'success'],
    });
    const t = tree();
    const c = captureIO(t.root, env(store, graph));
    const code = await cli(
      ['--zones', t.zonesDir, '--config', t.configPath, '--timeout', '5s', '--provision', '--department', 'research'],
      c.io,
      FAST,
    );
    expect({ code, err: c.err() }).toMatchObject({ code: EXIT.ok });
    const [first, second] = graph.provisionRequests(ID[G.lab]);
    expect([first?.answer, second?.answer]).toEqual(['429', 'success']);
    expect(second!.receivedAt - first!.time).toBeGreaterThanOrEqual(1_000);
    expect(c.err()).toMatch(
      /provision on demand: entigo-zone-lab: throttled: .*HTTP 429 TooManyRequests.*; asking again in/,
    );
  });

  it('keeps to the request rate with many missing groups (no window holds more than the limit)', async () => {
    const names = Array.from({ length: 7 }, (_, i) => `r${i}`);
    const ids = Object.fromEntries(
      names.map((n, i) => [`entigo-zone-${n}`, `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`]),
    );
    const store = await startIdentityStoreServer({
      identityStoreId: STORE,
      groups: Object.keys(ids).map((displayName) => ({ displayName, never: true })),
    });
    const byId = Object.fromEntries(Object.entries(ids).map(([n, id]) => [id, n]));
    const graph = await startGraphServer({
      token: TOKEN,
      servicePrincipalId: SP,
      jobId: JOB,
      groups: ids,
      onProvisioned: (id) => store.appear(byId[id]!),
    });
    closers.push(store, graph);
    const config = baseConfig();
    config.entra = { ...(config.entra as object), provisioningJobId: JOB, provisioningRuleId: RULE };
    const t = writeTree({ config, zones: Object.fromEntries(names.map((n) => [`lab/${n}.yaml`, zoneDoc(n, 'lab')])) });
    const c = captureIO(t.root, env(store, graph));
    // A 3-per-1.5 s window, so the test is quick; the 5-per-10 s default is checked exactly (virtual
    // time) in provision-on-demand.test.ts.
    const rate = { requests: 3, perMs: 1_500 };
    const code = await cli(['--zones', t.zonesDir, '--config', t.configPath, '--timeout', '10s', '--provision'], c.io, {
      ...FAST,
      provision: { ...FAST.provision, schedule: { ...FAST.provision!.schedule, rate } },
    });
    expect({ code, err: c.err() }).toMatchObject({ code: EXIT.ok });
    const times = graph.provisionRequests().map((r) => r.receivedAt);
    expect(times).toHaveLength(7);
    // By the server's clock, any rate.requests + 1 consecutive requests span the window (400 ms of
    // slack for loopback latency on a loaded machine; without the limit they arrive within milliseconds).
    for (let i = 0; i + rate.requests < times.length; i++)
      expect(times[i + rate.requests]! - times[i]!).toBeGreaterThanOrEqual(rate.perMs - 400);
  });

  it("authenticates as the CI templates' azuread provider does (ARM_USE_OIDC + the job's token), and says which credential it uses", async () => {
    const { store, graph } = await servers();
    const t = tree();
    const c = captureIO(t.root, {
      ...env(store, graph),
      ARM_USE_OIDC: 'true',
      ARM_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
      ARM_TENANT_ID: '0b6f1c1e-3c1a-4d8e-9b5a-2f4e6d8c0a11',
      ARM_OIDC_TOKEN: 'gitlab-jwt',
    });
    const given: unknown[] = [];
    const code = await cli(['--zones', t.zonesDir, '--config', t.configPath, '--timeout', '5s', '--provision'], c.io, {
      ...FAST,
      provision: {
        schedule: FAST.provision!.schedule!,
        // The token exchange with Entra is MSAL's (not offline); the Graph stand-in gets the test token.
        createGraph: async (opts) => (
          given.push(opts.credential),
          createGraphClient({ credential, endpoint: opts.endpoint! })
        ),
      },
    });
    expect({ code, err: c.err() }).toMatchObject({ code: EXIT.ok });
    expect(given).toEqual([expect.any(ClientAssertionCredential)]);
    expect(c.err()).toContain(
      'Azure credential for Microsoft Graph: OIDC federation of client 11111111-2222-4333-8444-555555555555 in tenant 0b6f1c1e-3c1a-4d8e-9b5a-2f4e6d8c0a11 (token from ARM_OIDC_TOKEN)',
    );
    expect(c.err()).not.toContain('gitlab-jwt');
  });

  it('reports a permission error once, keeps waiting, and names what Graph said for each missing group', async () => {
    const { store, graph } = await servers({ [ID[G.lab]!]: [{ status: 403, code: 'Authorization_RequestDenied' }] });
    const t = tree();
    const c = captureIO(t.root, env(store, graph));
    const code = await cli(
      [
        '--zones',
        t.zonesDir,
        '--config',
        t.configPath,
        '--timeout',
        '1500ms',
        '--provision',
        '--department',
        'research',
      ],
      c.io,
      FAST,
    );
    expect(code).toBe(EXIT.failed);
    const err = c.err();
    expect(err).toMatch(
      /error: provisioning entigo-zone-lab on demand failed: POST .* HTTP 403 Authorization_RequestDenied/,
    );
    expect(err).toContain('Synchronization.ReadWrite.All (or Application.ReadWrite.OwnedBy');
    expect(err).not.toContain('Azure credential for Microsoft Graph');
    expect(err).toContain('Provisioning on demand was requested for them (--provision)');
    expect(err).toMatch(/^ {2}entigo-zone-lab .*last on-demand answer: entigo-zone-lab: fatal: /m);
    expect(graph.provisionRequests()).toHaveLength(1);
  });

  it('without the job in the platform config, --provision is a usage error naming the keys', async () => {
    const t = tree(false);
    const c = captureIO(t.root, {});
    expect(await cli(['--zones', t.zonesDir, '--config', t.configPath, '--provision'], c.io, FAST)).toBe(EXIT.usage);
    expect(c.err()).toContain('--provision needs entra.provisioningJobId and entra.provisioningRuleId in');
  });
});
