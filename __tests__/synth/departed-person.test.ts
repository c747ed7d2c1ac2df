import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Testing } from 'cdktf';
import { loadTree } from '../../pipeline/load';
import { addZoneStacks } from '../../stacks/zone-stacks';
import { terraformEnv } from '../support/terraform';
import { baseConfig, writeTree, zoneDoc } from '../support/tree';

const run = promisify(execFile);

/**
 * A person who left (deleted from Entra) must not stop the plan, and must be reported. The Entra
 * stacks cannot be planned here (no azuread binary), so the synthesized expressions that read the
 * lookups (the `check` blocks, the group's `members` and `owners`) are planned by real Terraform
 * with each `data.azuread_users.<name>.users` replaced by what the provider returns with
 * `ignore_missing` when one UPN is gone: the users it found, `{ user_principal_name, object_id }`
 * (internal/services/users/users_data_source.go:246-247 skips the missing UPN, :390-394 sets the
 * fields; v3.7.0).
 */

const ALICE = { user_principal_name: 'alice@example.com', object_id: 'AAAAAAAA-0000-4000-8000-000000000001' };
const CAROL = { user_principal_name: 'carol@example.com', object_id: 'cccccccc-0000-4000-8000-000000000003' };

it('plans with the departed member and owner left out, and names them in warnings (exit 0)', async () => {
  const config = baseConfig({ departments: { pay: { membership: 'file' } } });
  const { zonesDir, configPath } = writeTree({
    config,
    zones: {
      'pay/api.yaml': zoneDoc('api', 'pay', {
        owners: ['carol@example.com', 'dave@example.com'],
        members: ['alice@example.com', 'bob@example.com'],
      }),
    },
  });
  const { tree, diagnostics } = loadTree({ zonesDir, configPath, at: '2026-06-30' });
  if (!tree) throw new Error(JSON.stringify(diagnostics));
  const { shards } = addZoneStacks(Testing.app({ stackTraces: false }), tree);
  const stack = JSON.parse(Testing.synth(shards.get('aws-pay')!.entra));

  // What the provider returns: bob (member) and dave (owner) were deleted.
  const found: Record<string, unknown[]> = {};
  for (const [name, lookup] of Object.entries<{ user_principal_names: string[] }>(stack.data.azuread_users)) {
    expect(lookup).toMatchObject({ ignore_missing: true });
    found[name] = [ALICE, CAROL].filter((u) => lookup.user_principal_names.includes(u.user_principal_name));
  }
  const [group] = Object.values<Record<string, string>>(stack.resource.azuread_group);
  const plain = (value: unknown): unknown =>
    JSON.parse(
      JSON.stringify(value)
        .replace(/data\.azuread_users\.([A-Za-z0-9_-]+)\.users/g, 'local.users_$1')
        .replace(/data\.azuread_client_config\.[A-Za-z0-9_-]+\.object_id/g, '\\"pipeline-identity\\"'),
    );
  const dir = mkdtempSync(join(tmpdir(), 'departed-'));
  writeFileSync(
    join(dir, 'main.tf.json'),
    JSON.stringify({
      locals: Object.fromEntries(Object.entries(found).map(([name, users]) => [`users_${name}`, users])),
      check: plain(stack.check),
      output: { members: { value: plain(group!.members) }, owners: { value: plain(group!.owners) } },
    }),
  );
  const opts = { cwd: dir, env: terraformEnv(), maxBuffer: 16 * 1024 * 1024 };
  await run('terraform', ['init', '-input=false', '-no-color'], opts);
  // Rejects on a non-zero exit: a failed check must stay a warning.
  const { stdout, stderr } = await run('terraform', ['plan', '-input=false', '-no-color'], opts);
  // Terraform wraps the messages; compare with whitespace collapsed.
  const log = (stdout + stderr).replace(/\s+/g, ' ');
  expect(log).toMatch(
    /Warning: Check block assertion failed[\s\S]*zones\/pay\/api\.yaml: members: not found in Entra ID \(account deleted or renamed\?\), left out: bob@example\.com\./,
  );
  expect(log).toMatch(
    /Warning: Check block assertion failed[\s\S]*zone api: owners: not found in Entra ID \(account deleted or renamed\?\), left out: dave@example\.com\./,
  );
  // The plan goes on with the people found: members and owners without them, ids lower-cased.
  expect(log).toContain('+ members = [ + "aaaaaaaa-0000-4000-8000-000000000001", ]');
  expect(log).toContain('+ owners = [ + "cccccccc-0000-4000-8000-000000000003", + "pipeline-identity", ]');
  expect(log).not.toMatch(/Error/);
});
