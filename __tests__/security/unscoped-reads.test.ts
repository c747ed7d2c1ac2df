import { iamAction } from '../../model/iam-data';
import { crossZoneActions, managedPolicyRisks } from '../../model/managed-policy-risks';
import { checkPresetStatement } from '../../model/preset-rules';
import { UNSCOPED_READS } from '../../model/unscoped-reads';
import { loadTree } from '../../pipeline/load';
import { BUILT_IN_PRESETS, type CatalogStatement } from '../../policies/catalog';
import { renderPolicy, zonePolicy, type PolicyDocument } from '../../policies/zone-policy';
import { arnOf, resourceTagContext, simulate } from '../policies/simulate';
import { boundConfig, writeTree, zoneDoc } from '../support/tree';

/**
 * Unscoped actions come only from the reviewed list of metadata-only reads (model/unscoped-reads.ts):
 * config presets with `scope: none` are held to it, and the managed-policy analysis reports every
 * action with no resource type that is not on it. One list for both.
 */

const K = 'entigo:zone';
jest.setTimeout(60_000);

const policyWith = (actions: string[]): PolicyDocument =>
  JSON.parse(
    renderPolicy(
      zonePolicy(
        { name: 'pay', access: ['risky'] },
        {
          zoneTagKey: K,
          access: {
            presets: {
              risky: { name: 'risky', description: 'x', statements: [{ actions, resources: ['*'], scope: 'none' }] },
            },
            managedPolicies: [],
            customerManagedPolicies: [],
          },
          secrets: { zoneNamePrefix: true },
        },
      ),
    ),
  );

describe('the reviewed list', () => {
  test("every entry is a List or Read action in AWS's reference, and a listed resource type is addressed by its reason", () => {
    for (const [id, reason] of UNSCOPED_READS) {
      const action = iamAction(id);
      expect({ id, known: action?.id }).toEqual({ id, known: id });
      expect({ id, levels: action!.accessLevels.every((l) => l === 'List' || l === 'Read') }).toEqual({
        id,
        levels: true,
      });
      for (const t of action!.resourceTypes)
        expect({ id, reason }).toEqual({ id, reason: expect.stringContaining(t.name) });
      // The review's reason: what the response holds, in words (it is what a reviewer of a new entry reads).
      expect({ id, words: reason.split(/\s+/).filter(Boolean).length >= 3 }).toEqual({ id, words: true });
    }
  });

  test('holds every unscoped action of the built-in presets (but the split and condition-scoped parts, proved per preset)', () => {
    for (const preset of Object.values(BUILT_IN_PRESETS)) {
      for (const st of preset.statements) {
        const narrowed = (st as CatalogStatement).condition !== undefined || !st.resources.includes('*');
        if (st.scope !== 'none' || narrowed) continue;
        for (const a of st.actions)
          expect({ preset: preset.name, a, listed: UNSCOPED_READS.has(a) }).toEqual({
            preset: preset.name,
            a,
            listed: true,
          });
      }
    }
  });

  test('leaves out reads whose response is data (the reasons in model/unscoped-reads.ts)', () => {
    for (const id of [
      'lambda:ListFunctions',
      'ssm:GetCommandInvocation',
      'ssm:ListCommandInvocations',
      'ecs:DescribeTaskDefinition',
      's3:GetObject',
      'es:ESHttpGet',
    ]) {
      expect({ id, listed: UNSCOPED_READS.has(id) }).toEqual({ id, listed: false });
    }
  });
});

describe('config presets: scope none', () => {
  test("the findings: unscoped, s3:GetObject and es:ESHttpGet reach every zone's objects and domains (simulated)", async () => {
    const p = policyWith(['s3:GetObject', 'es:ESHttpGet']);
    expect(await simulate([p], 's3:GetObject', 'arn:aws:s3:::other-zone-bucket/report.csv', {})).toBe('Allowed');
    expect(
      await simulate(
        [p],
        'es:ESHttpGet',
        await arnOf('es', 'domain', 'other-zone'),
        await resourceTagContext('es', 'domain', K, 'other-zone'),
      ),
    ).toBe('Allowed');
  });

  test.each<[string, RegExp]>([
    ['s3:GetObject', /reads a particular accesspointobject, object/],
    ['es:ESHttpGet', /reads a particular domain/],
    [
      'ssm:GetCommandInvocation',
      /not on the reviewed list of metadata-only reads \(model\/unscoped-reads\.ts\): unscoped, its response may hold every zone's data/,
    ],
    ['lambda:ListFunctions', /not on the reviewed list/],
    ['ecs:DescribeTaskDefinition', /not on the reviewed list/],
    ['ecs:DeregisterTaskDefinition', /Write action/],
  ])('%s is refused, saying why', (action, message) => {
    const [problem] = checkPresetStatement({ actions: [action], scope: 'none' });
    expect(problem).toEqual(
      expect.objectContaining({
        index: 0,
        code: 'scope-not-allowed',
        message: expect.stringMatching(message),
        hint: expect.any(String),
      }),
    );
  });

  test('the reviewed reads pass, also those AWS lists an optional or parent resource type for', () => {
    expect(checkPresetStatement({ actions: [...UNSCOPED_READS.keys()], scope: 'none' })).toEqual([]);
  });

  test('the loader names the config file, line and field, and what to use instead', () => {
    const t = writeTree({
      config: boundConfig({
        access: {
          presets: {
            risky: {
              description: 'x',
              statements: [{ actions: ['sqs:ListQueues', 'ssm:GetCommandInvocation', 's3:GetObject'], scope: 'none' }],
            },
          },
        },
      }),
      zones: { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay') },
    });
    const { tree, diagnostics } = loadTree(t);
    expect(tree).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: t.configPath,
        field: 'access.presets.risky.statements.0.actions.1',
        message: expect.stringContaining('ssm:GetCommandInvocation'),
        hint: expect.stringMatching(/leave it out of presets/),
      }),
      expect.objectContaining({
        file: t.configPath,
        field: 'access.presets.risky.statements.0.actions.2',
        message: expect.stringContaining('s3:GetObject'),
        hint: 'use scope resource-tag',
      }),
    ]);
    for (const d of diagnostics) expect(d.line).toBeGreaterThan(1);
  });
});

describe('managed-policy analysis: actions with no resource type', () => {
  const doc = (actions: string[]) => ({ Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] });

  test('reports those not on the reviewed list, whatever their access level', () => {
    const reported = crossZoneActions(
      doc([
        'ssm:GetCommandInvocation',
        'ecs:DescribeTaskDefinition',
        'ecs:DeregisterTaskDefinition',
        'lambda:ListFunctions',
      ]),
    ).map((a) => a.id);
    expect(reported).toEqual([
      'ecs:DeregisterTaskDefinition',
      'ecs:DescribeTaskDefinition',
      'lambda:ListFunctions',
      'ssm:GetCommandInvocation',
    ]);
  });

  test('does not report the reviewed reads, nor List actions on a resource type', () => {
    expect(crossZoneActions(doc([...UNSCOPED_READS.keys(), 'logs:DescribeLogStreams']))).toEqual([]);
  });

  test("AWSSupportAccess is reported (support cases are the account's, every zone's)", () => {
    const [risk] = managedPolicyRisks(['arn:aws:iam::aws:policy/AWSSupportAccess']);
    expect(risk.actions.map((a) => a.id)).toEqual(expect.arrayContaining(['support:DescribeCases']));
  });
});
