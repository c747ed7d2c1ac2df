import { run, type AwaitSyncDeps } from '../../cli/await-sync';
import { EXIT } from '../../cli/io';
import { createIdentityStoreLookup } from '../../sync/identity-store-lookup';
import {
  fakeGroupId,
  startIdentityStoreServer,
  type IdentityStoreServer,
  type IdentityStoreServerOptions,
} from '../support/identitystore-server';
import { captureIO, writeTree, zoneDoc } from '../support/tree';

/**
 * `await-sync` end to end in-process: the real AWS SDK v3 Identity Store client, pointed by
 * ZONE_ACCESS_IDENTITYSTORE_ENDPOINT at a local server speaking the awsJson1_1 protocol.
 * Short timeouts and backoff keep each case to a second or two of wall time.
 */

const STORE = 'd-1234567890';
const G = { a: 'entigo-zone-pay-a', b: 'entigo-zone-pay-b', lab: 'entigo-zone-lab' };

const servers: IdentityStoreServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(opts: Partial<IdentityStoreServerOptions> & Pick<IdentityStoreServerOptions, 'groups'>) {
  const s = await startIdentityStoreServer({ identityStoreId: STORE, ...opts });
  servers.push(s);
  return s;
}

function tree() {
  return writeTree({
    zones: {
      'payments/pay-a.yaml': zoneDoc('pay-a', 'payments'),
      'payments/pay-b.yaml': zoneDoc('pay-b', 'payments'),
      'research/lab.yaml': zoneDoc('lab', 'research'),
    },
  });
}

function env(url: string): NodeJS.ProcessEnv {
  return {
    ZONE_ACCESS_IDENTITYSTORE_ENDPOINT: url,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  };
}

/** Fast schedule: first pause 100 ms, at most 300 ms; throttling pause 250 ms; no jitter. */
const FAST: AwaitSyncDeps = {
  wait: { initialDelayMs: 100, maxDelayMs: 300, throttleDelayMs: 250, minIntervalMs: 0, random: () => 1 },
};

describe('zone-access await-sync against a local Identity Store endpoint (real SDK client)', () => {
  it('waits for groups that appear late, and exits 1 naming the one that never appears', async () => {
    const s = await server({
      groups: [{ displayName: G.a }, { displayName: G.b, appearAfterMs: 500 }, { displayName: G.lab, never: true }],
    });
    const t = tree();
    const c = captureIO(t.root, env(s.url));
    const started = Date.now();
    const code = await run(['--zones', t.zonesDir, '--config', t.configPath, '--timeout', '2s'], c.io, FAST);
    const wall = Date.now() - started;

    expect(code).toBe(EXIT.failed);
    expect(c.out()).toBe('2/3 groups synced\n');
    const err = c.err();
    expect(err).toContain(
      `waiting for 3 zone groups in Identity Store ${STORE} (eu-north-1, endpoint ${s.url} from ZONE_ACCESS_IDENTITYSTORE_ENDPOINT), timeout 2s`,
    );
    expect(err).toContain('synced 0/3 groups\nsynced 1/3 groups\nsynced 2/3 groups\n');
    expect(err).toContain(`error: 1 of 3 zone groups not in Identity Store ${STORE} after 2s:`);
    expect(err).toMatch(new RegExp(`^  ${G.lab}  \\(zone lab, department research, .*lab\\.yaml\\)$`, 'm'));
    expect(err).toContain('Is the Entra ID group assigned to the IAM Identity Center enterprise application');
    expect(err).toContain('Is the provisioning job running, and not paused or in quarantine?');
    expect(err).toContain('Provisioning on demand is not configured: set entra.provisioningJobId');
    expect(err).toContain('characters SCIM or the Identity Store rejects');
    expect(wall).toBeGreaterThanOrEqual(2_000);
    expect(wall).toBeLessThan(5_000);

    // Every request was a signed GetGroupId for a zone group; nothing else was called.
    expect(new Set(s.log.map((e) => `${e.operation}/${e.signedService}`))).toEqual(
      new Set(['GetGroupId/identitystore']),
    );
    // A found group is never asked again: exactly one successful lookup, and it is the last one.
    for (const name of [G.a, G.b]) {
      const asked = s.lookups(name);
      expect(asked.filter((e) => e.outcome === 'ok')).toHaveLength(1);
      expect(asked[asked.length - 1]!.outcome).toBe('ok');
      expect(asked[asked.length - 1]!.groupId).toBe(s.groupId(name));
    }
    expect(s.lookups(G.a)).toHaveLength(1);
    expect(s.lookups(G.b).length).toBeGreaterThanOrEqual(3); // 0, 100, 200, ... until 500 ms
    expect(
      s
        .lookups(G.b)
        .filter((e) => e.at < 450)
        .every((e) => e.outcome === 'ResourceNotFoundException'),
    ).toBe(true);
    // The missing group was asked until the deadline, with pauses of 100 ms growing to 300 ms, not hammered.
    const never = s.lookups(G.lab);
    expect(never.every((e) => e.outcome === 'ResourceNotFoundException')).toBe(true);
    expect(never.length).toBeGreaterThanOrEqual(4);
    expect(never.length).toBeLessThanOrEqual(20);
    // (The last pause is cut short by the deadline, so it is left out.)
    for (let i = 1; i < never.length - 1; i++) expect(never[i]!.at - never[i - 1]!.at).toBeGreaterThanOrEqual(90);
    // The last check was at the deadline (the wait starts after loading the tree, so after `started`).
    expect(never[never.length - 1]!.time).toBeGreaterThanOrEqual(started + 2_000);
  });

  it('retries a throttled lookup after the throttling backoff and succeeds (SDK retries off)', async () => {
    const s = await server({
      groups: [{ displayName: G.a }, { displayName: G.b }, { displayName: G.lab }],
      throttle: { times: 1, displayName: G.b },
    });
    const t = tree();
    const c = captureIO(t.root, env(s.url));
    // sdkMaxAttempts 1: the SDK gives the ThrottlingException straight to await-sync's own loop.
    const code = await run(['--zones', t.zonesDir, '--config', t.configPath, '--timeout', '3s'], c.io, {
      ...FAST,
      sdkMaxAttempts: 1,
      wait: { ...FAST.wait, concurrency: 1 },
    });

    expect(code).toBe(EXIT.ok);
    expect(c.out()).toMatch(/^3\/3 groups synced\n/);
    for (const name of Object.values(G)) expect(c.out()).toContain(`  ${name}  ${fakeGroupId(name)}\n`);
    expect(c.err()).toContain('throttled by the Identity Store API; backing off');
    expect(c.err()).not.toContain('error');

    // Zones are sorted by name: lab, pay-a, pay-b. One at a time: lab ok, pay-a ok, pay-b throttled;
    // after the 250 ms throttling pause only pay-b is asked again.
    expect(s.log.map((e) => `${e.displayName}:${e.outcome}`)).toEqual([
      `${G.lab}:ok`,
      `${G.a}:ok`,
      `${G.b}:ThrottlingException`,
      `${G.b}:ok`,
    ]);
    const [throttled, retried] = s.lookups(G.b);
    expect(retried!.at - throttled!.at).toBeGreaterThanOrEqual(240);
  });

  it('lets the SDK absorb a single 429 with Retry-After when its own retries are on', async () => {
    const s = await server({
      groups: [{ displayName: G.a }, { displayName: G.b }, { displayName: G.lab }],
      throttle: { times: 1, status: 429, retryAfterSeconds: 0.2 },
    });
    const t = tree();
    const c = captureIO(t.root, env(s.url));
    const code = await run(
      ['--zones', t.zonesDir, '--config', t.configPath, '--timeout', '3s', '--department', 'payments'],
      c.io,
      FAST,
    );
    expect(code).toBe(EXIT.ok);
    expect(c.out()).toMatch(/^2\/2 groups synced\n/);
    expect(s.log.filter((e) => e.outcome === 'ThrottlingException')).toHaveLength(1);
    expect(s.log.filter((e) => e.outcome === 'ok')).toHaveLength(2);
    expect(s.lookups(G.lab)).toHaveLength(0); // --department payments
  });

  it('stops at once with a hint when the identity store id is wrong', async () => {
    const s = await server({ identityStoreId: 'd-0000000000', groups: [{ displayName: G.a }] });
    const t = tree();
    const c = captureIO(t.root, env(s.url));
    const started = Date.now();
    const code = await run(['--zones', t.zonesDir, '--config', t.configPath, '--timeout', '10s'], c.io, FAST);
    expect(code).toBe(EXIT.failed);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(c.err()).toContain(`identity store ${STORE} was not found`);
    expect(c.err()).toContain('hint: identityCenter.identityStoreId and identityCenter.region');
    expect(c.out()).toBe('');
  });

  it('draws a progress bar on a terminal', async () => {
    const s = await server({
      groups: [{ displayName: G.a }, { displayName: G.b, appearAfterMs: 150 }, { displayName: G.lab }],
    });
    const t = tree();
    const c = captureIO(t.root, env(s.url));
    (c.io.stderr as { isTTY?: boolean }).isTTY = true;
    expect(await run(['--zones', t.zonesDir, '--config', t.configPath, '--timeout', '3s'], c.io, FAST)).toBe(EXIT.ok);
    const err = c.err();
    expect(err).toContain('\r[------------------------] 0/3 groups synced');
    expect(err).toContain('\r[########################] 3/3 groups synced');
    expect(err).toContain('next check in 0.1s');
    expect(err).not.toContain('synced 1/3 groups\n');
  });
});

describe('createIdentityStoreLookup', () => {
  it('resolves a display name to its id, and a missing one to undefined', async () => {
    const s = await server({
      groups: [{ displayName: 'entigo-zone-x', groupId: '1234567890-aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee' }],
    });
    const store = await createIdentityStoreLookup({
      region: 'eu-north-1',
      identityStoreId: STORE,
      endpoint: s.url,
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    });
    try {
      expect(await store.lookup('entigo-zone-x')).toBe('1234567890-aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee');
      expect(await store.lookup('entigo-zone-y')).toBeUndefined();
    } finally {
      store.close();
    }
    expect(s.log.map((e) => [e.operation, e.displayName, e.outcome])).toEqual([
      ['GetGroupId', 'entigo-zone-x', 'ok'],
      ['GetGroupId', 'entigo-zone-y', 'ResourceNotFoundException'],
    ]);
  });
});
