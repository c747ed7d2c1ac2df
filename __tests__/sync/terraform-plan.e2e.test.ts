import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { run } from '../../cli/await-sync';
import { EXIT } from '../../cli/io';
import { loadTree } from '../../pipeline/load';
import { synthesizeTree } from '../../pipeline/synthesize';
import { startIdentityStoreServer, type IdentityStoreServer } from '../support/identitystore-server';
import { applyEnv, writeEmulatorOverride } from '../support/terraform-apply';
import { TERRAFORM_RC, baseConfig, captureIO, makeTempDir, writeTree, zoneDoc } from '../support/tree';

/**
 * End to end against the same local Identity Store endpoint: `await-sync` sees the groups, then
 * `terraform plan` of the synthesized AWS stack, with the real aws provider from the local mirror,
 * reads them through `data "aws_identitystore_group"` and plans the account assignments with the
 * group ids the server returned.
 *
 * The endpoint override, fake credentials and skip flags are patched into a copy of the stack JSON
 * here, in the test only; the synthesized stack never carries them. Needs `terraform` on PATH and
 * the aws provider under /opt/tf-plugins (see terraform.rc); without them this test fails, it is
 * never skipped.
 */

const execFileAsync = promisify(execFile);
const PLUGIN_DIR = '/opt/tf-plugins/registry.terraform.io/hashicorp/aws';
const STORE = 'd-1234567890';
const ACCOUNTS = { a: ['111111111111', '222222222222'], b: ['222222222222', '333333333333'] };

interface PlanResourceChange {
  address: string;
  type: string;
  mode: 'managed' | 'data';
  change: { actions: string[]; after: Record<string, unknown> | null };
}

/** Runs terraform without blocking the event loop: the local server must keep answering the provider. */
async function terraform(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await execFileAsync('terraform', args, {
      cwd,
      env,
      maxBuffer: 64 * 1024 * 1024,
      timeout: 240_000,
    });
    return stdout;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `terraform ${args.join(' ')} failed: ${err.message}\n--- stdout\n${err.stdout ?? ''}\n--- stderr\n${err.stderr ?? ''}`,
    );
  }
}

function requireTerraform(): void {
  const problems: string[] = [];
  const onPath = (process.env.PATH ?? '').split(':').some((d) => d && existsSync(join(d, 'terraform')));
  if (!onPath) problems.push('`terraform` is not on PATH');
  if (!existsSync(PLUGIN_DIR) || !statSync(PLUGIN_DIR).isDirectory())
    problems.push(`the aws provider mirror ${PLUGIN_DIR} is missing`);
  if (!existsSync(TERRAFORM_RC)) problems.push(`${TERRAFORM_RC} is missing`);
  if (problems.length > 0) {
    throw new Error(
      `terraform end-to-end test cannot run: ${problems.join('; ')}. Install Terraform and the hashicorp/aws provider mirror (see __tests__/support/terraform.rc).`,
    );
  }
}

describe('terraform plan of the AWS stack against the local Identity Store endpoint', () => {
  let server: IdentityStoreServer | undefined;
  let workDir: string | undefined;

  afterEach(async () => {
    await server?.close();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('plans the account assignments with the group ids the endpoint returned', async () => {
    requireTerraform();

    const t = writeTree({
      config: baseConfig({ accounts: {} }),
      zones: {
        'payments/pay-a.yaml': zoneDoc('pay-a', 'payments', { accounts: ACCOUNTS.a }),
        'payments/pay-b.yaml': zoneDoc('pay-b', 'payments', { accounts: ACCOUNTS.b }),
      },
    });
    const groups = { 'pay-a': 'entigo-zone-pay-a', 'pay-b': 'entigo-zone-pay-b' };
    server = await startIdentityStoreServer({
      identityStoreId: STORE,
      groups: [
        { displayName: groups['pay-a'], description: 'Zone pay-a' },
        { displayName: groups['pay-b'], appearAfterMs: 300 },
      ],
    });

    // 1. await-sync waits for both groups through the same endpoint.
    const c = captureIO(t.root, {
      ZONE_ACCESS_IDENTITYSTORE_ENDPOINT: server.url,
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
    });
    const code = await run(['--zones', t.zonesDir, '--config', t.configPath, '--timeout', '5s'], c.io, {
      wait: { initialDelayMs: 100, maxDelayMs: 200, minIntervalMs: 0 },
    });
    expect({ code, err: c.err() }).toMatchObject({ code: EXIT.ok });
    expect(c.out()).toMatch(/^2\/2 groups synced\n/);

    // 2. Synthesize, then patch a copy of the AWS stack for the local endpoint.
    const { tree, diagnostics } = loadTree({ zonesDir: t.zonesDir, configPath: t.configPath });
    expect(diagnostics).toEqual([]);
    workDir = makeTempDir('tf-plan-');
    const outDir = join(workDir, 'out');
    synthesizeTree(tree!, outDir);
    const stackFile = join(outDir, 'stacks', 'aws-payments', 'cdk.tf.json');
    const original = readFileSync(stackFile, 'utf8');
    expect(original).not.toContain(server.url);
    expect(original).not.toMatch(/skip_credentials_validation|"endpoints"|access_key/);
    const stack = JSON.parse(original) as { provider: { aws: Record<string, unknown>[] } };
    expect(stack.provider.aws).toHaveLength(1);
    const stackDir = join(workDir, 'aws-payments');
    mkdirSync(stackDir, { recursive: true });
    writeFileSync(join(stackDir, 'cdk.tf.json'), JSON.stringify(stack, null, 2));
    // Endpoints, fake credentials and skip flags as an override file, never in the synthesized stack.
    writeEmulatorOverride(stackDir, server);

    // 3. init + plan + show, offline, with the provider from the mirror.
    const env = applyEnv(workDir);
    const logBefore = server.log.length;
    await terraform(['init', '-input=false', '-no-color', '-backend=true'], stackDir, env);
    await terraform(['plan', '-input=false', '-no-color', '-lock=false', '-out=plan.tfplan'], stackDir, env);
    const plan = JSON.parse(await terraform(['show', '-json', '-no-color', 'plan.tfplan'], stackDir, env)) as {
      resource_changes: PlanResourceChange[];
    };

    // The provider read each group: GetGroupId by display name, then DescribeGroup by id; nothing else.
    const tfLog = server.log.slice(logBefore);
    const calls = tfLog.map((e) => `${e.operation} ${e.displayName ?? ''} ${e.outcome}`.replace(/ +/g, ' '));
    expect(new Set(calls)).toEqual(
      new Set([
        `GetGroupId ${groups['pay-a']} ok`,
        `GetGroupId ${groups['pay-b']} ok`,
        `DescribeGroup ${groups['pay-a']} ok`,
        `DescribeGroup ${groups['pay-b']} ok`,
      ]),
    );
    expect(tfLog.every((e) => e.signedService === 'identitystore')).toBe(true);

    // Four assignments (2 zones × 2 accounts), each of its zone's group, as returned by the endpoint.
    const assignments = plan.resource_changes.filter((r) => r.type === 'aws_ssoadmin_account_assignment');
    const got = assignments
      .map((r) => ({
        actions: r.change.actions,
        principal_id: r.change.after?.principal_id,
        principal_type: r.change.after?.principal_type,
        target_id: r.change.after?.target_id,
      }))
      .sort((x, y) => `${x.principal_id}${x.target_id}`.localeCompare(`${y.principal_id}${y.target_id}`));
    const want = (['pay-a', 'pay-b'] as const)
      .flatMap((z) =>
        ACCOUNTS[z === 'pay-a' ? 'a' : 'b'].map((acct) => ({
          actions: ['create'],
          principal_id: server!.groupId(groups[z]),
          principal_type: 'GROUP',
          target_id: acct,
        })),
      )
      .sort((x, y) => `${x.principal_id}${x.target_id}`.localeCompare(`${y.principal_id}${y.target_id}`));
    expect(got).toEqual(want);
    // The data sources were read during plan, not deferred to apply.
    expect(plan.resource_changes.filter((r) => r.mode === 'data')).toEqual([]);
  }, 300_000);
});
