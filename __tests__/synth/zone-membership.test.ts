import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { AzureadProvider } from '@cdktf/provider-azuread/lib/provider';
import { App, TerraformStack, Testing } from 'cdktf';
import { ZoneAccess } from '../../constructs/zone-access';
import { DepartmentCatalog, ZoneMembership } from '../../constructs/zone-membership';
import type { MembershipSettings } from '../../model/membership-settings';
import type { ZoneMember } from '../../model/types';
import { loadTree } from '../../pipeline/load';
import { applyMembers, evaluateMembers, planMembers } from '../support/azuread-group-members';
import { SAMPLE_CONFIG, SAMPLE_ZONES } from '../support/tree';

/**
 * Synthesized membership per mode, through the same ZoneAccess construct library users get.
 * Argument values are checked against the azuread v3.7.0 validation cited in
 * constructs/zone-membership.ts (UUIDs where the provider runs validation.IsUUID, the enum values
 * of its constants.go).
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** A reference to another resource's attribute, resolved by Terraform. */
const REF = (type: string, attr: string) => new RegExp(`^\\$\\{${type}\\.[A-Za-z0-9_-]+\\.${attr}\\}$`);

const FILE: MembershipSettings = { mode: 'file', file: { noticeDays: 7, maxDays: 365, maxMembersPerZone: 100 } };
const PACKAGE: MembershipSettings = {
  mode: 'access-package',
  accessPackage: {
    requestors: 'all-members',
    approval: true,
    approvalTimeoutDays: 14,
    maxDays: 90,
    review: { frequency: 'quarterly', durationDays: 14 },
  },
};

function sampleSpec() {
  const { tree } = loadTree({ zonesDir: SAMPLE_ZONES, configPath: SAMPLE_CONFIG });
  if (!tree) throw new Error('sample tree invalid');
  // The loader's paths are relative to the working directory; the sample's are absolute here.
  return {
    platform: tree.config,
    zone: { ...tree.zones[0], members: [] as ZoneMember[], source: { file: 'zones/pay/z1.yaml' } },
  };
}

function synth(members: ZoneMember[], membership: MembershipSettings, at = '2026-06-30', owners?: string[]) {
  const { platform, zone } = sampleSpec();
  const app = Testing.app({ stackTraces: false });
  const entra = new TerraformStack(app, 'entra');
  new AzureadProvider(entra, 'azuread', {});
  const aws = new TerraformStack(app, 'aws');
  new AwsProvider(aws, 'aws', { region: 'eu-north-1' });
  const catalog =
    membership.mode === 'access-package'
      ? new DepartmentCatalog(entra, 'catalog_pay', { department: 'pay' })
      : undefined;
  const access = new ZoneAccess({
    zone: { ...zone, name: 'z1', members, ...(owners ? { owners } : {}) },
    platform,
    entraScope: entra,
    awsScope: aws,
    membership,
    at,
    ...(catalog ? { catalogId: catalog.catalog.id } : {}),
  });
  return { json: JSON.parse(Testing.synth(entra)) as Record<string, any>, access };
}

/** The zone's one azuread_group. */
function groupOf(json: Record<string, any>): Record<string, any> {
  const groups = Object.values(json.resource.azuread_group) as Record<string, any>[];
  expect(groups).toHaveLength(1);
  return groups[0]!;
}

/** The users Entra knows (Graph's ids; one in upper case to show the members value lower-cases them). */
const DIRECTORY = {
  'aaron@example.com': 'aaaaaaaa-0000-4000-8000-000000000001',
  'alice@example.com': 'A11CE000-0000-4000-8000-000000000002',
  'bob@example.com': 'b0b00000-0000-4000-8000-000000000003',
};
const ALICE = 'a11ce000-0000-4000-8000-000000000002';
const BOB = 'b0b00000-0000-4000-8000-000000000003';
const OID = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

/** What the group's `members` evaluates to in Terraform for this synthesized stack. */
function membersOf(json: Record<string, any>): string[] | undefined {
  return evaluateMembers(groupOf(json).members, json, DIRECTORY);
}

const members: ZoneMember[] = [
  { user: 'alice@example.com', until: '2026-06-30' },
  { user: 'bob@example.com' },
  { user: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d', until: '2026-12-31' },
];

describe('entra mode', () => {
  it("emits no membership resources and leaves the group's members unmanaged", () => {
    const { json, access } = synth([], { mode: 'entra' });
    const types = [...Object.keys(json.resource), ...Object.keys(json.data ?? {})];
    expect(types.filter((t) => /group_member|access_package|azuread_users/.test(t))).toEqual([]);
    // Omitted, an Optional+Computed set is never diffed (support/azuread-group-members.ts): the
    // owners' additions in the portal stay.
    expect(groupOf(json)).not.toHaveProperty('members');
    expect(access.membership).toBeUndefined();
    // A department switched from file to entra: the members it had stay, for the owners to manage.
    expect(applyMembers([ALICE, BOB], membersOf(json))).toEqual({ removed: [], added: [], after: [ALICE, BOB] });
  });
  it('refuses members (the loader reports them with file and line; library callers get a throw)', () => {
    expect(() => synth(members, { mode: 'entra' })).toThrow(
      /members: is only used in departments whose membership is file/,
    );
  });
});

describe('file mode', () => {
  it("a zone given in code carries validate's warnings as construct warnings, which cdktf synth prints", () => {
    const warningsOf = (access: ZoneAccess) =>
      access.entra.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
    // Two days left, with a 7-day notice: the warning validate prints for a zone file.
    const { access } = synth([{ user: 'alice@example.com', until: '2026-07-02' }], FILE);
    expect(warningsOf(access)).toEqual([
      expect.stringMatching(/members\[0\]\.until: alice@example\.com's access ends in 2 days \(last day 2026-07-02\)/),
    ]);
    expect(warningsOf(synth([{ user: 'alice@example.com', until: '2026-12-31' }], FILE).access)).toEqual([]);
  });

  it("sets the group's members: literal object ids and the UPNs resolved by one lookup, lower case; no azuread_group_member", () => {
    const { json, access } = synth(members, FILE);
    expect(json.resource.azuread_group_member).toBeUndefined();
    const lookup = Object.keys(json.data.azuread_users)[0];
    expect(groupOf(json).members).toBe(
      `\${concat(["${OID}"], [ for key, val in toset(data.azuread_users.${lookup}.users): lower(val.object_id)])}`,
    );
    expect(access.membership!.memberObjectIds).toBeDefined();
    expect(membersOf(json)!.sort()).toEqual([OID, ALICE, BOB].sort());
    // Lower-case UUIDs only (ALICE comes back from Graph in upper case here): the provider diffs them as strings.
    expect(membersOf(json)!.filter((id) => !UUID.test(id))).toEqual([]);
    // Only object ids: a list of literals, no lookup.
    const ids = synth([{ user: OID }], FILE).json;
    expect(groupOf(ids).members).toEqual([OID]);
    expect(ids.data?.azuread_users).toBeUndefined();
    // Only UPNs: the resolved list alone.
    expect(groupOf(synth([{ user: 'bob@example.com' }], FILE).json).members).toMatch(
      /^\$\{\[ for key, val in toset\(data\.azuread_users\.[^.]+\.users\): lower\(val\.object_id\)\]\}$/,
    );
  });

  it('sets members = [] when nobody is active, so the group is emptied (omitting it would keep everyone)', () => {
    for (const json of [
      synth([], FILE).json,
      synth([{ user: 'alice@example.com', until: '2026-06-30' }], FILE, '2026-07-01').json,
    ]) {
      expect(groupOf(json).members).toEqual([]);
      expect(json.data?.azuread_users).toBeUndefined();
    }
    // In the provider: [] removes the last members; an omitted value would remove nobody.
    expect(applyMembers([ALICE, BOB], []).removed).toEqual([ALICE, BOB]);
    expect(applyMembers([ALICE, BOB], undefined).removed).toEqual([]);
  });

  it('is authoritative: someone added by hand in the portal is removed at the next apply, nobody else is touched', () => {
    const desired = membersOf(synth(members, FILE).json);
    const HAND = 'ffffffff-0000-4000-8000-00000000000f';
    const graph = [BOB, HAND, OID, ALICE];
    expect(planMembers(graph, desired).changed).toBe(true);
    expect(applyMembers(graph, desired)).toEqual({ removed: [HAND], added: [], after: [BOB, OID, ALICE] });
    // And the next plan is clean.
    expect(planMembers([BOB, OID, ALICE], desired).changed).toBe(false);
  });

  it('resolves UPNs with one azuread_users lookup; a member Entra does not know is left out and named in a check (a warning), not a failed plan', () => {
    const { json } = synth(members, FILE);
    const lookups = Object.entries(json.data.azuread_users) as [string, Record<string, any>][];
    expect(lookups).toHaveLength(1);
    const [[name, lookup]] = lookups;
    expect(lookup).toEqual({ user_principal_names: ['alice@example.com', 'bob@example.com'], ignore_missing: true });
    const [check] = Object.values(json.check) as Record<string, any>[];
    expect(check!.assert).toEqual([
      {
        condition: `\${(length(data.azuread_users.${name}.users) == 2)}`,
        error_message:
          'zones/pay/z1.yaml: members: not found in Entra ID (account deleted or renamed?), left out: ' +
          `\${join(", ", setsubtract(["alice@example.com", "bob@example.com"], [ for key, val in toset(data.azuread_users.${name}.users): lower(val.user_principal_name)]))}. ` +
          'They are not in the group; remove them from the zone file.',
      },
    ]);
  });

  it('expiry at --at boundaries: the last day is included, the day after excluded', () => {
    const on = (at: string) => membersOf(synth(members, FILE, at).json)!.sort();
    expect(on('2026-06-30')).toEqual([OID, ALICE, BOB].sort());
    expect(on('2026-07-01')).toEqual([OID, BOB].sort());
    expect(on('2026-12-31')).toEqual([OID, BOB].sort());
    expect(on('2027-01-01')).toEqual([BOB]);
  });

  it("adding one member changes exactly one resource (the group's members), and the provider adds exactly that member", () => {
    const before = synth(members, FILE).json;
    /** Every resource and data source by address, with the group's members as Terraform evaluates them. */
    const flat = (j: Record<string, any>) =>
      new Map(
        (['resource', 'data'] as const).flatMap((kind) =>
          Object.entries(j[kind] ?? {}).flatMap(([type, rs]) =>
            Object.entries(rs as Record<string, any>).map(([n, r]) => {
              const args =
                type === 'azuread_group' ? { ...r, members: evaluateMembers(r.members, j, DIRECTORY)!.sort() } : r;
              return [`${kind === 'data' ? 'data.' : ''}${type}.${n}`, JSON.stringify(args)] as const;
            }),
          ),
        ),
      );
    const diff = (j: Record<string, any>) => {
      const a = flat(before);
      const b = flat(j);
      return {
        added: [...b.keys()].filter((k) => !a.has(k)),
        removed: [...a.keys()].filter((k) => !b.has(k)),
        changed: [...a.keys()].filter((k) => b.has(k) && a.get(k) !== b.get(k)),
      };
    };
    // aaron (a UPN) sorts first, and an object id sorts before the others: anything positional
    // would shift everyone else.
    for (const [user, id] of [
      ['aaron@example.com', DIRECTORY['aaron@example.com']],
      ['00000000-0000-4000-8000-0000000000aa', '00000000-0000-4000-8000-0000000000aa'],
    ] as const) {
      const after = synth([{ user }, ...members], FILE).json;
      const { added, removed, changed } = diff(after);
      expect(added).toEqual([]);
      expect(removed).toEqual([]);
      // The group (its evaluated members), plus the lookup that resolves a new UPN (a data source:
      // read at every plan anyway, nothing is created or destroyed for it).
      expect(changed.filter((k) => !k.startsWith('data.'))).toEqual([
        expect.stringMatching(/^azuread_group\.z1_group_/),
      ]);
      expect(changed.filter((k) => k.startsWith('data.'))).toEqual(
        user.includes('@') ? [expect.stringMatching(/^data\.azuread_users\.z1_membership_member-lookup_/)] : [],
      );
      // Of the group, only `members` changed.
      const g0 = groupOf(before);
      expect({ ...groupOf(after), members: g0.members }).toEqual(g0);
      // At the provider level (group_resource.go:1091-1123, against Graph holding the old members):
      // one Graph call, adding that person; nobody removed.
      const graph = membersOf(before)!;
      expect(applyMembers(graph, membersOf(after))).toEqual({ removed: [], added: [id], after: [...graph, id] });
    }
    // Removing one person (bob, a UPN; then the object id): the group's members lose exactly that
    // person, and the provider removes exactly that person.
    for (const [user, id] of [
      ['bob@example.com', BOB],
      [OID, OID],
    ] as const) {
      const after = synth(
        members.filter((m) => m.user !== user),
        FILE,
      ).json;
      const { added, removed, changed } = diff(after);
      expect(added).toEqual([]);
      expect(removed).toEqual([]);
      expect(changed.filter((k) => !k.startsWith('data.'))).toEqual([
        expect.stringMatching(/^azuread_group\.z1_group_/),
      ]);
      const graph = membersOf(before)!;
      expect(applyMembers(graph, membersOf(after))).toEqual({
        removed: [id],
        added: [],
        after: graph.filter((x) => x !== id),
      });
    }
  });

  it("needs the group resource when used on its own (it sets that group's members)", () => {
    const stack = new TerraformStack(Testing.app(), 's');
    expect(
      () =>
        new ZoneMembership(stack, 'm', {
          zone: { name: 'z', owners: [], members: [] },
          group: { objectId: OID, displayName: 'g' },
          membership: FILE,
          at: '2026-06-30',
        }),
    ).toThrow(/file mode needs group.resource/);
  });

  it('refuses a member whose user is not an Entra UPN, since it is written into an expression', () => {
    expect(() => synth([{ user: 'a"b@example.com' }], FILE)).toThrow(/must be an Entra UPN/);
  });
});

describe('access-package mode', () => {
  const { json } = synth([], PACKAGE, '2026-06-30', ['owner@example.com', '0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D']);
  const one = (type: string) => {
    const rs = Object.values(json.resource[type] ?? {}) as Record<string, any>[];
    expect(rs).toHaveLength(1);
    return rs[0];
  };

  it("leaves the group's members to Governance: no members argument, no group member resources", () => {
    expect(groupOf(json)).not.toHaveProperty('members');
    expect(json.resource.azuread_group_member).toBeUndefined();
  });

  it('puts the group in the department catalog as a resource (AadGroup, bare object id)', () => {
    const assoc = one('azuread_access_package_resource_catalog_association');
    expect(assoc.catalog_id).toMatch(REF('azuread_access_package_catalog', 'id'));
    expect(assoc.resource_origin_id).toMatch(REF('azuread_group', 'object_id'));
    expect(assoc.resource_origin_system).toBe('AadGroup');
  });

  it('adds an access package with the group as its member-role resource', () => {
    const pkg = one('azuread_access_package');
    expect(pkg.catalog_id).toMatch(REF('azuread_access_package_catalog', 'id'));
    expect(pkg.display_name).toBe('entigo-zone-z1');
    const link = one('azuread_access_package_resource_package_association');
    expect(link.access_package_id).toMatch(REF('azuread_access_package', 'id'));
    // {catalogId}/{originId}: exactly the catalog association's id (parse/..._catalog_association_id.go l.18-20).
    expect(link.catalog_resource_association_id).toMatch(
      REF('azuread_access_package_resource_catalog_association', 'id'),
    );
    expect(link.access_type).toBe('Member');
  });

  it('has an assignment policy: requestors, approval by the owners, maximum duration, review', () => {
    const policy = one('azuread_access_package_assignment_policy');
    expect(policy.access_package_id).toMatch(REF('azuread_access_package', 'id'));
    expect(policy.duration_in_days).toBe(90);
    expect(policy.requestor_settings).toEqual({
      requests_accepted: true,
      scope_type: 'AllExistingDirectoryMemberUsers',
    });
    const stage = policy.approval_settings.approval_stage[0];
    expect(policy.approval_settings.approval_required).toBe(true);
    expect(stage.approval_timeout_in_days).toBe(14);
    // The owners given by id, then those the lookup found by UPN (a departed one is left out).
    expect(stage.dynamic.primary_approver).toEqual({
      for_each: expect.stringMatching(
        /^\$\{concat\(\["0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"\], \[ for key, val in toset\(data\.azuread_users\.[A-Za-z0-9_-]+\.users\): lower\(val\.object_id\)\]\)\}$/,
      ),
      content: { subject_type: 'SingleUser', object_id: '${primary_approver.value}' },
    });
    expect(stage).not.toHaveProperty('primary_approver');
    expect(policy.assignment_review_settings).toMatchObject({
      enabled: true,
      review_frequency: 'quarterly',
      review_type: 'Reviewers',
      access_review_timeout_behavior: 'removeAccess',
      duration_in_days: 14,
    });
    expect(policy.assignment_review_settings.dynamic.reviewer).toEqual({
      ...stage.dynamic.primary_approver,
      content: { subject_type: 'SingleUser', object_id: '${reviewer.value}' },
    });
    expect(policy.depends_on).toEqual([
      expect.stringMatching(/^azuread_access_package_resource_package_association\./),
    ]);
  });

  it('limits requestors to groups when configured', () => {
    const groups: MembershipSettings = {
      mode: 'access-package',
      accessPackage: { ...PACKAGE.accessPackage, requestors: ['11111111-2222-4333-8444-555555555555'] },
    };
    const policy = Object.values(
      synth([], groups, '2026-06-30', ['owner@example.com']).json.resource.azuread_access_package_assignment_policy,
    )[0] as Record<string, any>;
    expect(policy.requestor_settings).toEqual({
      requests_accepted: true,
      scope_type: 'SpecificDirectorySubjects',
      requestor: [{ subject_type: 'GroupMembers', object_id: '11111111-2222-4333-8444-555555555555' }],
    });
  });

  it('needs owners to approve, and the catalog', () => {
    expect(() => synth([], PACKAGE, '2026-06-30', [])).toThrow(
      /approved by the zone's owners, but this zone has no owners/,
    );
    const { platform, zone } = sampleSpec();
    const app = new App();
    const stack = new TerraformStack(app, 's');
    const aws = new TerraformStack(app, 'aws');
    expect(
      () =>
        new ZoneAccess({
          zone: { ...zone, owners: ['o@example.com'] },
          platform,
          entraScope: stack,
          awsScope: aws,
          membership: PACKAGE,
        }),
    ).toThrow(/needs catalogId/);
  });

  it('the catalog: tenant-internal, published', () => {
    expect(one('azuread_access_package_catalog')).toEqual({
      display_name: 'Zone Access: pay',
      description: "Zone Access: the access packages of department pay's zones",
      externally_visible: false,
      published: true,
    });
  });
});
