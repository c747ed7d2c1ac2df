import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  collapsed,
  equivalentRow,
  fileScores,
  parseEquivalents,
  snippet,
  type StrykerReport,
} from '../../bench/mutation-results';
import { REPO_ROOT } from '../support/tree';

/** The mutation scores README shows (npm run mutate → bench --only mutate), from Stryker's JSON report. */

const at = (line: number, column: number, endColumn: number) => ({
  start: { line, column },
  end: { line, column: endColumn },
});

const REPORT: StrykerReport = {
  files: {
    'policies/b.ts': {
      source: 'const x = a < b;\nconst y = list.join(",");\n',
      mutants: [
        {
          id: '1',
          mutatorName: 'EqualityOperator',
          replacement: 'a <= b',
          status: 'Survived',
          location: at(1, 11, 16),
        },
        { id: '2', mutatorName: 'StringLiteral', replacement: '""', status: 'Killed', location: at(2, 21, 24) },
        { id: '3', mutatorName: 'MethodExpression', replacement: 'list', status: 'Timeout', location: at(2, 11, 25) },
        { id: '4', mutatorName: 'StringLiteral', replacement: '"x"', status: 'NoCoverage', location: at(2, 21, 24) },
        { id: '5', mutatorName: 'StringLiteral', replacement: '"y"', status: 'RuntimeError', location: at(2, 21, 24) },
        { id: '6', mutatorName: 'StringLiteral', replacement: '"z"', status: 'Ignored', location: at(2, 21, 24) },
      ],
    },
    'policies/a.ts': {
      source: 'x\n',
      mutants: [{ id: '7', mutatorName: 'BooleanLiteral', replacement: 'y', status: 'Killed', location: at(1, 1, 2) }],
    },
    'policies/none.ts': { source: '', mutants: [] },
  },
};

test('per file, sorted: score = (killed + timed out) / (killed + timed out + survived + not covered), errors and ignored left out', () => {
  const scores = fileScores(REPORT, []);
  expect(scores.map((s) => [s.file, s.score])).toEqual([
    ['policies/a.ts', 100],
    ['policies/b.ts', 50],
    ['policies/none.ts', null],
  ]);
  expect(scores[1]).toMatchObject({
    mutants: 6,
    killed: 1,
    timeout: 1,
    survived: 1,
    noCoverage: 1,
    excluded: 2,
    listed: 0,
  });
  expect(scores[1]!.unlisted).toEqual([
    {
      file: 'policies/b.ts',
      mutator: 'EqualityOperator',
      original: 'a < b',
      replacement: 'a <= b',
      line: 1,
      status: 'Survived',
    },
    {
      file: 'policies/b.ts',
      mutator: 'StringLiteral',
      original: '","',
      replacement: '"x"',
      line: 2,
      status: 'NoCoverage',
    },
  ]);
});

test('a living mutant listed as equivalent (by file, mutator, code and replacement, not by line) is counted as listed', () => {
  const rows = [
    '| file | mutator | original | replacement | reason |',
    '| --- | --- | --- | --- | --- |',
    equivalentRow(fileScores(REPORT, [])[1]!.unlisted[0]!, 'a = b never happens'),
  ].join('\n');
  const equivalents = parseEquivalents(rows);
  expect(equivalents).toEqual([
    {
      file: 'policies/b.ts',
      mutator: 'EqualityOperator',
      original: 'a < b',
      replacement: 'a <= b',
      reason: 'a = b never happens',
    },
  ]);
  const b = fileScores(REPORT, equivalents)[1]!;
  expect(b.listed).toBe(1);
  expect(b.unlisted.map((m) => m.mutator)).toEqual(['StringLiteral']);
  // Another replacement of the same code is another mutant.
  expect(fileScores(REPORT, [{ ...equivalents[0]!, replacement: 'a > b' }])[1]!.listed).toBe(0);
});

test('code cells keep a literal bar; a row without a reason, or with the wrong number of cells, is an error', () => {
  const row = equivalentRow(
    {
      file: 'f.ts',
      mutator: 'LogicalOperator',
      original: 'a || b',
      replacement: 'a && b',
      line: 1,
      status: 'Survived',
    },
    'why',
  );
  expect(row).toBe('| f.ts | LogicalOperator | `a \\|\\| b` | `a && b` | why |');
  expect(parseEquivalents(row)).toEqual([
    { file: 'f.ts', mutator: 'LogicalOperator', original: 'a || b', replacement: 'a && b', reason: 'why' },
  ]);
  expect(() => parseEquivalents('| f.ts | M | `a` | `b` |  |')).toThrow(/no reason/);
  expect(() => parseEquivalents('| f.ts | M | `a` | `b` |')).toThrow(/5 cells/);
});

test('long or multi-line code is named by its first line, whitespace collapsed, at most 80 characters', () => {
  expect(snippet('{\n  return x;\n}')).toBe('{');
  expect(snippet('if  (a)   {')).toBe('if (a) {');
  expect(snippet('x'.repeat(100))).toBe(`${'x'.repeat(79)}…`);
  // A replacement is kept whole: two regex mutants of one long pattern differ only at the end.
  expect(collapsed(`{\n  ${'x'.repeat(100)};\n}`)).toBe(`{ ${'x'.repeat(100)}; }`);
});

test('the committed list of equivalent mutants parses, every row with a reason', () => {
  const rows = parseEquivalents(readFileSync(join(REPO_ROOT, 'stryker', 'equivalent-mutants.md'), 'utf8'));
  expect(rows.length).toBeGreaterThan(0);
  for (const r of rows) expect(r.reason.length).toBeGreaterThan(10);
});
