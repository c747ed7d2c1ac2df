/**
 * Virtual time for code that takes `now` and `sleep`: `run` lets every pending promise settle, then
 * jumps the clock to the earliest sleeper, until the awaited promise settles. Nothing really waits.
 */
export class FakeClock {
  private t = 0;
  private timers: { at: number; seq: number; resolve: () => void }[] = [];
  private seq = 0;
  /** Every sleep requested, in ms, in order. */
  readonly sleeps: number[] = [];

  readonly now = (): number => this.t;

  readonly sleep = (ms: number): Promise<void> => {
    this.sleeps.push(ms);
    return new Promise((resolve) => {
      this.timers.push({ at: this.t + Math.max(0, ms), seq: this.seq++, resolve });
    });
  };

  async run<T>(promise: Promise<T>, limitMs = 24 * 3_600_000): Promise<T> {
    let settled = false;
    promise.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      await new Promise((r) => setImmediate(r));
      if (settled) return promise;
      if (this.timers.length === 0) throw new Error('FakeClock: nothing to wait for, but the promise has not settled');
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift()!;
      this.t = Math.max(this.t, next.at);
      if (this.t > limitMs) throw new Error(`FakeClock: passed ${limitMs} ms of virtual time`);
      next.resolve();
    }
  }
}
