import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generatedBegin, generatedEnd } from '../scripts/generated-markers';

/**
 * The benchmark figures of docs/benchmarks.md, generated from the benchmark results
 * (bench/results/latest.json) between two markers, so the documentation never quotes a figure the
 * results file does not hold. `npm run bench` rewrites the section after each run;
 * `node dist/bench/readme-results.js` rewrites it from the results file alone; a test fails when the
 * page and the file differ.
 */

/** The page that shows the figures, relative to the repository root. */
export const RESULTS_PAGE = join('docs', 'benchmarks.md');
export const START = generatedBegin('bench-results', 'npm run bench', 'bench/results/latest.json');
export const END = generatedEnd('bench-results');

/** The parts of latest.json the README shows. */
export interface BenchResults {
  readonly generatedAt: string;
  readonly source?: { readonly commit?: string; readonly uncommittedPaths?: number };
  readonly machine: { readonly cpus: number; readonly loadAverage?: { readonly start: readonly number[] } };
  readonly targets: readonly { name: string; limit: string; value: string; pass: boolean; detail: string }[];
}

/** The section between the markers (markers excluded). */
export function renderReadmeResults(results: BenchResults): string {
  const commit = results.source?.commit ? `commit ${results.source.commit}` : 'an unknown commit';
  const load = results.machine.loadAverage ? `, load average ${results.machine.loadAverage.start[0]} at start` : '';
  const rows = results.targets.map(
    (t) => `| ${t.name} | ${t.value} | ${t.limit} | ${t.pass ? 'met' : '**missed**'} | ${t.detail} |`,
  );
  return [
    '',
    `Measured on ${results.generatedAt.slice(0, 10)} at ${commit} (${results.machine.cpus} cores${load}):`,
    '',
    '| target | measured | limit | result | detail |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

/** README text with its benchmark section replaced. */
export function withReadmeResults(readme: string, results: BenchResults): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${RESULTS_PAGE} has no ${START} ... ${END} section`);
  return readme.slice(0, start + START.length) + renderReadmeResults(results) + readme.slice(end);
}

export function updateReadme(readmePath: string, resultsPath: string): void {
  const results = JSON.parse(readFileSync(resultsPath, 'utf8')) as BenchResults;
  writeFileSync(readmePath, withReadmeResults(readFileSync(readmePath, 'utf8'), results));
}

if (require.main === module) {
  const repo = resolve(__dirname, '..', '..');
  updateReadme(join(repo, RESULTS_PAGE), join(repo, 'bench', 'results', 'latest.json'));
}
