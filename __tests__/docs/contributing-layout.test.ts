import { execFileSync } from 'node:child_process';
import { docsPage } from '../support/readme';
import { REPO_ROOT } from '../support/tree';

/** docs/contributing.md's layout is the first thing a newcomer reads: it names every folder there is. */
test('docs/contributing.md names every top-level folder of the repository', () => {
  const tracked = execFileSync('git', ['ls-files'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n');
  const folders = [...new Set(tracked.filter((f) => f.includes('/')).map((f) => f.slice(0, f.indexOf('/'))))].sort();
  expect(folders.length).toBeGreaterThan(10);
  const page = docsPage('contributing.md');
  expect(folders.filter((folder) => !page.includes(`${folder}/`))).toEqual([]);
});
