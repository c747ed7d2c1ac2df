import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { satisfies } from 'semver';
import { nodeBinary, OTHER_NODE_MAJORS } from '../../scripts/node-versions';
import { makeTempDir, REPO_ROOT } from '../support/tree';

/**
 * The suite runs on the machine's Node; the tests of what users run themselves — the CLI, and the
 * packed library inside a host app — run again under every other Node the package supports, in a
 * jest of their own started by that Node (`process.execPath` in those tests is then that Node, and
 * it comes first on PATH for the `npx` and `npm` they start).
 */
const SUITES = ['__tests__/cli', '__tests__/package/published-package.test.ts'];
const JEST = join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');

const engines: string = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).engines.node;

describe.each(OTHER_NODE_MAJORS)('under Node %i', (major) => {
  it(
    'the CLI tests and the packed-package tests pass',
    () => {
      const node = nodeBinary(major);
      // package.json promises what is tested here.
      const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
      expect({ version, supported: satisfies(version, engines) }).toEqual({ version, supported: true });
      // A temp folder of its own: the inner run's teardown removes cdktf's temp folders it finds new
      // in the temp folder, which must not be this run's.
      const tmp = makeTempDir(`node${major}-`);
      const r = spawnSync(node, [JEST, '--ci', '--colors=false', ...SUITES], {
        cwd: REPO_ROOT,
        encoding: 'utf8',
        env: { ...process.env, PATH: `${dirname(node)}:${process.env.PATH}`, TMPDIR: tmp },
        maxBuffer: 64 * 1024 * 1024,
      });
      const text = `${r.stdout}\n${r.stderr}`;
      const failures = text.split('\n').filter((l) => /^\s*(✕|●)/.test(l));
      const summary = text.split('\n').filter((l) => /^(Tests|Test Suites):/.test(l.trim()));
      expect({ status: r.status, failures, summary }).toEqual({
        status: 0,
        failures: [],
        summary: expect.arrayContaining([expect.stringMatching(/Tests:\s+\d+ passed, \d+ total/)]),
      });
    },
    20 * 60_000,
  );
});
