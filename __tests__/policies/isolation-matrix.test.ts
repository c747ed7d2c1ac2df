import { accessCatalog, BUILT_IN_PRESETS, type CatalogStatement } from '../../policies/catalog';
import { renderPolicy, zonePolicy, type PolicyDocument, type PolicyStatement } from '../../policies/zone-policy';
import { EXTRA_MATRIX, EXTRA_PRESETS, synthesizeFixture, ZONE_TAG_KEY, type SynthesizedFixture } from './fixture-tree';
import { checkAgainstReference } from './iam-reference';
import { buildMatrix, describeFailures, runMatrix, statementsFor, type MatrixCase } from './isolation-matrix';
import { arnOf, requestTagContext, resourceTagContext, simulate } from './simulate';

/**
 * Isolation, proved by evaluation: the inline policies are read back from the synthesized Terraform
 * JSON (`cdk.tf.json`, `inline_policy`) of a fixture tree and simulated with iam-simulate.
 */

const K = ZONE_TAG_KEY;
// ~2,000 simulations per matrix run (a few seconds alone); leave room for a loaded CI machine.
jest.setTimeout(180_000);

let fixture: SynthesizedFixture;
/** Set once the full matrix passed: only then may another configuration's run skip what it proved. */
let matrixProved = false;
let cases: MatrixCase[];
const policyOf = (zone: string): PolicyDocument => {
  const p = fixture.policies.get(zone);
  if (!p) throw new Error(`no synthesized policy for zone ${zone}`);
  return p.policy;
};
/** The fixture zone that holds exactly `preset` (the fixture has one per preset). */
const zoneOnly = (preset: string): string => {
  const zone = fixture.tree.zones.find((z) => z.access.length === 1 && z.access[0] === preset);
  if (!zone) throw new Error(`the fixture has no zone with only ${preset}`);
  return zone.name;
};

beforeAll(async () => {
  fixture = synthesizeFixture();
  cases = await buildMatrix(fixture.tree, EXTRA_MATRIX);
});

describe('synthesized inline policies', () => {
  test('every zone of the fixture has exactly the policy renderPolicy(zonePolicy(...)) produces', () => {
    expect([...fixture.policies.keys()].sort()).toEqual(fixture.tree.zones.map((z) => z.name).sort());
    for (const zone of fixture.tree.zones) {
      const synthesized = fixture.policies.get(zone.name)!;
      expect(synthesized.permissionSetName).toBe(`zone-${zone.name}`);
      expect(synthesized.stack).toBe(`aws-${zone.department}`);
      expect(synthesized.json).toBe(renderPolicy(zonePolicy(zone, fixture.tree.config)));
    }
  });

  test("match AWS's service reference (actions exist, condition keys apply)", async () => {
    for (const [zone, { policy }] of fixture.policies) {
      expect({ zone, problems: await checkAgainstReference(policy) }).toEqual({ zone, problems: [] });
    }
  });
});

describe('isolation matrix', () => {
  test('the fixture covers several zones for every preset, and every catalog action is allowed somewhere', () => {
    const catalog = accessCatalog(fixture.tree.config);
    expect([...catalog.keys()]).toEqual([...Object.keys(BUILT_IN_PRESETS), ...Object.keys(EXTRA_PRESETS)].sort());
    for (const name of catalog.keys()) {
      expect({ name, zones: fixture.tree.zones.filter((z) => z.access.includes(name)).length >= 3 }).toEqual({
        name,
        zones: true,
      });
      expect(zoneOnly(name)).toBeDefined();
    }
    const allowedActions = new Set(cases.filter((c) => c.expect === 'Allowed' && !c.withAllowAll).map((c) => c.action));
    // Statements with a preset's further condition (own sessions) are proved by that preset's test.
    for (const preset of catalog.values()) {
      for (const st of preset.statements.filter((x: CatalogStatement) => !x.condition))
        for (const a of st.actions) expect(allowedActions).toContain(a);
    }
  });

  test("every request is allowed or denied exactly as the zone's presets say", async () => {
    const failures = await runMatrix(cases, policyOf);
    expect(describeFailures(failures)).toBe('');
    matrixProved = true;
    // Figures for the record: the matrix is large enough to mean something.
    const allowed = cases.filter((c) => c.expect === 'Allowed').length;
    const explicit = cases.filter((c) => c.expect === 'ExplicitlyDenied').length;
    expect(cases.length).toBeGreaterThan(1000);
    expect(allowed).toBeGreaterThan(100);
    expect(explicit).toBeGreaterThan(200);
  });
});

/** Each mutant weakens the policies the way a plausible mistake would; the matrix must notice. */
type Mutation = (s: PolicyStatement, zone: string) => PolicyStatement | undefined;

const isResourceTagAllow = (s: PolicyStatement) =>
  s.Effect === 'Allow' && s.Condition?.StringEquals?.[`aws:ResourceTag/${K}`] !== undefined;
const withoutCondition = (s: PolicyStatement, op: string, key?: string): PolicyStatement => {
  const condition = structuredClone(s.Condition ?? {});
  if (key) delete condition[op][key];
  if (!key || Object.keys(condition[op]).length === 0) delete condition[op];
  return { ...s, Condition: condition };
};

const MUTANTS: Record<string, Mutation> = {
  'resource-tag condition dropped': (s) => (isResourceTagAllow(s) ? withoutCondition(s, 'StringEquals') : s),
  'zone matched ignoring case': (s) =>
    isResourceTagAllow(s) ? { ...s, Condition: { StringEqualsIgnoreCase: s.Condition!.StringEquals } } : s,
  'zone matched as a prefix (StringLike "<zone>*")': (s, zone) =>
    isResourceTagAllow(s) ? { ...s, Condition: { StringLike: { [`aws:ResourceTag/${K}`]: `${zone}*` } } } : s,
  "the design notes' rds:ResourceTag key": (s) =>
    isResourceTagAllow(s)
      ? {
          ...s,
          Condition: { StringEquals: { [`rds:ResourceTag/${K}`]: s.Condition!.StringEquals[`aws:ResourceTag/${K}`] } },
        }
      : s,
  'GuardZoneTagRemoval dropped': (s) => (s.Sid === 'GuardZoneTagRemoval' ? undefined : s),
  'GuardForeignZoneTag dropped': (s) => (s.Sid === 'GuardForeignZoneTag' ? undefined : s),
  'GuardZoneTagChange dropped': (s) => (s.Sid === 'GuardZoneTagChange' ? undefined : s),
  'GuardCreateWithoutZoneTag dropped': (s) => (s.Sid === 'GuardCreateWithoutZoneTag' ? undefined : s),
  'tag-on-create allowed onto tagged resources': (s) =>
    s.Effect === 'Allow' && s.Condition?.Null ? withoutCondition(s, 'Null', `aws:ResourceTag/${K}`) : s,
  'create allowed with extra tags': (s) =>
    s.Effect === 'Allow' && s.Condition?.['ForAllValues:StringEquals']
      ? withoutCondition(s, 'ForAllValues:StringEquals')
      : s,
};

function mutate(policy: PolicyDocument, zone: string, mutation: Mutation): PolicyDocument {
  const statements = structuredClone(policy.Statement)
    .map((s) => mutation(s, zone))
    .filter((s): s is PolicyStatement => s !== undefined);
  return { ...policy, Statement: statements };
}

describe('the matrix has teeth: a weakened policy goes red', () => {
  test.each(Object.keys(MUTANTS))('%s', async (name) => {
    const mutated = new Map([...fixture.policies].map(([zone, p]) => [zone, mutate(p.policy, zone, MUTANTS[name])]));
    // Sanity: the mutant really changed something.
    expect([...mutated].some(([zone, doc]) => JSON.stringify(doc) !== JSON.stringify(policyOf(zone)))).toBe(true);
    const failures = await runMatrix(cases, (zone) => mutated.get(zone)!, { stopAfter: 1, provedPolicyOf: policyOf });
    expect(failures.length).toBeGreaterThan(0);
  });

  test('mutant runs skip only cases whose action meets the same statements (IAM wildcards, any case)', () => {
    const doc: PolicyDocument = {
      Version: '2012-10-17',
      Statement: [
        { Sid: 'A', Effect: 'Allow', Action: ['rds:Describe*', 'secretsmanager:GetSecretValue'], Resource: '*' },
        { Sid: 'B', Effect: 'Deny', Action: 'rds:?eboot*', Resource: '*' },
        { Sid: 'C', Effect: 'Deny', Action: '*', Resource: '*' },
      ],
    };
    expect(statementsFor('rds:DescribeDBInstances', doc).map((s) => s.Sid)).toEqual(['A', 'C']);
    expect(statementsFor('RDS:describedbinstances', doc).map((s) => s.Sid)).toEqual(['A', 'C']);
    expect(statementsFor('rds:RebootDBInstance', doc).map((s) => s.Sid)).toEqual(['B', 'C']);
    expect(statementsFor('secretsmanager:GetSecretValueX', doc).map((s) => s.Sid)).toEqual(['C']);
    expect(statementsFor('rdsXDescribe', doc).map((s) => s.Sid)).toEqual(['C']);
  });

  test("the design notes' rds:ResourceTag key is also caught by the reference check", async () => {
    const zone = zoneOnly('rds-operator');
    const mutated = mutate(policyOf(zone), zone, MUTANTS["the design notes' rds:ResourceTag key"]);
    const problems = await checkAgainstReference(mutated);
    expect(problems.map((p) => p.message)).toContain(
      `condition key rds:ResourceTag/${K} does not exist in AWS's service reference`,
    );
  });
});

describe('Secrets Manager tag-on-create and the zone name prefix', () => {
  const secretArn = (name: string) => arnOf('secretsmanager', 'Secret', `${name}-AbCdEf`);
  const tagOwnZone = async (policy: PolicyDocument, zone: string, secretName: string, resourceZone?: string) =>
    simulate([policy], 'secretsmanager:TagResource', await secretArn(secretName), {
      ...(await resourceTagContext('secretsmanager', 'Secret', K, resourceZone)),
      ...(await requestTagContext('secretsmanager:TagResource', { [K]: zone })),
    });
  const create = async (policy: PolicyDocument, zone: string, secretName: string) =>
    simulate([policy], 'secretsmanager:CreateSecret', await secretArn(secretName), {
      ...(await requestTagContext('secretsmanager:CreateSecret', { [K]: zone })),
      'secretsmanager:Name': secretName,
    });

  test('by default (secrets.zoneNamePrefix true) the zone tag only goes onto secrets named <zone>/...', async () => {
    expect(fixture.tree.config.secrets.zoneNamePrefix).toBe(true);
    const editors = fixture.tree.zones.filter((z) => z.access.includes('secrets-editor')).map((z) => z.name);
    expect(editors).toEqual(expect.arrayContaining([zoneOnly('secrets-editor'), 'prod', 'prod-1']));
    for (const zone of editors) {
      const policy = policyOf(zone);
      expect(await create(policy, zone, `${zone}/app`)).toBe('Allowed');
      expect(await tagOwnZone(policy, zone, `${zone}/app`)).toBe('Allowed');
      for (const name of [
        'legacy-db-password',
        'rds!db-0f1e2d3c',
        `${zoneOnly('rds-operator')}/app`,
        `${zone}-x/app`,
        `x/${zone}/app`,
      ]) {
        expect({ zone, name, create: await create(policy, zone, name) }).toEqual({
          zone,
          name,
          create: 'ExplicitlyDenied',
        });
        expect({ zone, name, tag: await tagOwnZone(policy, zone, name) }).toEqual({
          zone,
          name,
          tag: 'ExplicitlyDenied',
        });
      }
    }
    // `prod` and `prod-1` do not share a prefix.
    expect(await create(policyOf('prod'), 'prod', 'prod-1/app')).toBe('ExplicitlyDenied');
    // ...never a secret that already has a zone tag, own or foreign.
    const editor = zoneOnly('secrets-editor');
    expect(await tagOwnZone(policyOf(editor), editor, `${editor}/app`, editor)).not.toBe('Allowed');
    expect(await tagOwnZone(policyOf(editor), editor, 'prod/app', 'prod')).toBe('ExplicitlyDenied');
    // And the guard has teeth.
    const withoutGuard = mutate(policyOf('prod'), 'prod', (s) => (s.Sid === 'GuardSecretNamePrefix' ? undefined : s));
    expect(await create(withoutGuard, 'prod', 'legacy-db-password')).toBe('Allowed');
  });

  test('opted out (secrets.zoneNamePrefix false): the documented risk, but never a secret another service manages', async () => {
    const optedOut = synthesizeFixture({ zoneNamePrefix: false });
    const editor = zoneOnly('secrets-editor');
    const policy = optedOut.policies.get(editor)!.policy;
    // Documented in README.md ("Security") and warned about by validate.
    expect(await tagOwnZone(policy, editor, 'legacy-db-password')).toBe('Allowed');
    expect(await tagOwnZone(policy, editor, 'rds!db-0f1e2d3c')).toBe('ExplicitlyDenied');
    expect(await tagOwnZone(policy, editor, 'prod/app', 'prod')).toBe('ExplicitlyDenied');
    // The whole matrix still holds with the switch off.
    // Cases whose request, expectation and matching statements equal the proved matrix's are skipped
    // (same evaluation input, same outcome); run alone (-t), this test simulates every case.
    const proved = matrixProved ? { provedPolicyOf: policyOf, provedCases: cases } : {};
    const failures = await runMatrix(
      await buildMatrix(optedOut.tree, EXTRA_MATRIX),
      (zone) => optedOut.policies.get(zone)!.policy,
      proved,
    );
    expect(describeFailures(failures)).toBe('');
  });
});
