import { Limiter } from '../../live/limiter';

describe('Limiter', () => {
  it('keeps at most `concurrency` requests in flight and starts them evenly at the rate, without a burst', async () => {
    const limiter = new Limiter(3, 100);
    let inFlight = 0;
    let most = 0;
    const starts: number[] = [];
    await Promise.all(
      Array.from({ length: 12 }, () =>
        limiter.run(async () => {
          starts.push(Date.now());
          most = Math.max(most, ++inFlight);
          await new Promise((r) => setTimeout(r, 5));
          inFlight--;
        }),
      ),
    );
    expect(most).toBeLessThanOrEqual(3);
    expect(limiter.started).toBe(12);
    // 12 starts at 100/s: the first at once, the others 10 ms apart at the least (a little slack for timers).
    expect(starts.at(-1)! - starts[0]!).toBeGreaterThanOrEqual(11 * 10 - 5);
  });
});
