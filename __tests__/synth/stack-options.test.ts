import { Testing } from 'cdktf';
import type { ZoneTree } from '../../model/types';
import { loadTree } from '../../pipeline/load';
import { addZoneStacks } from '../../stacks/zone-stacks';
import { baseConfig, writeTree, zoneDoc } from '../support/tree';

const JOB = 'AWSSCIM.0123456789abcdef0123456789abcdef.01234567-89ab-cdef-0123-456789abcdef';

function treeWith(config: Record<string, unknown>): ZoneTree {
  const { zonesDir, configPath } = writeTree({
    config,
    zones: {
      'a/one.yaml': zoneDoc('one', 'a'),
      'a/two.yaml': zoneDoc('two', 'a'),
      'b/three.yaml': zoneDoc('three', 'b'),
    },
    emptyDepartments: ['retired'],
  });
  const { tree, diagnostics } = loadTree({ zonesDir, configPath });
  if (!tree) throw new Error(JSON.stringify(diagnostics));
  return tree;
}

function synthAll(tree: ZoneTree): Map<string, any> {
  const app = Testing.app({ stackTraces: false });
  const { shards, appRoles } = addZoneStacks(app, tree);
  const out = new Map<string, any>();
  for (const pair of shards.values())
    for (const s of [pair.entra, pair.aws]) out.set(s.node.id, JSON.parse(Testing.synth(s)));
  out.set(appRoles.node.id, JSON.parse(Testing.synth(appRoles)));
  return out;
}

describe('stack options from the platform config', () => {
  it('shards per department by default, keeping empty departments as empty stacks', () => {
    const stacks = synthAll(treeWith(baseConfig()));
    expect([...stacks.keys()].sort()).toEqual([
      'aws-a',
      'aws-b',
      'aws-retired',
      'entra-a',
      'entra-app-roles',
      'entra-b',
      'entra-retired',
    ]);
    expect(stacks.get('aws-retired').resource).toBeUndefined();
  });

  it('makes each AWS stack depend on its Entra stack, so cdktf deploys the Entra side first', () => {
    const app = Testing.app({ stackTraces: false });
    const { shards } = addZoneStacks(app, treeWith(baseConfig()));
    for (const pair of shards.values()) expect(pair.aws.dependencies).toEqual([pair.entra]);
  });

  it('makes every Entra stack depend on the one app roles stack, so cdktf applies the roles first and alone', () => {
    const app = Testing.app({ stackTraces: false });
    const { shards, appRoles } = addZoneStacks(app, treeWith(baseConfig()));
    expect(appRoles.node.id).toBe('entra-app-roles');
    expect(appRoles.dependencies).toEqual([]);
    for (const pair of shards.values()) expect(pair.entra.dependencies).toEqual([appRoles]);
  });

  it('assigns accounts only after the inline policy, managed policies and the boundary are attached', () => {
    const config = baseConfig({
      access: {
        managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        acknowledgedManagedPolicyRisks: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
        customerManagedPolicies: [{ name: 'team-extra' }],
        permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
      },
    });
    const { zonesDir, configPath } = writeTree({
      config,
      zones: {
        'a/one.yaml': zoneDoc('one', 'a', {
          managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
          customerManagedPolicies: ['team-extra'],
          permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
        }),
      },
    });
    const { tree, diagnostics } = loadTree({ zonesDir, configPath });
    expect(diagnostics).toEqual([]);
    const aws = synthAll(tree!).get('aws-a');
    const expected = [
      'aws_ssoadmin_customer_managed_policy_attachment',
      'aws_ssoadmin_managed_policy_attachment',
      'aws_ssoadmin_permission_set_inline_policy',
      'aws_ssoadmin_permissions_boundary_attachment',
    ].flatMap((type) => Object.keys(aws.resource[type]).map((name) => `${type}.${name}`));
    for (const assignment of Object.values<any>(aws.resource.aws_ssoadmin_account_assignment)) {
      expect([...assignment.depends_on].sort()).toEqual(expected.sort());
    }
  });

  it('puts everything into one pair in single mode', () => {
    const stacks = synthAll(treeWith(baseConfig({ sharding: 'single' })));
    expect([...stacks.keys()].sort()).toEqual(['aws-all', 'entra-all', 'entra-app-roles']);
    expect(Object.keys(stacks.get('aws-all').resource.aws_ssoadmin_permission_set)).toHaveLength(3);
  });

  it('selects an S3 backend with native locking', () => {
    const stacks = synthAll(
      treeWith(baseConfig({ backend: { type: 's3', bucket: 'tf-state-bucket', region: 'eu-north-1' } })),
    );
    expect(stacks.get('aws-a').terraform.backend).toEqual({
      s3: {
        bucket: 'tf-state-bucket',
        region: 'eu-north-1',
        key: 'zone-access/aws-a.tfstate',
        encrypt: true,
        use_lockfile: true,
      },
    });
    expect(stacks.get('entra-b').terraform.backend.s3.key).toBe('zone-access/entra-b.tfstate');
  });

  it('leaves the provision-on-demand resource out with entra.provisioningResource: false (await-sync --provision does it)', () => {
    const config = baseConfig();
    config.entra = {
      ...(config.entra as object),
      provisioningJobId: JOB,
      provisioningRuleId: '03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8',
      provisioningResource: false,
    };
    const stacks = synthAll(treeWith(config));
    for (const [name, json] of stacks)
      expect({ name, pod: json.resource?.azuread_synchronization_job_provision_on_demand }).toEqual({
        name,
        pod: undefined,
      });
  });

  it('provisions each group on demand after its app role assignment when a job is configured', () => {
    const config = baseConfig();
    config.entra = {
      ...(config.entra as object),
      provisioningJobId: JOB,
      provisioningRuleId: '03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8',
    };
    const stacks = synthAll(treeWith(config));
    const entra = stacks.get('entra-a');
    const requests = Object.values<any>(entra.resource.azuread_synchronization_job_provision_on_demand);
    expect(requests).toHaveLength(2);
    const assignments = Object.keys(entra.resource.azuread_app_role_assignment).map(
      (k) => `azuread_app_role_assignment.${k}`,
    );
    for (const r of requests) {
      expect(r).toMatchObject({
        // Graph resource ids, as azuread 3.7.0 validates them (see constructs/azuread-ids.ts).
        service_principal_id: '/servicePrincipals/66666666-7777-4888-8999-000000000000',
        synchronization_job_id: `/servicePrincipals/66666666-7777-4888-8999-000000000000/synchronization/jobs/${JOB}`,
        parameter: [{ rule_id: '03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8', subject: [{ object_type_name: 'Group' }] }],
      });
      expect(r.depends_on).toHaveLength(1);
      expect(assignments).toContain(r.depends_on[0]);
      expect(r.parameter[0].subject[0].object_id).toMatch(/^\$\{azuread_group\..+\.object_id\}$/);
    }
  });
});
