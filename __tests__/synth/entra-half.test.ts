import { Testing } from 'cdktf';
import { main } from '../../cli/zone-access';
import { SHARED_APP_ROLE_ID, appRoleIdFor } from '../../constructs/zone-app-roles';
import type { ZoneTree } from '../../model/types';
import { loadTree } from '../../pipeline/load';
import { addZoneStacks } from '../../stacks/zone-stacks';
import { baseConfig, captureIO, writeTree, zoneDoc } from '../support/tree';

/**
 * The Entra side's properties that show in the synthesized stacks or in validation: GUIDs in
 * canonical case, authoritative owners, one owner for the application's app roles, and the app role
 * limit.
 */

function load(
  config: Record<string, unknown>,
  zones: Record<string, Record<string, unknown>>,
  emptyDepartments: string[] = [],
) {
  const paths = writeTree({ config, zones, emptyDepartments });
  return { ...loadTree(paths), paths };
}

function treeOf(config: Record<string, unknown>, zones: Record<string, Record<string, unknown>>): ZoneTree {
  const { tree, diagnostics } = load(config, zones);
  if (!tree) throw new Error(JSON.stringify(diagnostics));
  return tree;
}

function synth(tree: ZoneTree): Map<string, any> {
  const app = Testing.app({ stackTraces: false });
  const { shards, appRoles } = addZoneStacks(app, tree);
  const out = new Map<string, any>([[appRoles.node.id, JSON.parse(Testing.synth(appRoles))]]);
  for (const pair of shards.values())
    for (const s of [pair.entra, pair.aws]) out.set(s.node.id, JSON.parse(Testing.synth(s)));
  return out;
}

const UPPER = {
  tenantId: '0B6F1C1E-3C1A-4D8E-9B5A-2F4E6D8C0A11',
  applicationObjectId: '4A2C8E1F-7B3D-4C5E-8F9A-1B2C3D4E5F60',
  servicePrincipalObjectId: '9E8D7C6B-5A4F-4E3D-8C2B-1A0F9E8D7C6B',
  provisioningJobId: 'AWSSCIM.0123456789ABCDEF0123456789ABCDEF.01234567-89AB-CDEF-0123-456789ABCDEF',
  provisioningRuleId: '03F7D90D-BF71-41B1-BDA6-AAF0DDBEE5D8',
};
const OWNER_UPPER = '3F2B1C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D';

describe('GUIDs are lower-cased at load time', () => {
  it('in the platform config and in zone owners; the job id (opaque, case-sensitive prefix) is kept', () => {
    const tree = treeOf(baseConfig({ entra: UPPER }), {
      'a/one.yaml': zoneDoc('one', 'a', { owners: [OWNER_UPPER, 'Alice@Example.com'] }),
    });
    expect(tree.config.entra).toMatchObject({
      tenantId: UPPER.tenantId.toLowerCase(),
      applicationObjectId: UPPER.applicationObjectId.toLowerCase(),
      servicePrincipalObjectId: UPPER.servicePrincipalObjectId.toLowerCase(),
      provisioningRuleId: UPPER.provisioningRuleId.toLowerCase(),
      provisioningJobId: UPPER.provisioningJobId,
    });
    // UPNs are not GUIDs: left as written (the data source looks them up case-insensitively).
    expect(tree.zones[0]!.owners).toEqual([OWNER_UPPER.toLowerCase(), 'Alice@Example.com']);
  });

  it('so no upper-case GUID reaches any synthesized stack', () => {
    const stacks = synth(
      treeOf(baseConfig({ entra: UPPER }), { 'a/one.yaml': zoneDoc('one', 'a', { owners: [OWNER_UPPER] }) }),
    );
    const all = JSON.stringify([...stacks.values()].map((s) => ({ ...s, '//': undefined })));
    const guids = all.match(/[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g) ?? [];
    expect(guids.length).toBeGreaterThan(5);
    // The job id's own GUID part is the only one kept as given (see the test above).
    expect(guids.filter((g) => g !== g.toLowerCase())).toEqual(['01234567-89AB-CDEF-0123-456789ABCDEF']);
  });

  it('an owner id given in two cases is the same owner listed twice', () => {
    const { diagnostics } = load(baseConfig(), {
      'a/one.yaml': zoneDoc('one', 'a', { owners: [OWNER_UPPER, OWNER_UPPER.toLowerCase()] }),
    });
    expect(diagnostics.map((d) => [d.field, d.code])).toEqual([['owners[1]', 'duplicate-entry']]);
  });
});

describe('group owners are authoritative', () => {
  const stacks = synth(
    treeOf(baseConfig(), {
      'a/none.yaml': zoneDoc('none', 'a'),
      'a/some.yaml': zoneDoc('some', 'a', { owners: ['alice@example.com', OWNER_UPPER] }),
    }),
  );
  const groups = Object.values<any>(stacks.get('entra-a').resource.azuread_group);
  const byName = (n: string) => groups.find((g) => g.display_name === `entigo-zone-${n}`);

  it('sets owners even when the zone lists none: the pipeline identity, so removed owners are removed', () => {
    expect(byName('none').owners).toEqual([
      expect.stringMatching(/^\$\{data\.azuread_client_config\.none_pipeline-identity_[A-Z0-9]+\.object_id\}$/),
    ]);
  });

  it('adds the pipeline identity to the listed owners; owners given by UPN come from a lookup that tolerates a deleted account', () => {
    expect(byName('some').owners).toMatch(
      new RegExp(
        `^\\$\\{concat\\(\\["${OWNER_UPPER.toLowerCase()}"\\], \\[ for key, val in toset\\(data\\.azuread_users\\.some_owner-lookup_[A-Z0-9]+\\.users\\): lower\\(val\\.object_id\\)\\], ` +
          `\\[data\\.azuread_client_config\\.some_pipeline-identity_[A-Z0-9]+\\.object_id\\]\\)\\}$`,
      ),
    );
    const [lookup] = Object.values<any>(stacks.get('entra-a').data.azuread_users);
    expect(lookup).toEqual({ user_principal_names: ['alice@example.com'], ignore_missing: true });
    // The departed owner is named in a warning, never an error (a check block, not a postcondition).
    const [check] = Object.values<any>(stacks.get('entra-a').check);
    expect(check.assert).toEqual([
      {
        condition: expect.stringMatching(
          /^\$\{\(length\(data\.azuread_users\.some_owner-lookup_[A-Z0-9]+\.users\) == 1\)\}$/,
        ),
        error_message: expect.stringMatching(
          /^zone some: owners: not found in Entra ID \(account deleted or renamed\?\), left out: \$\{join\(", ", setsubtract\(\["alice@example\.com"\], /,
        ),
      },
    ]);
  });

  it('refuses more owners than a group can have beside the pipeline identity (100 in azuread 3.7.0)', () => {
    const owners = Array.from({ length: 100 }, (_, i) => `user${i}@example.com`);
    const { diagnostics } = load(baseConfig(), { 'a/one.yaml': zoneDoc('one', 'a', { owners }) });
    expect(diagnostics.map((d) => d.field)).toEqual(['owners']);
    expect(diagnostics[0]!.message).toMatch(/99/);
  });
});

describe("one owner for the application's app roles", () => {
  const zones = {
    'a/one.yaml': zoneDoc('one', 'a'),
    'a/two.yaml': zoneDoc('two', 'a'),
    'b/three.yaml': zoneDoc('three', 'b'),
  };

  it('per-zone (default): every role in entra-app-roles, none in a department stack; groups assigned by the deterministic id', () => {
    const stacks = synth(treeOf(baseConfig(), zones));
    const roles = Object.values<any>(stacks.get('entra-app-roles').resource.azuread_application_app_role);
    expect(roles.map((r) => [r.value, r.role_id]).sort()).toEqual(
      ['one', 'three', 'two'].map((z) => [`zone-${z}`, appRoleIdFor(z)]),
    );
    for (const [name, json] of stacks) {
      if (name === 'entra-app-roles') continue;
      expect({ name, roles: json.resource?.azuread_application_app_role }).toEqual({ name, roles: undefined });
    }
    const assigned = ['entra-a', 'entra-b'].flatMap((s) =>
      Object.values<any>(stacks.get(s).resource.azuread_app_role_assignment).map((a) => a.app_role_id),
    );
    expect(assigned.sort()).toEqual(['one', 'three', 'two'].map(appRoleIdFor).sort());
  });

  it('shared: one role, every zone group assigned with it', () => {
    const stacks = synth(
      treeOf(baseConfig({ entra: { ...(baseConfig().entra as object), appRoles: 'shared' } }), zones),
    );
    const roles = Object.values<any>(stacks.get('entra-app-roles').resource.azuread_application_app_role);
    expect(roles).toHaveLength(1);
    expect(roles[0]).toMatchObject({
      role_id: SHARED_APP_ROLE_ID,
      value: 'zone-access.all-zones',
      allowed_member_types: ['User'],
    });
    const assigned = ['entra-a', 'entra-b'].flatMap((s) =>
      Object.values<any>(stacks.get(s).resource.azuread_app_role_assignment).map((a) => a.app_role_id),
    );
    expect(assigned).toEqual([SHARED_APP_ROLE_ID, SHARED_APP_ROLE_ID, SHARED_APP_ROLE_ID]);
  });

  it("a role's address in entra-app-roles depends only on its zone", () => {
    const names = (zs: Record<string, Record<string, unknown>>) =>
      Object.keys(synth(treeOf(baseConfig(), zs)).get('entra-app-roles').resource.azuread_application_app_role);
    const before = names({ 'a/one.yaml': zoneDoc('one', 'a') });
    const after = names({
      'a/one.yaml': zoneDoc('one', 'a'),
      'b/zzz.yaml': zoneDoc('zzz', 'b'),
      'c/aaa.yaml': zoneDoc('aaa', 'c'),
    });
    expect(after).toEqual(expect.arrayContaining(before));
  });
});

describe('the app role limit (quotas.appRolesPerApplication) follows entra.appRoles', () => {
  const config = (appRoles: string, quota: number) =>
    baseConfig({ entra: { ...(baseConfig().entra as object), appRoles }, quotas: { appRolesPerApplication: quota } });
  const zones = {
    'a/one.yaml': zoneDoc('one', 'a'),
    'a/two.yaml': zoneDoc('two', 'a'),
    'b/three.yaml': zoneDoc('three', 'b'),
  };

  it('per-zone: more zones than the quota is an error that says to switch to shared', () => {
    const { tree, diagnostics, paths } = load(config('per-zone', 2), zones);
    expect(tree).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: paths.configPath,
        field: 'quotas.appRolesPerApplication',
        code: 'quota-exceeded',
        severity: 'error',
      }),
    ]);
    expect(diagnostics[0]!.message).toContain('gets 3 app roles (one per zone), over the quota of 2');
    expect(diagnostics[0]!.hint).toMatch(/^set entra\.appRoles: shared/);
  });

  it('per-zone: exactly at the quota is no error', () => {
    expect(load(config('per-zone', 3), zones).diagnostics.filter((d) => d.severity !== 'warning')).toEqual([]);
  });

  it('shared: the same tree fits, one role in all', () => {
    expect(
      load(config('shared', 2), zones).diagnostics.filter(
        (d) => d.field === 'quotas.appRolesPerApplication' && d.severity !== 'warning',
      ),
    ).toEqual([]);
  });

  it('validate (the CLI) fails with exit 1 and prints the problem', async () => {
    const { paths } = load(config('per-zone', 2), zones);
    const c = captureIO();
    expect(await main(['validate', '--zones', paths.zonesDir, '--config', paths.configPath], c.io)).toBe(1);
    expect(c.err()).toMatch(/quotas\.appRolesPerApplication: .* 3 app roles \(one per zone\), over the quota of 2/);
    expect(c.err()).toContain('hint: set entra.appRoles: shared');
  });

  it('a department named app-roles would collide with the app roles stack', () => {
    const { diagnostics } = load(baseConfig(), { 'app-roles/one.yaml': zoneDoc('one', 'app-roles') });
    expect(diagnostics.map((d) => d.code)).toEqual(['reserved-department-name']);
  });
});
