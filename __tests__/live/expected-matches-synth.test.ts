import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expectedZones } from '../../live/expected';
import { loadTree } from '../../pipeline/load';
import { synthesizeTree } from '../../pipeline/synthesize';
import { makeTempDir, SAMPLE_CONFIG, SAMPLE_ZONES } from '../support/tree';

/**
 * What drift expects is exactly what synthesis emits: for the sample tree, every permission set
 * attribute, inline policy (as Terraform turns `$${` back into `${`), managed policy, assignment
 * account, group name and app role id in the Terraform JSON equals `expectedZones`.
 */
it('drift expects what synth deploys', () => {
  const { tree } = loadTree({ zonesDir: SAMPLE_ZONES, configPath: SAMPLE_CONFIG });
  const out = makeTempDir('synth-');
  synthesizeTree(tree!, out);
  const resources = (type: string): Record<string, any>[] =>
    readdirSync(join(out, 'stacks')).flatMap(
      (stack) =>
        Object.values(
          (JSON.parse(readFileSync(join(out, 'stacks', stack, 'cdk.tf.json'), 'utf8')).resource ?? {})[type] ?? {},
        ) as Record<string, any>[],
    );
  const expected = expectedZones(tree!);
  const sorted = <T>(xs: T[]) => xs.map((x) => JSON.stringify(x)).sort();

  expect(
    sorted(
      resources('aws_ssoadmin_permission_set').map((r) => ({
        name: r.name,
        description: r.description,
        session: r.session_duration,
        relay: r.relay_state ?? null,
      })),
    ),
  ).toEqual(
    sorted(
      expected.map((e) => ({
        name: e.permissionSetName,
        description: e.description,
        session: e.sessionDuration,
        relay: e.relayState ?? null,
      })),
    ),
  );
  expect(
    resources('aws_ssoadmin_permission_set_inline_policy')
      .map((r) => (r.inline_policy as string).replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'))
      .sort(),
  ).toEqual(expected.map((e) => e.inlinePolicy).sort());
  expect(
    resources('aws_ssoadmin_managed_policy_attachment')
      .map((r) => r.managed_policy_arn)
      .sort(),
  ).toEqual(expected.flatMap((e) => e.managedPolicies).sort());
  expect(
    resources('aws_ssoadmin_account_assignment')
      .map((r) => r.target_id)
      .sort(),
  ).toEqual(expected.flatMap((e) => e.accounts).sort());
  expect(
    resources('azuread_group')
      .map((r) => r.display_name)
      .sort(),
  ).toEqual(expected.map((e) => e.groupName).sort());
  expect(
    resources('azuread_app_role_assignment')
      .map((r) => r.app_role_id)
      .sort(),
  ).toEqual(expected.map((e) => e.appRoleId).sort());
  expect(expected.some((e) => e.relayState) && expected.some((e) => e.managedPolicies.length > 0)).toBe(true);
});
