import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parse } from 'yaml';
import { CI_TEMPLATES, CONSUMER_CLI } from '../../cli/init';
import { main } from '../../cli/zone-access';
import { PLACEHOLDER } from '../../model/placeholders';
import { captureIO, makeTempDir, REPO_ROOT } from '../support/tree';

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));

async function cli(cwd: string, args: string[]) {
  const c = captureIO(cwd);
  const code = await main(args, c.io);
  return { code, out: c.out(), err: c.err() };
}

/** A fresh init'ed repository whose node_modules/zone-access is this package, as npm install would make it. */
async function initRepo(args: string[] = []) {
  const parent = makeTempDir('init-');
  const r = await cli(parent, ['init', 'zones-repo', ...args]);
  const repo = join(parent, 'zones-repo');
  mkdirSync(join(repo, 'node_modules'));
  symlinkSync(REPO_ROOT, join(repo, 'node_modules', 'zone-access'), 'dir');
  return { r, repo };
}

/** A valid value for each placeholder the template has, by field. */
const FILLED: Record<string, string> = {
  'identityCenter.instanceArn': 'arn:aws:sso:::instance/ssoins-7223a1b2c3d4e5f6',
  'identityCenter.identityStoreId': 'd-9067a1b2c3',
  'identityCenter.region': 'eu-north-1',
  'identityCenter.startUrl': 'https://d-9067a1b2c3.awsapps.com/start',
  'entra.tenantId': '0b6f1c1e-3c1a-4d8e-9b5a-2f4e6d8c0a11',
  'entra.applicationObjectId': '4a2c8e1f-7b3d-4c5e-8f9a-1b2c3d4e5f60',
  'entra.servicePrincipalObjectId': '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
  'accounts.sandbox': '"123456789012"',
  'backend.bucket': 'acme-zone-access-state',
  'backend.region': 'eu-north-1',
};

describe('zone-access init', () => {
  it('writes a repository whose validate lists exactly the placeholders, and which synthesizes once they are filled', async () => {
    const { r, repo } = await initRepo();
    expect(r.code).toBe(0);
    // --no everywhere init tells what to run: a bare npx would fetch an unscoped zone-access from a
    // public registry when the install has not run.
    expect(r.err).toContain('npx --no zone-access validate');
    expect(r.err).not.toMatch(/npx zone-access/);
    expect(readFileSync(join(repo, 'config/platform.yaml'), 'utf8')).toContain('`npx --no zone-access validate`');

    // The editor schema lines resolve inside node_modules/zone-access.
    for (const file of ['config/platform.yaml', 'zones/example/example-sandbox.yaml']) {
      const modeline = readFileSync(join(repo, file), 'utf8').split('\n')[0];
      const schema = /^# yaml-language-server: \$schema=(\S+)$/.exec(modeline)?.[1];
      expect(schema).toMatch(/node_modules\/zone-access\/schema\//);
      expect(existsSync(join(repo, dirname(file), schema!))).toBe(true);
    }

    // validate: one `placeholder` per FILL_IN, at its line, and nothing else.
    const config = readFileSync(join(repo, 'config', 'platform.yaml'), 'utf8');
    const placeholderLines = config
      .split('\n')
      .flatMap((line, i) => (/^\s*[\w-]+: FILL_IN\b/.test(line) ? [i + 1] : []));
    const v = await cli(repo, ['validate', '--format', 'json']);
    expect(v.code).toBe(1);
    const problems: { file: string; line: number; field: string; code: string; hint?: string }[] = JSON.parse(
      v.out,
    ).problems;
    expect(problems.map((p) => p.code)).toEqual(problems.map(() => 'placeholder'));
    expect(problems.map((p) => `${p.file}:${p.line}`)).toEqual(
      placeholderLines.map((l) => `${join(relative(process.cwd(), repo), 'config', 'platform.yaml')}:${l}`),
    );
    expect(problems.map((p) => p.field).sort()).toEqual(Object.keys(FILLED).sort());
    // Each says where the value comes from.
    expect(problems.find((p) => p.field === 'identityCenter.instanceArn')!.hint).toContain(
      'aws sso-admin list-instances',
    );
    expect(problems.find((p) => p.field === 'entra.servicePrincipalObjectId')!.hint).toContain(
      'Enterprise applications',
    );
    const human = await cli(repo, ['validate']);
    expect(human.err).toContain('config/platform.yaml:9:16: identityCenter.instanceArn: FILL_IN is a placeholder');
    expect(human.err).toContain('10 problems in 1 file');

    // Fill them where validate said they are.
    const lines = config.split('\n');
    for (const p of problems) lines[p.line - 1] = lines[p.line - 1].replace(PLACEHOLDER, FILLED[p.field]);
    writeFileSync(join(repo, 'config', 'platform.yaml'), lines.join('\n'));

    const ok = await cli(repo, ['validate']);
    expect({ code: ok.code, out: ok.out }).toEqual({ code: 0, out: 'ok: 1 zone in 1 department is valid\n' });
    const synth = await cli(repo, ['synth']);
    expect(synth.code).toBe(0);
    expect(readdirSync(join(repo, 'cdktf.out', 'stacks')).sort()).toEqual([
      'aws-example',
      'entra-app-roles',
      'entra-example',
    ]);
    const aws = JSON.parse(readFileSync(join(repo, 'cdktf.out', 'stacks', 'aws-example', 'cdk.tf.json'), 'utf8'));
    expect(aws.terraform.backend.s3.bucket).toBe('acme-zone-access-state');
  });

  it('depends on zone-access packed into vendor/ by default (CI needs no registry), or as --package says', async () => {
    const { repo } = await initRepo();
    const tarball = `vendor/zone-access-${pkg.version}.tgz`;
    const written = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
    expect(written).toMatchObject({
      name: 'zones-repo',
      private: true,
      dependencies: { 'zone-access': `file:${tarball}` },
    });
    // The tarball is this package as npm publish would ship it, with every file init reads (the CI
    // templates, the schemas the modelines name) and the bin.
    const listing = execFileSync('tar', ['-tzf', join(repo, tarball)], { encoding: 'utf8' }).split('\n');
    for (const file of [
      'package/package.json',
      'package/dist/cli/zone-access.js',
      'package/schema/zone-file.schema.json',
      ...Object.values(CI_TEMPLATES).map((t) => `package/${t.from}`),
    ]) {
      expect(listing).toContain(file);
    }
    expect(readFileSync(join(repo, '.gitignore'), 'utf8')).not.toMatch(/vendor/);

    const parent = makeTempDir('init-spec-');
    expect((await cli(parent, ['init', '--package', 'github:acme/zone-access#v0.1.0', '--ci', 'none'])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(parent, 'package.json'), 'utf8')).dependencies['zone-access']).toBe(
      'github:acme/zone-access#v0.1.0',
    );
    expect(existsSync(join(parent, 'vendor'))).toBe(false);
    expect(existsSync(join(parent, '.github'))).toBe(false);
    expect(readFileSync(join(parent, '.gitignore'), 'utf8')).toMatch(/^node_modules\/$/m);
  });

  it.each(Object.entries(CI_TEMPLATES))(
    "--ci %s copies the installed package's template, calling the installed CLI",
    async (ci, template) => {
      const { repo } = await initRepo(['--ci', ci, '--package', `^${pkg.version}`]);
      const written = readFileSync(join(repo, template.to), 'utf8');
      const original = readFileSync(join(REPO_ROOT, template.from), 'utf8');
      const env = (text: string) => (ci === 'github' ? parse(text).env : parse(text).variables);
      expect(env(written).ZONE_ACCESS).toBe(CONSUMER_CLI);
      // Nothing else differs from the template.
      expect(written.split('\n').filter((l, i) => l !== original.split('\n')[i])).toEqual([
        expect.stringMatching(/ZONE_ACCESS: npx --no zone-access$/),
      ]);
      expect(statSync(join(repo, template.to)).mode & 0o777).toBe(0o644);
    },
  );

  it('ignores every scratch file the CI templates write in the checkout', async () => {
    const { repo } = await initRepo(['--ci', 'none']);
    const scratch = new Set<string>();
    for (const template of Object.values(CI_TEMPLATES))
      for (const m of readFileSync(join(REPO_ROOT, template.from), 'utf8').matchAll(/\bzone-access-[a-z-]+\.[a-z]+\b/g))
        scratch.add(m[0]);
    expect(scratch.size).toBeGreaterThan(3);
    execFileSync('git', ['init', '-q'], { cwd: repo });
    const ignored = (name: string) => {
      try {
        execFileSync('git', ['check-ignore', '-q', '--no-index', name], { cwd: repo });
        return true;
      } catch {
        return false;
      }
    };
    expect([...scratch].filter((name) => !ignored(name))).toEqual([]);
    expect(ignored('.zone-access-base/x')).toBe(true);
    expect(ignored('zones/example/example-sandbox.yaml')).toBe(false);
  });

  it('writes a CODEOWNERS example whose department folder is where the sample zone is, inert until edited', async () => {
    const { repo } = await initRepo(['--ci', 'none']);
    const lines = readFileSync(join(repo, 'CODEOWNERS'), 'utf8').trimEnd().split('\n');
    // Every line a comment: an owner GitHub or GitLab cannot resolve would be an error in both.
    expect(lines.every((l) => l.startsWith('#'))).toBe(true);
    const rules = lines.map((l) => l.replace(/^# /, '').split(/\s+/)).filter((parts) => parts[1]?.startsWith('@'));
    const zoneFolders = readdirSync(join(repo, 'zones'));
    expect(rules.map((r) => r[0])).toEqual(['*', ...zoneFolders.map((d) => `/zones/${d}/`)]);
    expect(readFileSync(join(repo, '.gitignore'), 'utf8')).toMatch(/^site\/$/m);
  });

  it('refuses to overwrite: lists the files that exist, writes nothing, exits 1', async () => {
    const dir = makeTempDir('init-existing-');
    mkdirSync(join(dir, 'config'));
    writeFileSync(join(dir, 'config', 'platform.yaml'), 'mine\n');
    writeFileSync(join(dir, '.gitignore'), 'mine\n');
    writeFileSync(join(dir, 'zone-access-placeholder'), '');
    mkdirSync(join(dir, 'vendor'));
    writeFileSync(join(dir, 'vendor', `zone-access-${pkg.version}.tgz`), 'mine\n');
    const r = await cli(dir, ['init', '--ci', 'gitlab']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('nothing was written');
    expect(r.err).toMatch(/^ {2}config\/platform\.yaml$/m);
    expect(r.err).toMatch(/^ {2}\.gitignore$/m);
    expect(r.err).not.toMatch(/^ {2}package\.json$/m);
    expect(r.err).toMatch(new RegExp(`^  vendor/zone-access-${pkg.version.replace(/\./g, '\\.')}\\.tgz$`, 'm'));
    expect(readdirSync(dir).sort()).toEqual(['.gitignore', 'config', 'vendor', 'zone-access-placeholder']);
    expect(readdirSync(join(dir, 'vendor'))).toEqual([`zone-access-${pkg.version}.tgz`]);
    expect(readFileSync(join(dir, 'config', 'platform.yaml'), 'utf8')).toBe('mine\n');
  });

  it('rejects a bad command line with exit 2', async () => {
    const dir = makeTempDir('init-usage-');
    expect((await cli(dir, ['init', '--ci', 'jenkins'])).code).toBe(2);
    expect((await cli(dir, ['init', 'a', 'b'])).code).toBe(2);
    expect((await cli(dir, ['init', '--bogus'])).code).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });
});
