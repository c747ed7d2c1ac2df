import { readFileSync, statSync } from 'node:fs';

/**
 * The mutation scores of the policy code (`npm run mutate`, StrykerJS), per mutated file, for the
 * benchmark results and README's table. Read from Stryker's JSON report (the
 * mutation-testing-report-schema: per file its source and its mutants with status and location).
 *
 * Score, as Stryker computes it: (killed + timed out) / (killed + timed out + survived + no coverage).
 * A file meets the target when its score is at least `MUTATION_TARGET_PERCENT` and every mutant that
 * lived (survived or not covered) is listed in `stryker/equivalent-mutants.md` with its reason.
 */

export const MUTATION_TARGET_PERCENT = 90;

/** The part of a Stryker JSON report read here. */
export interface StrykerReport {
  readonly files: Readonly<Record<string, { readonly source: string; readonly mutants: readonly StrykerMutant[] }>>;
}

export interface StrykerMutant {
  readonly id: string;
  readonly mutatorName: string;
  readonly replacement?: string;
  readonly status: string;
  readonly location: {
    readonly start: { readonly line: number; readonly column: number };
    readonly end: { readonly line: number; readonly column: number };
  };
}

/** A mutant that lived, named by what it changes (not by line, so the list survives edits elsewhere in the file). */
export interface LivingMutant {
  readonly file: string;
  readonly mutator: string;
  /** The mutated code: its first line, whitespace collapsed, at most `SNIPPET_MAX` characters. */
  readonly original: string;
  /** What Stryker put instead, whitespace collapsed, whole (it tells mutants of the same code apart). */
  readonly replacement: string;
  readonly line: number;
  readonly status: 'Survived' | 'NoCoverage';
}

export interface FileScore {
  readonly file: string;
  readonly mutants: number;
  readonly killed: number;
  readonly timeout: number;
  readonly survived: number;
  readonly noCoverage: number;
  /** Compile or runtime errors and ignored mutants: not part of the score. */
  readonly excluded: number;
  /** Percent, one decimal; `null` when the file has no valid mutant. */
  readonly score: number | null;
  /** Living mutants that `stryker/equivalent-mutants.md` does not list. */
  readonly unlisted: readonly LivingMutant[];
  /** Living mutants it lists as equivalent. */
  readonly listed: number;
}

export interface EquivalentEntry {
  readonly file: string;
  readonly mutator: string;
  readonly original: string;
  readonly replacement: string;
  readonly reason: string;
}

const SNIPPET_MAX = 80;

/** Whitespace collapsed, first line only, truncated: how a mutant's code is written in the list. */
export function snippet(code: string): string {
  const first = code.split('\n')[0]!.replace(/\s+/g, ' ').trim();
  return first.length > SNIPPET_MAX ? `${first.slice(0, SNIPPET_MAX - 1)}…` : first;
}

/** A replacement, whitespace (line breaks included) collapsed, never truncated. */
export function collapsed(code: string): string {
  return code.replace(/\s+/g, ' ').trim();
}

/** The source text between two 1-based line / 1-based column positions (Stryker's report convention). */
function slice(source: string, loc: StrykerMutant['location']): string {
  const lines = source.split('\n');
  if (loc.start.line === loc.end.line)
    return lines[loc.start.line - 1]!.slice(loc.start.column - 1, loc.end.column - 1);
  return [
    lines[loc.start.line - 1]!.slice(loc.start.column - 1),
    ...lines.slice(loc.start.line, loc.end.line - 1),
    lines[loc.end.line - 1]!.slice(0, loc.end.column - 1),
  ].join('\n');
}

const key = (e: { file: string; mutator: string; original: string; replacement: string }) =>
  JSON.stringify([e.file, e.mutator, e.original, e.replacement]);

/** Per file of the report, in file name order. */
export function fileScores(report: StrykerReport, equivalents: readonly EquivalentEntry[]): FileScore[] {
  const listed = new Set(equivalents.map(key));
  return Object.entries(report.files)
    .map(([file, { source, mutants }]) => {
      const count = (status: string) => mutants.filter((m) => m.status === status).length;
      const [killed, timeout, survived, noCoverage] = ['Killed', 'Timeout', 'Survived', 'NoCoverage'].map(count) as [
        number,
        number,
        number,
        number,
      ];
      const valid = killed + timeout + survived + noCoverage;
      const living: LivingMutant[] = mutants
        .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
        .map((m) => ({
          file,
          mutator: m.mutatorName,
          original: snippet(slice(source, m.location)),
          replacement: collapsed(m.replacement ?? ''),
          line: m.location.start.line,
          status: m.status as LivingMutant['status'],
        }));
      const unlisted = living.filter((m) => !listed.has(key(m)));
      return {
        file,
        mutants: mutants.length,
        killed,
        timeout,
        survived,
        noCoverage,
        excluded: mutants.length - valid,
        score: valid === 0 ? null : Math.round(((killed + timeout) / valid) * 1000) / 10,
        unlisted,
        listed: living.length - unlisted.length,
      };
    })
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** A markdown table cell's text: backticks around code are dropped, `\|` is a literal bar. */
function cell(text: string): string {
  const t = text.trim().replace(/\\\|/g, '|');
  return /^`.*`$/.test(t) ? t.slice(1, -1) : t;
}

/**
 * The rows of `stryker/equivalent-mutants.md`'s table: | file | mutator | original | replacement | reason |.
 * Code cells are in backticks; a `|` inside one is written `\|`.
 */
export function parseEquivalents(markdown: string): EquivalentEntry[] {
  const out: EquivalentEntry[] = [];
  for (const line of markdown.split('\n')) {
    if (!line.startsWith('| ') || /^\|\s*(file|---)/.test(line)) continue;
    const cells = line
      .slice(1, line.trimEnd().endsWith('|') ? line.trimEnd().length - 1 : undefined)
      .split(/(?<!\\)\|/)
      .map(cell);
    if (cells.length !== 5)
      throw new Error(
        `stryker/equivalent-mutants.md: a row needs 5 cells (file, mutator, original, replacement, reason): ${line}`,
      );
    const [file, mutator, original, replacement, reason] = cells as [string, string, string, string, string];
    if (!reason) throw new Error(`stryker/equivalent-mutants.md: no reason given for ${file} ${mutator} ${original}`);
    out.push({ file, mutator, original, replacement, reason });
  }
  return out;
}

/** A living mutant as a row of the list (for pasting, after writing its reason). */
export function equivalentRow(m: LivingMutant, reason = 'REASON'): string {
  const code = (s: string) => `\`${s.replace(/\|/g, '\\|')}\``;
  return `| ${m.file} | ${m.mutator} | ${code(m.original)} | ${code(m.replacement)} | ${reason} |`;
}

export function readReport(path: string): { report: StrykerReport; writtenAt: Date } {
  return { report: JSON.parse(readFileSync(path, 'utf8')) as StrykerReport, writtenAt: statSync(path).mtime };
}
