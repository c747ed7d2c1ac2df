import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { TokenCredential } from '@azure/identity';
import { run } from '../../cli/release-access-packages';
import { runCommand } from '../../cli/args';
import * as releaseCli from '../../cli/release-access-packages';
import { createGraphClient } from '../../sync/graph-client';
import {
  PlanFormatError,
  packagesToRelease,
  releaseAccessPackages,
  type ReleaseOptions,
} from '../../sync/release-access-packages';
import { entitlementStandIn, type EntitlementOptions, type EntitlementStandIn } from '../support/graph-entitlement';
import { startGraphServer, type GraphServer } from '../support/graph-server';

/**
 * Releasing the access packages a plan destroys, against the Graph stand-in extended with
 * entitlement management (support/graph-entitlement.ts), which refuses to delete a package that
 * still has assignments, as Graph documents. Time is virtual: `sleep` only moves the clock.
 */

const TOKEN = 'test-token-ap';
const credential: TokenCredential = {
  getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};
const PKG_A = '11111111-1111-4111-8111-111111111111';
const PKG_B = '22222222-2222-4222-8222-222222222222';
const PKG_KEPT = '33333333-3333-4333-8333-333333333333';

const servers: GraphServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function setup(
  opts: EntitlementOptions,
  token = TOKEN,
): Promise<{ server: GraphServer; standIn: EntitlementStandIn }> {
  const standIn = entitlementStandIn(opts);
  const server = await startGraphServer({
    token,
    servicePrincipalId: 'sp',
    jobId: 'job',
    groups: {},
    routes: [standIn.route],
  });
  servers.push(server);
  return { server, standIn };
}

/** A `terraform show -json` plan with these access package changes. */
function plan(changes: { id: string; actions: string[]; name?: string }[]): unknown {
  return {
    format_version: '1.2',
    terraform_version: '1.11.4',
    resource_changes: [
      // Other resources of an Entra stack are ignored, whatever their actions.
      {
        address: 'azuread_group.x',
        mode: 'managed',
        type: 'azuread_group',
        change: { actions: ['delete'], before: { id: 'g' } },
      },
      ...changes.map((c, i) => ({
        address: `azuread_access_package.${c.name ?? `p${i}`}`,
        mode: 'managed',
        type: 'azuread_access_package',
        name: c.name ?? `p${i}`,
        change: {
          actions: c.actions,
          before: c.actions[0] === 'create' && c.actions.length === 1 ? null : { id: c.id, display_name: `zone ${i}` },
        },
      })),
    ],
  };
}

function clock(): { now: () => number; sleep: (ms: number) => Promise<void>; t: () => number } {
  let t = 0;
  return { now: () => t, sleep: async (ms) => void (t += ms), t: () => t };
}

async function del(server: GraphServer, id: string): Promise<number> {
  const res = await fetch(`${server.url}/identityGovernance/entitlementManagement/accessPackages/${id}`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  await res.text();
  return res.status;
}

function options(server: GraphServer, c = clock(), extra: Partial<ReleaseOptions> = {}): ReleaseOptions {
  return {
    graph: createGraphClient({ credential, endpoint: server.url }),
    now: c.now,
    sleep: c.sleep,
    pollMs: 1_000,
    maxPollMs: 8_000,
    ...extra,
  };
}

describe('packagesToRelease: the access packages a plan destroys', () => {
  it('takes delete, and replace in either order; not create, update, no-op or data sources', () => {
    const p = plan([
      { id: PKG_A, actions: ['delete'] },
      { id: PKG_B, actions: ['delete', 'create'] },
      { id: 'c', actions: ['create', 'delete'] },
      { id: 'd', actions: ['update'] },
      { id: 'e', actions: ['no-op'] },
      { id: 'f', actions: ['create'] },
    ]) as { resource_changes: unknown[] };
    p.resource_changes.push({
      address: 'data.azuread_access_package.x',
      mode: 'data',
      type: 'azuread_access_package',
      change: { actions: ['delete'], before: { id: 'g' } },
    });
    expect(packagesToRelease(p).map((x) => x.id)).toEqual([PKG_A, PKG_B, 'c']);
  });

  it('refuses what is not a JSON plan, and a destroyed package without an id', () => {
    expect(() => packagesToRelease([])).toThrow(PlanFormatError);
    expect(() => packagesToRelease({ resource_changes: [] })).toThrow(/format_version/);
    const noId = plan([{ id: '', actions: ['delete'] }]);
    expect(() => packagesToRelease(noId)).toThrow(/change\.before\.id/);
  });
});

describe('releaseAccessPackages against the Graph stand-in', () => {
  it('package with assignments: a plain DELETE is refused; after the release it succeeds', async () => {
    const { server, standIn } = await setup({
      packages: {
        [PKG_A]: { assignments: ['Ann', 'Bob', 'Cid', { name: 'Old', state: 'expired' }] },
        [PKG_KEPT]: { assignments: ['Dee'] },
      },
      // Three pages for three live and one expired assignment: nextLink is followed.
      pageSize: 2,
      removalListings: 2,
    });
    expect(await del(server, PKG_A)).toBe(400);
    expect(standIn.refusedDeletes).toEqual([PKG_A]);

    const lines: string[] = [];
    const result = await releaseAccessPackages(plan([{ id: PKG_A, actions: ['delete'] }]), {
      ...options(server),
      log: (l) => lines.push(l),
    });
    expect(result).toEqual({ packages: [PKG_A], removed: 3, failed: [] });
    // One adminRemove per live assignment; the expired one is left alone.
    const names = (ids: string[]) =>
      ids.map((id) => standIn.packages.get(PKG_A)!.assignments.find((a) => a.id === id)!.target.displayName);
    expect(names(standIn.removalRequests).sort()).toEqual(['Ann', 'Bob', 'Cid']);
    const posts = server.log.filter((e) => e.method === 'POST');
    expect(posts.map((e) => e.body)).toEqual(
      standIn.removalRequests.map((id) => ({ requestType: 'adminRemove', assignment: { id } })),
    );
    expect(
      posts.every(
        (e) => e.path === '/v1.0/identityGovernance/entitlementManagement/assignmentRequests' && e.status === 201,
      ),
    ).toBe(true);
    // Listed by Graph's documented filter, every page followed.
    const gets = server.log.filter((e) => e.method === 'GET');
    expect(decodeURIComponent(gets[0]!.path)).toBe(
      `/v1.0/identityGovernance/entitlementManagement/assignments?$filter=accessPackage/id eq '${PKG_A}'&$expand=target`,
    );
    expect(gets.some((e) => e.path.includes('skiptoken=2'))).toBe(true);
    expect(lines.join('\n')).toContain('asked to remove the assignment of Ann');
    // The package the plan keeps is never touched.
    expect(gets.every((e) => !decodeURIComponent(e.path).includes(PKG_KEPT))).toBe(true);

    expect(await del(server, PKG_A)).toBe(204);
    expect(standIn.packages.has(PKG_A)).toBe(false);
    expect(standIn.packages.get(PKG_KEPT)!.assignments).toHaveLength(1);
  });

  it('a plan that destroys no access package asks Graph nothing, and needs no credential', async () => {
    const graph = {
      get: () => Promise.reject(new Error('no call expected')),
      post: () => Promise.reject(new Error('no call expected')),
    };
    const result = await releaseAccessPackages(plan([{ id: PKG_A, actions: ['update'] }]), { graph, env: {} });
    expect(result).toEqual({ packages: [], removed: 0, failed: [] });
  });

  it('waits for a delivering assignment to be delivered before asking to remove it', async () => {
    const { server, standIn } = await setup({
      packages: { [PKG_A]: { assignments: [{ name: 'New', state: 'delivering' }] } },
    });
    const result = await releaseAccessPackages(plan([{ id: PKG_A, actions: ['delete', 'create'] }]), options(server));
    expect(result).toEqual({ packages: [PKG_A], removed: 1, failed: [] });
    // The first listing saw it delivering: no request then; the second saw it delivered.
    const first = server.log.findIndex((e) => e.method === 'GET');
    expect(server.log[first + 1]!.method).toBe('GET');
    expect(standIn.removalRequests).toHaveLength(1);
  });

  it('honours Retry-After on 429 and backs off on 5xx, with the same request window as provisioning', async () => {
    const { server } = await setup({
      packages: { [PKG_A]: { assignments: ['Ann', 'Bob'] } },
      listErrors: [{ status: 503 }],
      requestErrors: [{ status: 429, code: 'TooManyRequests', retryAfterSeconds: 30 }],
    });
    const c = clock();
    const starts: number[] = [];
    const graph = createGraphClient({ credential, endpoint: server.url });
    const timed = {
      get: (p: string) => (starts.push(c.now()), graph.get(p)),
      post: (p: string, b: unknown) => (starts.push(c.now()), graph.post(p, b)),
    };
    const result = await releaseAccessPackages(plan([{ id: PKG_A, actions: ['delete'] }]), {
      ...options(server, c),
      graph: timed,
      rate: { requests: 2, perMs: 10_000 },
    });
    expect(result.failed).toEqual([]);
    expect(result.removed).toBe(2);
    const throttled = server.log.findIndex((e) => e.status === 429);
    // Nothing was sent within Retry-After of the 429.
    expect(starts[throttled + 1]! - starts[throttled]!).toBeGreaterThanOrEqual(30_000);
    // The window: never more than 2 request starts within 10 s.
    for (const t of starts) expect(starts.filter((s) => s > t - 10_000 && s <= t).length).toBeLessThanOrEqual(2);
  });

  it('a 403 fails that package with the permission it needs; the other package is still released', async () => {
    const { server } = await setup({
      packages: { [PKG_A]: { assignments: ['Ann'] }, [PKG_B]: { assignments: ['Bob'] } },
      requestErrors: [{ status: 403, code: 'Authorization_RequestDenied' }],
    });
    const result = await releaseAccessPackages(
      plan([
        { id: PKG_A, actions: ['delete'] },
        { id: PKG_B, actions: ['delete'] },
      ]),
      options(server),
    );
    expect(result.packages).toEqual([PKG_A, PKG_B]);
    expect(result.failed).toEqual([
      { packageId: PKG_A, reason: expect.stringContaining('EntitlementManagement.ReadWrite.All') },
    ]);
    expect(result.removed).toBe(1);
    expect(await del(server, PKG_B)).toBe(204);
    expect(await del(server, PKG_A)).toBe(400);
  });

  it('an assignment Graph never removes: asked again, then reported at the timeout', async () => {
    const { server, standIn } = await setup({ packages: { [PKG_A]: { assignments: ['Ann'] } } });
    // Graph accepts every removal request, but this one never takes effect.
    standIn.packages.get(PKG_A)!.assignments[0]!.removalIn = Number.POSITIVE_INFINITY;
    const c = clock();
    const result = await releaseAccessPackages(plan([{ id: PKG_A, actions: ['delete'] }]), {
      ...options(server, c),
      timeoutMs: 20 * 60_000,
      repostAfterMs: 5 * 60_000,
    });
    expect(result.failed).toEqual([
      { packageId: PKG_A, reason: expect.stringMatching(/still lists 1 assignment\(s\) after 20m/) },
    ]);
    expect(result.removed).toBe(0);
    // Asked for again every 5 minutes within the 20.
    expect(standIn.removalRequests.length).toBeGreaterThanOrEqual(3);
    expect(c.t()).toBeLessThanOrEqual(20 * 60_000);
  });

  it('a token Graph refuses is a credential error, not a package failure', async () => {
    const { server } = await setup({ packages: { [PKG_A]: { assignments: ['Ann'] } } }, 'another-token');
    await expect(
      releaseAccessPackages(plan([{ id: PKG_A, actions: ['delete'] }]), options(server)),
    ).rejects.toMatchObject({ name: 'GraphCredentialError' });
  });
});

describe('zone-access release-access-packages', () => {
  function io(env: NodeJS.ProcessEnv = {}) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (d) => (out += d));
    stderr.on('data', (d) => (err += d));
    const dir = mkdtempSync(join(tmpdir(), 'release-'));
    return { io: { stdout, stderr, env, cwd: dir }, dir, out: () => out, err: () => err };
  }

  it('exit 0 when released, 1 when a package could not be, with the reason', async () => {
    const { server } = await setup({
      packages: { [PKG_A]: { assignments: ['Ann'] }, [PKG_B]: { assignments: ['Bob'] } },
      requestErrors: [{ status: 403 }],
    });
    const c = io();
    writeFileSync(
      join(c.dir, 'plan.json'),
      JSON.stringify(
        plan([
          { id: PKG_A, actions: ['delete'] },
          { id: PKG_B, actions: ['delete'] },
        ]),
      ),
    );
    const t = clock();
    const code = await run(['--plan', 'plan.json'], c.io, {
      graph: createGraphClient({ credential, endpoint: server.url }),
      schedule: { now: t.now, sleep: t.sleep, pollMs: 1_000 },
    });
    expect(code).toBe(1);
    expect(JSON.parse(c.out())).toEqual({
      packages: [PKG_A, PKG_B],
      removed: 1,
      failed: [{ packageId: PKG_A, reason: expect.any(String) }],
    });
    expect(c.err()).toMatch(/error: access package 11111111-1111-4111-8111-111111111111 not released: .*HTTP 403/);

    const ok = io();
    writeFileSync(join(ok.dir, 'plan.json'), JSON.stringify(plan([{ id: PKG_B, actions: ['delete'] }])));
    const t2 = clock();
    expect(
      await run(['--plan', 'plan.json'], ok.io, {
        graph: createGraphClient({ credential, endpoint: server.url }),
        schedule: { now: t2.now, sleep: t2.sleep },
      }),
    ).toBe(0);
  });

  it('exit 0 without any credential when nothing is destroyed', async () => {
    const c = io({});
    writeFileSync(join(c.dir, 'plan.json'), JSON.stringify(plan([])));
    expect(await run(['--plan', 'plan.json'], c.io)).toBe(0);
    expect(c.err()).toContain('nothing to release');
  });

  it('exit 2: no --plan, no file, not a plan, no credential', async () => {
    const a = io();
    expect(await runCommand('release-access-packages', releaseCli, [], a.io)).toBe(2);
    expect(a.err()).toContain('--plan FILE is required');
    const b = io();
    expect(await run(['--plan', 'missing.json'], b.io)).toBe(2);
    expect(b.err()).toContain('missing.json: no such file');
    const c = io();
    writeFileSync(join(c.dir, 'plan.json'), '{"resource_changes": []}');
    expect(await run(['--plan', 'plan.json'], c.io)).toBe(2);
    expect(c.err()).toContain('not a Terraform JSON plan');
    const d = io();
    writeFileSync(join(d.dir, 'plan.json'), JSON.stringify(plan([{ id: PKG_A, actions: ['delete'] }])));
    const noToken: TokenCredential = {
      getToken: async () => {
        const e = new Error('EnvironmentCredential is unavailable');
        e.name = 'CredentialUnavailableError';
        throw e;
      },
    };
    expect(await run(['--plan', 'plan.json'], d.io, { credential: noToken })).toBe(2);
    expect(d.err()).toContain('no Azure credential for Microsoft Graph');
  });
});
