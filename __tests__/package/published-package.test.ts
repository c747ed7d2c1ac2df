import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { gt as semverGt, minVersion } from 'semver';
import { parse } from 'yaml';
import { readmeLibraryExample } from '../support/readme';
import { REPO_ROOT, SAMPLE_STACKS, makeTempDir } from '../support/tree';

/**
 * What `npm publish` would ship, installed the way a consumer installs it. The tarball comes from
 * `npm pack` on the built tree (npm test builds first) and is installed with `npm install` into
 * scratch host apps whose other packages are already in place (copied or linked from this
 * repository's node_modules): downloading ~600 MB of providers again would take a minute. Only a
 * `constructs` version this repository does not have comes from the registry (then npm's cache).
 */

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
const devVersions: Record<string, string> = { ...pkg.dependencies, ...pkg.devDependencies };

interface PackResult {
  filename: string;
  files: { path: string }[];
}

function pack(into: string): PackResult {
  if (!existsSync(join(REPO_ROOT, 'dist', 'index.js')))
    throw new Error('dist/ is missing: run "npm run build" (npm test does it first)');
  // --ignore-scripts: `prepare` would rebuild dist/, which npm test has just done.
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', into], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out)[0];
}

/** Copies `name` from this repository's node_modules into `modules` as hard links (fast, no space). */
function copyDependency(modules: string, name: string): void {
  const target = join(REPO_ROOT, 'node_modules', name);
  mkdirSync(dirname(join(modules, name)), { recursive: true });
  execFileSync('cp', ['-al', target, join(modules, name)]);
}

/** Links `name` (scoped or not) from this repository's node_modules into `modules`. */
function linkDependency(modules: string, name: string): void {
  const target = join(REPO_ROOT, 'node_modules', name);
  if (!existsSync(target)) throw new Error(`${name} is not installed in ${REPO_ROOT}/node_modules`);
  mkdirSync(dirname(join(modules, name)), { recursive: true });
  symlinkSync(target, join(modules, name), 'dir');
}

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: '1' } });
  return { status: r.status, out: `${r.stdout}\n${r.stderr}` };
}

describe('the published package', () => {
  const work = makeTempDir('pack-');
  const packed = pack(work);
  const files = packed.files.map((f) => f.path).sort();

  it('ships the built library, the CLI and the schemas', () => {
    for (const required of [
      'package.json',
      'README.md',
      'LICENSE',
      'examples/ci/github-actions.yml',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/cli/zone-access.js',
      'dist/main.js',
      'schema/zone-file.schema.json',
      'schema/platform-config.schema.json',
    ]) {
      expect(files).toContain(required);
    }
    expect(pkg.private).toBeUndefined();
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(pkg.scripts.prepublishOnly).toBe('npm test');
  });

  it('ships no tests, fixtures, sample zones, sources, benchmarks, scripts or CI files', () => {
    // The CI templates ship: `zone-access init` copies them from the installed package.
    const ciTemplates = ['examples/ci/github-actions.yml', 'examples/ci/gitlab-ci.yml'];
    const unwanted = files.filter(
      (f) =>
        (!ciTemplates.includes(f) &&
          /(^|\/)(__tests__|fixtures|zones|config|examples|bench|scripts|\.ci|\.github)(\/|$)/.test(f)) ||
        /\.test\.|\.spec\./.test(f) ||
        (/\.ts$/.test(f) && !/\.d\.ts$/.test(f)) ||
        /(^|\/)(tsconfig[^/]*\.json|jest\.config\.js|cdktf\.json|package-lock\.json)$/.test(f),
    );
    expect(unwanted).toEqual([]);
    expect(
      files.every(
        (f) =>
          f.startsWith('dist/') ||
          f.startsWith('schema/') ||
          ['README.md', 'package.json', 'LICENSE', ...ciTemplates].includes(f),
      ),
    ).toBe(true);
  });

  /**
   * A host app's own cdktf, constructs and providers are the ones the library uses (they are its
   * peerDependencies): with the lowest and the newest `constructs` its range accepts, README's
   * library example compiles with tsc and synthesizes.
   */
  const peerRange = pkg.peerDependencies.constructs as string;
  const newestConstructs = (() => {
    const r = spawnSync('npm', ['view', `constructs@${peerRange}`, 'version', '--json', '--prefer-offline'], {
      encoding: 'utf8',
    });
    if (r.status !== 0)
      throw new Error(
        `npm view constructs@${peerRange} failed (the newest version in range comes from the registry): ${r.stderr}`,
      );
    const versions = [JSON.parse(r.stdout)].flat() as string[];
    return versions.sort((a, b) => (semverGt(a, b) ? 1 : -1)).at(-1)!;
  })();
  const lowestConstructs = minVersion(peerRange)!.version;

  describe.each([
    ['lowest', lowestConstructs],
    ['newest', newestConstructs],
  ])('installed into a host app with the %s constructs in range (%s)', (_which, constructsVersion) => {
    const consumer = join(work, `consumer-${constructsVersion}`);
    const modules = join(consumer, 'node_modules');
    const hostDeps = ['cdktf', '@cdktf/provider-aws', '@cdktf/provider-azuread'];
    const buildDeps = ['typescript', '@types/node'];
    // The host's cdktf and providers are copies (hard links) inside the host's node_modules, as
    // npm installs them, so they resolve `constructs` from there, like the library does; the
    // library's own dependencies and the compiler are links into this repository's node_modules.
    // npm then only unpacks the tarball, and fetches `constructs` when it is not this repository's.
    for (const name of hostDeps) copyDependency(modules, name);
    if (constructsVersion === devVersions.constructs) copyDependency(modules, 'constructs');
    for (const name of new Set([...Object.keys(pkg.dependencies), ...buildDeps])) {
      if (!hostDeps.includes(name) && name !== 'constructs') linkDependency(modules, name);
    }
    writeFileSync(
      join(consumer, 'package.json'),
      JSON.stringify({
        name: 'consumer',
        private: true,
        dependencies: {
          'zone-access': `file:../${packed.filename}`,
          constructs: constructsVersion,
          ...Object.fromEntries([...hostDeps, ...buildDeps].map((d) => [d, devVersions[d]])),
        },
      }),
    );
    const install = spawnSync('npm', ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'], {
      cwd: consumer,
      encoding: 'utf8',
    });

    it('installs with npm: the package, its bin and its schemas, and no constructs of its own', () => {
      expect({ status: install.status, stderr: install.status === 0 ? '' : install.stderr }).toEqual({
        status: 0,
        stderr: '',
      });
      expect(lstatSync(join(modules, 'zone-access')).isSymbolicLink()).toBe(false);
      expect(existsSync(join(modules, 'zone-access', 'schema', 'zone-file.schema.json'))).toBe(true);
      expect(realpathSync(join(modules, '.bin', 'zone-access'))).toBe(
        realpathSync(join(modules, 'zone-access', pkg.bin['zone-access'])),
      );
      expect(JSON.parse(readFileSync(join(modules, 'constructs', 'package.json'), 'utf8')).version).toBe(
        constructsVersion,
      );
      for (const peer of Object.keys(pkg.peerDependencies))
        expect(existsSync(join(modules, 'zone-access', 'node_modules', peer))).toBe(false);
    });

    it("compiles README's library example with tsc (types through the exports map) and synthesizes it", () => {
      writeFileSync(join(consumer, 'main.ts'), readmeLibraryExample());
      writeFileSync(
        join(consumer, 'tsconfig.json'),
        JSON.stringify({
          compilerOptions: {
            target: 'ES2022',
            module: 'node16',
            moduleResolution: 'node16',
            strict: true,
            skipLibCheck: true,
            types: ['node'],
            outDir: 'out',
          },
          files: ['main.ts'],
        }),
      );
      const tsc = run(process.execPath, [join(modules, 'typescript', 'bin', 'tsc'), '-p', '.'], consumer);
      expect(tsc).toEqual({ status: 0, out: expect.any(String) });
      const synth = run(process.execPath, ['out/main.js'], consumer);
      expect(synth).toEqual({ status: 0, out: expect.any(String) });
      const manifest = JSON.parse(readFileSync(join(consumer, 'cdktf.out', 'manifest.json'), 'utf8'));
      expect(Object.keys(manifest.stacks).sort()).toEqual(['analytics-aws', 'analytics-entra']);
      expect(manifest.stacks['analytics-aws'].dependencies).toEqual(['analytics-entra']);
      const aws = JSON.parse(
        readFileSync(join(consumer, 'cdktf.out', 'stacks', 'analytics-aws', 'cdk.tf.json'), 'utf8'),
      );
      expect(Object.keys(aws.resource.aws_ssoadmin_permission_set)).toHaveLength(1);
    });
  });

  describe('a zones-only repository', () => {
    const consumer = join(work, `consumer-${lowestConstructs}`);
    const modules = join(consumer, 'node_modules');

    it('validates and synthesizes a zones-only repository with the packaged CLI and schema paths', () => {
      const repo = join(consumer, 'repo');
      mkdirSync(join(repo, 'zones', 'payments'), { recursive: true });
      mkdirSync(join(repo, 'config'));
      // A zones-only repository's own node_modules is the consumer's here.
      symlinkSync(modules, join(repo, 'node_modules'), 'dir');
      writeFileSync(
        join(repo, 'package.json'),
        JSON.stringify({ private: true, dependencies: { 'zone-access': `file:../../${packed.filename}` } }),
      );
      const zoneSchema = '../../node_modules/zone-access/schema/zone-file.schema.json';
      const configSchema = '../node_modules/zone-access/schema/platform-config.schema.json';
      writeFileSync(
        join(repo, 'zones', 'payments', 'payments-prod.yaml'),
        `# yaml-language-server: $schema=${zoneSchema}\nzone: payments-prod\ndepartment: payments\naccounts: ["111111111111"]\naccess: [secrets-reader]\n`,
      );
      writeFileSync(
        join(repo, 'config', 'platform.yaml'),
        `# yaml-language-server: $schema=${configSchema}\n${readFileSync(
          join(REPO_ROOT, 'config', 'platform.yaml'),
          'utf8',
        )
          .split('\n')
          .slice(1)
          .join('\n')}`,
      );
      // The schema paths README documents exist relative to the files that name them.
      expect(existsSync(join(repo, 'zones', 'payments', zoneSchema))).toBe(true);
      expect(existsSync(join(repo, 'config', configSchema))).toBe(true);

      // The CI templates' consumer variant: their build, validate and synth steps as written, with
      // ZONE_ACCESS set as their comment says (npm install itself would need the network).
      const github = parse(readFileSync(join(REPO_ROOT, 'examples', 'ci', 'github-actions.yml'), 'utf8'));
      const gitlab = parse(readFileSync(join(REPO_ROOT, 'examples', 'ci', 'gitlab-ci.yml'), 'utf8'));
      const githubSteps: string[] = github.jobs.deploy.steps
        .filter((st: { name?: string }) => ['Build', 'Validate', 'Synthesize'].includes(st.name ?? ''))
        .map((st: { run: string }) => st.run.trim());
      const gitlabSteps: string[] = [
        ...gitlab['.node'].before_script.filter((line: string) => !line.startsWith('npm install')),
        ...gitlab.synth.script,
      ];
      // Both templates run the same commands; run them once.
      expect(gitlabSteps).toEqual(githubSteps);
      expect(githubSteps).toEqual([
        'npm run build --if-present',
        '$ZONE_ACCESS validate',
        '$ZONE_ACCESS synth --out cdktf.out',
      ]);
      const outputs = githubSteps.map((step) => {
        const r = spawnSync('bash', ['-euo', 'pipefail', '-c', step], {
          cwd: repo,
          encoding: 'utf8',
          env: { ...process.env, ZONE_ACCESS: 'npx --no zone-access' },
        });
        expect({ step, status: r.status, stderr: r.status === 0 ? '' : r.stderr }).toEqual({
          step,
          status: 0,
          stderr: '',
        });
        return r.stdout;
      });
      expect(outputs[1]).toMatch(/ok: 1 zone/);
      // Every department the sample config declares gets its stacks, zones or not.
      expect(readdirSync(join(repo, 'cdktf.out', 'stacks')).sort()).toEqual(SAMPLE_STACKS);
    });
  });
});
