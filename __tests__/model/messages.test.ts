import { stringify } from 'yaml';
import { platformConfig } from '../../constructs/platform-config';
import { ValidationError, type Diagnostic } from '../../model/diagnostics';
import { platformConfigFromSource } from '../../model/load-platform-config';
import { loadZones } from '../../model/load-zones';
import { closest, editDistance } from '../../model/suggest';
import { parseYamlText } from '../../model/yaml-source';
import { baseConfig, writeTree, zoneDoc } from '../support/tree';

function configProblems(config: Record<string, unknown> | string): Diagnostic[] {
  const parsed = parseYamlText(typeof config === 'string' ? config : stringify(config), 'platform.yaml');
  if (!parsed.source) return parsed.diagnostics;
  return platformConfigFromSource(parsed.source).diagnostics;
}

function set(path: string, value: unknown): Record<string, unknown> {
  const config = structuredClone(baseConfig({ departments: { pay: {} } })) as Record<string, unknown>;
  const keys = path.split('.');
  let node = config;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
  return config;
}

describe('"did you mean": one edit-distance helper', () => {
  it('finds the closest candidate within a third of the word, counting a swap as one edit', () => {
    expect(editDistance('valdate', 'validate')).toBe(1);
    expect(editDistance('owenrs', 'owners')).toBe(1);
    expect(closest('valdate', ['synth', 'validate', 'report'])).toBe('validate');
    expect(closest('owner', ['zone', 'owners', 'members'])).toBe('owners');
    expect(closest('xyz', ['validate', 'synth'])).toBeUndefined();
    expect(closest('startURL', ['startUrl', 'region'])).toBe('startUrl');
  });

  it('for an unknown key of a zone file', () => {
    const { zonesDir } = writeTree({
      zones: { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay', { owner: ['alice@example.com'] }) },
    });
    const { diagnostics } = loadZones(zonesDir, { config: undefined, knownPresets: new Set(), at: '2026-01-01' });
    const d = diagnostics.find((x) => x.code === 'unknown-key')!;
    expect(d.message).toBe('unknown key "owner"; did you mean "owners"?');
  });

  it('for an unknown key of the platform config', () => {
    const [d] = configProblems(set('identityCenter.startURL', 'https://d-9067a1b2c3.awsapps.com/start'));
    expect(d).toMatchObject({
      code: 'unknown-key',
      field: 'identityCenter.startURL',
      message: 'unknown key "startURL"; did you mean "startUrl"?',
    });
    expect(configProblems(set('identityCenter.bogus', 'x'))[0].message).toBe('unknown key "bogus"');
  });

  it('for a value that must be one of a list', () => {
    expect(configProblems(set('departments', { pay: { membership: 'files' } }))[0]).toMatchObject({
      field: 'departments.pay.membership',
      message: 'must be one of "entra", "file", "access-package"; did you mean "file"?',
    });
    expect(configProblems(set('entra.appRoles', 'per_zone'))[0].message).toBe(
      'must be one of "per-zone", "shared"; did you mean "per-zone"?',
    );
  });
});

describe('zone-file entries that fail their pattern say what is right, with an example', () => {
  it.each([
    ['owners', { owners: ['alice'] }, 'owners[0]', /^"alice" is not valid: an Entra UPN .* e\.g\. alice@example\.com/],
    ['members', { members: ['bob'] }, 'members[0]', /^"bob" is not valid: .* e\.g\. bob@example\.com/],
    [
      'members user',
      { members: [{ user: 'bob' }] },
      'members[0].user',
      /^"bob" is not valid: .* e\.g\. bob@example\.com/,
    ],
    ['access', { access: ['Rds_Operator'] }, 'access[0]', /^"Rds_Operator" is not valid: .* e\.g\. rds-operator/],
  ])('%s', (_name, overrides, field, message) => {
    const { zonesDir } = writeTree({ zones: { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay', overrides) } });
    const { diagnostics } = loadZones(zonesDir, { config: undefined, knownPresets: new Set(), at: '2026-01-01' });
    expect(diagnostics.find((d) => d.field === field)).toMatchObject({
      code: 'invalid-value',
      message: expect.stringMatching(message),
    });
  });
});

describe('platform-config errors say what is right, with an example', () => {
  const cases: [string, unknown, RegExp][] = [
    [
      'identityCenter.instanceArn',
      'arn:aws:sso:::instance/abc',
      /ssoins- and 16 .*e\.g\. arn:aws:sso:::instance\/ssoins-7223a1b2c3d4e5f6/,
    ],
    [
      'identityCenter.identityStoreId',
      'd-123',
      /"d-123" is not an identity store id: d- and 10 lower-case hex digits, e\.g\. d-9067a1b2c3/,
    ],
    ['identityCenter.region', 'Europe (Stockholm)', /not an AWS region code.*e\.g\. eu-north-1/],
    ['identityCenter.region', 'EU-NORTH-1', /region codes are lower-case: eu-north-1/],
    [
      'identityCenter.startUrl',
      'https://x.awsapps.com/start?x=1',
      /without query.*e\.g\. https:\/\/d-9067a1b2c3\.awsapps\.com\/start/,
    ],
    ['identityCenter.externalIdIssuer', 'a b', /without spaces.*e\.g\. https:\/\/scim\./],
    ['entra.tenantId', 'contoso', /not the Entra tenant id: a GUID.*e\.g\. /],
    [
      'entra.applicationObjectId',
      '1234',
      /app registration: a GUID.*e\.g\. .*Object ID \(not the Application \(client\) ID\)/,
    ],
    ['entra.servicePrincipalObjectId', 'abc', /service principal\): a GUID.*e\.g\. /],
    ['names.groupPrefix', 'Zone', /ending in a hyphen, e\.g\. entigo-zone-/],
    ['names.permissionSetPrefix', 'a-very-long-prefix-', /at most 16, e\.g\. zone-/],
    [
      'backend',
      { type: 's3', bucket: 'Bad_Bucket', region: 'eu-north-1' },
      /not an S3 bucket name.*e\.g\. acme-zone-access-state/,
    ],
    ['quotas.rolesPerAccount', 0, /must be at least 1, e\.g\. 1000 \(the default\)/],
  ];
  it.each(cases)('%s: %j', (field, value, expected) => {
    const problems = configProblems(set(field, value));
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(expected);
    expect(problems[0].message).not.toMatch(/is not valid here/);
  });

  it('alternatives (anyOf) in words: the backend types there are, a boundary ARN or a mapping', () => {
    expect(configProblems(set('backend', { type: 'gcs' }))).toEqual([
      expect.objectContaining({ field: 'backend.type', message: 'must be one of "local", "s3"' }),
    ]);
    expect(configProblems(set('access.permissionsBoundary', 'ReadOnly'))).toEqual([
      expect.objectContaining({
        field: 'access.permissionsBoundary',
        message:
          '"ReadOnly" is not an AWS-managed policy ARN; e.g. arn:aws:iam::aws:policy/ReadOnlyAccess; or a mapping { name, path }',
      }),
    ]);
  });

  it('the application and service principal object ids: two objects, so never the same id', () => {
    const id = '4a2c8e1f-7b3d-4c5e-8f9a-1b2c3d4e5f60';
    const entra = baseConfig().entra as Record<string, unknown>;
    expect(
      configProblems(set('entra', { ...entra, applicationObjectId: id, servicePrincipalObjectId: id.toUpperCase() })),
    ).toEqual([
      expect.objectContaining({
        field: 'entra.servicePrincipalObjectId',
        code: 'invalid-value',
        message: expect.stringMatching(
          /is also entra\.applicationObjectId: the app registration and the enterprise application/,
        ),
        hint: expect.stringContaining('Enterprise applications'),
      }),
    ]);
    expect(configProblems(set('entra', entra))).toEqual([]);
  });

  it('the provisioning ids, together', () => {
    const problems = configProblems(
      set('entra', { ...(baseConfig().entra as object), provisioningJobId: 'job', provisioningRuleId: 'a rule' }),
    );
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/not a provisioning job id: <template>\.<32 hex digits>\.<GUID>.*e\.g\. AWSSCIM\./),
      expect.stringMatching(/not a synchronization rule id: .*e\.g\. /),
    ]);
  });

  it('names of departments and presets, preset actions and resources', () => {
    const problems = configProblems(
      set('access', {
        presets: {
          Bad: { description: 'x', statements: [{ actions: ['s3:*'], resources: ['bucket'], scope: 'none' }] },
        },
      }),
    );
    expect(problems.map((p) => p.message)).toEqual([
      expect.stringMatching(/preset name "Bad" is not valid: .*e\.g\. logs-viewer/),
      expect.stringMatching(/"s3:\*" has a wildcard; .*e\.g\. logs:GetLogEvents/),
      expect.stringMatching(/"bucket" is not a resource: .*e\.g\. arn:aws:logs/),
    ]);
    expect(configProblems(set('departments', { Payments: {} }))[0].message).toBe(
      'department names are lower-case: payments',
    );
  });

  it('platformConfig() in the library heads its error with the platform config, not zone input', () => {
    let error: unknown;
    try {
      platformConfig({
        identityCenter: { instanceArn: 'x', identityStoreId: 'd-123', region: 'eu-north-1' },
        entra: baseConfig().entra as never,
      });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const message = (error as Error).message;
    expect(message).toMatch(/^2 problems in the platform config:\n/);
    expect(message).not.toContain('zone input');
    expect(message).toContain('e.g. d-9067a1b2c3');
  });
});

describe('a YAML syntax error names the line of the mistake and says what to fix', () => {
  const cases: [string, string, number, RegExp][] = [
    [
      'an unclosed [',
      'zone: a\naccess: [secrets-reader\ndepartment: pay\n',
      2,
      /the \[ opened here is never closed: end the list with \]/,
    ],
    [
      'an unclosed {',
      'zone: a\ntags: { a: "1"\ndepartment: pay\n',
      2,
      /the \{ opened here is never closed: end the mapping with \}/,
    ],
    ['an unclosed quote', 'zone: a\ndescription: "Payments\ndepartment: pay\n', 2, /the " opened here is never closed/],
    ['a tab', 'zone: a\n\tdepartment: pay\n', 2, /indented with a tab; YAML indents with spaces only/],
    ['": " in a value', 'zone: a\ndescription: Payments: production\n', 2, /contains ": ".*put the value in quotes/],
    [
      'a key indented under a key with a value',
      'zone: a\n  department: pay\n',
      2,
      /indented more than line 1, whose key already has a value/,
    ],
    [
      'a misaligned list item',
      'accounts:\n  - "111111111111"\n - "222222222222"\n',
      3,
      /not lined up with the items above/,
    ],
  ];
  it.each(cases)('%s', (_name, text, line, message) => {
    const { diagnostics } = parseYamlText(text, 'f.yaml');
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'yaml-syntax', line });
    expect(diagnostics[0].message).toMatch(message);
  });
});
