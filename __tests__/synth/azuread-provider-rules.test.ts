import { Testing } from 'cdktf';
import type { ZoneTree } from '../../model/types';
import { loadTree } from '../../pipeline/load';
import { addZoneStacks } from '../../stacks/zone-stacks';
import { AZUREAD_RULES, checkBlock, checkStack, parseResourceId } from '../support/azuread-provider-rules';
import { baseConfig, writeTree, zoneDoc } from '../support/tree';

/**
 * The Entra stacks cannot be planned here (no azuread binary offline), so every azuread argument
 * they emit is checked against the provider's own validation at the pinned version, re-implemented
 * with its source cited in __tests__/support/azuread-provider-rules.ts.
 */

const JOB = 'AWSSCIM.0123456789abcdef0123456789abcdef.01234567-89ab-cdef-0123-456789abcdef';

/** A tree that makes the constructs emit every azuread argument they can. */
function fullTree(appRoles: 'per-zone' | 'shared'): ZoneTree {
  const config = baseConfig();
  config.entra = {
    // Upper case on purpose: the loader must canonicalize before anything is emitted.
    tenantId: '0B6F1C1E-3C1A-4D8E-9B5A-2F4E6D8C0A11',
    applicationObjectId: '11111111-2222-4333-8444-55555555555A',
    servicePrincipalObjectId: '66666666-7777-4888-8999-00000000000B',
    provisioningJobId: JOB,
    provisioningRuleId: '03F7D90D-BF71-41B1-BDA6-AAF0DDBEE5D8',
    appRoles,
  };
  // c runs in file mode: the groups' `members` (literal ids, resolved UPNs, and the empty set).
  config.departments = { a: {}, b: {}, c: { membership: 'file' } };
  const { zonesDir, configPath } = writeTree({
    config,
    zones: {
      'a/one.yaml': zoneDoc('one', 'a', { owners: ['alice@example.com', '3F2B1C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D'], description: 'One' }),
      'a/two.yaml': zoneDoc('two', 'a'),
      'b/three.yaml': zoneDoc('three', 'b', { owners: ['bob@example.com'] }),
      'c/four.yaml': zoneDoc('four', 'c', { members: ['carol@example.com', '0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D'] }),
      'c/five.yaml': zoneDoc('five', 'c', { members: ['dave@example.com'] }),
      'c/six.yaml': zoneDoc('six', 'c', { members: ['7E1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D'] }),
      'c/seven.yaml': zoneDoc('seven', 'c'),
    },
  });
  const { tree, diagnostics } = loadTree({ zonesDir, configPath });
  if (!tree) throw new Error(JSON.stringify(diagnostics));
  return tree;
}

function entraStacks(tree: ZoneTree): Map<string, Record<string, any>> {
  const app = Testing.app({ stackTraces: false });
  const { shards, appRoles } = addZoneStacks(app, tree);
  const out = new Map<string, Record<string, any>>([[appRoles.node.id, JSON.parse(Testing.synth(appRoles))]]);
  for (const pair of shards.values()) out.set(pair.entra.node.id, JSON.parse(Testing.synth(pair.entra)));
  return out;
}

describe.each(['per-zone', 'shared'] as const)('every azuread argument of the Entra stacks (appRoles: %s)', (mode) => {
  const stacks = entraStacks(fullTree(mode));

  it('passes the provider 3.7.0 validation rules', () => {
    let checked = 0;
    for (const [name, json] of stacks) {
      const result = checkStack(json);
      checked += result.checked;
      expect({ name, errors: result.errors }).toEqual({ name, errors: [] });
    }
    // Provider blocks, roles, groups, assignments, provision-on-demand requests, user and client config lookups.
    expect(checked).toBeGreaterThanOrEqual(mode === 'shared' ? 18 : 20);
  });

  it('emits every resource type the rules cover (so none is checked vacuously)', () => {
    const kinds = new Set<string>();
    for (const json of stacks.values()) {
      for (const type of Object.keys(json.resource ?? {})) kinds.add(type);
      for (const type of Object.keys(json.data ?? {})) kinds.add(`data.${type}`);
      if (json.provider?.azuread) kinds.add('provider');
    }
    expect([...kinds].sort()).toEqual(Object.keys(AZUREAD_RULES).sort());
  });

  it('checks every shape of a file-mode group\'s members (so the members rule is not checked vacuously)', () => {
    const groups = stacks.get('entra-c')!.resource.azuread_group as Record<string, Record<string, unknown>>;
    const members = Object.fromEntries(Object.entries(groups).map(([name, g]) => [name.split('_')[0], g.members]));
    expect(members).toEqual({
      five: expect.stringMatching(/^\$\{\[ for key, val in toset\(data\.azuread_users\.[^.]+\.users\): lower\(val\.object_id\)\]\}$/),
      // The upper-case id of the zone file, lower-cased.
      four: expect.stringMatching(/^\$\{concat\(\["0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"\], \[ for key, val in toset\(data\.azuread_users\./),
      six: ['7e1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'],
      seven: [],
    });
    for (const name of ['a', 'b']) {
      for (const g of Object.values(stacks.get(`entra-${name}`)!.resource.azuread_group) as Record<string, unknown>[]) expect(g).not.toHaveProperty('members');
    }
  });
});

describe('the rules themselves', () => {
  const pod = AZUREAD_RULES.azuread_synchronization_job_provision_on_demand!;
  const SP = '66666666-7777-4888-8999-000000000000';

  it('reject the bare ids the provision-on-demand resource used to get', () => {
    const errors = checkBlock(pod, {
      service_principal_id: SP,
      synchronization_job_id: JOB,
      parameter: [{ rule_id: 'r', subject: [{ object_id: '${azuread_group.g.object_id}', object_type_name: 'Group' }] }],
    });
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^service_principal_id: .*expected 2 segments, got 1/);
    expect(errors[1]).toMatch(/^synchronization_job_id: .*expected 5 segments, got 1/);
  });

  it('accept the Graph resource ids, and nothing with a wrong segment, a trailing segment or a missing value', () => {
    const ids: [string, string | undefined][] = [
      [`/servicePrincipals/${SP}/synchronization/jobs/${JOB}`, undefined],
      [`servicePrincipals/${SP}/synchronization/jobs/${JOB}`, undefined], // the leading slash is optional (parse.go:160)
      [`/serviceprincipals/${SP}/synchronization/jobs/${JOB}`, 'segment 1 must be "servicePrincipals"'],
      [`/servicePrincipals/${SP}/synchronization/jobs/${JOB}/x`, 'unexpected segment "x"'],
      [`/servicePrincipals//synchronization/jobs/${JOB}`, 'segment "servicePrincipalId" is empty'],
    ];
    const segments = [{ static: 'servicePrincipals' }, { user: 'servicePrincipalId' }, { static: 'synchronization' }, { static: 'jobs' }, { user: 'synchronizationJobId' }];
    for (const [id, problem] of ids) {
      const err = parseResourceId(segments, id);
      if (problem) expect(err).toContain(problem);
      else expect(err).toBeUndefined();
    }
  });

  it('reject upper-case object ids, wrong UUIDs, references to non-id attributes and unknown or missing arguments', () => {
    const assignment = AZUREAD_RULES.azuread_app_role_assignment!;
    expect(checkBlock(assignment, { app_role_id: '5C0F3B8E-6A4D-4F7E-9F7A-2A9D8E1C4B30', principal_object_id: '${azuread_group.g.display_name}', resource_object_id: '1234' })).toEqual([
      expect.stringMatching(/^app_role_id: object id .* is not lower case/),
      expect.stringMatching(/^principal_object_id: reference .* is not an object id attribute/),
      expect.stringMatching(/^resource_object_id: expected a valid UUID/),
    ]);
    expect(checkBlock(assignment, { app_role_id: SP, principal_object_id: SP, surprise: 1 })).toEqual([
      expect.stringMatching(/^surprise: no rule/),
      expect.stringMatching(/^resource_object_id: required argument missing/),
    ]);
    const group = AZUREAD_RULES.azuread_group!;
    expect(checkBlock(group, { display_name: 'g' })).toEqual([expect.stringMatching(/at least one of mail_enabled, security_enabled/)]);
    expect(checkBlock(AZUREAD_RULES['data.azuread_user']!, {})).toEqual([expect.stringMatching(/exactly one of/)]);
    const FOR = '[ for key, val in toset(data.azuread_users.z_lookup_1.users): lower(val.object_id)]';
    const members = (value: unknown) => checkBlock(group, { display_name: 'g', security_enabled: true, members: value });
    for (const ok of [[], [SP], [`\${data.azuread_user.u.object_id}`], `\${${FOR}}`, `\${concat(["${SP}"], ${FOR})}`]) {
      expect({ ok, errors: members(ok) }).toEqual({ ok, errors: [] });
    }
    expect(members(['0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D'])).toEqual([expect.stringMatching(/^members: \[0\]: object id .* is not lower case/)]);
    expect(members(['bob@example.com'])).toEqual([expect.stringMatching(/^members: \[0\]: expected a valid UUID/)]);
    expect(members(SP)).toEqual([expect.stringMatching(/^members: expected a set of object ids or an expression/)]);
    // object_id without lower(), or the UPNs instead of the ids.
    expect(members(`\${[ for key, val in toset(data.azuread_users.z.users): val.object_id]}`)).toEqual([expect.stringMatching(/is not a set of object ids/)]);
    expect(members(`\${[ for key, val in toset(data.azuread_users.z.users): lower(val.user_principal_name)]}`)).toEqual([expect.stringMatching(/is not a set of object ids/)]);
    expect(members(`\${concat(["0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D"], ${FOR})}`)).toEqual([expect.stringMatching(/^members: \[0\]: object id .* is not lower case/)]);
    expect(members(`\${concat([], ${FOR})}`)).toEqual([expect.stringMatching(/^members: expected at least 1 items/)]);
    expect(checkBlock(AZUREAD_RULES.azuread_application_app_role!, {
      application_id: '/applications/11111111-2222-4333-8444-555555555555', role_id: SP, allowed_member_types: ['Group'],
      description: 'd', display_name: 'n', value: '.zone',
    })).toEqual([expect.stringMatching(/^allowed_member_types: \[0\]: expected one of Application, User/), expect.stringMatching(/^value: Value must not begin with a period/)]);
  });
});
