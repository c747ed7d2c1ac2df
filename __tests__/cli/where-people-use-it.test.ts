import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../cli/zone-access';
import { writeFileAtomic } from '../../cli/write-atomic';
import { captureIO, makeTempDir, REPO_ROOT, SAMPLE_CONFIG, SAMPLE_ZONES } from '../support/tree';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));

async function cli(args: string[], cwd = REPO_ROOT) {
  const c = captureIO(cwd);
  const code = await main(args, c.io);
  return { code, out: c.out(), err: c.err() };
}

describe('the CLI where people use it', () => {
  it('--version prints the package version on stdout, exit 0', async () => {
    for (const flag of ['--version', '-V'])
      expect(await cli([flag])).toEqual({ code: 0, out: `${pkg.version}\n`, err: '' });
    expect((await cli(['--help'])).out).toContain('--version');
  });

  it('a mistyped command gets "did you mean", exit 2; a command far from every other gets none', async () => {
    const r = await cli(['valdate']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^zone-access: unknown command "valdate"; did you mean "validate"\?\n/);
    const far = await cli(['frobnicate']);
    expect(far.err).toMatch(/^zone-access: unknown command "frobnicate"\n/);
    // Object.prototype's names are not commands.
    expect((await cli(['toString'])).code).toBe(2);
  });

  it('run from a subfolder: says where zones/ and the config were looked for, where the repository root is, and which flags point there', () => {
    const cwd = join(REPO_ROOT, 'zones', 'payments');
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli', 'zone-access.js'), 'validate'], {
      cwd,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `hint: looked for ${join(cwd, 'zones')}; run zone-access in ${REPO_ROOT} (../..), which has zones/ and config/platform.yaml, or pass --zones ../../zones --config ../../config/platform.yaml`,
    );
    expect(r.stderr).toContain(`hint: looked for ${join(cwd, 'config', 'platform.yaml')};`);
    // And the flags it names work from there.
    const ok = spawnSync(
      process.execPath,
      [
        join(REPO_ROOT, 'dist', 'cli', 'zone-access.js'),
        'validate',
        '--zones',
        '../../zones',
        '--config',
        '../../config/platform.yaml',
      ],
      { cwd, encoding: 'utf8' },
    );
    expect(ok.status).toBe(0);
  });

  it('outside any repository: names the paths and the flags', async () => {
    const empty = makeTempDir('nowhere-');
    const r = spawnSync(process.execPath, [join(REPO_ROOT, 'dist', 'cli', 'zone-access.js'), 'validate'], {
      cwd: empty,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `hint: looked for ${join(empty, 'zones')}; run zone-access in the repository's root folder, or point at the inputs with --zones DIR and --config FILE`,
    );
  });

  it('map writes its page readable by others (0644), whatever the umask and whatever mode an earlier page had', async () => {
    const out = makeTempDir('map-mode-');
    const old = process.umask(0o077);
    try {
      const r = await cli(['map', '--zones', SAMPLE_ZONES, '--config', SAMPLE_CONFIG, '--out', out]);
      expect(r.code).toBe(0);
      expect(statSync(join(out, 'index.html')).mode & 0o777).toBe(0o644);
      chmodSync(join(out, 'index.html'), 0o600);
      expect((await cli(['map', '--zones', SAMPLE_ZONES, '--config', SAMPLE_CONFIG, '--out', out])).code).toBe(0);
      expect(statSync(join(out, 'index.html')).mode & 0o777).toBe(0o644);
    } finally {
      process.umask(old);
    }
  });

  it("writeFileAtomic keeps a file private by default and keeps an existing file's mode", () => {
    const dir = makeTempDir('atomic-');
    writeFileAtomic(join(dir, 'new'), 'x');
    expect(statSync(join(dir, 'new')).mode & 0o777).toBe(0o600);
    writeFileSync(join(dir, 'shared'), 'x', { mode: 0o640 });
    chmodSync(join(dir, 'shared'), 0o640);
    writeFileAtomic(join(dir, 'shared'), 'y');
    expect(statSync(join(dir, 'shared')).mode & 0o777).toBe(0o640);
    expect(existsSync(join(dir, 'shared'))).toBe(true);
  });

  it('ships a LICENSE that matches package.json (the full Apache-2.0 text)', () => {
    expect(pkg.license).toBe('Apache-2.0');
    const license = readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8');
    expect(license).toMatch(
      /^\s*Apache License\s+Version 2\.0, January 2004\s+http:\/\/www\.apache\.org\/licenses\/\s/,
    );
    expect(license).toContain('TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION');
    expect(license).toContain('END OF TERMS AND CONDITIONS');
    // All nine sections of the terms.
    for (let n = 1; n <= 9; n++) expect(license).toMatch(new RegExp(`\\n\\s*${n}\\. [A-Z]`));
  });
});
