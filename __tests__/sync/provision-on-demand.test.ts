import type { TokenCredential } from '@azure/identity';
import { createGraphClient } from '../../sync/graph-client';
import {
  OnDemandProvisioner,
  PROVISION_ON_DEMAND_RATE,
  ProvisionOnDemandError,
  parseProvisionResult,
  type ProvisionEvent,
} from '../../sync/provision-on-demand';
import { startGraphServer, type GraphServer, type GraphServerOptions } from '../support/graph-server';

/**
 * Provisioning on demand against a local Microsoft Graph stand-in (127.0.0.1, random port), with
 * the real Graph client and an injected `@azure/identity` TokenCredential. Time is virtual: `sleep`
 * only moves the clock, so backoff and the 5-per-10-seconds window are checked exactly without
 * waiting.
 */

const SP = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
const JOB = 'AWSSCIM.0123456789abcdef0123456789abcdef.01234567-89ab-cdef-0123-456789abcdef';
const RULE = '03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8';
const TOKEN = 'test-token-1';

const credential: TokenCredential = {
  getToken: async () => ({ token: TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 }),
};

const servers: GraphServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

function objectId(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

async function setup(groups: number, opts: Partial<GraphServerOptions> = {}, token = TOKEN) {
  const names = Array.from({ length: groups }, (_, i) => `entigo-zone-z${i}`);
  const server = await startGraphServer({
    token,
    servicePrincipalId: SP,
    jobId: JOB,
    groups: Object.fromEntries(names.map((n, i) => [n, objectId(i)])),
    ...opts,
  });
  servers.push(server);
  let t = 0;
  const events: ProvisionEvent[] = [];
  const missing = new Set(names);
  const controller = new AbortController();
  const provisioner = new OnDemandProvisioner({
    graph: createGraphClient({ credential, endpoint: server.url }),
    servicePrincipalId: SP,
    jobId: JOB,
    ruleId: RULE,
    now: () => t,
    sleep: async (ms) => {
      t += ms;
      if (t > 3_600_000) controller.abort();
    },
    retryDelayMs: 20_000,
    maxRetryDelayMs: 120_000,
    onEvent: (e) => {
      events.push(e);
      // As the Identity Store wait would: a provisioned group is found and leaves the missing list.
      if (e.outcome?.kind === 'provisioned' || e.outcome?.kind === 'in-sync') missing.delete(e.group);
      if (missing.size === 0 || e.kind === 'fatal') controller.abort();
    },
  });
  const run = () => provisioner.run(() => [...missing], controller.signal);
  return { server, provisioner, events, names, run, clock: () => t };
}

describe("parseProvisionResult (Graph's stringKeyStringValuePair answer)", () => {
  const answer = (key: object, value: object = {}) => ({ key: JSON.stringify(key), value: JSON.stringify(value) });

  it('Success is provisioned; Skipped with RedundantExport (the v1.0 reference example) is in sync', () => {
    expect(parseProvisionResult(answer({ result: 'Success', details: {} }))).toEqual({ kind: 'provisioned' });
    expect(
      parseProvisionResult(
        answer(
          {
            result: 'Skipped',
            details: {
              errorCode: 'RedundantExport',
              errorMessage: 'The state of the user in both the source and target systems already match.',
            },
          },
          { statusInfo: { status: 'Skipped' } },
        ),
      ),
    ).toEqual({ kind: 'in-sync' });
  });

  it('any other Skipped is "not effective yet"; Failure and unreadable answers are failures, with the reason', () => {
    expect(
      parseProvisionResult(
        answer({ result: 'Skipped', details: { errorCode: 'NotEffectivelyEntitled', errorMessage: 'not assigned' } }),
      ),
    ).toEqual({
      kind: 'not-effective',
      reason: 'Skipped (NotEffectivelyEntitled: not assigned)',
    });
    expect(
      parseProvisionResult(answer({ result: 'Failure', details: { errorCode: 'X', errorMessage: 'boom' } })),
    ).toEqual({ kind: 'failed', reason: 'Failure (X: boom)' });
    expect(parseProvisionResult({ foo: 1 })).toMatchObject({
      kind: 'failed',
      reason: expect.stringContaining('unrecognized answer'),
    });
  });
});

describe('OnDemandProvisioner against a local Graph stand-in', () => {
  it("asks for a group with the job, rule and object id, authenticated with the credential's token", async () => {
    const { server, run, events } = await setup(1);
    await run();
    const [post] = server.provisionRequests();
    expect(post).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      path: `/v1.0/servicePrincipals/${SP}/synchronization/jobs/${JOB}/provisionOnDemand`,
      body: { parameters: [{ ruleId: RULE, subjects: [{ objectId: objectId(0), objectTypeName: 'Group' }] }] },
    });
    expect(server.log[0]).toMatchObject({
      method: 'GET',
      path: '/v1.0/groups?$filter=displayName%20eq%20%27entigo-zone-z0%27&$select=id,displayName',
    });
    expect(events.map((e) => [e.kind, e.outcome?.kind])).toEqual([['requested', 'provisioned']]);
  });

  it('reads the 200 answer and asks again, with backoff, while the assignment is not effective yet', async () => {
    const { server, run, events, provisioner } = await setup(1, {
      answers: { [objectId(0)]: ['not-effective', 'not-effective', 'failure', 'success'] },
    });
    await run();
    expect(server.provisionRequests()).toHaveLength(4);
    expect(events.map((e) => [e.outcome?.kind, e.at, e.retryInMs])).toEqual([
      ['not-effective', 0, 20_000],
      ['not-effective', 20_000, 40_000],
      ['failed', 60_000, 80_000],
      ['provisioned', 140_000, undefined],
    ]);
    expect(provisioner.status().get('entigo-zone-z0')).toMatchObject({ requests: 4, done: true });
  });

  it('never starts more than 5 requests in any 10 seconds', async () => {
    const { server, run, provisioner } = await setup(12);
    await run();
    expect(server.provisionRequests()).toHaveLength(12);
    const times = provisioner.requestTimes;
    expect(PROVISION_ON_DEMAND_RATE).toEqual({ requests: 5, perMs: 10_000 });
    expect(times.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    for (let i = 0; i + 5 < times.length; i++) expect(times[i + 5]! - times[i]!).toBeGreaterThanOrEqual(10_000);
    expect(times[11]).toBe(20_000);
  });

  it('waits the Retry-After of a 429 before asking anyone again', async () => {
    const { server, run, provisioner } = await setup(2, {
      answers: { [objectId(0)]: [{ status: 429, code: 'TooManyRequests', retryAfterSeconds: 30 }, 'success'] },
    });
    await run();
    expect(server.provisionRequests().map((r) => r.answer)).toEqual(['429', 'success', 'success']);
    const [first, second] = provisioner.requestTimes;
    expect(first).toBe(0);
    expect(second).toBeGreaterThanOrEqual(30_000);
  });

  it('does not ask for a group that does not exist in Entra yet, and asks again later', async () => {
    const { server, run, events } = await setup(1, { groups: {} });
    const done = run();
    await done;
    expect(server.provisionRequests()).toHaveLength(0);
    expect(events[0]).toMatchObject({ kind: 'not-found', retryInMs: 20_000 });
    expect(events.filter((e) => e.kind === 'not-found').length).toBeGreaterThan(1);
  });

  it('stops with a clear error on what waiting cannot fix: no permission, wrong job, bad token', async () => {
    for (const [opts, token, pattern] of [
      [
        { answers: { [objectId(0)]: [{ status: 403, code: 'Authorization_RequestDenied' }] } },
        TOKEN,
        /HTTP 403 Authorization_RequestDenied/,
      ],
      [{ jobId: 'other-job' }, TOKEN, /HTTP 404 Request_ResourceNotFound/],
      [{}, 'another-token', /HTTP 401 InvalidAuthenticationToken/],
    ] as const) {
      const { run, events } = await setup(1, opts, token);
      const err = await run().catch((e) => e);
      expect(err).toBeInstanceOf(ProvisionOnDemandError);
      expect(err.message).toMatch(pattern);
      expect(events.at(-1)).toMatchObject({ kind: 'fatal' });
    }
  });
});
