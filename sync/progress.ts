import type { AwaitProgress } from './await-groups';

/**
 * Shows how far the wait for groups has come, on stderr.
 *
 * - On a terminal: one line redrawn in place (`\r`, then erase to end of line) with a bar,
 *   `n/m groups synced`, the elapsed time and when the next check is; a newline when done.
 * - Otherwise (CI logs, pipes): plain lines, `synced n/m groups`, written only when the count
 *   changes, plus a heartbeat while waiting so a log never looks stuck, and one line per throttling
 *   episode.
 */

export interface ProgressRenderer {
  update(p: AwaitProgress): void;
  /** Ends the bar line on a terminal. Idempotent. */
  finish(): void;
}

export interface ProgressOptions {
  /** Defaults to the stream's `isTTY`. */
  readonly isTTY?: boolean;
  readonly now?: () => number;
  /** Plain mode: the longest silence while waiting. Default 60 s. */
  readonly heartbeatMs?: number;
  /** Bar width in characters. Default 24. */
  readonly barWidth?: number;
}

export function createProgressRenderer(
  stream: NodeJS.WritableStream & { isTTY?: boolean },
  options: ProgressOptions = {},
): ProgressRenderer {
  const tty = options.isTTY ?? stream.isTTY === true;
  return tty
    ? new BarRenderer(stream, options.barWidth ?? 24)
    : new LineRenderer(stream, options.now ?? Date.now, options.heartbeatMs ?? 60_000);
}

class BarRenderer implements ProgressRenderer {
  private drawn = false;
  private finished = false;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly width: number,
  ) {}

  update(p: AwaitProgress): void {
    if (this.finished) return;
    const filled = p.total === 0 ? this.width : Math.round((p.synced / p.total) * this.width);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}]`;
    let status = `${bar} ${p.synced}/${p.total} groups synced · ${formatDuration(p.elapsedMs)} of ${formatDuration(p.timeoutMs)}`;
    if (p.phase === 'waiting' && p.nextCheckMs !== undefined) {
      status += p.throttled
        ? ` · throttled, next check in ${formatDuration(p.nextCheckMs)}`
        : ` · next check in ${formatDuration(p.nextCheckMs)}`;
    } else if (p.phase === 'throttled') {
      status += ' · throttled';
    } else if (p.phase !== 'done') {
      status += ' · checking';
    }
    this.out.write(`\r${status}\x1b[K`);
    this.drawn = true;
  }

  finish(): void {
    if (this.finished) return;
    this.finished = true;
    if (this.drawn) this.out.write('\n');
  }
}

class LineRenderer implements ProgressRenderer {
  private lastSynced = -1;
  private lastWrite = 0;
  private inThrottle = false;

  constructor(
    private readonly out: NodeJS.WritableStream,
    private readonly now: () => number,
    private readonly heartbeatMs: number,
  ) {}

  update(p: AwaitProgress): void {
    if (p.phase === 'start') {
      this.lastSynced = p.synced;
      this.write(`synced ${p.synced}/${p.total} groups`);
      return;
    }
    if (p.synced !== this.lastSynced) {
      this.lastSynced = p.synced;
      this.write(`synced ${p.synced}/${p.total} groups`);
    }
    if (p.phase === 'throttled') {
      if (!this.inThrottle) this.write('throttled by the Identity Store API; backing off');
      this.inThrottle = true;
    } else if (p.phase === 'waiting') {
      if (!p.throttled) this.inThrottle = false;
      if (this.now() - this.lastWrite >= this.heartbeatMs) {
        const next = p.nextCheckMs === undefined ? '' : `; next check in ${formatDuration(p.nextCheckMs)}`;
        this.write(
          `still waiting: ${p.synced}/${p.total} groups synced after ${formatDuration(p.elapsedMs)} of ${formatDuration(p.timeoutMs)}${next}`,
        );
      }
    }
  }

  finish(): void {}

  private write(line: string): void {
    this.out.write(`${line}\n`);
    this.lastWrite = this.now();
  }
}

/** `45s`, `2m05s`, `1h02m`; sub-second values as `0.4s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${(Math.max(0, ms) / 1000).toFixed(1).replace(/\.0$/, '')}s`;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m${String(s).padStart(2, '0')}s`;
  return `${s}s`;
}
