import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS, main } from '../../cli/zone-access';
import { generateTree } from '../../bench/generate-tree';
import {
  captureIO,
  makeTempDir,
  REPO_ROOT,
  SAMPLE_CONFIG,
  SAMPLE_STACKS,
  SAMPLE_ZONES,
  withoutBindingWarning,
  writeTree,
  zoneDoc,
} from '../support/tree';

async function cli(args: string[]) {
  const c = captureIO(REPO_ROOT);
  const code = await main(args, c.io);
  return { code, out: c.out(), err: withoutBindingWarning(c.err()) };
}

describe('zone-access validate', () => {
  it('exits 0 on the sample zones and says how many are valid', async () => {
    const r = await cli(['validate', '--zones', SAMPLE_ZONES, '--config', SAMPLE_CONFIG]);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe('ok: 4 zones in 3 departments are valid\n');
  });

  it('uses zones/ and config/platform.yaml of the working directory by default', async () => {
    expect((await cli(['validate'])).code).toBe(0);
  });

  it('exits 1 with file:line:col, field and message on stderr for invalid input', async () => {
    const { zonesDir, configPath } = writeTree({
      zones: { 'pay/a.yaml': 'zone: a\ndepartment: pay\naccounts: [123456789012]\naccess: [secrets-reader]\n' },
    });
    const r = await cli(['validate', '--zones', zonesDir, '--config', configPath]);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toContain(`${join(zonesDir, 'pay/a.yaml')}:3:12: accounts[0]: must be a string, not a number`);
    expect(r.err).toContain('hint: quote it');
  });

  it('exits 1 when the platform config is invalid, naming it', async () => {
    const { zonesDir, configPath } = writeTree({ config: 'identityCenter: 1\n', zones: {} });
    const r = await cli(['validate', '--zones', zonesDir, '--config', configPath]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${configPath}:1:17: identityCenter: must be a mapping`);
  });

  it('exits 2 on usage errors', async () => {
    expect((await cli(['validate', '--bogus'])).code).toBe(2);
    expect((await cli(['validate', 'stray'])).code).toBe(2);
    expect((await cli(['validate', '--format', 'xml'])).code).toBe(2);
    expect((await cli(['frobnicate'])).code).toBe(2);
    expect((await cli([])).code).toBe(2);
  });

  it('prints help with exit 0', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/validate[\s\S]*synth[\s\S]*await-sync/);
    expect((await cli(['synth', '--help'])).out).toContain('--out DIR');
  });

  it("says how to get a command's options, and every command answers --help with its usage and exit 0", async () => {
    expect((await cli(['--help'])).out).toContain('zone-access <command> --help');
    for (const command of Object.keys(COMMANDS)) {
      const r = await cli([command, '--help']);
      // Beyond the synopsis: what the command does and what its exit codes mean (docs/cli.md).
      expect({
        command,
        code: r.code,
        usage: r.out.startsWith(`usage: zone-access ${command}`),
        prose: r.out.split('\n\n').length > 1,
        exitCodes: /^Exit codes: 0 [\s\S]*;\s+2 /m.test(r.out),
      }).toEqual({ command, code: 0, usage: true, prose: true, exitCodes: true });
    }
  });

  it('validates a 200-zone tree', async () => {
    const { zonesDir, configPath } = generateTree(makeTempDir('gen-200-'), { zones: 200 });
    const r = await cli(['validate', '--zones', zonesDir, '--config', configPath]);
    expect(r.err).toBe('');
    expect(r.out).toBe('ok: 200 zones in 10 departments are valid\n');
  });
});

describe('zone-access synth', () => {
  it('writes a cdk.tf.json per stack for the sample zones', async () => {
    const out = makeTempDir('synth-');
    const r = await cli(['synth', '--zones', SAMPLE_ZONES, '--config', SAMPLE_CONFIG, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/wrote 7 stacks/);
    expect(readdirSync(join(out, 'stacks')).sort()).toEqual(SAMPLE_STACKS);
    for (const stack of readdirSync(join(out, 'stacks'))) {
      expect(JSON.parse(readFileSync(join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8')).terraform).toBeDefined();
    }
  });

  it('writes nothing when any file is invalid', async () => {
    const { zonesDir, configPath } = writeTree({
      zones: { 'a/good.yaml': zoneDoc('good', 'a'), 'b/bad.yaml': zoneDoc('bad', 'a') },
    });
    const out = join(makeTempDir('synth-bad-'), 'out');
    const r = await cli(['synth', '--zones', zonesDir, '--config', configPath, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('department "a" does not match the folder "b"');
    expect(existsSync(out)).toBe(false);
  });

  it('warns about stack folders the tree no longer produces, and leaves them alone', async () => {
    const out = makeTempDir('synth-stale-');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(out, 'stacks', 'aws-retired'), { recursive: true });
    const r = await cli(['synth', '--zones', SAMPLE_ZONES, '--config', SAMPLE_CONFIG, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/warning: .*aws-retired, which this tree no longer produces/);
    expect(existsSync(join(out, 'stacks', 'aws-retired'))).toBe(true);
  });

  it('exits 1 with a one-line message when the output cannot be written', async () => {
    const file = join(makeTempDir('synth-unwritable-'), 'a-file');
    require('node:fs').writeFileSync(file, '');
    const r = await cli(['synth', '--zones', SAMPLE_ZONES, '--config', SAMPLE_CONFIG, '--out', join(file, 'out')]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/zone-access synth: synthesis into .* failed: /);
  });

  it('synthesizes a 200-zone tree: 10 stack pairs, a permission set per zone, an assignment per account', async () => {
    const { zonesDir, configPath } = generateTree(makeTempDir('gen-200-'), { zones: 200 });
    const out = makeTempDir('synth-200-');
    const r = await cli(['synth', '--zones', zonesDir, '--config', configPath, '--out', out]);
    expect(r.code).toBe(0);
    const stacks = readdirSync(join(out, 'stacks'));
    expect(stacks).toHaveLength(21); // 10 pairs and entra-app-roles
    let permissionSets = 0;
    let assignments = 0;
    for (const s of stacks.filter((n) => n.startsWith('aws-'))) {
      const json = JSON.parse(readFileSync(join(out, 'stacks', s, 'cdk.tf.json'), 'utf8'));
      permissionSets += Object.keys(json.resource.aws_ssoadmin_permission_set).length;
      assignments += Object.keys(json.resource.aws_ssoadmin_account_assignment).length;
    }
    expect(permissionSets).toBe(200);
    expect(assignments).toBe(600);
  });
});
