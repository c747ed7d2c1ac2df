import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { groupDisplayName } from '../../model/names';
import { implementedOperations, startIdentityCenterEmulator, type IdentityCenterEmulator } from '../support/identity-center/emulator';
import { assertTerraformAvailable } from '../support/terraform';
import { applyEnv, StackWorkspace } from '../support/terraform-apply';
import { baseConfig, makeTempDir } from '../support/tree';
import { actualState, describeChanges, EditableTree, expectedState, zoneOfAddress } from './support';

/**
 * The AWS stacks applied for real: terraform 1.11 and the aws provider 5.100.0 from the offline
 * mirror, pointed at the Identity Center emulator by an `*_override.tf.json` next to each stack's
 * synthesized JSON (never inside it). Every assertion on "what AWS holds" reads the emulator's
 * state, not terraform's output.
 *
 * Phases share one tree, one emulator and one state per stack, so they run in order. Stacks are
 * applied concurrently (each apply mostly waits on the provider's fixed 5-10 s status polls), and
 * the phase that edits, deletes and revokes does all of it in one round, one department each.
 */

const PARALLELISM = 50;
const ACCT = { a: '111111111111', b: '222222222222', c: '333333333333' };
const DEPARTMENTS = { logistics: {}, ops: {}, payments: {}, research: {} };
const CONFIG = baseConfig({
  departments: DEPARTMENTS,
  accounts: { 'acct-a': ACCT.a, 'acct-b': ACCT.b, 'acct-c': ACCT.c },
  access: {
    managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'],
    acknowledgedManagedPolicyRisks: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'],
    customerManagedPolicies: [{ name: 'zone-extras', path: '/platform/' }],
    permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
  },
});

const ZONES = {
  payments: [
    {
      zone: 'pay-a',
      accounts: ['acct-a', 'acct-b'],
      access: ['secrets-reader'],
      sessionDuration: 'PT1H',
      managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
      tags: { 'cost-center': '4411' },
    },
    { zone: 'pay-b', accounts: ['acct-a'], access: ['rds-operator'], customerManagedPolicies: [{ name: 'zone-extras', path: '/platform/' }] },
  ],
  logistics: [
    { zone: 'log-a', accounts: ['acct-b', 'acct-c'], access: ['secrets-editor'], relayState: 'https://console.aws.amazon.com/rds/home' },
    { zone: 'log-b', accounts: ['acct-c'], access: ['secrets-reader'], managedPolicies: ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'] },
  ],
  research: [{ zone: 'lab', accounts: ['acct-a', 'acct-c'], access: ['secrets-reader', 'rds-operator'], sessionDuration: 'PT8H' }],
  ops: [{ zone: 'ops-a', accounts: ['acct-b'], access: ['rds-operator'] }],
};

describe('terraform apply of the AWS stacks against the Identity Center emulator', () => {
  let emulator: IdentityCenterEmulator;
  const tree = new EditableTree();
  const work = makeTempDir('lifecycle-tf-');
  // Debugging: ZONE_ACCESS_TF_LOG=DEBUG writes each stack's terraform.log next to its state, and
  // ZONE_ACCESS_EMULATOR_LOG=<file> the emulator's request log.
  const env = applyEnv(work, process.env.ZONE_ACCESS_TF_LOG ? { TF_LOG: process.env.ZONE_ACCESS_TF_LOG } : {});
  const workspaces = new Map<string, StackWorkspace>();
  const workspace = (stack: string): StackWorkspace => {
    let w = workspaces.get(stack);
    if (!w) workspaces.set(stack, (w = new StackWorkspace(stack, join(work, stack), env)));
    return w;
  };
  let current: ReturnType<EditableTree['synth']>;

  const synthAndSync = (): ReturnType<EditableTree['synth']> => {
    const s = tree.synth();
    for (const stack of s.stacks) workspace(stack).sync(s.outDir, emulator);
    return s;
  };

  beforeAll(async () => {
    await assertTerraformAvailable();
    const { identityStoreId, instanceArn } = CONFIG.identityCenter as { identityStoreId: string; instanceArn: string };
    // Conflicts off: zones here share accounts across concurrently applied stacks, and with the
    // low max_retries of these tests (fail fast) a conflict would fail the run. Conflicts and
    // throttling, with the provider's default retries, are what `npm run bench` applies at scale.
    emulator = await startIdentityCenterEmulator({ identityStoreId, instanceArn, conflicts: false });
    tree.writeConfig(CONFIG);
    for (const [department, zones] of Object.entries(ZONES)) for (const z of zones) tree.writeZone(department, z);
    current = synthAndSync();
    // SCIM's part: every zone's group exists in the identity store before the AWS stacks run.
    for (const z of current.tree.zones) emulator.createGroup({ displayName: groupDisplayName(z, current.tree.config), externalId: { issuer: 'https://login.microsoftonline.com/tenant/', id: `entra-${z.name}` } });
  }, 60_000);

  afterAll(async () => {
    if (process.env.ZONE_ACCESS_EMULATOR_LOG) writeFileSync(process.env.ZONE_ACCESS_EMULATOR_LOG, JSON.stringify(emulator.log, null, 1));
    await emulator?.close();
  });

  it('applies every AWS stack; the emulator holds exactly the zones\' permission sets and assignments', async () => {
    expect(current.stacks).toEqual(['aws-logistics', 'aws-ops', 'aws-payments', 'aws-research']);
    await Promise.all(current.stacks.map((s) => workspace(s).apply(PARALLELISM)));
    expect(actualState(emulator)).toEqual({ ...expectedState(current.tree, emulator), inProgress: 0 });
  }, 300_000);

  it('plans no change right after apply (no perpetual diff)', async () => {
    const plans = await Promise.all(current.stacks.map(async (s) => [s, await workspace(s).plan(PARALLELISM)] as const));
    for (const [stack, plan] of plans) expect({ stack, exitCode: plan.exitCode, changes: plan.changes }).toEqual({ stack, exitCode: 0, changes: [] });
  }, 300_000);

  it('an edited zone, a deleted zone, a department whose last zone is gone and a retired department: each plan touches only its zone, and after apply the emulator holds exactly the new tree', async () => {
    const before = current;
    // payments: pay-a gains an account, changes preset, session duration, tags, managed policy and drops its boundary.
    const payA = ZONES.payments[0];
    const { permissionsBoundary: _dropped, ...payAWithoutBoundary } = payA!;
    tree.writeZone('payments', {
      ...payAWithoutBoundary,
      accounts: ['acct-a', 'acct-b', 'acct-c'],
      access: ['secrets-editor'],
      sessionDuration: 'PT2H',
      tags: { team: 'payments' },
      managedPolicies: ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'],
    });
    // logistics: one of two zones deleted. research: its only zone deleted, and with it the folder
    // (git keeps no empty folders), the department still declared. ops: retired (step one: its
    // zone files go, `retired: true`).
    tree.removeZone('logistics', 'log-b');
    tree.removeFolder('research');
    tree.removeFolder('ops');
    tree.writeConfig({ ...CONFIG, departments: { ...DEPARTMENTS, ops: { retired: true } } });
    current = synthAndSync();
    expect(current.stacks).toEqual(before.stacks);

    const plans = new Map(await Promise.all(current.stacks.map(async (s) => [s, await workspace(s).plan(PARALLELISM)] as const)));
    const zones = (stack: string) => describeChanges(plans.get(stack)!.changes, zoneOfAddress(current.outDir, stack), zoneOfAddress(before.outDir, stack));
    expect(zones('aws-payments')).toEqual([
      'create aws_ssoadmin_account_assignment pay-a',
      'create aws_ssoadmin_managed_policy_attachment pay-a',
      'delete aws_ssoadmin_managed_policy_attachment pay-a',
      'delete aws_ssoadmin_permissions_boundary_attachment pay-a',
      'update aws_ssoadmin_permission_set pay-a',
      'update aws_ssoadmin_permission_set_inline_policy pay-a',
    ]);
    expect(zones('aws-logistics')).toEqual([
      'delete aws_ssoadmin_account_assignment log-b',
      'delete aws_ssoadmin_managed_policy_attachment log-b',
      'delete aws_ssoadmin_permission_set log-b',
      'delete aws_ssoadmin_permission_set_inline_policy log-b',
    ]);
    expect(zones('aws-research')).toEqual([
      'delete aws_ssoadmin_account_assignment lab',
      'delete aws_ssoadmin_account_assignment lab',
      'delete aws_ssoadmin_permission_set lab',
      'delete aws_ssoadmin_permission_set_inline_policy lab',
    ]);
    expect(zones('aws-ops')).toEqual([
      'delete aws_ssoadmin_account_assignment ops-a',
      'delete aws_ssoadmin_permission_set ops-a',
      'delete aws_ssoadmin_permission_set_inline_policy ops-a',
    ]);

    await Promise.all(current.stacks.map((s) => workspace(s).applyPlan(PARALLELISM)));
    const state = actualState(emulator);
    expect(state).toEqual({ ...expectedState(current.tree, emulator), inProgress: 0 });
    // Nothing of the deleted zones is left: no permission set, no assignment.
    expect(JSON.stringify(state)).not.toMatch(/log-b|zone-lab|ops-a/);
  }, 300_000);

  it('destroy leaves the emulator with no permission set and no assignment', async () => {
    await Promise.all(current.stacks.map((s) => workspace(s).destroy(PARALLELISM)));
    expect(actualState(emulator)).toEqual({ permissionSets: [], assignments: [], inProgress: 0 });
  }, 300_000);

  it('the provider called exactly the operations the emulator implements (none unknown, none unused)', () => {
    const called = new Set(emulator.log.map((e) => `${e.service}.${e.operation}`));
    expect(emulator.log.filter((e) => e.outcome !== 'ok')).toEqual([]);
    expect([...called].sort()).toEqual(implementedOperations().filter((op) => op !== 'identitystore.CreateGroup'));
  });
});
