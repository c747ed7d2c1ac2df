import { Testing } from 'cdktf';
import type { AppRoleMode, ZoneTree } from '../../model/types';
import { platformConfigWarnings } from '../../model/load-platform-config';
import { loadTree } from '../../pipeline/load';
import { addZoneStacks } from '../../stacks/zone-stacks';
import { checkStack } from '../support/azuread-provider-rules';
import { baseConfig, writeTree, zoneDoc } from '../support/tree';

/**
 * Switching `entra.appRoles` keeps every group assigned throughout. The Entra stacks cannot be
 * applied here (no azuread binary), so each deployment run is replayed from the synthesized JSON
 * with Terraform's documented order: `entra-app-roles` first (creates, then deletes roles), then each
 * department stack, where a changed `app_role_id` replaces the assignment (ForceNew:
 * approleassignments/app_role_assignment_resource.go:60-66 at azuread v3.7.0), deleting the old one
 * first unless the resource sets `lifecycle.create_before_destroy`
 * (https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle). After every step
 * each group must hold an assignment whose role exists: that is what keeps it in SCIM's scope.
 */

interface Run {
  readonly roles: ReadonlySet<string>;
  /** Zone → the role id its group is assigned with, and whether the assignment is created before it is destroyed. */
  readonly assignments: ReadonlyMap<string, { roleId: string; createBeforeDestroy: boolean }>;
}

function tree(appRoles: AppRoleMode, retiredAppRoles?: AppRoleMode): ZoneTree {
  const config = baseConfig();
  config.entra = { ...(config.entra as object), appRoles, ...(retiredAppRoles ? { retiredAppRoles } : {}) };
  const { zonesDir, configPath } = writeTree({
    config,
    zones: {
      'a/one.yaml': zoneDoc('one', 'a'),
      'a/two.yaml': zoneDoc('two', 'a'),
      'b/three.yaml': zoneDoc('three', 'b'),
    },
  });
  const { tree: t, diagnostics } = loadTree({ zonesDir, configPath });
  if (!t) throw new Error(JSON.stringify(diagnostics));
  return t;
}

function synth(t: ZoneTree): Run {
  const { appRoles, shards } = addZoneStacks(Testing.app({ stackTraces: false }), t);
  const rolesJson = JSON.parse(Testing.synth(appRoles));
  expect(checkStack(rolesJson).errors).toEqual([]);
  const roles = new Set(
    Object.values<{ role_id: string }>(rolesJson.resource.azuread_application_app_role).map((r) => r.role_id),
  );
  const assignments = new Map<string, { roleId: string; createBeforeDestroy: boolean }>();
  for (const pair of shards.values()) {
    const json = JSON.parse(Testing.synth(pair.entra));
    expect(checkStack(json).errors).toEqual([]);
    for (const [name, a] of Object.entries<Record<string, any>>(json.resource.azuread_app_role_assignment ?? {})) {
      assignments.set(name.split('_')[0]!, {
        roleId: a.app_role_id,
        createBeforeDestroy: a.lifecycle?.create_before_destroy === true,
      });
    }
  }
  return { roles, assignments };
}

/** Live state: the application's roles, and per group the roles it is assigned with. */
interface Live {
  roles: Set<string>;
  assigned: Map<string, Set<string>>;
}

/** Applies one run to `live`, checking after every step that each group holds an assignment whose role exists; returns the violations. */
function apply(live: Live, run: Run): string[] {
  const violations: string[] = [];
  const check = (step: string) => {
    for (const [zone, roles] of live.assigned) {
      if (![...roles].some((r) => live.roles.has(r)))
        violations.push(`${step}: ${zone} is not assigned with any existing role`);
    }
  };
  // entra-app-roles: new roles, then the removed ones.
  for (const r of run.roles) live.roles.add(r);
  check('entra-app-roles created its roles');
  for (const r of [...live.roles]) if (!run.roles.has(r)) live.roles.delete(r);
  check('entra-app-roles deleted its old roles');
  // Department stacks: each assignment kept, or replaced.
  for (const [zone, want] of run.assignments) {
    const current = live.assigned.get(zone) ?? new Set<string>();
    live.assigned.set(zone, current);
    if (current.size === 1 && current.has(want.roleId)) continue;
    if (current.size === 0) {
      current.add(want.roleId);
    } else if (want.createBeforeDestroy) {
      current.add(want.roleId);
      check(`${zone}: new assignment created`);
      for (const r of [...current]) if (r !== want.roleId) current.delete(r);
    } else {
      current.clear();
      check(`${zone}: old assignment destroyed`);
      current.add(want.roleId);
    }
    check(`${zone}: replaced`);
  }
  return violations;
}

describe.each([
  ['per-zone', 'shared'],
  ['shared', 'per-zone'],
] as const)('switching entra.appRoles from %s to %s', (from, to) => {
  const before = synth(tree(from));
  const during = synth(tree(to, from));
  const after = synth(tree(to));

  it('step one keeps the old roles and assigns every group with the new one, created before the old assignment is destroyed', () => {
    expect([...before.roles].every((r) => during.roles.has(r))).toBe(true);
    expect([...after.roles].every((r) => during.roles.has(r))).toBe(true);
    for (const [zone, a] of during.assignments) {
      expect({ zone, ...a }).toEqual({ zone, roleId: after.assignments.get(zone)!.roleId, createBeforeDestroy: true });
    }
  });

  it('the two runs keep every group assigned with an existing role at every step', () => {
    const live: Live = { roles: new Set(), assigned: new Map() };
    expect(apply(live, before)).toEqual([]);
    expect(apply(live, during)).toEqual([]);
    expect(apply(live, after)).toEqual([]);
    expect(live.roles).toEqual(after.roles);
    expect([...live.assigned.values()].map((s) => [...s])).toEqual(
      [...after.assignments.values()].map((a) => [a.roleId]),
    );
  });

  it('switching in one run would not (which is why the mode switched away from is retired in a later run)', () => {
    const live: Live = { roles: new Set(), assigned: new Map() };
    apply(live, before);
    expect(apply(live, after)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/entra-app-roles deleted its old roles: .* is not assigned with any existing role/),
      ]),
    );
  });
});

describe('entra.retiredAppRoles', () => {
  it('validate warns while it is set, so the second run is not forgotten', () => {
    const warnings = platformConfigWarnings(tree('shared', 'per-zone').config).filter(
      (w) => w.field === 'entra.retiredAppRoles',
    );
    expect(warnings).toEqual([
      expect.objectContaining({
        severity: 'warning',
        code: 'app-roles-retiring',
        hint: expect.stringContaining('remove entra.retiredAppRoles'),
      }),
    ]);
    expect(platformConfigWarnings(tree('shared').config).filter((w) => w.field === 'entra.retiredAppRoles')).toEqual(
      [],
    );
  });

  it('the same mode as entra.appRoles is an error naming the field', () => {
    const config = baseConfig();
    config.entra = { ...(config.entra as object), appRoles: 'shared', retiredAppRoles: 'shared' };
    const { zonesDir, configPath } = writeTree({ config, zones: { 'a/one.yaml': zoneDoc('one', 'a') } });
    const { tree: t, diagnostics } = loadTree({ zonesDir, configPath });
    expect(t).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ field: 'entra.retiredAppRoles', code: 'invalid-value', line: expect.any(Number) }),
    ]);
  });
});
