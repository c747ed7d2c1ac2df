import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { main } from '../../cli/zone-access';
import { captureIO, makeTempDir, writeTree } from '../support/tree';
import { prng, sampleConfig, sampleZones, shuffleDeep, shuffled } from './sample-tree';
import { addressesOf, readAll, synthFiles, type SynthFiles } from './synth-output';

/**
 * Synthesis of the same tree is byte-identical (so a plan shows only real changes), whatever the run, the tree's location,
 * the zone files' names and creation order, and the order of set-like list entries.
 */

/** Statement order is meaningful (it numbers the Sids); every other list in the inputs is a set. */
const ORDERED_LISTS = new Set(['statements']);

function expectIdentical(actual: SynthFiles, expected: SynthFiles): void {
  expect([...actual.keys()]).toEqual([...expected.keys()]);
  for (const [path, bytes] of expected) {
    // Compare digests first for a short failure line, then the text for a readable diff.
    const same =
      createHash('sha256').update(actual.get(path)!).digest('hex') === createHash('sha256').update(bytes).digest('hex');
    if (!same)
      expect({ path, text: actual.get(path)!.toString('utf8') }).toEqual({ path, text: bytes.toString('utf8') });
  }
}

let reference: SynthFiles;
let referencePaths: ReturnType<typeof writeTree>;

beforeAll(() => {
  referencePaths = writeTree({ config: sampleConfig(), zones: sampleZones() });
  reference = synthFiles(referencePaths);
});

it('produces every stack of both departments, with every kind of resource a zone can have', () => {
  const kind = (address: string) =>
    /^(output|check)\./.test(address) ? address.split('.')[0] : address.split('.').slice(0, 2).join('.');
  const kinds = new Set([...addressesOf(reference).values()].map((a) => kind(a.address)));
  expect([...kinds].sort()).toEqual([
    'check',
    'data.aws_identitystore_group',
    'data.azuread_client_config',
    'data.azuread_users',
    'output',
    'resource.aws_ssoadmin_account_assignment',
    'resource.aws_ssoadmin_customer_managed_policy_attachment',
    'resource.aws_ssoadmin_managed_policy_attachment',
    'resource.aws_ssoadmin_permission_set',
    'resource.aws_ssoadmin_permission_set_inline_policy',
    'resource.aws_ssoadmin_permissions_boundary_attachment',
    'resource.azuread_app_role_assignment',
    'resource.azuread_application_app_role',
    'resource.azuread_group',
    'resource.azuread_synchronization_job_provision_on_demand',
  ]);
  expect([...reference.keys()]).toEqual([
    'manifest.json',
    'stacks/aws-ops/cdk.tf.json',
    'stacks/aws-pay/cdk.tf.json',
    'stacks/entra-app-roles/cdk.tf.json',
    'stacks/entra-ops/cdk.tf.json',
    'stacks/entra-pay/cdk.tf.json',
  ]);
  // Nothing machine-specific leaks into the output.
  for (const [path, bytes] of reference) {
    const text = bytes.toString('utf8');
    expect({ path, leaks: text.includes(referencePaths.root) || text.includes(process.cwd()) }).toEqual({
      path,
      leaks: false,
    });
  }
});

it('is byte-identical when the same tree is synthesized again', () => {
  expectIdentical(synthFiles(referencePaths), reference);
});

it('is byte-identical through the CLI', async () => {
  const out = join(makeTempDir('cli-out-'), 'out');
  const { io, err } = captureIO();
  const code = await main(
    ['synth', '--zones', referencePaths.zonesDir, '--config', referencePaths.configPath, '--out', out],
    io,
  );
  expect({ code, err: err() }).toEqual({ code: 0, err: expect.stringContaining('wrote 5 stacks') });
  expectIdentical(readAll(out), reference);
});

it('does not depend on where the tree lives', () => {
  const elsewhere = writeTree({ config: sampleConfig(), zones: sampleZones() });
  expect(elsewhere.root).not.toBe(referencePaths.root);
  expectIdentical(synthFiles(elsewhere), reference);
});

it.each([1, 2, 3])('does not depend on zone file extensions or creation order (seed %i)', (seed) => {
  const random = prng(seed);
  const zones = sampleZones();
  // Same contents, each file still named after its zone (the loader requires it) but with either
  // extension, created in a shuffled order.
  const renamed = shuffled(Object.entries(zones), random).map(([path, content]) => {
    const department = path.split('/')[0];
    const name = `${String(content.zone)}${random() < 0.5 ? '.yml' : '.yaml'}`;
    return [`${department}/${name}`, content] as const;
  });
  expect(renamed.map(([p]) => p)).not.toEqual(Object.keys(zones));
  expectIdentical(synthFiles(writeTree({ config: sampleConfig(), zones: Object.fromEntries(renamed) })), reference);
});

it.each([11, 12, 13, 14])('does not depend on the order of keys and set-like list entries (seed %i)', (seed) => {
  const random = prng(seed);
  const zones = Object.fromEntries(
    Object.entries(sampleZones()).map(([path, zone]) => [
      path,
      shuffleDeep(zone, random, ORDERED_LISTS) as Record<string, unknown>,
    ]),
  );
  const config = shuffleDeep(sampleConfig(), random, ORDERED_LISTS) as Record<string, unknown>;
  // The shuffle really reordered something that matters.
  expect(JSON.stringify(zones)).not.toEqual(JSON.stringify(sampleZones()));
  expect(zones['ops/monitoring.yaml'].accounts).toEqual(expect.arrayContaining(['ops-prod', 'ops-dev', 'pay-prod']));
  expectIdentical(synthFiles(writeTree({ config, zones })), reference);
});

it('does not depend on whether an account is given by name or by id, or on duplicates in the config allow-lists', () => {
  const zones = sampleZones();
  zones['pay/billing.yaml'] = { ...zones['pay/billing.yaml'], accounts: ['555555555555', '111111111111'] };
  zones['ops/oncall.yaml'] = { ...zones['ops/oncall.yaml'], accounts: ['ops-prod'] };
  const config = sampleConfig();
  const access = config.access as Record<string, unknown>;
  // Duplicates in the platform config's allow-lists are sets too.
  config.access = {
    ...access,
    managedPolicies: [...(access.managedPolicies as string[]), 'arn:aws:iam::aws:policy/ReadOnlyAccess'],
    acknowledgedManagedPolicyRisks: [
      ...(access.acknowledgedManagedPolicyRisks as string[]),
      'arn:aws:iam::aws:policy/ReadOnlyAccess',
    ],
  };
  expectIdentical(synthFiles(writeTree({ config, zones })), reference);
});
