import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { run as awaitSync } from '../../cli/await-sync';
import { EXIT } from '../../cli/io';
import { run as validate } from '../../cli/validate';
import { platformConfigWarnings } from '../../model/load-platform-config';
import { loadTree } from '../../pipeline/load';
import { synthesizeTree } from '../../pipeline/synthesize';
import { parseTerraformOutputs } from '../../sync/entra-outputs';
import { DEFAULT_SCIM_ISSUER as FAKE_SCIM_ISSUER } from '../support/identity-center/identity-store';
import { startIdentityStoreServer, type IdentityStoreServer } from '../support/identitystore-server';
import { applyEnv, writeEmulatorOverride } from '../support/terraform-apply';
import { SAMPLE_CONFIG, SAMPLE_ZONES, baseConfig, captureIO, makeTempDir, writeTree, zoneDoc } from '../support/tree';

/**
 * With `identityCenter.externalIdIssuer`, the AWS side binds each zone to the
 * Identity Store group whose ExternalId is (issuer, Entra object id), read from the Entra stack's
 * state — never to whoever created a group with the zone group's display name first.
 */

const execFileAsync = promisify(execFile);
const STORE = 'd-1234567890';
const OBJECT_IDS = { 'pay-a': '0a0a0a0a-1111-4222-8333-444444444444', 'pay-b': '0b0b0b0b-1111-4222-8333-444444444444' };

function tree(extra: Record<string, unknown> = {}) {
  return writeTree({
    config: baseConfig({
      identityCenter: { ...(baseConfig().identityCenter as object), externalIdIssuer: FAKE_SCIM_ISSUER },
      accounts: {},
      ...extra,
    }),
    zones: {
      'payments/pay-a.yaml': zoneDoc('pay-a', 'payments', { accounts: ['111111111111'] }),
      'payments/pay-b.yaml': zoneDoc('pay-b', 'payments', { accounts: ['222222222222'] }),
    },
  });
}

function synth(t: { zonesDir: string; configPath: string }): string {
  const { tree: loaded, diagnostics } = loadTree(t);
  expect(diagnostics).toEqual([]);
  const out = makeTempDir('bind-');
  synthesizeTree(loaded!, out);
  return out;
}

const stackJson = (out: string, stack: string) =>
  JSON.parse(readFileSync(join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8'));

describe('synthesized binding', () => {
  test("the Entra stack outputs each group's object id; the AWS stack reads it from the Entra state and looks the group up by ExternalId", () => {
    const out = synth(tree());
    const entra = stackJson(out, 'entra-payments');
    expect(Object.keys(entra.output).sort()).toEqual(['zone_pay_a_group_object_id', 'zone_pay_b_group_object_id']);
    expect(entra.output.zone_pay_a_group_object_id.value).toMatch(/^\$\{azuread_group\.[^.]+\.object_id\}$/);
    const aws = stackJson(out, 'aws-payments');
    expect(aws.data.terraform_remote_state).toEqual({
      'entra-state': { backend: 'local', config: { path: '../entra-payments/terraform.tfstate' } },
    });
    const groups = Object.values(aws.data.aws_identitystore_group) as { alternate_identifier: unknown }[];
    expect(
      groups.map((g) => g.alternate_identifier).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    ).toEqual(
      ['a', 'b'].map((z) => ({
        external_id: {
          issuer: FAKE_SCIM_ISSUER,
          id: `\${data.terraform_remote_state.entra-state.outputs.zone_pay_${z}_group_object_id}`,
        },
      })),
    );
    expect(JSON.stringify(aws)).not.toContain('DisplayName');
  });

  test("with the S3 backend the remote state is the Entra stack's S3 key", () => {
    const out = synth(
      tree({ backend: { type: 's3', bucket: 'tf-state-bucket', region: 'eu-north-1', keyPrefix: 'za/' } }),
    );
    expect(stackJson(out, 'aws-payments').data.terraform_remote_state).toEqual({
      'entra-state': {
        backend: 's3',
        config: { bucket: 'tf-state-bucket', region: 'eu-north-1', key: 'za/entra-payments.tfstate', encrypt: true },
      },
    });
  });

  test('without an issuer: display-name lookup, no remote state, and validate warns naming the risk', async () => {
    const { tree: loaded } = loadTree({ zonesDir: SAMPLE_ZONES, configPath: SAMPLE_CONFIG });
    expect(loaded).toBeDefined();
    const warnings = platformConfigWarnings(loaded!.config);
    expect(warnings.map((w) => [w.field, w.code, w.severity])).toContainEqual([
      'identityCenter.externalIdIssuer',
      'group-bound-by-name',
      'warning',
    ]);
    const w = warnings.find((x) => x.code === 'group-bound-by-name')!;
    expect(w.file).toBe(SAMPLE_CONFIG);
    expect(w.message).toMatch(/display name.*identitystore:CreateGroup/);
    const c = captureIO();
    expect(await validate(['--zones', SAMPLE_ZONES, '--config', SAMPLE_CONFIG], c.io)).toBe(EXIT.ok);
    expect(c.err()).toMatch(/^.*platform\.yaml:\d+:\d+: warning: identityCenter\.externalIdIssuer: not set/m);
    const j = captureIO();
    await validate(['--zones', SAMPLE_ZONES, '--config', SAMPLE_CONFIG, '--format', 'json'], j.io);
    expect(
      JSON.parse(j.out()).problems.map((x: { code: string; severity?: string }) => [x.code, x.severity]),
    ).toContainEqual(['group-bound-by-name', 'warning']);
    // With the issuer set, no warning.
    expect(platformConfigWarnings(loadTree(tree()).tree!.config)).toEqual([]);
  });
});

describe('await-sync by ExternalId', () => {
  let server: IdentityStoreServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });
  const env = (url: string) => ({
    ZONE_ACCESS_IDENTITYSTORE_ENDPOINT: url,
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
  });
  const outputs = async () => ({
    zone_pay_a_group_object_id: OBJECT_IDS['pay-a'],
    zone_pay_b_group_object_id: OBJECT_IDS['pay-b'],
  });
  const wait = { initialDelayMs: 20, maxDelayMs: 40, minIntervalMs: 0 };

  test("finds the SCIM groups by (issuer, Entra object id) from the Entra stack's outputs", async () => {
    const t = tree();
    server = await startIdentityStoreServer({
      identityStoreId: STORE,
      groups: (['pay-a', 'pay-b'] as const).map((z) => ({
        displayName: `entigo-zone-${z}`,
        externalId: { issuer: FAKE_SCIM_ISSUER, id: OBJECT_IDS[z] },
      })),
    });
    const dirs: string[] = [];
    const c = captureIO(t.root, env(server.url));
    const code = await awaitSync(
      ['--zones', t.zonesDir, '--config', t.configPath, '--timeout', '5s', '--stacks', 'out/stacks'],
      c.io,
      {
        wait,
        readEntraOutputs: async (dir) => (dirs.push(dir), outputs()),
      },
    );
    expect({ code, err: c.err() }).toMatchObject({ code: EXIT.ok });
    expect(dirs).toEqual([join(t.root, 'out', 'stacks', 'entra-payments')]);
    expect(c.out()).toContain(
      `entigo-zone-pay-a  ${server.groupId('entigo-zone-pay-a')}  ExternalId ${FAKE_SCIM_ISSUER}/${OBJECT_IDS['pay-a']}`,
    );
    expect(server.log.filter((e) => e.operation === 'GetGroupId').every((e) => e.externalId !== undefined)).toBe(true);
  });

  test("reports a group that has the zone group's name but not its ExternalId, and fails at once", async () => {
    const t = tree();
    server = await startIdentityStoreServer({
      identityStoreId: STORE,
      groups: [
        { displayName: 'entigo-zone-pay-a', externalId: { issuer: FAKE_SCIM_ISSUER, id: OBJECT_IDS['pay-a'] } },
        // Created outside SCIM for this Entra group, before SCIM ran: right name, another ExternalId.
        {
          displayName: 'entigo-zone-pay-b',
          externalId: { issuer: 'https://example.invalid/manual', id: 'created-by-hand' },
        },
      ],
    });
    const c = captureIO(t.root, env(server.url));
    const code = await awaitSync(['--zones', t.zonesDir, '--config', t.configPath, '--timeout', '5s'], c.io, {
      wait,
      readEntraOutputs: outputs,
    });
    expect(code).toBe(EXIT.failed);
    expect(c.err()).toContain(
      `group "entigo-zone-pay-b" (${server.groupId('entigo-zone-pay-b')}) was not created by SCIM for the zone's Entra group: its ExternalId is https://example.invalid/manual/created-by-hand, not ${FAKE_SCIM_ISSUER}/${OBJECT_IDS['pay-b']}`,
    );
    expect(c.err()).toMatch(/hint: .*CreateGroup/);
    // Without the issuer the same store "passes": the display name is all it checks.
    const plain = writeTree({
      config: baseConfig({ accounts: {} }),
      zones: { 'payments/pay-b.yaml': zoneDoc('pay-b', 'payments', { accounts: ['222222222222'] }) },
    });
    const p = captureIO(plain.root, env(server.url));
    expect(
      await awaitSync(['--zones', plain.zonesDir, '--config', plain.configPath, '--timeout', '5s'], p.io, { wait }),
    ).toBe(EXIT.ok);
  });

  test('a missing output names the stack and the zone', async () => {
    const t = tree();
    server = await startIdentityStoreServer({ identityStoreId: STORE, groups: [] });
    const c = captureIO(t.root, env(server.url));
    const code = await awaitSync(['--zones', t.zonesDir, '--config', t.configPath], c.io, {
      wait,
      readEntraOutputs: async () => ({}),
    });
    expect(code).toBe(EXIT.failed);
    expect(c.err()).toContain('the entra-payments stack has no output zone_pay_a_group_object_id (zone pay-a)');
  });

  test('terraform output -json is parsed to name → string value', () => {
    expect(
      parseTerraformOutputs('{"a":{"sensitive":false,"type":"string","value":"x"},"b":{"type":"number","value":1}}'),
    ).toEqual({ a: 'x' });
  });
});

describe('terraform plan binds by identity, not by name', () => {
  let server: IdentityStoreServer | undefined;
  let workDir: string | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  async function plan(
    groups: Parameters<typeof startIdentityStoreServer>[0]['groups'],
  ): Promise<{ ok: boolean; output: string; principals: string[] }> {
    server = await startIdentityStoreServer({ identityStoreId: STORE, groups });
    const out = synth(tree());
    workDir = makeTempDir('bind-plan-');
    // The Entra stack's state, as an apply would leave it (only the outputs matter to the AWS side).
    mkdirSync(join(workDir, 'entra-payments'));
    writeFileSync(
      join(workDir, 'entra-payments', 'terraform.tfstate'),
      JSON.stringify({
        version: 4,
        terraform_version: '1.11.0',
        serial: 1,
        lineage: 'e2e',
        outputs: Object.fromEntries(
          (['pay-a', 'pay-b'] as const).map((z) => [
            `zone_${z.replace('-', '_')}_group_object_id`,
            { value: OBJECT_IDS[z], type: 'string' },
          ]),
        ),
        resources: [],
        check_results: null,
      }),
    );
    const stack = stackJson(out, 'aws-payments');
    const stackDir = join(workDir, 'aws-payments');
    mkdirSync(stackDir);
    writeFileSync(join(stackDir, 'cdk.tf.json'), JSON.stringify(stack));
    // Endpoints, fake credentials and skip flags as an override file, never in the synthesized stack.
    writeEmulatorOverride(stackDir, server);
    const env = applyEnv(workDir);
    const tf = (args: string[]) =>
      execFileAsync('terraform', args, { cwd: stackDir, env, maxBuffer: 64 * 1024 * 1024, timeout: 240_000 });
    await tf(['init', '-input=false', '-no-color']);
    try {
      await tf(['plan', '-input=false', '-no-color', '-lock=false', '-out=plan.tfplan']);
    } catch (e) {
      const x = e as { stdout?: string; stderr?: string };
      return { ok: false, output: `${x.stdout ?? ''}${x.stderr ?? ''}`, principals: [] };
    }
    const shown = JSON.parse((await tf(['show', '-json', '-no-color', 'plan.tfplan'])).stdout) as {
      resource_changes: { type: string; change: { after: { principal_id?: string } | null } }[];
    };
    const principals = shown.resource_changes
      .filter((r) => r.type === 'aws_ssoadmin_account_assignment')
      .map((r) => String(r.change.after?.principal_id));
    return { ok: true, output: '', principals: principals.sort() };
  }

  test('assignments go to the groups whose ExternalId is the Entra object id from the Entra state', async () => {
    const result = await plan(
      (['pay-a', 'pay-b'] as const).map((z) => ({
        displayName: `entigo-zone-${z}`,
        externalId: { issuer: FAKE_SCIM_ISSUER, id: OBJECT_IDS[z] },
      })),
    );
    expect(result).toMatchObject({ ok: true });
    expect(result.principals).toEqual(
      [server!.groupId('entigo-zone-pay-a'), server!.groupId('entigo-zone-pay-b')].sort(),
    );
    expect(
      server!.log
        .filter((e) => e.operation === 'GetGroupId')
        .map((e) => e.externalId)
        .sort(),
    ).toEqual([`${FAKE_SCIM_ISSUER}:${OBJECT_IDS['pay-a']}`, `${FAKE_SCIM_ISSUER}:${OBJECT_IDS['pay-b']}`]);
  }, 300_000);

  test("a group created by hand with the zone group's name receives nothing: the plan fails instead", async () => {
    const result = await plan([
      { displayName: 'entigo-zone-pay-a', externalId: { issuer: FAKE_SCIM_ISSUER, id: OBJECT_IDS['pay-a'] } },
      {
        displayName: 'entigo-zone-pay-b',
        externalId: { issuer: 'https://example.invalid/manual', id: 'created-by-hand' },
      },
    ]);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/aws_identitystore_group/);
    expect(result.principals).toEqual([]);
  }, 300_000);
});
