import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { REPO_ROOT, SAMPLE_CONFIG, SAMPLE_ZONES, makeTempDir } from '../support/tree';

const BIN = join(REPO_ROOT, 'dist', 'cli', 'zone-access.js');

function requireBuilt(): void {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" (npm test does it first)`);
}

/** Runs the built CLI with a preload that lists every module file loaded, printed at exit. */
function runWithModuleLog(args: string[]) {
  const log = join(makeTempDir('modlog-'), 'modules.txt');
  const preload = join(__dirname, '..', 'support', 'module-log.js');
  const r = spawnSync(process.execPath, ['-r', preload, BIN, ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, ZONE_ACCESS_MODULE_LOG: log },
    encoding: 'utf8',
  });
  return { ...r, modules: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
}

describe('the built zone-access binary', () => {
  it('validates without loading cdktf, the providers or the AWS SDK', () => {
    requireBuilt();
    const r = runWithModuleLog(['validate', '--zones', SAMPLE_ZONES, '--config', SAMPLE_CONFIG]);
    expect(r.status).toBe(0);
    expect(r.modules.some((m) => m.includes('/node_modules/yaml/'))).toBe(true);
    const heavy = r.modules.filter((m) => /\/node_modules\/(cdktf|constructs|@cdktf|@aws-sdk)\//.test(m));
    expect(heavy).toEqual([]);
  });

  it('synthesizes with deep provider imports only', () => {
    requireBuilt();
    const r = runWithModuleLog([
      'synth',
      '--zones',
      SAMPLE_ZONES,
      '--config',
      SAMPLE_CONFIG,
      '--out',
      makeTempDir('bin-synth-'),
    ]);
    expect(r.status).toBe(0);
    for (const provider of ['provider-aws', 'provider-azuread']) {
      const roots = r.modules.filter((m) => m.endsWith(`/node_modules/@cdktf/${provider}/lib/index.js`));
      expect(roots).toEqual([]);
    }
    expect(r.modules.filter((m) => m.includes('/node_modules/@cdktf/provider-aws/lib/')).length).toBeGreaterThan(3);
  });

  it('exits 1 on invalid input and 2 on a usage error', () => {
    requireBuilt();
    expect(
      spawnSync(process.execPath, [BIN, 'validate', '--zones', join(REPO_ROOT, 'no-such-dir')], { encoding: 'utf8' })
        .status,
    ).toBe(1);
    const usage = spawnSync(process.execPath, [BIN, 'validate', '--nope'], { encoding: 'utf8' });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage: zone-access validate');
  });
});

describe('source rules', () => {
  /** Every TypeScript file of the project (not dependencies, not build output). */
  function sources(dir = REPO_ROOT): string[] {
    return readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (['node_modules', 'dist', 'cdktf.out', '.git'].includes(name)) return [];
      if (statSync(path).isDirectory()) return sources(path);
      return /\.(ts|js)$/.test(name) ? [path] : [];
    });
  }

  it('never imports a provider package from its root (≈3 s and 550 MB per process)', () => {
    const offenders = sources()
      .filter((file) => !file.includes(`${join('bench', 'naive')}`))
      .filter((file) =>
        /(from\s+|require\(\s*|import\(\s*)['"]@cdktf\/provider-(aws|azuread)['"]/.test(readFileSync(file, 'utf8')),
      )
      .map((file) => relative(REPO_ROOT, file));
    expect(offenders).toEqual([]);
  });
});
