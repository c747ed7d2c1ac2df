import { loadPlatformConfig } from '../../model/load-platform-config';
import { loadZones } from '../../model/load-zones';
import { sortDiagnostics, type Diagnostic } from '../../model/diagnostics';
import { loadTree } from '../../pipeline/load';
import { baseConfig, writeTree, zoneDoc } from '../support/tree';

const PRESETS = new Set(['rds-operator', 'secrets-editor', 'secrets-reader']);

function load(spec: Parameters<typeof writeTree>[0]) {
  const { zonesDir, configPath } = writeTree(spec);
  const { config, diagnostics } = loadPlatformConfig(configPath);
  if (!config) throw new Error(`config invalid: ${JSON.stringify(diagnostics)}`);
  return { ...loadZones(zonesDir, { config, knownPresets: PRESETS }), zonesDir };
}

/** One zone file's problems, with paths relative to zones/. */
function problemsOf(
  text: string | Record<string, unknown>,
  file = 'pay/zone-a.yaml',
  config?: Record<string, unknown>,
): Diagnostic[] {
  const { diagnostics, zonesDir } = load({ zones: { [file]: text }, ...(config ? { config } : {}) });
  return diagnostics.map((d) => ({ ...d, file: d.file.slice(zonesDir.length + 1) }));
}

function only(diags: Diagnostic[]): Diagnostic {
  expect(diags).toHaveLength(1);
  return diags[0];
}

describe('a valid zone file', () => {
  it('loads, normalized: accounts resolved and sorted, sets sorted, defaults applied', () => {
    const { zones, diagnostics } = load({
      zones: {
        'pay/zone-a.yaml': zoneDoc('zone-a', 'pay', {
          accounts: ['shared-prod', '123456789012'],
          access: ['secrets-reader', 'rds-operator'],
          owners: ['bob@example.com', 'alice@example.com'],
          tags: { b: '2', a: '1' },
        }),
      },
    });
    expect(diagnostics).toEqual([]);
    expect(zones).toHaveLength(1);
    const zone = zones[0];
    expect(zone.accounts).toEqual([{ id: '123456789012' }, { id: '999999999999', name: 'shared-prod' }]);
    expect(zone.access).toEqual(['rds-operator', 'secrets-reader']);
    expect(zone.owners).toEqual(['alice@example.com', 'bob@example.com']);
    expect(Object.keys(zone.tags)).toEqual(['a', 'b']);
    expect(zone.sessionDuration).toBe('PT1H');
    expect(zone.positions.accounts).toEqual({ line: 3, column: 1 });
  });
});

describe('each zone-file rule rejects bad input with file, line, column and field', () => {
  const cases: [string, string, Partial<Diagnostic>][] = [
    [
      'unknown key',
      'zone: zone-a\ndepartment: pay\naccounts: ["123456789012"]\naccess: [secrets-reader]\nacounts: x\n',
      { line: 5, column: 1, field: 'acounts', code: 'unknown-key' },
    ],
    [
      'missing required key',
      'zone: zone-a\ndepartment: pay\naccess: [secrets-reader]\n',
      { field: 'accounts', code: 'missing-key' },
    ],
    [
      'account written as a number',
      'zone: zone-a\ndepartment: pay\naccounts: [123456789012]\naccess: [secrets-reader]\n',
      { line: 3, column: 12, field: 'accounts[0]', code: 'wrong-type' },
    ],
    [
      'zone name with upper case',
      'zone: Zone-A\ndepartment: pay\naccounts: ["123456789012"]\naccess: [secrets-reader]\n',
      { line: 1, column: 7, field: 'zone', code: 'invalid-value' },
    ],
    [
      'zone name too long',
      `zone: ${'a'.repeat(28)}\ndepartment: pay\naccounts: ["123456789012"]\naccess: [secrets-reader]\n`,
      { line: 1, field: 'zone', code: 'invalid-length' },
    ],
    [
      'empty accounts',
      'zone: zone-a\ndepartment: pay\naccounts: []\naccess: [secrets-reader]\n',
      { line: 3, field: 'accounts', code: 'empty-list' },
    ],
    [
      'unknown account name',
      'zone: zone-a\ndepartment: pay\naccounts: [nope]\naccess: [secrets-reader]\n',
      { line: 3, column: 12, field: 'accounts[0]', code: 'unknown-account' },
    ],
    [
      'duplicate account (name and id of the same account)',
      'zone: zone-a\ndepartment: pay\naccounts: [shared-prod, "999999999999"]\naccess: [secrets-reader]\n',
      { line: 3, field: 'accounts[1]', code: 'duplicate-account' },
    ],
    [
      'unknown preset',
      'zone: zone-a\ndepartment: pay\naccounts: ["123456789012"]\naccess: [admin]\n',
      { line: 4, column: 10, field: 'access[0]', code: 'unknown-preset' },
    ],
    [
      'duplicate preset',
      'zone: zone-a\ndepartment: pay\naccounts: ["123456789012"]\naccess: [secrets-reader, secrets-reader]\n',
      { line: 4, field: 'access[1]', code: 'duplicate-entry' },
    ],
    [
      'department does not match folder',
      'zone: zone-a\ndepartment: other\naccounts: ["123456789012"]\naccess: [secrets-reader]\n',
      { line: 2, column: 13, field: 'department', code: 'department-mismatch' },
    ],
    [
      'session duration out of range',
      'zone: zone-a\ndepartment: pay\naccounts: ["123456789012"]\naccess: [secrets-reader]\nsessionDuration: PT13H\n',
      { line: 5, field: 'sessionDuration', code: 'invalid-value' },
    ],
    [
      'session duration not ISO-8601',
      'zone: zone-a\ndepartment: pay\naccounts: ["123456789012"]\naccess: [secrets-reader]\nsessionDuration: 4h\n',
      { line: 5, field: 'sessionDuration', code: 'invalid-value' },
    ],
    [
      'description too long',
      `zone: zone-a\ndepartment: pay\naccounts: ["123456789012"]\naccess: [secrets-reader]\ndescription: ${'x'.repeat(701)}\n`,
      { line: 5, field: 'description', code: 'invalid-length' },
    ],
    [
      'description with characters outside Latin-1',
      'zone: zone-a\ndepartment: pay\naccounts: ["123456789012"]\naccess: [secrets-reader]\ndescription: "zone ✓"\n',
      { line: 5, field: 'description', code: 'invalid-value' },
    ],
    [
      'relay state too long',
      `zone: zone-a\ndepartment: pay\naccounts: ["123456789012"]\naccess: [secrets-reader]\nrelayState: https://x/${'a'.repeat(240)}\n`,
      { line: 5, field: 'relayState', code: 'invalid-length' },
    ],
    [
      'owner that is neither UPN nor object id',
      'zone: zone-a\ndepartment: pay\naccounts: ["123456789012"]\naccess: [secrets-reader]\nowners: [alice]\n',
      { line: 5, field: 'owners[0]', code: 'invalid-value' },
    ],
    [
      'tag with the zone tag key',
      'zone: zone-a\ndepartment: pay\naccounts: ["123456789012"]\naccess: [secrets-reader]\ntags: { "entigo:zone": other }\n',
      { line: 5, field: 'tags.entigo:zone', code: 'reserved-tag' },
    ],
    [
      'tag key in the aws: namespace',
      'zone: zone-a\ndepartment: pay\naccounts: ["123456789012"]\naccess: [secrets-reader]\ntags: { "aws:x": y }\n',
      { line: 5, field: 'tags.aws:x', code: 'invalid-key' },
    ],
    [
      'tag value that is a number',
      'zone: zone-a\ndepartment: pay\naccounts: ["123456789012"]\naccess: [secrets-reader]\ntags: { cost-center: 4411 }\n',
      { line: 5, field: 'tags.cost-center', code: 'wrong-type' },
    ],
    [
      'managed policy not allow-listed',
      'zone: zone-a\ndepartment: pay\naccounts: ["123456789012"]\naccess: [secrets-reader]\nmanagedPolicies: [arn:aws:iam::aws:policy/AdministratorAccess]\n',
      { line: 5, field: 'managedPolicies[0]', code: 'not-allow-listed' },
    ],
    [
      'customer policy not allow-listed',
      'zone: zone-a\ndepartment: pay\naccounts: ["123456789012"]\naccess: [secrets-reader]\ncustomerManagedPolicies: [team-admin]\n',
      { line: 5, field: 'customerManagedPolicies[0]', code: 'not-allow-listed' },
    ],
    [
      'customer policy listed twice (name and object form)',
      'zone: zone-a\ndepartment: pay\naccounts: ["123456789012"]\naccess: [secrets-reader]\ncustomerManagedPolicies: [team-admin, { name: team-admin, path: / }]\n',
      { line: 5, field: 'customerManagedPolicies[1]', code: 'duplicate-entry' },
    ],
    [
      'permissions boundary not allow-listed',
      'zone: zone-a\ndepartment: pay\naccounts: ["123456789012"]\naccess: [secrets-reader]\npermissionsBoundary: arn:aws:iam::aws:policy/PowerUserAccess\n',
      { line: 5, field: 'permissionsBoundary', code: 'not-allow-listed' },
    ],
    [
      'duplicate key',
      'zone: zone-a\nzone: zone-b\ndepartment: pay\naccounts: ["123456789012"]\naccess: [secrets-reader]\n',
      { line: 2, code: 'duplicate-key' },
    ],
    ['several YAML documents', 'zone: zone-a\n---\nzone: zone-b\n', { line: 2, code: 'multiple-documents' }],
    ['invalid YAML', 'zone: [zone-a\ndepartment: pay\n', { code: 'yaml-syntax' }],
    ['a list instead of a mapping', '- zone-a\n', { line: 1, field: '', code: 'wrong-type' }],
    ['empty file', '', { code: 'empty-file' }],
    [
      'YAML alias',
      'zone: &z zone-a\ndepartment: pay\naccounts: ["123456789012"]\naccess: [secrets-reader]\ndescription: *z\n',
      { code: 'yaml-anchor' },
    ],
  ];

  it.each(cases)('%s', (_name, text, expected) => {
    const diags = problemsOf(text);
    expect(diags.length).toBeGreaterThan(0);
    expect(diags[0]).toMatchObject({ file: 'pay/zone-a.yaml', ...expected });
    expect(diags[0].message.length).toBeGreaterThan(5);
  });

  it('names the allowed keys in the hint of an unknown key', () => {
    const d = only(
      problemsOf('zone: zone-a\ndepartment: pay\naccounts: ["123456789012"]\naccess: [secrets-reader]\nacounts: x\n'),
    );
    expect(d.hint).toContain('accounts');
  });

  it('suggests quoting an account id written as a number', () => {
    const d = only(problemsOf('zone: zone-a\ndepartment: pay\naccounts: [012345678901]\naccess: [secrets-reader]\n'));
    expect(d.hint).toMatch(/quote/);
  });

  it('reports every problem of a file, not just the first', () => {
    const diags = problemsOf('zone: Zone-A\ndepartment: pay\naccounts: [1]\naccess: []\nextra: 1\n');
    expect(diags.map((d) => d.field).sort()).toEqual(['access', 'accounts[0]', 'extra', 'zone']);
  });
});

describe('tree-level rules', () => {
  it('rejects the same zone in two departments, naming both files', () => {
    const { diagnostics, zonesDir } = load({
      zones: { 'a/same.yaml': zoneDoc('same', 'a'), 'b/same.yaml': zoneDoc('same', 'b') },
    });
    expect(diagnostics).toHaveLength(2);
    for (const d of diagnostics) {
      expect(d).toMatchObject({ code: 'duplicate-zone', field: 'zone', line: 1 });
    }
    expect(diagnostics[0].message).toContain(`${zonesDir}/b/same.yaml`);
  });

  it('rejects the same zone twice in one department (.yaml and .yml: both named after it)', () => {
    const { diagnostics } = load({
      zones: { 'a/same.yaml': zoneDoc('same', 'a'), 'a/same.yml': zoneDoc('same', 'a') },
    });
    expect(diagnostics.map((d) => [d.file.split('/').slice(-1)[0], d.code])).toEqual([
      ['same.yaml', 'duplicate-zone'],
      ['same.yml', 'duplicate-zone'],
    ]);
  });

  it("rejects a zone whose file is named differently, and still reports the file's other problems", () => {
    const diags = problemsOf(
      zoneDoc('logistics-prod', 'pay', { accounts: ['66666666666'], access: ['secret-editor'] }),
      'pay/logistics-production.yaml',
    );
    expect(sortDiagnostics(diags).map(({ file, line, field, code }) => ({ file, line, field, code }))).toEqual([
      { file: 'pay/logistics-production.yaml', line: 1, field: 'zone', code: 'file-name-mismatch' },
      { file: 'pay/logistics-production.yaml', line: 4, field: 'accounts[0]', code: 'invalid-value' },
      { file: 'pay/logistics-production.yaml', line: 6, field: 'access[0]', code: 'unknown-preset' },
    ]);
    expect(diags.find((d) => d.code === 'file-name-mismatch')!.message).toBe(
      'zone "logistics-prod" does not match the file name "logistics-production.yaml": name the file logistics-prod.yaml, or change zone: to logistics-production',
    );
  });

  it('a zone whose file is named differently makes the tree invalid (nothing is synthesized; see also the bad-input corpus)', () => {
    const { zonesDir, configPath } = writeTree({
      zones: { 'pay/logistics-production.yaml': zoneDoc('logistics-prod', 'pay') },
    });
    const { tree, diagnostics } = loadTree({ zonesDir, configPath });
    expect(tree).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toEqual(['file-name-mismatch']);
  });

  it('rejects zone files outside a department folder', () => {
    const { diagnostics } = load({ zones: { 'top.yaml': zoneDoc('a', 'x'), 'a/deep/z.yaml': zoneDoc('b', 'a') } });
    expect(diagnostics.map((d) => d.code)).toEqual(['misplaced-file', 'misplaced-file']);
  });

  it('reports problems of all files in one run', () => {
    const { diagnostics } = load({
      zones: {
        'a/x.yaml': 'zone: 1\n',
        'b/y.yaml': zoneDoc('y', 'b', { access: ['nope'] }),
        'c/z.yaml': zoneDoc('z', 'c'),
      },
    });
    expect(new Set(diagnostics.map((d) => d.file.split('/').slice(-2)[0]))).toEqual(new Set(['a', 'b']));
  });

  it('keeps empty department folders as departments (declared ones; see departments.test.ts)', () => {
    const { departments } = load({ zones: { 'a/x.yaml': zoneDoc('x', 'a') }, emptyDepartments: ['retired'] });
    expect(departments).toEqual(['a', 'retired']);
  });
});

describe('platform config rules', () => {
  function configProblems(config: Record<string, unknown> | string) {
    const { configPath } = writeTree({ config, zones: {} });
    return loadPlatformConfig(configPath).diagnostics;
  }

  it('accepts the minimal config and applies defaults', () => {
    const { configPath } = writeTree({ config: baseConfig(), zones: {} });
    const { config } = loadPlatformConfig(configPath);
    expect(config).toMatchObject({
      zoneTagKey: 'entigo:zone',
      names: { groupPrefix: 'entigo-zone-', permissionSetPrefix: 'zone-' },
      defaultSessionDuration: 'PT1H',
      sharding: 'department',
      backend: { type: 'local' },
      protection: { preventDestroy: false },
      secrets: { zoneNamePrefix: true },
    });
  });

  it.each([
    ['missing identity center', { identityCenter: undefined }, 'identityCenter', 'missing-key'],
    [
      'bad instance ARN',
      { identityCenter: { ...(baseConfig().identityCenter as object), instanceArn: 'arn:x' } },
      'identityCenter.instanceArn',
      'invalid-value',
    ],
    ['bad sharding', { sharding: 'zone' }, 'sharding', 'invalid-value'],
    ['account id as a number', { accounts: { prod: 111111111111 } }, 'accounts.prod', 'wrong-type'],
    [
      's3 backend without bucket: the branch its type names says what is missing',
      { backend: { type: 's3', region: 'eu-north-1' } },
      'backend.bucket',
      'missing-key',
    ],
    [
      'job id without rule id',
      {
        entra: {
          ...(baseConfig().entra as object),
          provisioningJobId: 'AWSSCIM.0123456789abcdef0123456789abcdef.01234567-89ab-cdef-0123-456789abcdef',
        },
      },
      'entra.provisioningRuleId',
      'missing-key',
    ],
    [
      'default session duration out of range',
      { defaultSessionDuration: 'PT24H' },
      'defaultSessionDuration',
      'invalid-value',
    ],
    ['unknown key', { extra: true }, 'extra', 'unknown-key'],
  ])('%s', (_name, overrides, field, code) => {
    const config = baseConfig(overrides as Record<string, unknown>);
    for (const [k, v] of Object.entries(config)) if (v === undefined) delete config[k];
    const diags = configProblems(config);
    expect(diags.length).toBeGreaterThan(0);
    expect(diags[0]).toMatchObject({ field, code });
    expect(diags[0].line).toBeGreaterThan(0);
  });

  it('refuses to redefine a built-in preset', () => {
    const { configPath } = writeTree({
      config: baseConfig({
        access: {
          presets: {
            'rds-operator': {
              description: 'x',
              statements: [{ actions: ['rds:DeleteDBInstance'], scope: 'resource-tag' }],
            },
          },
        },
      }),
      zones: {},
    });
    const { diagnostics } = loadPlatformConfig(configPath, { reservedPresetNames: new Set(['rds-operator']) });
    expect(diagnostics[0]).toMatchObject({ code: 'reserved-preset', field: 'access.presets.rds-operator' });
  });
});
