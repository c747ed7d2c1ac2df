import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run as deploy } from '../../cli/deploy';
import { groupDisplayName } from '../../model/names';
import { startIdentityCenterEmulator, type IdentityCenterEmulator } from '../support/identity-center/emulator';
import { mirroredAwsProvider, startProviderServer, type ProviderServer } from '../support/provider-server';
import { assertTerraformAvailable } from '../support/terraform';
import { applyEnv, writeEmulatorOverride } from '../support/terraform-apply';
import { baseConfig, captureIO, makeTempDir } from '../support/tree';
import { actualState, EditableTree } from './support';

/**
 * `zone-access deploy` with the real terraform 1.11 and aws provider 5.100.0 (offline mirror)
 * against the Identity Center emulator: the digest record is a real Terraform state next to the
 * stack's, read with `terraform output -json` and written by `terraform apply` only after the
 * stack's own apply succeeded.
 *
 * Kept small (two departments, one zone and one account each: the provider waits ~10 s per
 * account assignment). Only the AWS stacks run (the mirror has no azuread provider): the manifest
 * deploy reads is cut down to them, and the groups SCIM would make are created in the emulator.
 * hr's group is missing at first, so its plan fails (the data source finds no group) while pay is
 * applied; once the group is there the next run plans hr again (its digest was never recorded)
 * and skips pay; the scheduled run plans both, with refresh.
 */

const ACCOUNT = '111111111111';
const CONFIG = baseConfig({ departments: { hr: {}, pay: {} }, accounts: { 'acct-a': ACCOUNT } });

describe('zone-access deploy with terraform against the Identity Center emulator', () => {
  const tree = new EditableTree();
  const home = makeTempDir('deploy-tf-home-');
  let emulator: IdentityCenterEmulator;
  let provider: ProviderServer;
  let outDir: string;
  let synthesized: ReturnType<EditableTree['synth']>;

  beforeAll(async () => {
    await assertTerraformAvailable();
    tree.writeConfig(CONFIG);
    tree.writeZone('hr', { zone: 'hr-a', accounts: ['acct-a'], access: ['secrets-reader'] });
    tree.writeZone('pay', { zone: 'pay-a', accounts: ['acct-a'], access: ['secrets-reader'] });
    const synth = (synthesized = tree.synth());
    outDir = synth.outDir;
    const { identityStoreId, instanceArn } = CONFIG.identityCenter as { identityStoreId: string; instanceArn: string };
    emulator = await startIdentityCenterEmulator({ identityStoreId, instanceArn, conflicts: false });
    const pay = synth.tree.zones.find((z) => z.name === 'pay-a')!;
    emulator.createGroup({ displayName: groupDisplayName(pay, synth.tree.config) });
    const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'));
    for (const name of Object.keys(manifest.stacks)) {
      if (name.startsWith('aws-')) {
        manifest.stacks[name].dependencies = [];
        writeEmulatorOverride(join(outDir, 'stacks', name), emulator, { maxRetries: 0 });
      } else delete manifest.stacks[name];
    }
    writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(manifest));
    const version = JSON.parse(readFileSync(join(outDir, 'stacks', 'aws-pay', 'cdk.tf.json'), 'utf8')).terraform
      .required_providers.aws.version;
    provider = await startProviderServer(mirroredAwsProvider(version), applyEnv(home));
  }, 180_000);

  afterAll(async () => {
    await provider?.close();
    await emulator?.close();
  });

  async function run(args: string[] = []) {
    // One stack at a time: the stacks share one provider process (see provider-server.ts).
    const { io, out, err } = captureIO(tree.root, applyEnv(home, { TF_REATTACH_PROVIDERS: provider.reattach }));
    const code = await deploy(['--stacks-dir', outDir, '--concurrency', '1', ...args], io, {
      awaitSync: async () => true,
    });
    return { code, out: out(), err: err() };
  }

  it('applies what it can, fails the stack it cannot, retries only that one, and refreshes everything on --all', async () => {
    const first = await run();
    expect(first.code).toBe(1);
    expect(first.out).toMatch(
      /^deploy: 1 applied, 0 skipped as unchanged, 1 failed; resources: 3 added, 0 changed, 0 destroyed/,
    );
    expect(first.out).toMatch(/FAILED +aws-hr +at plan: Error: /);
    expect(first.out).toContain(`npx --no zone-access deploy --stacks-dir ${outDir} --stack aws-hr`);
    expect(actualState(emulator).assignments).toEqual([
      expect.stringMatching(new RegExp(`^\\S+pay-a ${ACCOUNT} GROUP `)),
    ]);
    const record = JSON.parse(
      readFileSync(join(outDir, 'stacks', 'aws-pay', 'terraform.tfstate.zone-access-digest'), 'utf8'),
    );
    expect(record.outputs.digest.value).toMatch(/^[0-9a-f]{64}$/);

    // SCIM has made hr's group by the next run: hr is planned again (never recorded), pay skipped.
    const hr = synthesized.tree.zones.find((z) => z.name === 'hr-a')!;
    emulator.createGroup({ displayName: groupDisplayName(hr, synthesized.tree.config) });
    const requestsBefore = emulator.log.length;
    const second = await run();
    expect(second.code).toBe(0);
    expect(second.out).toMatch(
      /^deploy: 1 applied, 1 skipped as unchanged, 0 failed; resources: 3 added, 0 changed, 0 destroyed/,
    );
    expect(second.err).toContain('[aws-pay] unchanged since its last successful apply');
    expect(actualState(emulator).assignments).toHaveLength(2);
    // Skipping pay cost it no Identity Center request; hr's plan did not refresh (none to refresh).
    expect(emulator.log.slice(requestsBefore).some((l) => JSON.stringify(l).includes('pay-a'))).toBe(false);

    const scheduled = await run(['--all']);
    expect(scheduled.code).toBe(0);
    expect(scheduled.out).toMatch(
      /^deploy: 2 applied, 0 skipped as unchanged, 0 failed; resources: 0 added, 0 changed, 0 destroyed/,
    );
    expect(scheduled.err).toMatch(/\[aws-pay\] plan: no changes/);
  }, 300_000);
});
