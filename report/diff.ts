import { groupDisplayName, permissionSetDescription, permissionSetName, stackNames } from '../model/names';
import type { PermissionsBoundaryRef, PlatformConfig, Zone, ZoneAccount, ZoneTree } from '../model/types';
import { actionGrants } from '../policies/grants';
import { renderPolicy, zonePolicy } from '../policies/zone-policy';
import {
  REPORT_FORMAT_VERSION,
  type ZoneChangeKind,
  type AccountRef,
  type SetDelta,
  type ScopeChange,
  type FieldChange,
  type ZoneReport,
  type DepartmentChangeKind,
  type DepartmentReport,
  type AccessReport,
} from './contract';
import { hasMembershipChanges, membershipReport, peopleSummary } from './people';
import { replacementsOf } from './replacements';
import { ZONE_SETTINGS, type ZoneSettingKey } from './zone-attributes';

/**
 * The access report: what a change to the zone tree (main's tree → a pull request's tree) does to
 * who may do what, zone by zone, and which changes replace resources instead of updating them.
 *
 * Pure: two validated trees in, one plain, deterministic, JSON-ready value out. The shapes (the JSON
 * contract) are in `contract.ts`, the replacement rules in `replacements.ts`, how presets grant
 * actions in `policies/grants.ts` (shared with the policy writer's catalog); renderers live in
 * `render-markdown.ts` and `render-json.ts`.
 */

export * from './contract';

/** Compares two validated trees. */
export function diffTrees(base: ZoneTree, head: ZoneTree): AccessReport {
  const baseByName = new Map(base.zones.map((z) => [z.name, z]));
  const headByName = new Map(head.zones.map((z) => [z.name, z]));
  const removed = base.zones.filter((z) => !headByName.has(z.name));
  const added = head.zones.filter((z) => !baseByName.has(z.name));
  const renames = pairRenames(removed, added);
  const renamedFrom = new Set([...renames.values()].map((z) => z.name));

  const zones: ZoneReport[] = [];
  for (const zone of head.zones) {
    const before = baseByName.get(zone.name);
    const renamedFromZone = renames.get(zone.name);
    const at = { base: base.at, head: head.at };
    if (before) {
      const report = compareZones(
        before,
        base.config,
        zone,
        head.config,
        before.department === zone.department ? 'changed' : 'moved',
        at,
      );
      if (isListed(report)) zones.push(report);
    } else if (renamedFromZone) {
      zones.push(compareZones(renamedFromZone, base.config, zone, head.config, 'renamed', at));
    } else {
      zones.push(onlyOneSide(zone, head.config, 'added', head.at));
    }
  }
  for (const zone of removed) {
    if (!renamedFrom.has(zone.name)) zones.push(onlyOneSide(zone, base.config, 'removed', base.at));
  }
  zones.sort((a, b) => cmp(a.zone, b.zone) || cmp(a.change, b.change));

  const count = (kind: ZoneChangeKind) => zones.filter((z) => z.change === kind).length;
  const departments = diffDepartments(base, head);
  const people = peopleSummary(
    head.at,
    zones.map((z) => ({
      zone: z.zone,
      membership: z.membership,
      accessGained: z.change !== 'added' && (z.accounts.gained.length > 0 || z.actions.gained.length > 0),
      accessLost: z.change !== 'removed' && (z.accounts.lost.length > 0 || z.actions.lost.length > 0),
    })),
  );
  return {
    version: REPORT_FORMAT_VERSION,
    people,
    summary: {
      base: base.zones.length,
      head: head.zones.length,
      added: count('added'),
      removed: count('removed'),
      changed: count('changed'),
      moved: count('moved'),
      renamed: count('renamed'),
      replacements: zones.filter((z) => z.replacements.length > 0).length,
      departmentRevocations: departments.filter((d) => d.zonesRevoked.length > 0 || d.change === 'retired').length,
      unsafe: departments.filter((d) => d.unsafe).length,
    },
    departments,
    platform: diffConfig(base.config, head.config),
    zones,
  };
}

// ---------------------------------------------------------------------------------------------
// Departments

function diffDepartments(base: ZoneTree, head: ZoneTree): DepartmentReport[] {
  const baseDeclared = base.config.departments;
  const headDeclared = head.config.departments;
  const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  const headZoneNames = new Set(head.zones.map((z) => z.name));
  const out: DepartmentReport[] = [];
  for (const department of [...new Set([...Object.keys(baseDeclared), ...Object.keys(headDeclared)])].sort()) {
    const baseZones = base.zones.filter((z) => z.department === department);
    const headZones = head.zones.filter((z) => z.department === department);
    // A zone that moved to another department keeps its access (reported as moved), not revoked.
    const revoked = baseZones.filter((z) => !headZoneNames.has(z.name));
    const inHead = has(headDeclared, department);
    let change: DepartmentChangeKind | undefined;
    if (!has(baseDeclared, department)) change = 'declared';
    else if (!inHead) change = 'undeclared';
    else if (headDeclared[department].retired && !baseDeclared[department].retired) change = 'retired';
    else if (baseZones.length > 0 && headZones.length === 0) change = 'emptied';
    if (!change) continue;

    // Under single sharding every department shares one pair of stacks, which stays synthesized.
    const config = inHead ? head.config : base.config;
    const stacks = stackNames(department, config);
    const ownStacks = config.sharding === 'department';
    const unsafe = change === 'undeclared' && ownStacks && revoked.length > 0;
    const accounts = new Map<string, AccountRef>();
    for (const zone of revoked)
      for (const a of zone.accounts) if (!accounts.has(a.id)) accounts.set(a.id, accountRef(a));
    out.push({
      department,
      change,
      stacks,
      zonesRevoked: revoked.map((z) => z.name).sort(),
      accountsRevoked: [...accounts.values()].sort((a, b) => cmp(a.id, b.id)),
      action: departmentAction(change, stacks, ownStacks, revoked.length > 0),
      unsafe,
    });
  }
  return out;
}

function departmentAction(
  change: DepartmentChangeKind,
  stacks: { entra: string; aws: string },
  ownStacks: boolean,
  revokes: boolean,
): string {
  const both = `${stacks.entra} and ${stacks.aws}`;
  switch (change) {
    case 'declared':
      return `new stacks ${both} are applied with the others`;
    case 'emptied':
      return revokes
        ? `apply ${both} (now empty): destroys the access of its removed zones`
        : `apply ${both} (now empty) after moving its zones' state (zone-access docs/deploy.md, "Moving a zone between shards")`;
    case 'retired':
      return `apply ${both} (empty while retired), or terraform destroy both; once that succeeded, delete the department from departments: in the platform config`;
    case 'undeclared':
      if (!ownStacks) return `apply ${both}: its zones' resources leave the shared stacks`;
      return revokes
        ? `UNSAFE: ${both} are no longer synthesized, so nothing destroys the access of its zones. Restore the entry with retired: true, apply, then delete it`
        : `${both} are no longer synthesized; make sure they were applied empty (or destroyed) while the department was retired`;
  }
}

// ---------------------------------------------------------------------------------------------
// Zones

function isListed(r: ZoneReport): boolean {
  return (
    r.change !== 'changed' ||
    [r.accounts, r.presets, r.actions, r.policies].some((d) => d.gained.length > 0 || d.lost.length > 0) ||
    r.rescoped.length > 0 ||
    r.inPlace.length > 0 ||
    r.replacements.length > 0 ||
    hasMembershipChanges(r.membership)
  );
}

/** An added zone gains everything it grants; a removed zone loses everything it granted. */
function onlyOneSide(zone: Zone, config: PlatformConfig, change: 'added' | 'removed', at: string): ZoneReport {
  const all = <T>(values: readonly T[]): SetDelta<T> =>
    change === 'added' ? { gained: values, lost: [] } : { gained: [], lost: values };
  return {
    zone: zone.name,
    change,
    department: zone.department,
    permissionSet: permissionSetName(zone, config),
    stacks: stackNames(zone.department, config),
    accounts: all(zone.accounts.map(accountRef)),
    presets: all([...zone.access]),
    actions: all([...actionGrants(zone, config).values()].map((g) => g.action)),
    rescoped: [],
    policies: all(policyLabels(zone)),
    inPlace: [],
    settings: ZONE_SETTINGS.map((field) => {
      const value = settingValue(zone, field);
      return value === undefined ? { field } : { field, value };
    }),
    replacements: [],
    membership:
      change === 'added'
        ? membershipReport(undefined, { zone, config }, { base: at, head: at }, { gained: true, lost: false })
        : membershipReport({ zone, config }, undefined, { base: at, head: at }, { gained: false, lost: true }),
  };
}

function compareZones(
  before: Zone,
  baseConfig: PlatformConfig,
  after: Zone,
  headConfig: PlatformConfig,
  change: ZoneChangeKind,
  at: { base: string; head: string },
): ZoneReport {
  const baseGrants = actionGrants(before, baseConfig);
  const headGrants = actionGrants(after, headConfig);
  const actions: SetDelta<string> = {
    gained: [...headGrants.entries()].filter(([key]) => !baseGrants.has(key)).map(([, g]) => g.action),
    lost: [...baseGrants.entries()].filter(([key]) => !headGrants.has(key)).map(([, g]) => g.action),
  };
  const rescoped: ScopeChange[] = [];
  for (const [key, g] of headGrants) {
    const b = baseGrants.get(key);
    if (b && !sameList(b.grants, g.grants)) rescoped.push({ action: g.action, base: b.grants, head: g.grants });
  }

  const baseStacks = stackNames(before.department, baseConfig);
  const headStacks = stackNames(after.department, headConfig);
  const basePs = permissionSetName(before, baseConfig);
  const headPs = permissionSetName(after, headConfig);
  const baseGroup = groupDisplayName(before, baseConfig);
  const headGroup = groupDisplayName(after, headConfig);

  const replacements = replacementsOf({
    before,
    baseConfig,
    after,
    headConfig,
    change,
    basePs,
    headPs,
    baseGroup,
    headGroup,
    baseStacks,
    headStacks,
  });

  const inPlace: FieldChange[] = [];
  const field = (name: string, a: unknown, b: unknown, note?: string) => {
    if (!sameValue(a, b))
      inPlace.push({
        field: name,
        ...(a === undefined ? {} : { base: a }),
        ...(b === undefined ? {} : { head: b }),
        ...(note ? { note } : {}),
      });
  };
  if (change !== 'renamed')
    field('group', baseGroup, headGroup, 'the Entra group is renamed in place; SCIM renames it in the Identity Store');
  if (
    before.department !== after.department &&
    baseStacks.aws === headStacks.aws &&
    baseStacks.entra === headStacks.entra
  ) {
    field(
      'department',
      before.department,
      after.department,
      `same stacks (${headStacks.entra} / ${headStacks.aws}): nothing is re-created`,
    );
  }
  // Every setting of the model (report/zone-attributes.ts); owners and members are reported with the people.
  for (const key of ZONE_SETTINGS) field(key, settingValue(before, key), settingValue(after, key));
  const sameGrants = actions.gained.length === 0 && actions.lost.length === 0 && rescoped.length === 0;
  if (sameGrants && sameList(before.access, after.access) && !samePolicyInputs(baseConfig, headConfig)) {
    // Same presets and actions, different document: the conditions changed (zone tag key, secret name prefix).
    const baseDoc = renderPolicy(zonePolicy({ name: after.name, access: before.access }, baseConfig));
    const headDoc = renderPolicy(zonePolicy(after, headConfig));
    if (baseDoc !== headDoc)
      inPlace.push({
        field: 'inlinePolicy',
        note: 'the same actions under different conditions (zone tag key or secret name prefix)',
      });
  }

  return {
    zone: after.name,
    change,
    department: after.department,
    ...(change === 'renamed' || change === 'moved'
      ? { previous: { zone: before.name, department: before.department } }
      : {}),
    permissionSet: headPs,
    stacks: headStacks,
    accounts: delta(before.accounts.map(accountRef), after.accounts.map(accountRef), (a) => a.id),
    presets: delta(before.access, after.access, (p) => p),
    actions,
    rescoped,
    policies: delta(policyLabels(before), policyLabels(after), (p) => p),
    inPlace,
    settings: [],
    replacements,
    membership: membershipReport({ zone: before, config: baseConfig }, { zone: after, config: headConfig }, at, {
      gained: actions.gained.length > 0 || after.accounts.some((a) => !before.accounts.some((b) => b.id === a.id)),
      lost: actions.lost.length > 0 || before.accounts.some((b) => !after.accounts.some((a) => a.id === b.id)),
    }),
  };
}

/**
 * Likely renames: a removed zone and an added zone in the same department whose content is
 * identical except for the name. Paired only when the match is unique both ways.
 */
function pairRenames(removed: readonly Zone[], added: readonly Zone[]): Map<string, Zone> {
  const byFingerprint = (zones: readonly Zone[]) => {
    const m = new Map<string, Zone[]>();
    for (const z of zones) m.set(fingerprint(z), [...(m.get(fingerprint(z)) ?? []), z]);
    return m;
  };
  const removedBy = byFingerprint(removed);
  const addedBy = byFingerprint(added);
  const pairs = new Map<string, Zone>();
  for (const [print, adds] of addedBy) {
    const removes = removedBy.get(print);
    if (adds.length === 1 && removes?.length === 1) pairs.set(adds[0].name, removes[0]);
  }
  return pairs;
}

/** Everything a zone file says, except its name (and where it was read from). */
function fingerprint(zone: Zone): string {
  const { name: _name, source: _source, positions: _positions, accounts, ...content } = zone;
  return canonicalJson({ ...content, accounts: accounts.map((a) => a.id) });
}

// ---------------------------------------------------------------------------------------------
// Platform config

/** What a changed config value means for the zones, by field prefix. */
const CONFIG_NOTES: readonly (readonly [string, string])[] = [
  ['access.presets.', 'preset definition; the zones using it list the actions they gain or lose'],
  ['names.permissionSetPrefix', 'renames every permission set, which replaces it'],
  ['names.groupPrefix', 'renames every Entra group in place'],
  ['zoneTagKey', 'changes the condition of every inline policy and the tag on every permission set'],
  ['sharding', 'moves zones to other stacks'],
  ['identityCenter.instanceArn', 're-creates every permission set in the new instance'],
  ['identityCenter.startUrl', "only CLI profiles and the access map's sign-in links use it; nothing deployed changes"],
  ['backend', 'stacks read and write their state elsewhere; move the state first'],
  ['protection.preventDestroy', 'whether permission sets may be destroyed or replaced'],
  ['audit.', 'only zone-access audit reads it; nothing deployed changes'],
  [
    'entra.appRoles',
    'the app role every zone group is assigned with; each assignment is replaced, create before destroy',
  ],
  [
    'entra.retiredAppRoles',
    "set: step 1 of switching entra.appRoles, the old mode's app roles stay while every group moves to the new one; " +
      'removed: step 2, deletes them, safe once step 1 was deployed; see zone-access docs/entra.md',
  ],
];

/**
 * Config changes the pipeline would apply unsafely, by field. Switching `entra.appRoles` in one run
 * deletes the old roles (stack entra-app-roles) while the department stacks still hold assignments
 * with them, so groups drop out of SCIM's scope and are deprovisioned: the switch keeps the old mode
 * in `entra.retiredAppRoles` for one deployment (docs/entra.md).
 */
function unsafeConfigChanges(base: PlatformConfig, head: PlatformConfig): Map<string, string> {
  const out = new Map<string, string>();
  if (base.entra.appRoles !== head.entra.appRoles && head.entra.retiredAppRoles !== base.entra.appRoles)
    out.set(
      'entra.appRoles',
      `switching in one run deletes the ${base.entra.appRoles} app roles while groups are still assigned with them, and SCIM deprovisions those groups; set entra.retiredAppRoles: ${base.entra.appRoles} in this change and remove it after the deployment (zone-access docs/entra.md)`,
    );
  return out;
}

/** Leaf paths of the config that changed; arrays and each access preset compare as one value. */
function diffConfig(base: PlatformConfig, head: PlatformConfig): FieldChange[] {
  const out: FieldChange[] = [];
  const unsafe = unsafeConfigChanges(base, head);
  const walk = (path: string[], a: unknown, b: unknown) => {
    const atomic =
      Array.isArray(a) || Array.isArray(b) || (path[0] === 'access' && path[1] === 'presets' && path.length === 3);
    if (!atomic && isPlainObject(a) && isPlainObject(b)) {
      for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort())
        walk([...path, key], a[key], b[key]);
      return;
    }
    if (sameValue(a, b)) return;
    const field = path.join('.');
    const note = CONFIG_NOTES.find(([prefix]) => field.startsWith(prefix))?.[1];
    const hazard = unsafe.get(field);
    out.push({
      field,
      ...(a === undefined ? {} : { base: a }),
      ...(b === undefined ? {} : { head: b }),
      ...(note ? { note } : {}),
      ...(hazard ? { unsafe: hazard } : {}),
    });
  };
  // Departments are reported on their own (diffDepartments), with what to apply.
  const { source: _b, departments: _bd, ...baseRest } = base;
  const { source: _h, departments: _hd, ...headRest } = head;
  walk([], baseRest, headRest);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** A setting as it is deployed: the description with its default filled in, the others as the model holds them. */
function settingValue(zone: Zone, key: ZoneSettingKey): unknown {
  return key === 'description' ? permissionSetDescription(zone) : zone[key];
}

function accountRef(a: ZoneAccount): AccountRef {
  return a.name ? { id: a.id, name: a.name } : { id: a.id };
}

function policyLabels(zone: Zone): string[] {
  return [
    ...zone.managedPolicies.map((arn) => `managed ${arn}`),
    ...zone.customerManagedPolicies.map((p) => `customer-managed ${p.path}${p.name}`),
    ...(zone.permissionsBoundary ? [`boundary ${boundaryLabel(zone.permissionsBoundary)}`] : []),
  ].sort();
}

function boundaryLabel(b: PermissionsBoundaryRef): string {
  return b.kind === 'managed' ? b.arn : `customer-managed ${b.path}${b.name}`;
}

function delta<T>(before: readonly T[], after: readonly T[], key: (v: T) => string): SetDelta<T> {
  const beforeKeys = new Set(before.map(key));
  const afterKeys = new Set(after.map(key));
  const sorted = (vs: T[]) => vs.sort((x, y) => cmp(key(x), key(y)));
  return {
    gained: sorted(after.filter((v) => !beforeKeys.has(key(v)))),
    lost: sorted(before.filter((v) => !afterKeys.has(key(v)))),
  };
}

/** Whether everything besides the zone that goes into its inline policy is the same. */
function samePolicyInputs(a: PlatformConfig, b: PlatformConfig): boolean {
  return sameValue([a.zoneTagKey, a.secrets, a.access.presets], [b.zoneTagKey, b.secrets, b.access.presets]);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** JSON with object keys sorted, so equal values always render the same. */
function canonicalJson(value: unknown): string {
  return (
    JSON.stringify(value, (_, v: unknown) =>
      isPlainObject(v)
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, v[k]]),
          )
        : v,
    ) ?? 'undefined'
  );
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
