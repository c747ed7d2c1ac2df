/**
 * Bounded concurrency and a request rate for live-state reads: at most `concurrency` requests in
 * flight and requests started evenly at `ratePerSecond` (a token bucket without burst), so a large
 * organisation is read within the service's documented rate instead of by bursts the SDK's
 * retries then have to absorb.
 */
export class Limiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];
  private tokens: number;
  private refilledAt = Date.now();
  /** Requests started, for progress and the bench. */
  started = 0;

  constructor(
    private readonly concurrency: number,
    private readonly ratePerSecond: number,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {
    this.tokens = 1;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active++;
    try {
      await this.take();
      this.started++;
      return await fn();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }

  private async take(): Promise<void> {
    for (;;) {
      const now = Date.now();
      this.tokens = Math.min(1, this.tokens + ((now - this.refilledAt) / 1000) * this.ratePerSecond);
      this.refilledAt = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000));
    }
  }
}

/** Maps with the limiter's concurrency, keeping order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
