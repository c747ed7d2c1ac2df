import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadTree } from '../../pipeline/load';
import { synthesizeTree } from '../../pipeline/synthesize';
import { assertTerraformAvailable, terraformEnv } from '../support/terraform';
import { makeTempDir, writeTree, zoneDoc } from '../support/tree';
import { sampleConfig, sampleZones } from './sample-tree';
import {
  addressesOf,
  diffResources,
  stackFrame,
  stacksOf,
  synthFiles,
  zoneOfPath,
  type StackJson,
  type SynthFiles,
} from './synth-output';

/**
 * Deleting a zone file removes exactly its resources; an empty department keeps its
 * stacks so its last zone is destroyed rather than orphaned; `protection.preventDestroy` puts
 * `lifecycle.prevent_destroy` on every permission set (and nothing else), and what that does and
 * does not protect against is shown with real `terraform plan` runs against a crafted state.
 */

const withProtection = () => sampleConfig({ protection: { preventDestroy: true } });

function lifecycles(files: SynthFiles): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, block] of addressesOf(files)) {
    const parsed = JSON.parse(block.body) as { lifecycle?: unknown };
    if (parsed.lifecycle !== undefined) out.set(key, parsed.lifecycle);
  }
  return out;
}

describe('deleting zone files', () => {
  it('deleting a zone file removes every resource of that zone and nothing else', () => {
    const before = synthFiles(writeTree({ config: sampleConfig(), zones: sampleZones() }));
    const zones = sampleZones();
    delete zones['pay/invoicing.yaml'];
    const after = synthFiles(writeTree({ config: sampleConfig(), zones }));

    expect([...addressesOf(after).values()].filter((a) => zoneOfPath(a.path) === 'invoicing')).toEqual([]);
    const diff = diffResources(before, after);
    expect(diff.removed.length).toBe(
      [...addressesOf(before).values()].filter((a) => zoneOfPath(a.path) === 'invoicing').length,
    );
    expect({ added: diff.added, changed: diff.changed, framesChanged: diff.framesChanged }).toEqual({
      added: [],
      changed: [],
      framesChanged: [],
    });
  });

  it("deleting a department's last zone (git then drops its folder) keeps its stacks, empty, so Terraform destroys what was deployed", () => {
    const config = sampleConfig({ departments: { hr: {} } });
    const before = synthFiles(writeTree({ config, zones: { 'hr/payroll.yaml': zoneDoc('payroll', 'hr') } }));
    // No folder at all: a fresh clone after `git rm` of the last file has none.
    const after = synthFiles(writeTree({ config, zones: {} }));
    const stacksBefore = stacksOf(before);
    const stacksAfter = stacksOf(after);
    expect([...stacksAfter.keys()].sort()).toEqual(['aws-hr', 'entra-app-roles', 'entra-hr']);
    for (const [name, json] of stacksAfter) {
      expect({ name, resource: json.resource, data: json.data }).toEqual({
        name,
        resource: undefined,
        data: undefined,
      });
      // Same backend (same state file) and provider as before: the next apply destroys, nothing is orphaned.
      expect(stackFrame(json)).toEqual(stackFrame(stacksBefore.get(name)!));
    }
  });

  it('a retired department keeps its stacks, empty, until its entry is deleted from the config', () => {
    const retired = synthFiles(
      writeTree({ config: sampleConfig({ departments: { hr: { retired: true }, pay: {} } }), zones: {} }),
    );
    expect([...stacksOf(retired).keys()].sort()).toEqual([
      'aws-hr',
      'aws-pay',
      'entra-app-roles',
      'entra-hr',
      'entra-pay',
    ]);
    for (const name of ['aws-hr', 'entra-hr']) expect(stacksOf(retired).get(name)!.resource).toBeUndefined();
    const deleted = synthFiles(writeTree({ config: sampleConfig({ departments: { pay: {} } }), zones: {} }));
    expect([...stacksOf(deleted).keys()].sort()).toEqual(['aws-pay', 'entra-app-roles', 'entra-pay']);
  });
});

describe('protection.preventDestroy', () => {
  let unprotected: SynthFiles;
  let protectedFiles: SynthFiles;

  beforeAll(() => {
    unprotected = synthFiles(writeTree({ config: sampleConfig(), zones: sampleZones() }));
    protectedFiles = synthFiles(writeTree({ config: withProtection(), zones: sampleZones() }));
  });

  // App role assignments always replace create-before-destroy (a group keeps an assignment while its
  // role changes, so SCIM never drops it); that lifecycle is not protection's.
  const protectionOnly = (files: SynthFiles) =>
    new Map(
      [...lifecycles(files)].filter(([key, lifecycle]) => {
        if (!key.includes(' resource.azuread_app_role_assignment.')) return true;
        expect(lifecycle).toEqual({ create_before_destroy: true });
        return false;
      }),
    );

  it("is off by default: no lifecycle block but the app role assignments' create_before_destroy", () => {
    expect([...protectionOnly(unprotected)]).toEqual([]);
  });

  it('puts lifecycle.prevent_destroy on every permission set, and on nothing else', () => {
    const permissionSets = [...addressesOf(protectedFiles)].filter(([, a]) =>
      a.address.startsWith('resource.aws_ssoadmin_permission_set.'),
    );
    expect(permissionSets.length).toBe(Object.keys(sampleZones()).length);
    expect([...protectionOnly(protectedFiles).keys()].sort()).toEqual(permissionSets.map(([key]) => key).sort());
    for (const lifecycle of protectionOnly(protectedFiles).values())
      expect(lifecycle).toEqual({ prevent_destroy: true });
  });

  it('turning it on changes nothing but those lifecycle blocks (no replacement, no churn)', () => {
    const diff = diffResources(unprotected, protectedFiles);
    expect({ added: diff.added, removed: diff.removed, framesChanged: diff.framesChanged }).toEqual({
      added: [],
      removed: [],
      framesChanged: [],
    });
    expect(diff.changed.length).toBe(Object.keys(sampleZones()).length);
    for (const { before, after } of diff.changed) {
      const { lifecycle, ...rest } = JSON.parse(after.body) as Record<string, unknown>;
      expect(lifecycle).toEqual({ prevent_destroy: true });
      expect(rest).toEqual(JSON.parse(before.body));
    }
  });

  it('is read from the config file with file and line when mistyped', () => {
    const paths = writeTree({ config: sampleConfig({ protection: { preventDestroy: 'yes' } }), zones: {} });
    const { diagnostics } = loadTree(paths);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: paths.configPath,
        field: 'protection.preventDestroy',
        code: 'wrong-type',
        line: expect.any(Number),
      }),
    ]);
  });
});

describe('what prevent_destroy does under terraform plan (offline, crafted state)', () => {
  const run = promisify(execFile);
  const INSTANCE = 'arn:aws:sso:::instance/ssoins-1111222233334444';

  /** One zone `x` in department `d`, synthesized; returns the AWS stack folder and the permission set's resource name. */
  function stackWith(options: { prefix: string; zone: boolean }): { dir: string; name?: string } {
    const config = sampleConfig({
      names: { permissionSetPrefix: options.prefix },
      protection: { preventDestroy: true },
    });
    const paths = writeTree({
      config,
      zones: options.zone ? { 'd/x.yaml': zoneDoc('x', 'd') } : {},
      emptyDepartments: ['d'],
    });
    const { tree, diagnostics } = loadTree(paths);
    expect(diagnostics).toEqual([]);
    const out = makeTempDir('tf-plan-');
    synthesizeTree(tree!, out);
    const dir = join(out, 'stacks', 'aws-d');
    const json = JSON.parse(readFileSync(join(dir, 'cdk.tf.json'), 'utf8')) as StackJson;
    return { dir, name: Object.keys(json.resource?.aws_ssoadmin_permission_set ?? {})[0] };
  }

  /**
   * State as after an apply of zone `x` with the default prefix (permission set `zone-x`), a
   * provider that never calls AWS, then `terraform plan -refresh=false`.
   */
  async function plan(dir: string, resourceName: string, target?: string): Promise<{ code: number; output: string }> {
    writeFileSync(
      join(dir, 'offline_override.tf.json'),
      JSON.stringify({
        provider: {
          aws: [
            {
              region: 'eu-north-1',
              access_key: 'AKIAOFFLINEOFFLINE00',
              secret_key: 'offline',
              skip_credentials_validation: true,
              skip_requesting_account_id: true,
              skip_metadata_api_check: true,
            },
          ],
        },
      }),
    );
    const arn = `arn:aws:sso:::permissionSet/ssoins-1111222233334444/ps-1111222233334444`;
    writeFileSync(
      join(dir, 'terraform.tfstate'),
      JSON.stringify({
        version: 4,
        terraform_version: '1.11.4',
        serial: 1,
        lineage: '00000000-0000-4000-8000-000000000001',
        outputs: {},
        resources: [
          {
            mode: 'managed',
            type: 'aws_ssoadmin_permission_set',
            name: resourceName,
            provider: 'provider["registry.terraform.io/hashicorp/aws"]',
            instances: [
              {
                schema_version: 0,
                attributes: {
                  id: `${arn},${INSTANCE}`,
                  arn,
                  created_date: '2025-01-01T00:00:00Z',
                  description: 'Zone x',
                  instance_arn: INSTANCE,
                  name: 'zone-x',
                  relay_state: '',
                  session_duration: 'PT1H',
                  tags: { 'entigo:zone': 'x' },
                  tags_all: { 'entigo:zone': 'x' },
                },
                sensitive_attributes: [],
              },
            ],
          },
        ],
      }),
    );
    const opts = { cwd: dir, env: terraformEnv(), maxBuffer: 16 * 1024 * 1024 };
    await run('terraform', ['init', '-input=false', '-no-color'], opts);
    try {
      const args = [
        'plan',
        '-refresh=false',
        '-input=false',
        '-no-color',
        '-lock=false',
        ...(target ? [`-target=${target}`] : []),
      ];
      const { stdout, stderr } = await run('terraform', args, opts);
      return { code: 0, output: stdout + stderr };
    } catch (err) {
      const e = err as { code?: number; stdout?: string; stderr?: string };
      return { code: e.code ?? -1, output: `${e.stdout ?? ''}${e.stderr ?? ''}` };
    }
  }

  it('blocks a plan that would replace a permission set, but not one that removes its zone file', async () => {
    await assertTerraformAvailable();
    // Same zone, new permission set prefix: the name changes, which forces replacement.
    const renamed = stackWith({ prefix: 'ps-', zone: true });
    // The zone file deleted: its department is empty, so the stack is still there, without the permission set.
    const deleted = stackWith({ prefix: 'zone-', zone: false });
    expect(deleted.name).toBeUndefined();
    expect(readdirSync(deleted.dir)).toContain('cdk.tf.json');

    // Resource addresses come from the zone name only, so both stacks address the same state entry.
    const [replace, remove] = await Promise.all([
      // Only the permission set: the group lookup would call AWS.
      plan(renamed.dir, renamed.name!, `aws_ssoadmin_permission_set.${renamed.name}`),
      plan(deleted.dir, renamed.name!),
    ]);

    expect(replace.code).toBe(1);
    expect(replace.output).toContain('Instance cannot be destroyed');
    expect(replace.output).toContain('lifecycle.prevent_destroy');

    // prevent_destroy lives on the resource block; with the block gone, Terraform plans the destroy.
    expect(remove.output).not.toContain('Instance cannot be destroyed');
    expect(remove.output).toMatch(/Plan: 0 to add, 0 to change, 1 to destroy/);
    expect(remove.code).toBe(0);
    for (const dir of [renamed.dir, deleted.dir]) rmSync(join(dir, '.terraform'), { recursive: true, force: true });
  }, 180_000);
});
