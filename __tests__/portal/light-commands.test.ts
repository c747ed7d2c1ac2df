import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir, REPO_ROOT } from '../support/tree';

const BIN = join(REPO_ROOT, 'dist', 'cli', 'zone-access.js');

/** The people-facing commands stay as light as `validate`: no cdktf, providers, AWS SDK or browser driver. */
describe.each([
  ['profiles', []],
  ['map', ['--out']],
])('the built `zone-access %s`', (command, extra) => {
  it('loads neither cdktf, the providers, the AWS SDK nor playwright', () => {
    if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" (npm test does it first)`);
    const dir = makeTempDir('light-');
    const log = join(dir, 'modules.txt');
    const args = extra.length > 0 ? [...extra, join(dir, 'site')] : [];
    const r = spawnSync(
      process.execPath,
      ['-r', join(__dirname, '..', 'support', 'module-log.js'), BIN, command, ...args],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, ZONE_ACCESS_MODULE_LOG: log },
        encoding: 'utf8',
      },
    );
    expect(r.status).toBe(0);
    const modules = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    expect(modules.some((m) => m.includes('/node_modules/yaml/'))).toBe(true);
    expect(
      modules.filter((m) => /\/node_modules\/(cdktf|constructs|@cdktf|@aws-sdk|playwright-core)\//.test(m)),
    ).toEqual([]);
  });
});
