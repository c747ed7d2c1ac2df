import type { AwaitProgress } from '../../sync/await-groups';
import { createProgressRenderer, formatDuration } from '../../sync/progress';

function sink(isTTY: boolean) {
  let text = '';
  const stream = { write: (s: string) => ((text += s), true), isTTY } as unknown as NodeJS.WritableStream & {
    isTTY?: boolean;
  };
  return { stream, text: () => text };
}

const p = (phase: AwaitProgress['phase'], synced: number, extra: Partial<AwaitProgress> = {}): AwaitProgress => ({
  phase,
  synced,
  total: 4,
  missing: [],
  round: 1,
  elapsedMs: 0,
  timeoutMs: 900_000,
  ...extra,
});

describe('progress on a terminal', () => {
  it('redraws one bar line in place and ends it with a newline', () => {
    const s = sink(true);
    const r = createProgressRenderer(s.stream);
    r.update(p('start', 0));
    r.update(p('found', 1));
    r.update(p('waiting', 1, { nextCheckMs: 4_000, elapsedMs: 65_000 }));
    r.update(p('waiting', 1, { nextCheckMs: 8_000, throttled: true }));
    r.update(p('done', 4));
    r.finish();
    r.finish();
    const out = s.text();
    expect(out.split('\n')).toHaveLength(2); // one line, then the final newline
    expect(out.endsWith('\n')).toBe(true);
    const frames = out.trimEnd().split('\r').filter(Boolean);
    expect(frames).toHaveLength(5);
    expect(frames[0]).toBe('[------------------------] 0/4 groups synced · 0s of 15m00s · checking\x1b[K');
    expect(frames[2]).toBe('[######------------------] 1/4 groups synced · 1m05s of 15m00s · next check in 4s\x1b[K');
    expect(frames[3]).toContain('throttled, next check in 8s');
    expect(frames[4]).toBe('[########################] 4/4 groups synced · 0s of 15m00s\x1b[K');
  });

  it('writes nothing at finish when nothing was drawn', () => {
    const s = sink(true);
    createProgressRenderer(s.stream).finish();
    expect(s.text()).toBe('');
  });
});

describe('progress in a log', () => {
  it('writes plain lines only when the count changes, plus a heartbeat and one line per throttling episode', () => {
    const s = sink(false);
    let now = 0;
    const r = createProgressRenderer(s.stream, { now: () => now, heartbeatMs: 60_000 });
    r.update(p('start', 0));
    r.update(p('waiting', 0, { nextCheckMs: 2_000 }));
    now = 2_000;
    r.update(p('found', 1));
    r.update(p('waiting', 1, { nextCheckMs: 2_000 }));
    now = 30_000;
    r.update(p('waiting', 1, { nextCheckMs: 8_000 }));
    now = 62_000;
    r.update(p('waiting', 1, { nextCheckMs: 16_000, elapsedMs: 62_000 }));
    r.update(p('throttled', 1));
    r.update(p('throttled', 1));
    r.update(p('waiting', 1, { nextCheckMs: 5_000, throttled: true }));
    r.update(p('found', 2));
    r.update(p('found', 3));
    r.update(p('found', 4));
    r.update(p('done', 4));
    r.finish();
    expect(s.text()).toBe(
      [
        'synced 0/4 groups',
        'synced 1/4 groups',
        'still waiting: 1/4 groups synced after 1m02s of 15m00s; next check in 16s',
        'throttled by the Identity Store API; backing off',
        'synced 2/4 groups',
        'synced 3/4 groups',
        'synced 4/4 groups',
        '',
      ].join('\n'),
    );
    expect(s.text()).not.toContain('\r');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [400, '0.4s'],
    [45_000, '45s'],
    [125_000, '2m05s'],
    [900_000, '15m00s'],
    [3_720_000, '1h02m'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
