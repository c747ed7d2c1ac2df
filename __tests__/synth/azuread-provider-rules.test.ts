import { Testing } from 'cdktf';
import type { ZoneTree } from '../../model/types';
import { loadTree } from '../../pipeline/load';
import { addZoneStacks } from '../../stacks/zone-stacks';
import {
  AZUREAD_RULES,
  checkBlock,
  checkStack,
  lookupCountCondition,
  parseResourceId,
} from '../support/azuread-provider-rules';
import { join } from 'node:path';
import { baseConfig, REPO_ROOT, SAMPLE_CONFIG, SAMPLE_ZONES, writeTree, zoneDoc } from '../support/tree';

/**
 * The Entra stacks cannot be planned here (no azuread binary offline), so every azuread argument
 * they emit is checked against the provider's own validation at the pinned version, re-implemented
 * with its source cited in __tests__/support/azuread-provider-rules.ts.
 */

const REQUESTOR_GROUP = 'C0FFEE00-1234-4ABC-8DEF-0123456789AB';
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
  // d and e run in access-package mode: catalog, packages, associations, policies with and without
  // approval and review, requestors by (upper-case, to be canonicalized) group id or all members.
  config.departments = {
    a: {},
    b: {},
    c: { membership: 'file' },
    d: {
      membership: 'access-package',
      accessPackage: { requestors: [REQUESTOR_GROUP], approval: true, review: 'quarterly', maxDays: 3660 },
    },
    e: { membership: 'access-package', accessPackage: { requestors: 'all-members', approval: false } },
  };
  const { zonesDir, configPath } = writeTree({
    config,
    zones: {
      'a/one.yaml': zoneDoc('one', 'a', {
        owners: ['alice@example.com', '3F2B1C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D'],
        description: 'One',
      }),
      'a/two.yaml': zoneDoc('two', 'a'),
      'b/three.yaml': zoneDoc('three', 'b', { owners: ['bob@example.com'] }),
      'c/four.yaml': zoneDoc('four', 'c', { members: ['carol@example.com', '0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D'] }),
      'c/five.yaml': zoneDoc('five', 'c', { members: ['dave@example.com'] }),
      'c/six.yaml': zoneDoc('six', 'c', { members: ['7E1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D'] }),
      'c/seven.yaml': zoneDoc('seven', 'c'),
      'd/eight.yaml': zoneDoc('eight', 'd', {
        owners: ['erin@example.com', '5A6B7C8D-9E0F-4A1B-8C2D-3E4F5A6B7C8D', 'frank@example.com'],
      }),
      'd/nine.yaml': zoneDoc('nine', 'd', { owners: ['9B8A7C6D-5E4F-4A3B-8C2D-1E0F9A8B7C6D'] }),
      'e/ten.yaml': zoneDoc('ten', 'e'),
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

  it("checks every shape of a file-mode group's members (so the members rule is not checked vacuously)", () => {
    const groups = stacks.get('entra-c')!.resource.azuread_group as Record<string, Record<string, unknown>>;
    const members = Object.fromEntries(Object.entries(groups).map(([name, g]) => [name.split('_')[0], g.members]));
    expect(members).toEqual({
      five: expect.stringMatching(
        /^\$\{\[ for key, val in toset\(data\.azuread_users\.[^.]+\.users\): lower\(val\.object_id\)\]\}$/,
      ),
      // The upper-case id of the zone file, lower-cased.
      four: expect.stringMatching(
        /^\$\{concat\(\["0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"\], \[ for key, val in toset\(data\.azuread_users\./,
      ),
      six: ['7e1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d'],
      seven: [],
    });
    for (const name of ['a', 'b']) {
      for (const g of Object.values(stacks.get(`entra-${name}`)!.resource.azuread_group) as Record<string, unknown>[])
        expect(g).not.toHaveProperty('members');
    }
  });
});

/**
 * Trees others write: the sample tree (logistics entra, payments file, research access-package) and
 * the report fixture's head tree (payments file, research access-package with review), on a day
 * when the sample's file members are active (its last member day).
 */
describe.each([
  ['the sample tree', SAMPLE_ZONES, SAMPLE_CONFIG, 'payments', 'research'],
  [
    'the report fixture (head)',
    join(REPO_ROOT, '__tests__/fixtures/report/head/zones'),
    join(REPO_ROOT, '__tests__/fixtures/report/head/config/platform.yaml'),
    'payments',
    'research',
  ],
] as const)('every azuread argument of %s', (_name, zonesDir, configPath, fileDept, packageDept) => {
  const { tree, diagnostics } = loadTree({ zonesDir, configPath, at: '2027-03-31' });
  if (!tree) throw new Error(JSON.stringify(diagnostics));
  const stacks = entraStacks(tree);

  it('passes the provider 3.7.0 validation rules, with its file and access-package departments among them', () => {
    for (const [name, json] of stacks) expect({ name, errors: checkStack(json).errors }).toEqual({ name, errors: [] });
    const file = stacks.get(`entra-${fileDept}`)!;
    expect(Object.values<Record<string, unknown>>(file.resource.azuread_group).some((g) => 'members' in g)).toBe(true);
    expect(Object.keys(stacks.get(`entra-${packageDept}`)!.resource)).toEqual(
      expect.arrayContaining([
        'azuread_access_package_catalog',
        'azuread_access_package',
        'azuread_access_package_resource_catalog_association',
        'azuread_access_package_resource_package_association',
        'azuread_access_package_assignment_policy',
      ]),
    );
  });
});

describe('the access-package departments are checked with every shape they emit (so no rule is checked vacuously)', () => {
  const stacks = entraStacks(fullTree('shared'));
  const policies = (dept: string) =>
    Object.values(stacks.get(`entra-${dept}`)!.resource.azuread_access_package_assignment_policy) as Record<
      string,
      any
    >[];

  it('approval by owners given by UPN (a dynamic block over the owners found) and by object id, requestors by group, review by the owners', () => {
    const [eight, nine] = policies('d');
    expect(eight!.requestor_settings).toEqual({
      requests_accepted: true,
      scope_type: 'SpecificDirectorySubjects',
      requestor: [{ subject_type: 'GroupMembers', object_id: REQUESTOR_GROUP.toLowerCase() }],
    });
    // The owner given by id, then those given by UPN as the lookup found them: a deleted owner is
    // left out (and reported by a check) instead of failing the plan.
    const forEach = expect.stringMatching(
      /^\$\{concat\(\["5a6b7c8d-9e0f-4a1b-8c2d-3e4f5a6b7c8d"\], \[ for key, val in toset\(data\.azuread_users\.[^.]+\.users\): lower\(val\.object_id\)\]\)\}$/,
    );
    expect(eight!.approval_settings.approval_stage).toEqual([
      {
        approval_timeout_in_days: 14,
        approver_justification_required: true,
        dynamic: {
          primary_approver: {
            for_each: forEach,
            content: { subject_type: 'SingleUser', object_id: '${primary_approver.value}' },
          },
        },
      },
    ]);
    expect(eight!.assignment_review_settings).toMatchObject({
      review_frequency: 'quarterly',
      review_type: 'Reviewers',
      dynamic: {
        reviewer: { for_each: forEach, content: { subject_type: 'SingleUser', object_id: '${reviewer.value}' } },
      },
    });
    expect(eight!.assignment_review_settings).not.toHaveProperty('reviewer');
    const lookups = stacks.get('entra-d')!.data.azuread_users as Record<
      string,
      { user_principal_names: string[]; ignore_missing: boolean }
    >;
    expect(Object.values(lookups)).toEqual([
      { user_principal_names: ['erin@example.com', 'frank@example.com'], ignore_missing: true },
    ]);
    expect(eight!.duration_in_days).toBe(3660);
    expect(nine!.approval_settings.approval_stage[0].primary_approver).toEqual([
      { subject_type: 'SingleUser', object_id: '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' },
    ]);
    expect(nine!.assignment_review_settings.reviewer).toEqual([
      { subject_type: 'SingleUser', object_id: '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' },
    ]);
  });

  it('all members may request, without approval or review', () => {
    const [ten] = policies('e');
    expect(ten!.requestor_settings).toEqual({ requests_accepted: true, scope_type: 'AllExistingDirectoryMemberUsers' });
    expect(ten!.approval_settings).toEqual({ approval_required: false, requestor_justification_required: true });
    expect(ten).not.toHaveProperty('assignment_review_settings');
  });
});

describe('the rules themselves', () => {
  const pod = AZUREAD_RULES.azuread_synchronization_job_provision_on_demand!;
  const SP = '66666666-7777-4888-8999-000000000000';

  it('reject the bare ids the provision-on-demand resource used to get', () => {
    const errors = checkBlock(pod, {
      service_principal_id: SP,
      synchronization_job_id: JOB,
      parameter: [
        { rule_id: 'r', subject: [{ object_id: '${azuread_group.g.object_id}', object_type_name: 'Group' }] },
      ],
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
    const segments = [
      { static: 'servicePrincipals' },
      { user: 'servicePrincipalId' },
      { static: 'synchronization' },
      { static: 'jobs' },
      { user: 'synchronizationJobId' },
    ];
    for (const [id, problem] of ids) {
      const err = parseResourceId(segments, id);
      if (problem) expect(err).toContain(problem);
      else expect(err).toBeUndefined();
    }
  });

  it('reject upper-case object ids, wrong UUIDs, references to non-id attributes and unknown or missing arguments', () => {
    const assignment = AZUREAD_RULES.azuread_app_role_assignment!;
    expect(
      checkBlock(assignment, {
        app_role_id: '5C0F3B8E-6A4D-4F7E-9F7A-2A9D8E1C4B30',
        principal_object_id: '${azuread_group.g.display_name}',
        resource_object_id: '1234',
      }),
    ).toEqual([
      expect.stringMatching(/^app_role_id: object id .* is not lower case/),
      expect.stringMatching(/^principal_object_id: reference .* is not an object id attribute/),
      expect.stringMatching(/^resource_object_id: expected a valid UUID/),
    ]);
    expect(checkBlock(assignment, { app_role_id: SP, principal_object_id: SP, surprise: 1 })).toEqual([
      expect.stringMatching(/^surprise: no rule/),
      expect.stringMatching(/^resource_object_id: required argument missing/),
    ]);
    const group = AZUREAD_RULES.azuread_group!;
    expect(checkBlock(group, { display_name: 'g' })).toEqual([
      expect.stringMatching(/at least one of mail_enabled, security_enabled/),
    ]);
    expect(checkBlock(AZUREAD_RULES['data.azuread_users']!, {})).toEqual([expect.stringMatching(/exactly one of/)]);
    const FOR = '[ for key, val in toset(data.azuread_users.z_lookup_1.users): lower(val.object_id)]';
    const members = (value: unknown) =>
      checkBlock(group, { display_name: 'g', security_enabled: true, members: value });
    for (const ok of [[], [SP], [`\${data.azuread_user.u.object_id}`], `\${${FOR}}`, `\${concat(["${SP}"], ${FOR})}`]) {
      expect({ ok, errors: members(ok) }).toEqual({ ok, errors: [] });
    }
    expect(members(['0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D'])).toEqual([
      expect.stringMatching(/^members: \[0\]: object id .* is not lower case/),
    ]);
    expect(members(['bob@example.com'])).toEqual([expect.stringMatching(/^members: \[0\]: expected a valid UUID/)]);
    expect(members(SP)).toEqual([expect.stringMatching(/^members: expected a set of object ids or an expression/)]);
    // object_id without lower(), or the UPNs instead of the ids.
    expect(members(`\${[ for key, val in toset(data.azuread_users.z.users): val.object_id]}`)).toEqual([
      expect.stringMatching(/is not a set of object ids/),
    ]);
    expect(members(`\${[ for key, val in toset(data.azuread_users.z.users): lower(val.user_principal_name)]}`)).toEqual(
      [expect.stringMatching(/is not a set of object ids/)],
    );
    expect(members(`\${concat(["0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D"], ${FOR})}`)).toEqual([
      expect.stringMatching(/^members: \[0\]: object id .* is not lower case/),
    ]);
    expect(members(`\${concat([], ${FOR})}`)).toEqual([expect.stringMatching(/^members: expected at least 1 items/)]);
    expect(
      checkBlock(AZUREAD_RULES.azuread_application_app_role!, {
        application_id: '/applications/11111111-2222-4333-8444-555555555555',
        role_id: SP,
        allowed_member_types: ['Group'],
        description: 'd',
        display_name: 'n',
        value: '.zone',
      }),
    ).toEqual([
      expect.stringMatching(/^allowed_member_types: \[0\]: expected one of Application, User/),
      expect.stringMatching(/^value: Value must not begin with a period/),
    ]);
  });
});

describe('the access-package rules', () => {
  const SP = '66666666-7777-4888-8999-000000000000';
  const UPPER = '5C0F3B8E-6A4D-4F7E-9F7A-2A9D8E1C4B30';
  const rule = (type: string) => AZUREAD_RULES[type]!;
  const CATALOG = '${azuread_access_package_catalog.c.id}';
  const PACKAGE = '${azuread_access_package.p.id}';

  it("catalog and package: required, non-empty arguments; ids that are the catalog's and the package's own", () => {
    expect(checkBlock(rule('azuread_access_package_catalog'), { display_name: '', externally_visible: 'no' })).toEqual([
      expect.stringMatching(/^display_name: expected a non-empty string/),
      expect.stringMatching(/^externally_visible: expected a boolean/),
      expect.stringMatching(/^description: required argument missing \[.*access_package_catalog_resource\.go:58-63/),
    ]);
    const pkg = rule('azuread_access_package');
    expect(checkBlock(pkg, { catalog_id: CATALOG, display_name: 'p', description: 'd' })).toEqual([]);
    expect(
      checkBlock(pkg, { catalog_id: '${azuread_group.g.object_id}', display_name: 'p', description: 'd' }),
    ).toEqual([expect.stringMatching(/^catalog_id: reference .* must name one of azuread_access_package_catalog\.id/)]);
    expect(checkBlock(pkg, { catalog_id: UPPER, display_name: 'p', description: 'd' })).toEqual([
      expect.stringMatching(/^catalog_id: object id .* is not lower case/),
    ]);
  });

  it("associations: the group's object id with origin system AadGroup; the catalog association's {catalogId}/{originId} id; Member or Owner", () => {
    const cat = rule('azuread_access_package_resource_catalog_association');
    expect(
      checkBlock(cat, {
        catalog_id: CATALOG,
        resource_origin_id: '${azuread_group.g.object_id}',
        resource_origin_system: 'AadGroup',
      }),
    ).toEqual([]);
    expect(
      checkBlock(cat, { catalog_id: CATALOG, resource_origin_id: 'entigo-zone-x', resource_origin_system: 'aadGroup' }),
    ).toEqual([
      expect.stringMatching(/^resource_origin_id: expected a valid UUID/),
      expect.stringMatching(/^resource_origin_system: expected one of AadGroup/),
    ]);
    const pkg = rule('azuread_access_package_resource_package_association');
    const ok = {
      access_package_id: PACKAGE,
      catalog_resource_association_id: '${azuread_access_package_resource_catalog_association.a.id}',
      access_type: 'Member',
    };
    expect(checkBlock(pkg, ok)).toEqual([]);
    expect(checkBlock(pkg, { ...ok, catalog_resource_association_id: `${SP}/${SP}` })).toEqual([]);
    expect(checkBlock(pkg, { ...ok, catalog_resource_association_id: SP })).toEqual([
      expect.stringMatching(/^catalog_resource_association_id: ID should be in the format \{catalogId\}\/\{originId\}/),
    ]);
    expect(checkBlock(pkg, { ...ok, catalog_resource_association_id: `${SP}/entigo-zone-x` })).toEqual([
      expect.stringMatching(/segment #1 .* is not a valid UUID/),
    ]);
    expect(
      checkBlock(pkg, {
        ...ok,
        catalog_resource_association_id: '${azuread_access_package_resource_catalog_association.a.catalog_id}',
      }),
    ).toEqual([expect.stringMatching(/must name azuread_access_package_resource_catalog_association\.id/)]);
    expect(checkBlock(pkg, { ...ok, access_type: 'member', access_package_id: CATALOG })).toEqual([
      expect.stringMatching(/^access_package_id: reference .* must name one of azuread_access_package\.id/),
      expect.stringMatching(/^access_type: expected one of Member, Owner, got member/),
    ]);
  });

  describe('assignment policy', () => {
    const policy = rule('azuread_access_package_assignment_policy');
    const approver = { subject_type: 'SingleUser', object_id: SP };
    const ok = {
      access_package_id: PACKAGE,
      display_name: 'p',
      description: 'd',
      duration_in_days: 3660,
      requestor_settings: {
        requests_accepted: true,
        scope_type: 'SpecificDirectorySubjects',
        requestor: [{ subject_type: 'GroupMembers', object_id: SP }],
      },
      approval_settings: {
        approval_required: true,
        approval_stage: [{ approval_timeout_in_days: 14, primary_approver: [approver] }],
      },
      assignment_review_settings: {
        enabled: true,
        review_frequency: 'quarterly',
        review_type: 'Reviewers',
        reviewer: [approver],
        duration_in_days: 14,
        access_review_timeout_behavior: 'removeAccess',
      },
    };
    const errors = (over: Record<string, unknown>) => checkBlock(policy, { ...ok, ...over });

    it('accepts what the constructs emit', () => {
      expect(errors({})).toEqual([]);
      // subject_type is compared ignoring case (schema.go:54-62, ignoreCase true).
      expect(
        errors({
          requestor_settings: {
            scope_type: 'SpecificDirectorySubjects',
            requestor: [{ subject_type: 'groupmembers', object_id: SP }],
          },
        }),
      ).toEqual([]);
    });

    it('duration_in_days within 0..3660', () => {
      expect(errors({ duration_in_days: 3661 })).toEqual([
        expect.stringMatching(/^duration_in_days: expected to be in the range \(0 - 3660\), got 3661/),
      ]);
      expect(errors({ duration_in_days: '30' })).toEqual([
        expect.stringMatching(/^duration_in_days: expected an integer/),
      ]);
    });

    it('requestor settings: one block, a known scope type, requestors for a specific scope, user sets with object ids', () => {
      expect(errors({ requestor_settings: [ok.requestor_settings, ok.requestor_settings] })).toEqual([
        expect.stringMatching(/^requestor_settings: expected at most 1 blocks/),
      ]);
      expect(errors({ requestor_settings: { scope_type: 'AllMembers' } })).toEqual([
        expect.stringMatching(
          /^requestor_settings: \[0\]: scope_type: expected one of .*AllExistingDirectoryMemberUsers/,
        ),
      ]);
      expect(errors({ requestor_settings: { scope_type: 'allExistingDirectoryMemberUsers' } })).toEqual([
        expect.stringMatching(/scope_type: expected one of/),
      ]);
      expect(errors({ requestor_settings: { scope_type: 'SpecificDirectorySubjects' } })).toEqual([
        expect.stringMatching(/scope_type SpecificDirectorySubjects needs requestor blocks/),
      ]);
      expect(
        errors({
          requestor_settings: {
            scope_type: 'SpecificDirectorySubjects',
            requestor: [{ subject_type: 'Group', object_id: SP }],
          },
        }),
      ).toEqual([
        expect.stringMatching(/requestor: \[0\]: subject_type: expected one of ConnectedOrganizationMembers/),
      ]);
      expect(
        errors({
          requestor_settings: {
            scope_type: 'SpecificDirectorySubjects',
            requestor: [{ subject_type: 'GroupMembers', object_id: UPPER }],
          },
        }),
      ).toEqual([expect.stringMatching(/requestor: \[0\]: object_id: object id .* is not lower case/)]);
      expect(
        errors({
          requestor_settings: {
            scope_type: 'SpecificDirectorySubjects',
            requestor: [{ subject_type: 'GroupMembers' }],
          },
        }),
      ).toEqual([expect.stringMatching(/subject_type GroupMembers needs object_id/)]);
    });

    it('approval: a stage with a timeout and at least one approver when approval is required', () => {
      expect(errors({ approval_settings: { approval_required: true } })).toEqual([
        expect.stringMatching(/approval_required needs an approval_stage/),
      ]);
      expect(
        errors({ approval_settings: { approval_required: true, approval_stage: [{ primary_approver: [approver] }] } }),
      ).toEqual([expect.stringMatching(/approval_stage: \[0\]: approval_timeout_in_days: required argument missing/)]);
      expect(
        errors({
          approval_settings: {
            approval_required: true,
            approval_stage: [{ approval_timeout_in_days: 14, primary_approver: [] }],
          },
        }),
      ).toEqual([expect.stringMatching(/primary_approver: expected at least 1 blocks/)]);
      expect(
        errors({ approval_settings: { approval_required: false, requestor_justification_required: true } }),
      ).toEqual([]);
    });

    it('review: known frequency, reviewer type and timeout behaviour (case-sensitive), reviewers for type Reviewers', () => {
      const review = (over: Record<string, unknown>) =>
        errors({ assignment_review_settings: { ...ok.assignment_review_settings, ...over } });
      expect(review({ review_frequency: 'Quarterly' })).toEqual([
        expect.stringMatching(/review_frequency: expected one of annual, halfyearly, monthly, quarterly, weekly/),
      ]);
      expect(review({ review_type: 'Owners' })).toEqual([
        expect.stringMatching(/review_type: expected one of Manager, Reviewers, Self/),
      ]);
      expect(review({ access_review_timeout_behavior: 'RemoveAccess' })).toEqual([
        expect.stringMatching(
          /access_review_timeout_behavior: expected one of acceptAccessRecommendation, keepAccess, removeAccess/,
        ),
      ]);
      expect(review({ reviewer: [] })).toEqual([expect.stringMatching(/review_type Reviewers needs reviewer blocks/)]);
    });
  });

  it("in a stack: references name blocks that exist; an owner lookup's element is in range and not shifted by ignore_missing", () => {
    const stack = (lookup: Record<string, unknown>, objectId: string) => ({
      data: { azuread_users: { owners: lookup } },
      resource: {
        azuread_access_package_catalog: { c: { display_name: 'c', description: 'c' } },
        azuread_access_package: { p: { catalog_id: CATALOG, display_name: 'p', description: 'd' } },
        azuread_access_package_assignment_policy: {
          pol: {
            access_package_id: PACKAGE,
            display_name: 'p',
            description: 'd',
            approval_settings: {
              approval_required: true,
              approval_stage: [
                {
                  approval_timeout_in_days: 14,
                  primary_approver: [{ subject_type: 'SingleUser', object_id: objectId }],
                },
              ],
            },
          },
        },
      },
    });
    const two = { user_principal_names: ['a@example.com', 'b@example.com'] };
    expect(checkStack(stack(two, '${element(data.azuread_users.owners.object_ids, 1)}')).errors).toEqual([]);
    expect(checkStack(stack(two, '${element(data.azuread_users.owners.object_ids, 2)}')).errors).toEqual([
      expect.stringMatching(/primary_approver: \[0\]: object_id: .* asks for 2 user_principal_names, no position 2/),
    ]);
    expect(
      checkStack(stack({ ...two, ignore_missing: true }, '${element(data.azuread_users.owners.object_ids, 0)}')).errors,
    ).toEqual([
      expect.stringMatching(/sets ignore_missing, so a missing user shifts every later position/),
      expect.stringMatching(/^data\.azuread_users\.owners: ignore_missing without a check assertion/),
    ]);
    expect(checkStack(stack(two, '${element(data.azuread_users.approvers.object_ids, 0)}')).errors).toEqual([
      expect.stringMatching(/no data\.azuread_users\.approvers in this stack/),
    ]);
    const dangling = stack(two, SP);
    (dangling.resource.azuread_access_package as Record<string, any>).p.catalog_id =
      '${azuread_access_package_catalog.other.id}';
    expect(checkStack(dangling).errors).toEqual([
      expect.stringMatching(
        /^azuread_access_package\.p: catalog_id: reference .*: no azuread_access_package_catalog\.other in this stack/,
      ),
    ]);
  });
});

describe('a lookup that tolerates a departed person, in its stack', () => {
  const FOR = (name: string) => `\${[ for key, val in toset(data.azuread_users.${name}.users): lower(val.object_id)]}`;
  const upns = ['a@example.com', 'b@example.com'];
  const check = (condition: string) => ({
    look_found: { assert: [{ condition, error_message: 'zones/d/z.yaml: members: not found in Entra ID' }] },
  });
  const stack = (
    lookup: Record<string, unknown>,
    checks: Record<string, unknown> = check(lookupCountCondition('look', 2)),
    members = FOR('look'),
  ) => ({
    check: checks,
    data: { azuread_users: { look: lookup } },
    resource: { azuread_group: { g: { display_name: 'g', security_enabled: true, members } } },
  });
  const ok = { user_principal_names: upns, ignore_missing: true };

  it('accepts the lookup the constructs emit: ignore_missing, no postcondition, a check counting every UPN', () => {
    expect(checkStack(stack(ok)).errors).toEqual([]);
    // Without ignore_missing (the provider then fails on a missing user) no check is needed.
    expect(
      checkStack(
        stack(
          { user_principal_names: upns },
          {},
          `\${concat(["${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}"], ${FOR('look').slice(2, -1)})}`,
        ),
      ).errors,
    ).toEqual([]);
  });

  it('rejects a lookup that would leave someone out silently, a count that is not the number of UPNs, and a lookup the stack lacks', () => {
    expect(checkStack(stack(ok, {})).errors).toEqual([
      expect.stringMatching(
        /^data\.azuread_users\.look: ignore_missing without a check assertion \$\{\(length\(data\.azuread_users\.look\.users\) == 2\)\}/,
      ),
    ]);
    expect(checkStack(stack(ok, check(lookupCountCondition('look', 3)))).errors).toEqual([
      expect.stringMatching(/ignore_missing without a check assertion/),
    ]);
    expect(checkStack(stack(ok, undefined, FOR('other'))).errors).toEqual([
      expect.stringMatching(/members read data\.azuread_users\.other, which this stack does not have/),
    ]);
  });

  it("owners: literal ids, or the ids given, the lookup's and the pipeline identity's; dynamic approvers over a lookup that exists", () => {
    const group = AZUREAD_RULES.azuread_group!;
    const CC = 'data.azuread_client_config.me.object_id';
    const owners = (value: unknown) =>
      checkStack({
        ...stack(ok),
        resource: { azuread_group: { g: { display_name: 'g', security_enabled: true, owners: value } } },
        data: { azuread_users: { look: ok }, azuread_client_config: { me: {} } },
      }).errors;
    expect(owners(`\${concat(${FOR('look').slice(2, -1)}, [${CC}])}`)).toEqual([]);
    expect(
      owners(`\${concat(["3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"], ${FOR('look').slice(2, -1)}, [${CC}])}`),
    ).toEqual([]);
    expect(
      owners(`\${concat(["3F2B1C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D"], ${FOR('look').slice(2, -1)}, [${CC}])}`),
    ).toEqual([expect.stringMatching(/owners: \[0\]: object id .* is not lower case/)]);
    expect(owners(`\${concat(${FOR('look').slice(2, -1)}, [data.azuread_users.look.id])}`)).toEqual([
      expect.stringMatching(/the last list of owners must be the pipeline identity/),
    ]);
    expect(checkBlock(group, { display_name: 'g', security_enabled: true, owners: 'x' })).toEqual([
      expect.stringMatching(/^owners: expected a set of object ids or concat/),
    ]);
    const policy = AZUREAD_RULES.azuread_access_package_assignment_policy!;
    const stage = (dynamic: unknown) =>
      checkBlock(
        policy,
        {
          access_package_id: '${azuread_access_package.p.id}',
          display_name: 'p',
          description: 'd',
          approval_settings: {
            approval_required: true,
            approval_stage: [{ approval_timeout_in_days: 14, ...(dynamic ? { dynamic } : {}) }],
          },
        },
        { block: (a) => (a === 'data.azuread_users.look' ? ok : a === 'azuread_access_package.p' ? {} : undefined) },
      );
    const content = { subject_type: 'SingleUser', object_id: '${primary_approver.value}' };
    expect(stage({ primary_approver: { for_each: FOR('look'), content } })).toEqual([]);
    expect(stage(undefined)).toEqual([expect.stringMatching(/approval_stage needs primary_approver blocks/)]);
    expect(stage({ primary_approver: { for_each: FOR('gone'), content } })).toEqual([
      expect.stringMatching(/members read data\.azuread_users\.gone/),
    ]);
    expect(
      stage({ primary_approver: { for_each: FOR('look'), content: { ...content, object_id: '${each.value}' } } }),
    ).toEqual([expect.stringMatching(/content\.object_id must be \$\{primary_approver\.value\}/)]);
    expect(stage({ reviewer: { for_each: FOR('look'), content } })).toEqual([
      expect.stringMatching(/reviewer: not a block that may be dynamic here/),
    ]);
  });
});
