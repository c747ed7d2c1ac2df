import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { groupDisplayName } from '../../model/names';
import {
  implementedOperations,
  startIdentityCenterEmulator,
  type IdentityCenterEmulator,
} from '../support/identity-center/emulator';
import { mirroredAwsProvider, startProviderServer, type ProviderServer } from '../support/provider-server';
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
 * One tree of four departments, synthesized as a whole each round. Each department's stack has an
 * emulator of its own (so "holds exactly" and "is empty" are about that stack alone) and one aws
 * provider process its terraform commands attach to (provider-server.ts: starting the 700 MB
 * provider three or four times per command would cost more CPU than the whole test may take).
 *
 * The time is the provider's fixed waits: 10 s before it first polls an account assignment's
 * status, 5 s before a provisioning's (terraform-provider-aws 5.100.0
 * internal/service/ssoadmin: `Delay` of waitAccountAssignmentCreated/Deleted and
 * waitPermissionSetProvisioned; no setting changes them). So the stacks run concurrently and the
 * tree changes in one second round, each department its own case: payments edits one zone and
 * deletes another, research loses its last zone, ops is retired, and logistics is destroyed.
 * Rounds: apply (15 s of waits: policy, then assignments), plan, then the edit (20 s: permission
 * set update, then its inline policy, then the new assignment).
 */

const PARALLELISM = 50;
const ACCT = { a: '111111111111', b: '222222222222', c: '333333333333' };
const DEPARTMENTS = { logistics: {}, ops: {}, payments: {}, research: {} };
const CONFIG = baseConfig({
  departments: DEPARTMENTS,
  accounts: { 'acct-a': ACCT.a, 'acct-b': ACCT.b, 'acct-c': ACCT.c },
  access: {
    managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'],
    acknowledgedManagedPolicyRisks: [
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
      'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
    ],
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
    {
      zone: 'pay-b',
      accounts: ['acct-a'],
      access: ['rds-operator'],
      customerManagedPolicies: [{ name: 'zone-extras', path: '/platform/' }],
    },
    {
      zone: 'pay-c',
      accounts: ['acct-c'],
      access: ['secrets-reader'],
      managedPolicies: ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'],
    },
  ],
  // Destroyed in the second round: every kind of resource a zone can have.
  logistics: [
    {
      zone: 'log-a',
      accounts: ['acct-b', 'acct-c'],
      access: ['secrets-editor'],
      relayState: 'https://console.aws.amazon.com/rds/home',
      managedPolicies: ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'],
      customerManagedPolicies: [{ name: 'zone-extras', path: '/platform/' }],
      permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
    },
  ],
  research: [
    { zone: 'lab', accounts: ['acct-a'], access: ['secrets-reader', 'rds-operator'], sessionDuration: 'PT8H' },
  ],
  ops: [{ zone: 'ops-a', accounts: ['acct-b'], access: ['rds-operator'] }],
};

/** A department's stack: its emulator ("its AWS"), its provider process and its terraform folder. */
interface Department {
  readonly name: keyof typeof ZONES;
  readonly stack: string;
  readonly emulator: IdentityCenterEmulator;
  readonly provider: ProviderServer;
  readonly workspace: StackWorkspace;
}

/** What the second round did to one department's stack. */
interface Outcome {
  /** `<action> <type> <zone>` of the plan that was applied; undefined for the destroyed stack. */
  readonly planned?: string[];
  readonly state: ReturnType<typeof actualState>;
}

describe('terraform apply of the AWS stacks against the Identity Center emulator', () => {
  const tree = new EditableTree();
  const work = makeTempDir('lifecycle-tf-');
  // Debugging: ZONE_ACCESS_TF_LOG=DEBUG writes each stack's terraform.log and provider.log next to
  // its state, and ZONE_ACCESS_EMULATOR_LOG=<file> the emulators' request logs.
  const tfLog = process.env.ZONE_ACCESS_TF_LOG ? { TF_LOG: process.env.ZONE_ACCESS_TF_LOG } : {};
  const departments: Department[] = [];
  const department = (name: keyof typeof ZONES): Department => departments.find((d) => d.name === name)!;
  let first: ReturnType<EditableTree['synth']>;

  beforeAll(async () => {
    await assertTerraformAvailable();
    const { identityStoreId, instanceArn } = CONFIG.identityCenter as { identityStoreId: string; instanceArn: string };
    tree.writeConfig(CONFIG);
    for (const [name, zones] of Object.entries(ZONES)) for (const z of zones) tree.writeZone(name, z);
    first = tree.synth();
    const version = requiredAwsVersion(first.outDir, first.stacks[0]!);
    const started = await Promise.all(
      (Object.keys(ZONES) as (keyof typeof ZONES)[]).sort().map(async (name) => {
        const stack = `aws-${name}`;
        const dir = join(work, stack);
        mkdirSync(dir, { recursive: true });
        // Conflicts off: with the low max_retries of these tests (fail fast), two zones of a stack
        // provisioning into one account at once would fail the run. Conflicts and throttling, with
        // the provider's default retries, are what `npm run bench` applies at scale.
        const emulator = await startIdentityCenterEmulator({ identityStoreId, instanceArn, conflicts: false });
        const provider = await startProviderServer(
          mirroredAwsProvider(version),
          applyEnv(dir, tfLog),
          tfLog.TF_LOG ? { logFile: join(dir, 'provider.log') } : {},
        );
        return {
          name,
          stack,
          emulator,
          provider,
          workspace: new StackWorkspace(stack, dir, applyEnv(dir, tfLog), undefined, provider),
        };
      }),
    );
    departments.push(...started);
    for (const d of departments) {
      d.workspace.sync(first.outDir, d.emulator);
      // SCIM's part: every zone's group exists in the identity store before the AWS stacks run.
      for (const z of first.tree.zones.filter((zone) => zone.department === d.name)) {
        d.emulator.createGroup({
          displayName: groupDisplayName(z, first.tree.config),
          externalId: { issuer: 'https://login.microsoftonline.com/tenant/', id: `entra-${z.name}` },
        });
      }
    }
  }, 180_000);

  afterAll(async () => {
    if (process.env.ZONE_ACCESS_EMULATOR_LOG) {
      writeFileSync(
        process.env.ZONE_ACCESS_EMULATOR_LOG,
        JSON.stringify(Object.fromEntries(departments.map((d) => [d.stack, d.emulator.log])), null, 1),
      );
    }
    await Promise.all(departments.flatMap((d) => [d.provider.close(), d.emulator.close()]));
  });

  it("applies every AWS stack; each emulator holds exactly its department's permission sets and assignments", async () => {
    expect(first.stacks).toEqual(departments.map((d) => d.stack));
    await Promise.all(departments.map((d) => d.workspace.apply(PARALLELISM)));
    for (const d of departments) {
      expect({ stack: d.stack, state: actualState(d.emulator) }).toEqual({
        stack: d.stack,
        state: { ...expectedState(first.tree, d.emulator, d.name), inProgress: 0 },
      });
    }
  }, 300_000);

  it('plans no change right after apply (no perpetual diff)', async () => {
    const plans = await Promise.all(
      departments.map(async (d) => [d.stack, await d.workspace.plan(PARALLELISM)] as const),
    );
    for (const [stack, plan] of plans)
      expect({ stack, exitCode: plan.exitCode, changes: plan.changes }).toEqual({ stack, exitCode: 0, changes: [] });
  }, 300_000);

  /**
   * The second round, run once (concurrently for the four stacks) by whichever test asks first:
   * payments' pay-a gains an account, changes preset, session duration, tags and managed policy and
   * drops its boundary, and pay-c is deleted; research's only zone is deleted, and with it the
   * folder (git keeps no empty folders), the department still declared; ops is retired (step one:
   * its zone files go, `retired: true`); logistics is destroyed. Each apply reports the plan it
   * applied; the tests below check those plans and what the emulators hold afterwards.
   */
  let round: Promise<{ second: ReturnType<EditableTree['synth']>; outcomes: Map<string, Outcome> }> | undefined;
  const secondRound = () => (round ??= runSecondRound());
  async function runSecondRound() {
    const payA = ZONES.payments[0]!;
    const { permissionsBoundary: _dropped, ...payAWithoutBoundary } = payA;
    tree.writeZone('payments', {
      ...payAWithoutBoundary,
      accounts: ['acct-a', 'acct-b', 'acct-c'],
      access: ['secrets-editor'],
      sessionDuration: 'PT2H',
      tags: { team: 'payments' },
      managedPolicies: ['arn:aws:iam::aws:policy/job-function/ViewOnlyAccess'],
    });
    tree.removeZone('payments', 'pay-c');
    tree.removeFolder('research');
    tree.removeFolder('ops');
    tree.writeConfig({ ...CONFIG, departments: { ...DEPARTMENTS, ops: { retired: true } } });
    const second = tree.synth();
    // Every declared department, retired or without zones, still synthesizes its stack.
    expect(second.stacks).toEqual(first.stacks);
    for (const d of departments) d.workspace.sync(second.outDir, d.emulator);
    const outcomes = new Map<string, Outcome>(
      await Promise.all(
        departments.map(async (d): Promise<[string, Outcome]> => {
          if (d.name === 'logistics') {
            await d.workspace.destroy(PARALLELISM);
            return [d.name, { state: actualState(d.emulator) }];
          }
          const { changes } = await d.workspace.applyChanges(PARALLELISM);
          const planned = describeChanges(
            changes,
            zoneOfAddress(second.outDir, d.stack),
            zoneOfAddress(first.outDir, d.stack),
          );
          return [d.name, { planned, state: actualState(d.emulator) }];
        }),
      ),
    );
    return { second, outcomes };
  }

  it('an edited zone and a deleted zone: the plan touches only those two zones, and after apply the emulator holds exactly the new zones', async () => {
    const { second, outcomes } = await secondRound();
    const payments = outcomes.get('payments')!;
    // pay-b, unchanged, is not in the plan.
    expect(payments.planned).toEqual([
      'create aws_ssoadmin_account_assignment pay-a',
      'create aws_ssoadmin_managed_policy_attachment pay-a',
      'delete aws_ssoadmin_account_assignment pay-c',
      'delete aws_ssoadmin_managed_policy_attachment pay-a',
      'delete aws_ssoadmin_managed_policy_attachment pay-c',
      'delete aws_ssoadmin_permission_set pay-c',
      'delete aws_ssoadmin_permission_set_inline_policy pay-c',
      'delete aws_ssoadmin_permissions_boundary_attachment pay-a',
      'update aws_ssoadmin_permission_set pay-a',
      'update aws_ssoadmin_permission_set_inline_policy pay-a',
    ]);
    expect(payments.state).toEqual({
      ...expectedState(second.tree, department('payments').emulator, 'payments'),
      inProgress: 0,
    });
    expect(payments.state.permissionSets).toHaveLength(2);
    expect(JSON.stringify(payments.state)).not.toMatch(/pay-c/);
  }, 300_000);

  it('a department whose last zone is deleted (folder gone, still declared): its plan deletes that zone, and after apply nothing of it is left', async () => {
    const { outcomes } = await secondRound();
    const research = outcomes.get('research')!;
    expect(research.planned).toEqual([
      'delete aws_ssoadmin_account_assignment lab',
      'delete aws_ssoadmin_permission_set lab',
      'delete aws_ssoadmin_permission_set_inline_policy lab',
    ]);
    expect(research.state).toEqual({ permissionSets: [], assignments: [], inProgress: 0 });
  }, 300_000);

  it('a retired department: its plan deletes its zone, and after apply nothing of it is left', async () => {
    const { outcomes } = await secondRound();
    const ops = outcomes.get('ops')!;
    expect(ops.planned).toEqual([
      'delete aws_ssoadmin_account_assignment ops-a',
      'delete aws_ssoadmin_permission_set ops-a',
      'delete aws_ssoadmin_permission_set_inline_policy ops-a',
    ]);
    expect(ops.state).toEqual({ permissionSets: [], assignments: [], inProgress: 0 });
  }, 300_000);

  it('destroy leaves the emulator with no permission set and no assignment', async () => {
    const { outcomes } = await secondRound();
    expect(outcomes.get('logistics')!.state).toEqual({ permissionSets: [], assignments: [], inProgress: 0 });
  }, 300_000);

  it('the provider called exactly the operations the emulator implements (none unknown, none unused)', async () => {
    await secondRound();
    const log = departments.flatMap((d) => d.emulator.log);
    expect(log.filter((e) => e.outcome !== 'ok')).toEqual([]);
    expect([...new Set(log.map((e) => `${e.service}.${e.operation}`))].sort()).toEqual(
      implementedOperations().filter((op) => op !== 'identitystore.CreateGroup'),
    );
  }, 300_000);
});

/** The aws provider version a synthesized stack requires (the one the attached provider must be). */
function requiredAwsVersion(outDir: string, stack: string): string {
  const json = JSON.parse(readFileSync(join(outDir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as {
    terraform?: { required_providers?: { aws?: { version?: string } } };
  };
  const version = json.terraform?.required_providers?.aws?.version;
  if (!version || !/^\d+\.\d+\.\d+$/.test(version))
    throw new Error(`${stack} does not pin an exact aws provider version (${String(version)})`);
  return version;
}
