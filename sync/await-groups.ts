/**
 * Waits until every named group exists in the identity store, asking again with backoff.
 *
 * The lookup is injected (the real one is `identity-store-lookup.ts`), and so are the clock, the
 * sleep and the random source, so the schedule can be tested without waiting.
 *
 * Behaviour:
 * - Each round asks only for the groups still missing; a group found once is never asked again.
 * - At most `concurrency` lookups are in flight (clamped to 1..5), and request starts are spaced by
 *   `minIntervalMs`. IAM Identity Center documents a collective throttle limit of about 20
 *   requests per second per account, shared with SCIM, Terraform and everything else, so the
 *   defaults (4 in flight, ≥100 ms apart) stay well below it.
 * - Between rounds the delay grows exponentially from `initialDelayMs` to `maxDelayMs`, with jitter
 *   (half fixed, half random), and drops back to `initialDelayMs` whenever a round finds a group:
 *   SCIM creates groups in batches, so one arriving means the rest are likely close.
 * - A throttling error (`ThrottlingException` and its relatives, HTTP 429) is not "missing": the
 *   group is asked again later. The round stops starting new lookups, and the pause before the next
 *   round is the longer throttling backoff, at least the server's `Retry-After` when it sent one.
 * - Transient errors (timeouts, 5xx, connection resets) are retried like a missing group; the last
 *   one per group is reported. Any other error (access denied, bad credentials, unknown identity
 *   store) would not go away by waiting, so it ends the wait with an `AwaitGroupsError`.
 * - The last round starts no later than the deadline; in-flight lookups are bounded by the
 *   client's own request timeout.
 */

export type LookupErrorKind = 'throttled' | 'transient' | 'fatal';

export interface ClassifiedError {
  readonly kind: LookupErrorKind;
  /** How long the server asked us to wait, when it said. */
  readonly retryAfterMs?: number;
}

export interface AwaitProgress {
  /**
   * - `start`: before the first round.
   * - `found`: a group was found (`newlyFound` names it).
   * - `throttled`: a lookup was throttled; the round stops starting new lookups.
   * - `waiting`: a round ended with groups still missing; `nextCheckMs` is the pause before the next.
   * - `done`: the wait is over (all found, or the deadline passed).
   */
  readonly phase: 'start' | 'found' | 'throttled' | 'waiting' | 'done';
  readonly total: number;
  readonly synced: number;
  /** Names still missing, in input order. */
  readonly missing: readonly string[];
  readonly newlyFound?: string;
  readonly round: number;
  readonly elapsedMs: number;
  readonly timeoutMs: number;
  readonly nextCheckMs?: number;
  /** True when the pause before the next round is a throttling backoff. */
  readonly throttled?: boolean;
}

export interface AwaitGroupsOptions {
  /** Group display names; duplicates are asked once. */
  readonly names: readonly string[];
  /** Resolves to the group id, or `undefined` when no such group exists (yet). Throws on errors. */
  readonly lookup: (name: string) => Promise<string | undefined>;
  /** How long to keep asking, from the call. */
  readonly timeoutMs: number;
  /** Lookups in flight at once; clamped to 1..5. Default 4. */
  readonly concurrency?: number;
  /** Minimum spacing between the starts of two lookups. Default 100 ms. */
  readonly minIntervalMs?: number;
  /** First pause between rounds. Default 2 s. */
  readonly initialDelayMs?: number;
  /** Longest pause between rounds. Default 30 s. */
  readonly maxDelayMs?: number;
  /** First pause after a throttled round; doubles while throttling goes on, up to `maxThrottleDelayMs`. Default 5 s. */
  readonly throttleDelayMs?: number;
  /** Longest pause after a throttled round. Default 60 s. */
  readonly maxThrottleDelayMs?: number;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1). */
  readonly random?: () => number;
  readonly classifyError?: (err: unknown) => ClassifiedError;
  readonly onProgress?: (progress: AwaitProgress) => void;
}

export interface AwaitGroupsResult {
  /** Display name → group id, for every group found. */
  readonly found: Map<string, string>;
  /** Names never found, in input order. Empty when the wait succeeded. */
  readonly missing: string[];
  /** The last transient error seen for a still-missing group, by name. */
  readonly lastErrors: Map<string, string>;
  readonly rounds: number;
  /** Lookups made, including throttled and failed ones. */
  readonly requests: number;
  /** Lookups answered with a throttling error. */
  readonly throttled: number;
  readonly elapsedMs: number;
}

/** A lookup failed in a way waiting would not fix. */
export class AwaitGroupsError extends Error {
  constructor(
    readonly groupName: string,
    override readonly cause: unknown,
  ) {
    super(`looking up group "${groupName}" failed: ${describeError(cause)}`);
    this.name = 'AwaitGroupsError';
  }
}

export const AWAIT_DEFAULTS = {
  concurrency: 4,
  maxConcurrency: 5,
  minIntervalMs: 100,
  initialDelayMs: 2_000,
  maxDelayMs: 30_000,
  throttleDelayMs: 5_000,
  maxThrottleDelayMs: 60_000,
} as const;

export async function awaitGroups(opts: AwaitGroupsOptions): Promise<AwaitGroupsResult> {
  const now = opts.now ?? Date.now;
  const sleep = opts.sleep ?? defaultSleep;
  const random = opts.random ?? Math.random;
  const classify = opts.classifyError ?? classifyAwsError;
  const concurrency = clamp(
    Math.floor(opts.concurrency ?? AWAIT_DEFAULTS.concurrency),
    1,
    AWAIT_DEFAULTS.maxConcurrency,
  );
  const minIntervalMs = Math.max(0, opts.minIntervalMs ?? AWAIT_DEFAULTS.minIntervalMs);
  const initialDelayMs = Math.max(0, opts.initialDelayMs ?? AWAIT_DEFAULTS.initialDelayMs);
  const maxDelayMs = Math.max(initialDelayMs, opts.maxDelayMs ?? AWAIT_DEFAULTS.maxDelayMs);
  const throttleDelayMs = Math.max(0, opts.throttleDelayMs ?? AWAIT_DEFAULTS.throttleDelayMs);
  const maxThrottleDelayMs = Math.max(throttleDelayMs, opts.maxThrottleDelayMs ?? AWAIT_DEFAULTS.maxThrottleDelayMs);

  const names = [...new Set(opts.names)];
  const started = now();
  const deadline = started + Math.max(0, opts.timeoutMs);
  const found = new Map<string, string>();
  const lastErrors = new Map<string, string>();
  let rounds = 0;
  let requests = 0;
  let throttledCount = 0;
  /** Rounds since the last one that found something (drives the normal backoff). */
  let quietRounds = 0;
  /** Consecutive throttled rounds (drives the throttling backoff). */
  let throttleStreak = 0;
  let nextStartAt = started;

  const missing = (): string[] => names.filter((n) => !found.has(n));
  const emit = (p: Omit<AwaitProgress, 'total' | 'synced' | 'missing' | 'round' | 'elapsedMs' | 'timeoutMs'>): void => {
    opts.onProgress?.({
      total: names.length,
      synced: found.size,
      missing: missing(),
      round: rounds,
      elapsedMs: now() - started,
      timeoutMs: opts.timeoutMs,
      ...p,
    });
  };

  emit({ phase: 'start' });

  while (names.length > 0) {
    rounds++;
    const queue = missing();
    let throttledThisRound = false;
    let retryAfterMs = 0;
    let foundThisRound = 0;
    let fatal: AwaitGroupsError | undefined;

    const worker = async (): Promise<void> => {
      for (;;) {
        if (throttledThisRound || fatal) return;
        const name = queue.shift();
        if (name === undefined) return;
        // Pace request starts. The slot is claimed before sleeping, so workers queue up behind it.
        const startAt = Math.max(now(), nextStartAt);
        nextStartAt = startAt + minIntervalMs;
        const wait = startAt - now();
        if (wait > 0) await sleep(wait);
        if (throttledThisRound || fatal) {
          queue.unshift(name);
          return;
        }
        requests++;
        try {
          const id = await opts.lookup(name);
          if (id !== undefined) {
            found.set(name, id);
            lastErrors.delete(name);
            foundThisRound++;
            emit({ phase: 'found', newlyFound: name });
          } else {
            lastErrors.delete(name);
          }
        } catch (err) {
          const c = classify(err);
          if (c.kind === 'throttled') {
            throttledCount++;
            if (!throttledThisRound) emit({ phase: 'throttled' });
            throttledThisRound = true;
            retryAfterMs = Math.max(retryAfterMs, c.retryAfterMs ?? 0);
          } else if (c.kind === 'transient') {
            lastErrors.set(name, describeError(err));
          } else {
            fatal ??= new AwaitGroupsError(name, err);
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
    if (fatal) throw fatal;

    const remaining = missing();
    if (remaining.length === 0) break;
    const left = deadline - now();
    if (left <= 0) break;

    let delay: number;
    if (throttledThisRound) {
      const base = Math.min(maxThrottleDelayMs, throttleDelayMs * 2 ** throttleStreak);
      throttleStreak++;
      delay = Math.max(retryAfterMs, jitter(base, random));
    } else {
      throttleStreak = 0;
      quietRounds = foundThisRound > 0 ? 0 : quietRounds + 1;
      const base = Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, quietRounds - 1));
      delay = jitter(base, random);
    }
    delay = Math.min(delay, left);
    emit({ phase: 'waiting', nextCheckMs: delay, throttled: throttledThisRound });
    await sleep(delay);
  }

  const result: AwaitGroupsResult = {
    found,
    missing: missing(),
    lastErrors: new Map([...lastErrors].filter(([n]) => !found.has(n))),
    rounds,
    requests,
    throttled: throttledCount,
    elapsedMs: now() - started,
  };
  emit({ phase: 'done' });
  return result;
}

/** Half of `base` fixed, half random: never hammers, never synchronises with other clients. */
function jitter(base: number, random: () => number): number {
  return Math.round(base / 2 + (base / 2) * random());
}

function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, n)) : lo;
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Error names AWS services use for throttling (the SDK's own list, plus what service models declare). */
const THROTTLING_NAMES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'ProvisionedThroughputExceededException',
  'LimitExceededException',
  'BandwidthLimitExceeded',
  'PriorRequestNotComplete',
]);
const TRANSIENT_NAMES = new Set([
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalServerException',
  'ServiceUnavailable',
  'ServiceUnavailableException',
]);
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  cause?: unknown;
  $fault?: unknown;
  $retryable?: { throttling?: boolean };
  $metadata?: { httpStatusCode?: number };
  RetryAfterSeconds?: unknown;
}

/**
 * Classifies errors the way the AWS SDK v3 shapes them: by `name` (the error code), `$fault`,
 * `$retryable`, `$metadata.httpStatusCode`, Node's `code`, and `RetryAfterSeconds` (bound to the
 * `Retry-After` header in the Identity Store model).
 */
export function classifyAwsError(err: unknown): ClassifiedError {
  return classifyDepth(err, 0);
}

function classifyDepth(err: unknown, depth: number): ClassifiedError {
  if (typeof err !== 'object' || err === null) return { kind: 'fatal' };
  const e = err as ErrorLike;
  const name = typeof e.name === 'string' ? e.name : '';
  const status = e.$metadata?.httpStatusCode;
  if (THROTTLING_NAMES.has(name) || e.$retryable?.throttling === true || status === 429) {
    const s = Number(e.RetryAfterSeconds);
    return Number.isFinite(s) && s > 0 ? { kind: 'throttled', retryAfterMs: s * 1000 } : { kind: 'throttled' };
  }
  if (
    TRANSIENT_NAMES.has(name) ||
    e.$fault === 'server' ||
    (status !== undefined && status >= 500) ||
    (typeof e.code === 'string' && TRANSIENT_CODES.has(e.code)) ||
    (name === 'AbortError' && depth > 0)
  ) {
    return { kind: 'transient' };
  }
  if (e.cause !== undefined && depth < 5) {
    const inner = classifyDepth(e.cause, depth + 1);
    if (inner.kind !== 'fatal') return inner;
  }
  return { kind: 'fatal' };
}

/** `Name: message`, short, for one line of output. */
export function describeError(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const e = err as ErrorLike;
    const name =
      typeof e.name === 'string' && e.name !== 'Error' ? e.name : typeof e.code === 'string' ? e.code : 'Error';
    const msg = typeof e.message === 'string' && e.message ? e.message : '';
    const text = msg && !msg.includes(name) ? `${name}: ${msg}` : msg || name;
    return text.split('\n')[0]!.slice(0, 300);
  }
  return String(err);
}
