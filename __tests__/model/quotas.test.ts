import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run as awaitSync, type AwaitSyncDeps } from '../../cli/await-sync';
import { main } from '../../cli/zone-access';
import { loadTree } from '../../pipeline/load';
import { platformConfigSchema } from '../../model/platform-config-schema';
import { QUOTA_KEYS, QUOTAS, WARN_AT } from '../../model/quotas';
import { docsPage } from '../support/readme';
import { parse } from 'yaml';
import { REPO_ROOT, baseConfig, boundConfig, captureIO, makeTempDir, writeTree, zoneDoc } from '../support/tree';

/** `count` zones in one department, every one assigned to `accounts`. */
function zones(count: number, accounts: string[] = ['shared-prod']): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => {
      const name = `zone-${String(i).padStart(2, '0')}`;
      return [`pay/${name}.yaml`, zoneDoc(name, 'pay', { accounts })];
    }),
  );
}

function load(count: number, quotas: Record<string, number>, accounts?: string[]) {
  const paths = writeTree({ config: baseConfig({ quotas }), zones: zones(count, accounts) });
  return { paths, ...loadTree(paths) };
}

describe('quotas: validate checks the tree against the platform config quotas', () => {
  it("fills the providers' defaults, documented in the schema", () => {
    const { tree } = load(1, {});
    expect(tree!.config.quotas).toEqual({
      permissionSetsPerInstance: 2000,
      permissionSetsPerAccount: 250,
      rolesPerAccount: 1000,
      appRolesPerApplication: 1000,
    });
    const props = (platformConfigSchema.properties.quotas as any).properties;
    for (const key of QUOTA_KEYS)
      expect(props[key]).toMatchObject({ type: 'integer', minimum: 1, default: QUOTAS[key].default });
  });

  it('is an error above a quota, naming the account (and its name) and the zones', () => {
    const { tree, diagnostics } = load(4, { permissionSetsPerAccount: 3 });
    expect(tree).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        field: 'quotas.permissionSetsPerAccount',
        code: 'quota-exceeded',
        severity: 'error',
        message: expect.stringMatching(
          /^account 999999999999 \(shared-prod\) gets 4 provisioned permission sets .*over the quota of 3 .*zones: zone-00, zone-01, zone-02, zone-03$/,
        ),
      }),
    ]);
    expect(diagnostics[0].file).toMatch(/platform\.yaml$/);
  });

  it('warns from 80 % and keeps the tree valid', () => {
    const { tree, diagnostics } = load(4, { permissionSetsPerAccount: 5 });
    expect(tree).toBeDefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: 'quota-near',
        severity: 'warning',
        message: expect.stringMatching(/gets 4 provisioned permission sets .*80 % of the quota of 5/),
      }),
    ]);
    expect(load(3, { permissionSetsPerAccount: 5 }).diagnostics).toEqual([]);
    expect(WARN_AT).toBe(0.8);
  });

  it('counts per account: zones on other accounts do not add up', () => {
    const paths = writeTree({
      config: baseConfig({ quotas: { permissionSetsPerAccount: 3 } }),
      zones: {
        ...zones(3, ['111111111111']),
        'ops/other.yaml': zoneDoc('other', 'ops', { accounts: ['222222222222'] }),
      },
    });
    const { diagnostics } = loadTree(paths);
    expect(diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/^account 111111111111 gets 3 .*100 % of the quota of 3/),
    ]);
  });

  it('checks IAM roles per account, permission sets per instance and app roles per application', () => {
    const { diagnostics } = load(3, { rolesPerAccount: 2, permissionSetsPerInstance: 2, appRolesPerApplication: 2 });
    expect(diagnostics.map((d) => [d.field, d.code, d.message.replace(/;.*/, '')])).toEqual(
      expect.arrayContaining([
        [
          'quotas.rolesPerAccount',
          'quota-exceeded',
          'account 999999999999 (shared-prod) gets 3 IAM roles (one per provisioned permission set), over the quota of 2 (quotas.rolesPerAccount)',
        ],
        [
          'quotas.permissionSetsPerInstance',
          'quota-exceeded',
          'the Identity Center instance arn:aws:sso:::instance/ssoins-1111222233334444 gets 3 permission sets (one per zone), over the quota of 2 (quotas.permissionSetsPerInstance)',
        ],
        [
          'quotas.appRolesPerApplication',
          'quota-exceeded',
          'the Identity Center enterprise application in Entra gets 3 app roles (one per zone), over the quota of 2 (quotas.appRolesPerApplication)',
        ],
      ]),
    );
    expect(diagnostics).toHaveLength(3);
    // App roles cannot be raised: the hint says so instead of suggesting an increase.
    expect(diagnostics.find((d) => d.field === 'quotas.appRolesPerApplication')!.hint).toMatch(/cannot be raised/);
  });

  it('lists at most ten zones, then how many more', () => {
    const { diagnostics } = load(13, { permissionSetsPerAccount: 12 });
    expect(diagnostics[0].message).toMatch(/zones: zone-00, .*, zone-09 and 3 more$/);
  });

  it('a quota value is checked like any other config value', () => {
    const { tree, diagnostics } = load(1, { permissionSetsPerAccount: 0, rolesPerAcount: 5 } as any);
    expect(tree).toBeUndefined();
    expect(diagnostics.map((d) => d.field).sort()).toEqual([
      'quotas.permissionSetsPerAccount',
      'quotas.rolesPerAcount',
    ]);
  });
});

describe('quota warnings in the validate formats', () => {
  const tree = writeTree({ config: boundConfig({ quotas: { permissionSetsPerAccount: 5 } }), zones: zones(4) });
  const args = ['validate', '--zones', tree.zonesDir, '--config', tree.configPath];

  it('human: printed on stderr, marked as a warning, exit 0', async () => {
    const { io, out, err } = captureIO();
    expect(await main(args, io)).toBe(0);
    expect(err()).toMatch(/platform\.yaml: warning: quotas\.permissionSetsPerAccount: account 999999999999/);
    expect(err()).toMatch(/\n1 warning in 1 file\.\n$/);
    expect(out()).toMatch(/^ok: 4 zones/);
  });

  it('json: valid, with the warning and its severity', async () => {
    const { io, out } = captureIO();
    expect(await main([...args, '--format', 'json'], io)).toBe(0);
    const doc = JSON.parse(out());
    expect(doc.valid).toBe(true);
    expect(doc.problems).toEqual([expect.objectContaining({ severity: 'warning', code: 'quota-near' })]);
  });

  it('github: a ::warning annotation, not an ::error', async () => {
    const { io, out } = captureIO();
    expect(await main([...args, '--format', 'github'], io)).toBe(0);
    expect(out()).toMatch(
      /^::warning file=.*platform\.yaml,title=zone-access%3A quotas\.permissionSetsPerAccount \[quota-near\]::account 999999999999/,
    );
  });
});

describe('quota warnings in the GitLab Code Quality report', () => {
  it('are minor issues, errors major', async () => {
    const paths = writeTree({ config: boundConfig({ quotas: { permissionSetsPerAccount: 5 } }), zones: zones(4) });
    const { io, out } = captureIO();
    expect(
      await main(['validate', '--zones', paths.zonesDir, '--config', paths.configPath, '--format', 'json'], io),
    ).toBe(0);
    const work = makeTempDir('codequality-warning-');
    writeFileSync(join(work, 'zone-access-validate.json'), out());
    const script: string[] = parse(readFileSync(join(REPO_ROOT, 'examples', 'ci', 'gitlab-ci.yml'), 'utf8')).validate
      .script;
    const program = /node -e '([\s\S]*?)'\n/.exec(script.join('\n'))![1];
    execFileSync(process.execPath, ['-e', program], { cwd: work });
    const issues = JSON.parse(readFileSync(join(work, 'gl-code-quality-report.json'), 'utf8'));
    expect(issues).toEqual([expect.objectContaining({ check_name: 'zone-access/quota-near', severity: 'minor' })]);
  });
});

describe('quota warnings do not stop synthesis', () => {
  it('synth prints the warning and writes the stacks', async () => {
    const tree = writeTree({ config: boundConfig({ quotas: { permissionSetsPerAccount: 5 } }), zones: zones(4) });
    const { io, err } = captureIO();
    const out = makeTempDir('quota-synth-');
    expect(await main(['synth', '--zones', tree.zonesDir, '--config', tree.configPath, '--out', out], io)).toBe(0);
    expect(err()).toMatch(/warning: quotas\.permissionSetsPerAccount: account 999999999999 \(shared-prod\) gets 4/);
    expect(readdirSync(join(out, 'stacks')).sort()).toEqual(['aws-pay', 'entra-app-roles', 'entra-pay']);
  });
});

describe('quota warnings do not stop await-sync', () => {
  it('waits for the groups and exits 0', async () => {
    const tree = writeTree({ config: baseConfig({ quotas: { permissionSetsPerAccount: 5 } }), zones: zones(4) });
    const groups = Object.keys(zones(4)).map((p) => `entigo-zone-${p.replace(/^pay\/|\.yaml$/g, '')}`);
    const deps: AwaitSyncDeps = {
      createLookup: async () => ({
        lookup: async (name) => (groups.includes(name) ? `gid-${name}` : undefined),
        close: () => undefined,
      }),
      wait: { initialDelayMs: 5, maxDelayMs: 10, minIntervalMs: 0 },
    };
    const { io, out } = captureIO(tree.root, { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret' });
    expect(await awaitSync(['--zones', tree.zonesDir, '--config', tree.configPath], io, deps)).toBe(0);
    expect(out()).toMatch(/^4\/4 groups synced\n/);
  });
});

describe('docs/quotas.md documents every quota', () => {
  const readme = docsPage('quotas.md');
  it.each(QUOTA_KEYS)('%s: key, default and source', (key) => {
    const row = readme.split('\n').find((line) => line.startsWith(`| \`quotas.${key}\``));
    expect(row).toBeDefined();
    expect(row).toContain(QUOTAS[key].default.toLocaleString('en-US'));
    expect(row).toContain(QUOTAS[key].source);
  });
});
