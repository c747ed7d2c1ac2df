/**
 * Progress of a long read on stderr: one line per phase when it starts and ends, and at most one
 * line every `everyMs` in between (CI logs stay short and never look stuck).
 */
export class ReadProgress {
  private name = '';
  private total = 0;
  private done = 0;
  private lastAt = 0;

  constructor(
    private readonly write: (line: string) => void,
    private readonly requests: () => number,
    private readonly everyMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  phase(name: string, total: number): void {
    this.name = name;
    this.total = total;
    this.done = 0;
    this.lastAt = this.now();
    this.write(`reading ${name}: 0/${total}`);
  }

  tick(): void {
    this.done++;
    const now = this.now();
    if (this.done === this.total || now - this.lastAt >= this.everyMs) {
      this.lastAt = now;
      this.write(`reading ${this.name}: ${this.done}/${this.total} (${this.requests()} requests so far)`);
    }
  }
}
