import { mkdirSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join, relative } from 'node:path';
import { TerraformStack, Testing } from 'cdktf';
import { main } from '../../cli/zone-access';
import { ZoneAccess } from '../../constructs/zone-access';
import {
  explainTooManyTags,
  follows,
  LIMIT_RULES,
  TEXT_RULES,
  zoneFileName,
  type TextRuleId,
} from '../../model/aws-rules';
import { ValidationError } from '../../model/diagnostics';
import { loadPlatformConfig } from '../../model/load-platform-config';
import { loadZones } from '../../model/load-zones';
import type { PlatformConfig } from '../../model/types';
import { readmeSection } from '../support/readme';
import { captureIO, REPO_ROOT, SAMPLE_CONFIG, writeTree, zoneDoc } from '../support/tree';

/**
 * One module holds every AWS rule on zone input (so the loader and the constructs cannot drift), and its messages say what is
 * wrong and what is right, with an example. The expected strings are written out here on purpose:
 * a change of wording must be a change of this test.
 */
describe('each rule explains a bad value: what is wrong, what is right, an example', () => {
  const cases: [TextRuleId, string, string][] = [
    ['zoneName', 'Logistics-Staging-1', 'zone names are lower-case: logistics-staging-1'],
    [
      'zoneName',
      'a'.repeat(28),
      `"${'a'.repeat(28)}" is 28 characters; a zone name has at most 27 (it becomes the permission set name "zone-<zone>", which AWS limits to 32), e.g. logistics-staging-1`,
    ],
    [
      'zoneName',
      'billing_prod!',
      '"billing_prod!" is not a zone name: use lower-case letters, digits and inner hyphens (no leading or trailing hyphen), e.g. billing-prod',
    ],
    ['departmentName', 'Pay', 'department names are lower-case: pay'],
    ['accountId', '66666666666', 'account id "66666666666" has 11 digits; must be 12 digits, e.g. "123456789012"'],
    ['accountName', 'Shared-Prod', 'account names are lower-case: shared-prod'],
    ['accountRef', '6666666666666', 'account id "6666666666666" has 13 digits; must be 12 digits, e.g. "123456789012"'],
    [
      'accountRef',
      'Shared Prod',
      '"Shared Prod" is neither an account id (12 digits, e.g. "123456789012") nor an account name (lower-case letters, digits and inner hyphens, e.g. shared-prod)',
    ],
    [
      'tagKey',
      'aws:owner',
      'tag key "aws:owner" starts with "aws:", which AWS reserves for its own tags; use another prefix, e.g. cost-center',
    ],
    [
      'tagKey',
      'cost#center',
      'tag key "cost#center" contains "#"; AWS allows letters, digits, spaces and _ . : / = + - @, e.g. cost-center',
    ],
    [
      'tagValue',
      'a,b',
      'tag value "a,b" contains ","; AWS allows letters, digits, spaces and _ . : / = + - @, e.g. payments-4411',
    ],
    [
      'zoneTagKey',
      'zöne',
      'zone tag key "zöne" contains "ö"; it goes into IAM condition keys, so only ASCII letters, digits and _ . : / = + - @, e.g. entigo:zone',
    ],
    ['sessionDuration', '4h', '"4h" must be an ISO 8601 duration from PT1H to PT12H, e.g. PT4H'],
    [
      'sessionDuration',
      'PT13H',
      'PT13H is 13 hours; a session duration is an ISO 8601 duration from PT1H to PT12H, e.g. PT4H',
    ],
    [
      'sessionDuration',
      'PT30M',
      'PT30M is 30 minutes; a session duration is an ISO 8601 duration from PT1H to PT12H, e.g. PT4H',
    ],
    [
      'description',
      'zone ✓',
      'description contains "✓"; AWS allows printable ASCII and Latin-1 characters, tab and line breaks, e.g. "Payments team, production databases"',
    ],
    [
      'description',
      'd'.repeat(701),
      'description is 701 characters; AWS allows at most 700 in a permission set description',
    ],
    [
      'relayState',
      'https://x/<script>',
      'relay state contains "<", ">", which AWS does not accept (percent-encode it in the URL), e.g. https://console.aws.amazon.com/rds/home?region=eu-north-1',
    ],
    [
      'permissionSetName',
      `platform-zone-${'a'.repeat(27)}`,
      `permission set name "platform-zone-${'a'.repeat(27)}" is 41 characters; AWS allows 1 to 32, e.g. zone-logistics-staging-1`,
    ],
    [
      'managedPolicyArn',
      'arn:aws:iam::123456789012:policy/x',
      '"arn:aws:iam::123456789012:policy/x" is not an AWS-managed policy ARN; e.g. arn:aws:iam::aws:policy/ReadOnlyAccess',
    ],
    [
      'policyName',
      'team admin',
      '"team admin" is not an IAM policy name: 1 to 128 letters, digits and _+=,.@-, e.g. team-admin',
    ],
    [
      'policyPath',
      'zone-access',
      '"zone-access" is not an IAM path: it starts and ends with / and has no spaces, e.g. /zone-access/',
    ],
  ];

  it('covers every rule', () => {
    expect(new Set(cases.map(([id]) => id))).toEqual(new Set(Object.keys(TEXT_RULES)));
  });

  it.each(cases)('%s: %s', (id, value, message) => {
    const rule = TEXT_RULES[id];
    expect(follows(rule, value)).toBe(false);
    expect(rule.explain(value)).toBe(message);
  });

  it.each([
    [
      'logistics-prod',
      'logistics-production.yaml',
      'zone "logistics-prod" does not match the file name "logistics-production.yaml": name the file logistics-prod.yaml, or change zone: to logistics-production',
    ],
    [
      'logistics-prod',
      'logistics-production.yml',
      'zone "logistics-prod" does not match the file name "logistics-production.yml": name the file logistics-prod.yml, or change zone: to logistics-production',
    ],
    // A file name that is no zone name is not offered as one.
    [
      'billing',
      'Billing Copy.yaml',
      'zone "billing" does not match the file name "Billing Copy.yaml": name the file billing.yaml',
    ],
  ])('the file name: zone %s in %s', (zone, fileName, message) => {
    expect(zoneFileName.matches(zone, fileName)).toBe(false);
    expect(zoneFileName.explain(zone, fileName)).toBe(message);
  });

  it('the file name: <zone>.yaml and <zone>.yml match, nothing else does', () => {
    expect(zoneFileName.matches('billing', 'billing.yaml')).toBe(true);
    expect(zoneFileName.matches('billing', 'billing.yml')).toBe(true);
    expect(
      ['Billing.yaml', 'billing.YAML', 'billing.json', 'billing', 'billing-1.yaml', 'x-billing.yaml'].filter((f) =>
        zoneFileName.matches('billing', f),
      ),
    ).toEqual([]);
  });

  it('the tag count', () => {
    expect(explainTooManyTags(50)).toBe(
      '50 tags given; a permission set has at most 50 tags and the zone tag is one of them, so at most 49 here',
    );
  });
});

describe('the rules module', () => {
  it.each(Object.values(TEXT_RULES).map((r) => [r.id, r] as const))(
    '%s: its example follows it and it links AWS documentation',
    (_id, rule) => {
      expect(follows(rule, rule.example)).toBe(true);
      expect(rule.doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      expect(rule.description).toContain('e.g.');
    },
  );

  it.each(Object.values(LIMIT_RULES).map((r) => [r.id, r] as const))('%s links AWS documentation', (_id, rule) => {
    expect(rule.doc).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
  });

  it('the session range is 1 to 12 hours, minutes included', () => {
    const rule = TEXT_RULES.sessionDuration;
    expect(['PT1H', 'PT60M', 'PT1H30M', 'PT12H', 'PT720M'].filter((v) => !follows(rule, v))).toEqual([]);
    expect(['PT59M', 'PT12H1M', 'PT13H', 'P1D', 'PT', '4h', 'PT0H'].filter((v) => follows(rule, v))).toEqual([]);
  });

  it('tag keys: aws: is reserved in any case; unicode letters and spaces are fine', () => {
    expect(['aws:x', 'AWS:x', 'Aws:x'].filter((k) => follows(TEXT_RULES.tagKey, k))).toEqual([]);
    expect(follows(TEXT_RULES.tagKey, 'kostenstelle Ä')).toBe(true);
    expect(follows(TEXT_RULES.tagKey, 'k'.repeat(128))).toBe(true);
    expect(follows(TEXT_RULES.tagKey, 'k'.repeat(129))).toBe(false);
    expect(follows(TEXT_RULES.tagValue, 'v'.repeat(256))).toBe(true);
    expect(follows(TEXT_RULES.tagValue, '')).toBe(true);
  });

  it('an all-digit account reference is an id, never a name', () => {
    expect(follows(TEXT_RULES.accountRef, '66666666666')).toBe(false);
    expect(follows(TEXT_RULES.accountName, '12345')).toBe(false);
    expect(follows(TEXT_RULES.accountRef, 'prod-1')).toBe(true);
  });

  /**
   * No AWS rule is written twice: the fragments that give a rule away appear in runtime sources only
   * in the rules module (generated validators excepted: they are compiled from it).
   */
  it('no runtime source outside model/aws-rules.ts spells an AWS rule', () => {
    const fragments = [
      '\\p{L}\\p{Z}\\p{N}',
      '[0-9]{12}',
      '\\d{12}',
      '12 * 60',
      '10_240',
      '32_768',
      'u0020-\\u007E',
      'PT1H..PT12H',
      '> 49',
      "'^[a-z0-9]([a-z0-9-]*[a-z0-9])?$'",
    ];
    const offenders: string[] = [];
    for (const dir of ['model', 'policies', 'constructs', 'stacks', 'pipeline', 'cli', 'report']) {
      for (const file of sources(join(REPO_ROOT, dir))) {
        const rel = relative(REPO_ROOT, file);
        if (rel === join('model', 'aws-rules.ts') || rel.startsWith(join('model', 'generated'))) continue;
        const text = readFileSync(file, 'utf8');
        for (const f of fragments) if (text.includes(f)) offenders.push(`${rel}: ${f}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** One zone file's problems through the loader, with the file path relative to zones/. */
function problems(zone: Record<string, unknown>, config?: Record<string, unknown>) {
  const { zonesDir, configPath } = writeTree({
    zones: { [`pay/${String(zone.zone)}.yaml`]: zone },
    ...(config ? { config } : {}),
  });
  const loaded = loadPlatformConfig(configPath);
  const result = loadZones(zonesDir, {
    config: loaded.config as PlatformConfig,
    knownPresets: new Set(['secrets-reader', 'secrets-editor', 'rds-operator']),
  });
  return result.diagnostics.map((d) => ({ field: d.field, code: d.code, message: d.message }));
}

describe('the loader enforces each rule with its message', () => {
  const zone = (over: Record<string, unknown>) => zoneDoc('billing', 'pay', over);
  it.each([
    [
      'description, not Latin-1',
      { description: 'Zahlungen – Tallinn' },
      'description',
      'invalid-value',
      'description contains "–"; AWS allows printable ASCII and Latin-1 characters, tab and line breaks, e.g. "Payments team, production databases"',
    ],
    [
      'description, 701 characters',
      { description: 'd'.repeat(701) },
      'description',
      'invalid-length',
      'description is 701 characters; AWS allows at most 700 in a permission set description',
    ],
    [
      'relay state, 241 characters',
      { relayState: `https://x/${'a'.repeat(231)}` },
      'relayState',
      'invalid-length',
      'relay state is 241 characters; AWS allows at most 240, e.g. https://console.aws.amazon.com/rds/home?region=eu-north-1',
    ],
    [
      'session duration 4h',
      { sessionDuration: '4h' },
      'sessionDuration',
      'invalid-value',
      '"4h" must be an ISO 8601 duration from PT1H to PT12H, e.g. PT4H',
    ],
    [
      'session duration PT13H',
      { sessionDuration: 'PT13H' },
      'sessionDuration',
      'invalid-value',
      'PT13H is 13 hours; a session duration is an ISO 8601 duration from PT1H to PT12H, e.g. PT4H',
    ],
    [
      'tag key aws:',
      { tags: { 'aws:owner': 'x' } },
      'tags.aws:owner',
      'invalid-key',
      'tag key "aws:owner" starts with "aws:", which AWS reserves for its own tags; use another prefix, e.g. cost-center',
    ],
    [
      'tag key AWS: (any case)',
      { tags: { 'AWS:owner': 'x' } },
      'tags.AWS:owner',
      'invalid-key',
      'tag key "AWS:owner" starts with "aws:", which AWS reserves for its own tags; use another prefix, e.g. cost-center',
    ],
    [
      'tag value with a comma',
      { tags: { owner: 'a,b' } },
      'tags.owner',
      'invalid-value',
      'tag value "a,b" contains ","; AWS allows letters, digits, spaces and _ . : / = + - @, e.g. payments-4411',
    ],
    [
      '50 tags',
      { tags: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'])) },
      'tags',
      'too-many-tags',
      '50 tags given; a permission set has at most 50 tags and the zone tag is one of them, so at most 49 here',
    ],
    [
      'an 11-digit account id',
      { accounts: ['66666666666'] },
      'accounts[0]',
      'invalid-value',
      'account id "66666666666" has 11 digits; must be 12 digits, e.g. "123456789012"',
    ],
  ])('%s', (_label, over, field, code, message) => {
    expect(problems(zone(over))).toEqual([{ field, code, message }]);
  });

  it('a zone whose file is named differently', () => {
    const { zonesDir, configPath } = writeTree({
      zones: { 'pay/logistics-production.yaml': zoneDoc('logistics-prod', 'pay') },
    });
    const loaded = loadPlatformConfig(configPath);
    const result = loadZones(zonesDir, {
      config: loaded.config as PlatformConfig,
      knownPresets: new Set(['secrets-reader']),
    });
    expect(result.diagnostics).toEqual([
      {
        file: join(zonesDir, 'pay', 'logistics-production.yaml'),
        line: 1,
        column: 7,
        field: 'zone',
        code: 'file-name-mismatch',
        message:
          'zone "logistics-prod" does not match the file name "logistics-production.yaml": name the file logistics-prod.yaml, or change zone: to logistics-production',
      },
    ]);
  });

  it('49 tags beside the zone tag are fine', () => {
    expect(problems(zone({ tags: Object.fromEntries(Array.from({ length: 49 }, (_, i) => [`k${i}`, 'v'])) }))).toEqual(
      [],
    );
  });

  it('an upper-case zone name', () => {
    expect(problems(zoneDoc('Logistics-Staging-1', 'pay'))).toEqual([
      { field: 'zone', code: 'invalid-value', message: 'zone names are lower-case: logistics-staging-1' },
    ]);
  });

  it('the permission set name: prefix + zone name at most 32 characters', () => {
    const long = 'a'.repeat(27);
    expect(problems(zoneDoc(long, 'pay'))).toEqual([]);
    expect(
      problems(zoneDoc(long, 'pay'), { ...baseConfigWith({ names: { permissionSetPrefix: 'platform-zone-' } }) }),
    ).toEqual([
      {
        field: 'zone',
        code: 'invalid-length',
        message: `permission set name "platform-zone-${long}" is 41 characters; AWS allows 1 to 32, e.g. zone-logistics-staging-1`,
      },
    ]);
  });
});

function baseConfigWith(over: Record<string, unknown>): Record<string, unknown> {
  const { baseConfig } = require('../support/tree') as typeof import('../support/tree');
  return baseConfig(over);
}

/**
 * A person fixes a file in one go only if one file with three unrelated problems reports all three in one run, through the CLI
 * and through the construct.
 */
describe('every problem of a file at once', () => {
  const text = 'zone: Logistics-Staging-1\ndepartment: pay\naccounts: ["66666666666"]\naccess: [secret-editor]\n';
  const expected = [
    { line: 1, field: 'zone', code: 'invalid-value', message: 'zone names are lower-case: logistics-staging-1' },
    {
      line: 3,
      field: 'accounts[0]',
      code: 'invalid-value',
      message: 'account id "66666666666" has 11 digits; must be 12 digits, e.g. "123456789012"',
    },
    {
      line: 4,
      field: 'access[0]',
      code: 'unknown-preset',
      message: 'unknown access preset "secret-editor"; did you mean "secrets-editor"?',
    },
  ];

  it('zone-access validate reports the zone name, the account id and the preset', async () => {
    const { zonesDir, configPath } = writeTree({ zones: { 'pay/logistics-staging-1.yaml': text } });
    const c = captureIO();
    expect(await main(['validate', '--zones', zonesDir, '--config', configPath, '--format', 'json'], c.io)).toBe(1);
    const report = JSON.parse(c.out()) as {
      problems: { line: number; field: string; code: string; message: string }[];
    };
    expect(report.problems.map(({ line, field, code, message }) => ({ line, field, code, message }))).toEqual(expected);
  });

  it('the human format lists all three', async () => {
    const { zonesDir, configPath } = writeTree({ zones: { 'pay/logistics-staging-1.yaml': text } });
    const c = captureIO();
    expect(await main(['validate', '--zones', zonesDir, '--config', configPath], c.io)).toBe(1);
    expect(c.err()).toContain('3 problems in 1 file');
  });

  it("an invalid platform config does not hide the zone files' problems", async () => {
    const { zonesDir, configPath } = writeTree({
      config: 'identityCenter: 1\n',
      zones: { 'pay/logistics-staging-1.yaml': text },
    });
    const c = captureIO();
    expect(await main(['validate', '--zones', zonesDir, '--config', configPath, '--format', 'json'], c.io)).toBe(1);
    const report = JSON.parse(c.out()) as { problems: { file: string; field: string }[] };
    expect(report.problems.filter((p) => p.file === configPath).length).toBeGreaterThan(0);
    // Preset names need the config's presets, so only the zone name and the account id are checked.
    expect(report.problems.filter((p) => p.file !== configPath).map((p) => p.field)).toEqual(['zone', 'accounts[0]']);
  });

  it("README's example: the zone file and the output of validate, exactly", async () => {
    const section = readmeSection('every-problem');
    const [, file] = /```yaml\n([\s\S]*?)```/.exec(section)!;
    const [, shown] = /```text\n\$ npx --no zone-access validate\n([\s\S]*?)```/.exec(section)!;
    const { root } = writeTree({
      config: readFileSync(SAMPLE_CONFIG, 'utf8'),
      zones: { 'payments/payments-prod.yaml': file },
    });
    mkdirSync(join(root, 'config'));
    renameSync(join(root, 'platform.yaml'), join(root, 'config', 'platform.yaml'));
    const c = captureIO(root);
    expect(await main(['validate'], c.io)).toBe(1);
    expect(
      c
        .err()
        .split(join(relative(process.cwd(), root), 'zones'))
        .join('zones'),
    ).toBe(shown);
  });

  it('ZoneAccess throws one ValidationError listing all three', () => {
    const { platform } = require('../../examples/library/zone-in-code') as { platform: PlatformConfig };
    const app = Testing.app();
    const stack = new TerraformStack(app, 's');
    const build = () =>
      new ZoneAccess({
        entraScope: stack,
        awsScope: new TerraformStack(app, 'aws'),
        platform,
        zone: {
          name: 'Logistics-Staging-1',
          department: 'pay',
          accounts: [{ id: '66666666666' }],
          access: ['secret-editor'],
          sessionDuration: 'PT1H',
          owners: [],
          tags: {},
          managedPolicies: [],
          customerManagedPolicies: [],
        },
      });
    let error: unknown;
    try {
      build();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ValidationError);
    const diagnostics = (error as ValidationError).diagnostics;
    expect(diagnostics.map((d) => [d.field, d.code])).toEqual([
      ['name', 'invalid-value'],
      ['accounts[0]', 'invalid-value'],
      ['access[0]', 'unknown-preset'],
    ]);
    expect(diagnostics[0].message).toBe('zone names are lower-case: logistics-staging-1');
    expect(diagnostics[1].message).toBe(
      'account id "66666666666" has 11 digits; must be 12 digits, e.g. "123456789012"',
    );
    expect(stack.node.children).toHaveLength(0);
  });
});
