import {
  AWAIT_DEFAULTS,
  AwaitGroupsError,
  awaitGroups,
  classifyAwsError,
  describeError,
  type AwaitGroupsOptions,
  type AwaitProgress,
} from '../../sync/await-groups';
import { FakeClock } from './fake-clock';

const throttle = (retryAfterSeconds?: number) =>
  Object.assign(new Error('Rate exceeded'), {
    name: 'ThrottlingException',
    $fault: 'client',
    $retryable: { throttling: true },
    $metadata: { httpStatusCode: 400 },
    ...(retryAfterSeconds !== undefined ? { RetryAfterSeconds: retryAfterSeconds } : {}),
  });

/** A store where each group appears at a virtual time (Infinity: never). Records every lookup. */
function store(clock: FakeClock, appearAt: Record<string, number>, latencyMs = 0) {
  const calls: { name: string; at: number }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const lookup = async (name: string): Promise<string | undefined> => {
    calls.push({ name, at: clock.now() });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      if (latencyMs) await clock.sleep(latencyMs);
      return clock.now() >= (appearAt[name] ?? Infinity) ? `id-${name}` : undefined;
    } finally {
      inFlight--;
    }
  };
  return {
    lookup,
    calls,
    callsFor: (name: string) => calls.filter((c) => c.name === name).length,
    get maxInFlight() {
      return maxInFlight;
    },
  };
}

function run(clock: FakeClock, opts: Omit<AwaitGroupsOptions, 'now' | 'sleep'> & Partial<AwaitGroupsOptions>) {
  return clock.run(awaitGroups({ random: () => 1, minIntervalMs: 0, ...opts, now: clock.now, sleep: clock.sleep }));
}

describe('awaitGroups', () => {
  it('returns at once when every group exists', async () => {
    const clock = new FakeClock();
    const s = store(clock, { a: 0, b: 0, c: 0 });
    const r = await run(clock, { names: ['a', 'b', 'c'], lookup: s.lookup, timeoutMs: 60_000 });
    expect([...r.found]).toEqual([
      ['a', 'id-a'],
      ['b', 'id-b'],
      ['c', 'id-c'],
    ]);
    expect(r.missing).toEqual([]);
    expect(r.rounds).toBe(1);
    expect(r.requests).toBe(3);
    expect(clock.sleeps).toEqual([]);
  });

  it('asks again only for groups still missing, until all appear', async () => {
    const clock = new FakeClock();
    // With random() = 1: rounds at 0 (finds a), 2000, 4000 (finds b), 6000, 8000 (finds c).
    const s = store(clock, { a: 0, b: 3_000, c: 7_000 });
    const r = await run(clock, { names: ['a', 'b', 'c'], lookup: s.lookup, timeoutMs: 60_000 });
    expect(r.missing).toEqual([]);
    expect(r.found.get('c')).toBe('id-c');
    expect(s.callsFor('a')).toBe(1);
    expect(s.callsFor('b')).toBe(3); // 0, 2000, 4000
    expect(s.callsFor('c')).toBe(5);
    expect(r.requests).toBe(9);
  });

  it('backs off exponentially with jitter up to the cap, and resets after a find', async () => {
    const clock = new FakeClock();
    const s = store(clock, {});
    await run(clock, { names: ['x'], lookup: s.lookup, timeoutMs: 200_000, initialDelayMs: 1_000, maxDelayMs: 10_000 });
    expect(clock.sleeps.slice(0, 7)).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000, 10_000]);

    // Half of the delay is fixed, half random.
    const low = new FakeClock();
    const s2 = store(low, {});
    await run(low, {
      names: ['x'],
      lookup: s2.lookup,
      timeoutMs: 20_000,
      initialDelayMs: 1_000,
      maxDelayMs: 10_000,
      random: () => 0,
    });
    expect(low.sleeps.slice(0, 4)).toEqual([500, 1_000, 2_000, 4_000]);

    const reset = new FakeClock();
    const s3 = store(reset, { a: 3_500 });
    await run(reset, {
      names: ['a', 'b'],
      lookup: s3.lookup,
      timeoutMs: 20_000,
      initialDelayMs: 1_000,
      maxDelayMs: 10_000,
    });
    // Rounds at 0, 1000, 3000, 7000 (finds a: back to the start of the sequence), 8000, 9000, 11000.
    expect(reset.sleeps.slice(0, 6)).toEqual([1_000, 2_000, 4_000, 1_000, 1_000, 2_000]);
  });

  it('gives up at the timeout, listing the missing groups, after a last check at the deadline', async () => {
    const clock = new FakeClock();
    // b appears at 9.9 s; the regular schedule (0, 2, 4, 8, 16 s) would miss it, the deadline check at 10 s does not.
    const s = store(clock, { a: 0, b: 9_900 });
    const r = await run(clock, { names: ['a', 'b', 'never'], lookup: s.lookup, timeoutMs: 10_000 });
    expect(r.missing).toEqual(['never']);
    expect(r.found.has('b')).toBe(true);
    expect(r.elapsedMs).toBe(10_000);
    expect(s.calls.filter((c) => c.name === 'never').map((c) => c.at)).toEqual([0, 2_000, 4_000, 8_000, 10_000]);
    expect(Math.max(...s.calls.map((c) => c.at))).toBeLessThanOrEqual(10_000);
  });

  it('treats throttling as "not known yet", stops the round, and waits longer', async () => {
    const clock = new FakeClock();
    const s = store(clock, { a: 0, b: 0, c: 0, d: 0 });
    let throttled = false;
    const lookup = async (name: string) => {
      if (name === 'b' && !throttled) {
        throttled = true;
        s.calls.push({ name, at: clock.now() });
        throw throttle();
      }
      return s.lookup(name);
    };
    const events: AwaitProgress[] = [];
    const r = await run(clock, {
      names: ['a', 'b', 'c', 'd'],
      lookup,
      concurrency: 1,
      timeoutMs: 60_000,
      throttleDelayMs: 5_000,
      onProgress: (p) => events.push(p),
    });
    expect(r.missing).toEqual([]);
    expect(r.throttled).toBe(1);
    // Round 1: a ok, b throttled, c and d not started. Round 2 (after the throttle backoff): b, c, d.
    expect(s.calls.map((c) => `${c.name}@${c.at}`)).toEqual(['a@0', 'b@0', 'b@5000', 'c@5000', 'd@5000']);
    expect(clock.sleeps).toEqual([5_000]);
    const waiting = events.find((e) => e.phase === 'waiting')!;
    expect(waiting).toMatchObject({ throttled: true, nextCheckMs: 5_000, synced: 1 });
    expect(events.some((e) => e.phase === 'throttled')).toBe(true);
  });

  it('honours Retry-After and doubles the throttling backoff while throttling goes on', async () => {
    const clock = new FakeClock();
    let n = 0;
    const lookup = async () => {
      n++;
      if (n === 1) throw throttle(12);
      if (n <= 3) throw throttle();
      return 'id';
    };
    const r = await run(clock, { names: ['a'], lookup, timeoutMs: 120_000, throttleDelayMs: 1_000 });
    expect(r.found.get('a')).toBe('id');
    expect(clock.sleeps).toEqual([12_000, 2_000, 4_000]);
  });

  it('never has more than `concurrency` lookups in flight, and at most 5', async () => {
    const names = Array.from({ length: 23 }, (_, i) => `g${i}`);
    for (const [concurrency, expected] of [
      [3, 3],
      [50, AWAIT_DEFAULTS.maxConcurrency],
      [undefined, AWAIT_DEFAULTS.concurrency],
    ] as const) {
      const clock = new FakeClock();
      const s = store(clock, Object.fromEntries(names.map((n) => [n, 0])), 250);
      const r = await run(clock, {
        names,
        lookup: s.lookup,
        timeoutMs: 60_000,
        ...(concurrency ? { concurrency } : {}),
      });
      expect(r.found.size).toBe(23);
      expect(s.maxInFlight).toBe(expected);
    }
  });

  it('spaces lookup starts by minIntervalMs', async () => {
    const clock = new FakeClock();
    const s = store(clock, { a: 0, b: 0, c: 0, d: 0 }, 10);
    await run(clock, {
      names: ['a', 'b', 'c', 'd'],
      lookup: s.lookup,
      timeoutMs: 60_000,
      minIntervalMs: 100,
      concurrency: 5,
    });
    expect(s.calls.map((c) => c.at)).toEqual([0, 100, 200, 300]);
  });

  it('retries transient errors and reports the last one for groups still missing', async () => {
    const clock = new FakeClock();
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const lookup = async (name: string) => {
      if (name === 'flaky' && clock.now() < 2_000) throw reset;
      if (name === 'down')
        throw Object.assign(new Error('boom'), { name: 'InternalServerException', $fault: 'server' });
      return `id-${name}`;
    };
    const r = await run(clock, { names: ['flaky', 'down'], lookup, timeoutMs: 5_000 });
    expect(r.found.get('flaky')).toBe('id-flaky');
    expect(r.missing).toEqual(['down']);
    expect([...r.lastErrors]).toEqual([['down', 'InternalServerException: boom']]);
  });

  it('stops at once on an error waiting cannot fix', async () => {
    const clock = new FakeClock();
    const denied = Object.assign(new Error('User is not authorized to perform identitystore:GetGroupId'), {
      name: 'AccessDeniedException',
      $fault: 'client',
      $metadata: { httpStatusCode: 400 },
    });
    let calls = 0;
    const p = run(clock, {
      names: ['a', 'b', 'c'],
      concurrency: 1,
      lookup: async () => {
        calls++;
        throw denied;
      },
      timeoutMs: 60_000,
    });
    await expect(p).rejects.toBeInstanceOf(AwaitGroupsError);
    await expect(p).rejects.toMatchObject({ groupName: 'a', cause: denied });
    expect(calls).toBe(1);
  });

  it('asks once per distinct name, and succeeds trivially with no names', async () => {
    const clock = new FakeClock();
    const s = store(clock, { a: 0 });
    const r = await run(clock, { names: ['a', 'a', 'a'], lookup: s.lookup, timeoutMs: 1_000 });
    expect(r.requests).toBe(1);
    const empty = await run(new FakeClock(), { names: [], lookup: s.lookup, timeoutMs: 1_000 });
    expect(empty).toMatchObject({ missing: [], rounds: 0, requests: 0 });
  });

  it('reports progress: start, each find, each wait, done', async () => {
    const clock = new FakeClock();
    const s = store(clock, { a: 0, b: 2_000 });
    const events: AwaitProgress[] = [];
    await run(clock, { names: ['a', 'b'], lookup: s.lookup, timeoutMs: 60_000, onProgress: (p) => events.push(p) });
    expect(events.map((e) => `${e.phase}:${e.synced}/${e.total}${e.newlyFound ? `:${e.newlyFound}` : ''}`)).toEqual([
      'start:0/2',
      'found:1/2:a',
      'waiting:1/2',
      'found:2/2:b',
      'done:2/2',
    ]);
    expect(events[2]).toMatchObject({ nextCheckMs: 2_000, missing: ['b'], round: 1, elapsedMs: 0, timeoutMs: 60_000 });
  });
});

describe('classifyAwsError', () => {
  it('recognises throttling by name, trait or status, with Retry-After', () => {
    expect(classifyAwsError(throttle())).toEqual({ kind: 'throttled' });
    expect(classifyAwsError(throttle(3))).toEqual({ kind: 'throttled', retryAfterMs: 3_000 });
    expect(classifyAwsError({ name: 'TooManyRequestsException' })).toEqual({ kind: 'throttled' });
    expect(classifyAwsError({ name: 'Whatever', $metadata: { httpStatusCode: 429 } })).toEqual({ kind: 'throttled' });
    expect(classifyAwsError({ name: 'X', $retryable: { throttling: true } })).toEqual({ kind: 'throttled' });
  });

  it('treats server faults, timeouts and network errors as transient', () => {
    expect(classifyAwsError({ name: 'InternalServerException', $fault: 'server' }).kind).toBe('transient');
    expect(classifyAwsError({ name: 'Error', $metadata: { httpStatusCode: 503 } }).kind).toBe('transient');
    expect(classifyAwsError({ name: 'TimeoutError' }).kind).toBe('transient');
    expect(classifyAwsError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })).kind).toBe('transient');
    expect(
      classifyAwsError(new Error('wrapped', { cause: Object.assign(new Error('y'), { code: 'ETIMEDOUT' }) })).kind,
    ).toBe('transient');
  });

  it('treats everything else as fatal', () => {
    expect(classifyAwsError({ name: 'AccessDeniedException', $fault: 'client' }).kind).toBe('fatal');
    expect(classifyAwsError({ name: 'CredentialsProviderError' }).kind).toBe('fatal');
    expect(classifyAwsError(new Error('weird')).kind).toBe('fatal');
    expect(classifyAwsError('string').kind).toBe('fatal');
  });
});

describe('describeError', () => {
  it('is one short line with the error name', () => {
    expect(describeError(Object.assign(new Error('Rate exceeded\nmore'), { name: 'ThrottlingException' }))).toBe(
      'ThrottlingException: Rate exceeded',
    );
    expect(describeError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(
      'connect ECONNREFUSED 127.0.0.1:1',
    );
    expect(describeError('plain')).toBe('plain');
  });
});
