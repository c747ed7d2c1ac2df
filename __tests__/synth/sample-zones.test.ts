import { DataAwsIdentitystoreGroup } from '@cdktf/provider-aws/lib/data-aws-identitystore-group';
import { SsoadminManagedPolicyAttachment } from '@cdktf/provider-aws/lib/ssoadmin-managed-policy-attachment';
import { SsoadminPermissionSet } from '@cdktf/provider-aws/lib/ssoadmin-permission-set';
import { ApplicationAppRoleA } from '@cdktf/provider-azuread/lib/application-app-role';
import { DataAzureadUsers } from '@cdktf/provider-azuread/lib/data-azuread-users';
import { Group } from '@cdktf/provider-azuread/lib/group';
import { SynchronizationJobProvisionOnDemand } from '@cdktf/provider-azuread/lib/synchronization-job-provision-on-demand';
import { Testing, type TerraformStack } from 'cdktf';
import 'cdktf/lib/testing/adapters/jest';
import { appRoleIdFor } from '../../constructs/zone-entra-group';
import type { ZoneTree } from '../../model/types';
import { loadTree } from '../../pipeline/load';
import { addZoneStacks, type ZoneStacks } from '../../stacks/zone-stacks';
import { SAMPLE_CONFIG, SAMPLE_STACKS, SAMPLE_ZONES } from '../support/tree';

/** The sample tree, synthesized once for the whole file. */
let tree: ZoneTree;
let stacks: ZoneStacks;
const synthesized = new Map<string, Record<string, any>>();

beforeAll(() => {
  const loaded = loadTree({ zonesDir: SAMPLE_ZONES, configPath: SAMPLE_CONFIG });
  if (!loaded.tree) throw new Error(`sample tree invalid: ${JSON.stringify(loaded.diagnostics, null, 2)}`);
  tree = loaded.tree;
  const app = Testing.app({ stackTraces: false });
  stacks = addZoneStacks(app, tree);
  for (const pair of stacks.shards.values()) {
    for (const stack of [pair.entra, pair.aws]) synthesized.set(stack.node.id, JSON.parse(Testing.synth(stack)));
  }
  synthesized.set(stacks.appRoles.node.id, JSON.parse(Testing.synth(stacks.appRoles)));
});

function synthOf(stack: TerraformStack): string {
  return JSON.stringify(synthesized.get(stack.node.id));
}

function resourcesOf(stackName: string, type: string): Record<string, any>[] {
  return Object.values(synthesized.get(stackName)?.resource?.[type] ?? {});
}

describe('sample zones', () => {
  it('has a stack pair per department', () => {
    expect([...synthesized.keys()].sort()).toEqual(SAMPLE_STACKS);
  });

  it('keeps every provider on its own side', () => {
    for (const [name, json] of synthesized) {
      const types = [...Object.keys(json.resource ?? {}), ...Object.keys(json.data ?? {})];
      const providers = Object.keys(json.terraform.required_providers);
      if (name.startsWith('aws-')) {
        expect(types.every((t) => t.startsWith('aws_'))).toBe(true);
        expect(providers).toEqual(['aws']);
        expect(json.terraform.required_providers.aws.version).toBe('5.100.0');
      } else {
        expect(types.every((t) => t.startsWith('azuread_'))).toBe(true);
        expect(providers).toEqual(['azuread']);
      }
    }
  });

  describe.each(['payments-prod-1', 'payments-staging-1', 'logistics-prod-1', 'research-sandbox'])(
    'zone %s',
    (zoneName) => {
      const zone = () => tree.zones.find((z) => z.name === zoneName)!;
      const pair = () => stacks.shards.get(`aws-${zone().department}`)!;

      it('gets a security group that cannot be created twice', () => {
        expect(synthOf(pair().entra)).toHaveResourceWithProperties(Group, {
          display_name: `entigo-zone-${zoneName}`,
          security_enabled: true,
          mail_enabled: false,
          prevent_duplicate_names: true,
        });
      });

      it('gets an app role with a stable, zone-derived id and the permission set name as value, in the app roles stack', () => {
        expect(synthOf(pair().entra)).not.toHaveResource(ApplicationAppRoleA);
        expect(JSON.stringify(synthesized.get('entra-app-roles'))).toHaveResourceWithProperties(ApplicationAppRoleA, {
          application_id: '/applications/4a2c8e1f-7b3d-4c5e-8f9a-1b2c3d4e5f60',
          role_id: appRoleIdFor(zoneName),
          value: `zone-${zoneName}`,
          allowed_member_types: ['User'],
        });
      });

      it('assigns the group to the app role on the enterprise application (SCIM scope)', () => {
        const entra = stacks.zones.get(zoneName)!.entra;
        const assignment = resourcesOf(pair().entra.node.id, 'azuread_app_role_assignment').find((r) =>
          String(r.principal_object_id).includes(entra.group.friendlyUniqueId),
        );
        expect(assignment).toMatchObject({
          resource_object_id: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b',
          // The deterministic id, not a reference: the role lives in the entra-app-roles stack.
          app_role_id: appRoleIdFor(zoneName),
        });
      });

      it('gets a permission set named after the zone, tagged with the zone', () => {
        const z = zone();
        expect(synthOf(pair().aws)).toHaveResourceWithProperties(SsoadminPermissionSet, {
          name: `zone-${zoneName}`,
          session_duration: z.sessionDuration,
          tags: { ...z.tags, 'entigo:zone': zoneName },
        });
      });

      it('looks the synced group up by display name', () => {
        expect(synthOf(pair().aws)).toHaveDataSourceWithProperties(DataAwsIdentitystoreGroup, {
          identity_store_id: 'd-9067a1b2c3',
          alternate_identifier: {
            unique_attribute: { attribute_path: 'DisplayName', attribute_value: `entigo-zone-${zoneName}` },
          },
        });
      });

      it('assigns the group to each of its accounts, and only those', () => {
        const construct = stacks.zones.get(zoneName)!.aws;
        const mine = resourcesOf(pair().aws.node.id, 'aws_ssoadmin_account_assignment').filter((r) =>
          String(r.permission_set_arn).includes(construct.permissionSet.friendlyUniqueId),
        );
        expect(mine.map((r) => r.target_id).sort()).toEqual(zone().accounts.map((a) => a.id));
        for (const r of mine) {
          expect(r).toMatchObject({ principal_type: 'GROUP', target_type: 'AWS_ACCOUNT' });
          expect(r.principal_id).toBe(`\${data.aws_identitystore_group.${construct.group.friendlyUniqueId}.group_id}`);
        }
      });

      it('scopes every conditional Allow of its inline policy to its own zone tag value', () => {
        const construct = stacks.zones.get(zoneName)!.aws;
        const policyResource = resourcesOf(pair().aws.node.id, 'aws_ssoadmin_permission_set_inline_policy').find((r) =>
          String(r.permission_set_arn).includes(construct.permissionSet.friendlyUniqueId),
        );
        const policy = JSON.parse(policyResource!.inline_policy);
        const zoneKeyed = (cond: Record<string, Record<string, unknown>>) =>
          Object.values(cond)
            .flatMap((o) => Object.entries(o))
            .filter(([k]) => k.endsWith('/entigo:zone'));
        const allows = policy.Statement.filter((s: any) => s.Effect === 'Allow' && s.Condition);
        expect(allows.length).toBeGreaterThan(0);
        for (const s of allows) {
          const stringEquals = Object.entries(s.Condition.StringEquals ?? {});
          expect(stringEquals.length).toBeGreaterThan(0);
          for (const [, value] of stringEquals.filter(([k]) => k.endsWith('/entigo:zone')))
            expect(value).toBe(zoneName);
          expect(zoneKeyed(s.Condition).length).toBeGreaterThan(0);
        }
        // Unconditional allows are read-only listing: nothing that changes a resource.
        for (const s of policy.Statement.filter((st: any) => st.Effect === 'Allow' && !st.Condition)) {
          for (const action of [s.Action].flat()) expect(action).toMatch(/:(List|Describe|Get)/);
        }
      });
    },
  );

  it('looks up owners given as UPNs and uses object ids as they are', () => {
    expect(synthOf(stacks.shards.get('aws-payments')!.entra)).toHaveDataSourceWithProperties(DataAzureadUsers, {
      user_principal_names: expect.arrayContaining(['alice@example.com']),
      ignore_missing: true,
    });
    expect(synthOf(stacks.shards.get('aws-logistics')!.entra)).toHaveResourceWithProperties(Group, {
      owners: [
        '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
        expect.stringMatching(/^\$\{data\.azuread_client_config\..+\.object_id\}$/),
      ],
    });
  });

  it('attaches allow-listed managed policies', () => {
    expect(synthOf(stacks.shards.get('aws-research')!.aws)).toHaveResourceWithProperties(
      SsoadminManagedPolicyAttachment,
      { managed_policy_arn: 'arn:aws:iam::aws:policy/AWSSupportAccess' },
    );
  });

  it('provisions nothing on demand when no provisioning job is configured', () => {
    for (const pair of stacks.shards.values()) {
      expect(synthOf(pair.entra)).not.toHaveResource(SynchronizationJobProvisionOnDemand);
    }
  });

  it('uses a relative local backend so output is the same on every machine', () => {
    for (const json of synthesized.values())
      expect(json.terraform.backend).toEqual({ local: { path: 'terraform.tfstate' } });
  });
});
