import { GraphError } from './graph-client';

/**
 * How the commands that call Microsoft Graph pace and retry their requests: one sliding window of
 * request starts (plus a pause every request respects after a 429), and one reading of Graph's
 * errors. `await-sync --provision` (provision-on-demand.ts) and `release-access-packages`
 * (release-access-packages.ts) both use these, so they behave the same under throttling.
 *
 * Source: Microsoft Graph throttling guidance (https://learn.microsoft.com/en-us/graph/throttling,
 * microsoftgraph/microsoft-graph-docs-contrib concepts/throttling.md): a throttled request is
 * answered 429 with `Retry-After` (seconds), and the client should wait that long before the next
 * request; 5xx answers (503/504 included) are transient and retried with backoff.
 */

export interface Rate {
  readonly requests: number;
  readonly perMs: number;
}

/** What an error from Graph means for the caller: wait and ask again, or stop. */
export type GraphErrorKind =
  /** 429: ask again after `retryAfterMs` (Graph's `Retry-After`), and nobody else before that either. */
  | 'throttled'
  /** 5xx, or no answer: ask again later, with backoff. */
  | 'transient'
  /** Any other status (400, 401, 403, 404, 409, ...): asking again will not help. */
  | 'fatal';

export function classifyGraphError(err: GraphError): GraphErrorKind {
  if (err.status === 429) return 'throttled';
  if (err.status === 0 || err.status >= 500) return 'transient';
  return 'fatal';
}

/** `first` doubled per earlier failure, at most `max`: failures 1 → first, 2 → 2·first, ... */
export function backoffMs(failures: number, first: number, max: number): number {
  return Math.min(max, first * 2 ** Math.max(0, failures - 1));
}

/**
 * A sliding window of request starts: at most `rate.requests` starts within any `rate.perMs`, and
 * none before a pause set by `pauseUntil` (a 429's `Retry-After`) has ended. Clock and sleep are
 * injected for tests.
 */
export class RequestWindow {
  /** Start times of the requests, in order (tests read them). */
  readonly starts: number[] = [];
  private blockedUntil = 0;

  constructor(
    private readonly rate: Rate,
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}

  /** No request starts before `at` (e.g. now + Retry-After). */
  pauseUntil(at: number): void {
    this.blockedUntil = Math.max(this.blockedUntil, at);
  }

  /** Waits until a request may start, and records its start. */
  async take(): Promise<void> {
    for (;;) {
      const now = this.now();
      if (now < this.blockedUntil) {
        await this.sleep(this.blockedUntil - now);
        continue;
      }
      // Starts are recorded in order, so the window's requests are the tail of the list.
      const recent = this.starts.filter((t) => t > now - this.rate.perMs);
      if (recent.length < this.rate.requests) {
        this.starts.push(now);
        return;
      }
      // The request `rate.requests` back leaves the window at its start + perMs.
      await this.sleep(recent[recent.length - this.rate.requests]! + this.rate.perMs - now);
    }
  }

  /** Gives back the last slot taken (the request was not sent after all). */
  giveBack(): void {
    this.starts.pop();
  }
}
