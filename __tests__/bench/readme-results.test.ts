import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  END,
  RESULTS_PAGE,
  START,
  renderReadmeResults,
  withReadmeResults,
  type BenchResults,
} from '../../bench/readme-results';
import { REPO_ROOT } from '../support/tree';

const results: BenchResults = JSON.parse(readFileSync(join(REPO_ROOT, 'bench', 'results', 'latest.json'), 'utf8'));
const readme = readFileSync(join(REPO_ROOT, RESULTS_PAGE), 'utf8');

describe("docs/benchmarks.md's figures", () => {
  it('are exactly what bench/results/latest.json holds (regenerate: npm run build:tools && node dist/bench/readme-results.js)', () => {
    expect(withReadmeResults(readme, results)).toBe(readme);
  });

  it('show every target of the results with its measured value, limit and date', () => {
    const section = readme.slice(readme.indexOf(START), readme.indexOf(END));
    for (const t of results.targets) expect(section).toContain(`| ${t.name} | ${t.value} | ${t.limit} |`);
    expect(section).toContain(results.generatedAt.slice(0, 10));
    expect(section).toContain('jest suite');
  });

  it('change when the results change', () => {
    const slower = {
      ...results,
      targets: results.targets.map((t) => (t.name.startsWith('jest') ? { ...t, value: '70.0 s' } : t)),
    };
    expect(renderReadmeResults(slower)).toContain('| 70.0 s |');
    expect(withReadmeResults(readme, slower)).not.toBe(readme);
  });
});
