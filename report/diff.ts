import { groupDisplayName, permissionSetName, stackNames } from '../model/names';
import type { PermissionsBoundaryRef, PlatformConfig, Zone, ZoneAccount, ZoneScope, ZoneTree } from '../model/types';
import { accessCatalog } from '../policies/catalog';
import { renderPolicy, zonePolicy } from '../policies/zone-policy';
import { hasMembershipChanges, membershipReport, peopleSummary, type PeopleSummary, type ZoneMembershipReport } from './people';

/**
 * The access report: what a change to the zone tree (main's tree → a pull request's tree) does to
 * who may do what, zone by zone, and which changes replace resources instead of updating them.
 *
 * Pure: two validated trees in, one plain, deterministic, JSON-ready value out. Renderers live in
 * `render-markdown.ts` and `render-json.ts`.
 */

/** Bump when a consumer of the JSON would have to change. */
export const REPORT_FORMAT_VERSION = 1;

export type ZoneChangeKind = 'added' | 'removed' | 'changed' | 'moved' | 'renamed';

export interface AccountRef {
  readonly id: string;
  /** The account map name, when the zone file used one. */
  readonly name?: string;
}

export interface SetDelta<T> {
  readonly gained: readonly T[];
  readonly lost: readonly T[];
}

/**
 * How an action is granted: the preset statement's scope, and its resources when not `*`:
 * `resource-tag` (resources of the zone), `request-tag` (creating resources tagged with the zone),
 * `none` (any resource; list/describe actions).
 */
export type Grant = ZoneScope | `${ZoneScope} on ${string}`;

/** An action granted on both sides, but under different scopes. */
export interface ScopeChange {
  readonly action: string;
  readonly base: readonly Grant[];
  readonly head: readonly Grant[];
}

/** An attribute updated in place (or, for `platform`, a config value that changed). */
export interface FieldChange {
  readonly field: string;
  /** Absent when the side has no value. */
  readonly base?: unknown;
  readonly head?: unknown;
  /** Why it matters, when the values alone do not say. */
  readonly note?: string;
}

export type ReplacementReason = 'rename' | 'stack-move' | 'permission-set-name' | 'instance';

/** A change Terraform applies by destroying and re-creating resources. */
export interface Replacement {
  readonly reason: ReplacementReason;
  readonly message: string;
}

export interface ZoneReport {
  /** The zone's name in head (in base, for a removed zone). */
  readonly zone: string;
  readonly change: ZoneChangeKind;
  /** The department in head (in base, for a removed zone). */
  readonly department: string;
  /** Name and department in base, for renamed and moved zones. */
  readonly previous?: { readonly zone: string; readonly department: string };
  readonly permissionSet: string;
  readonly stacks: { readonly entra: string; readonly aws: string };
  readonly accounts: SetDelta<AccountRef>;
  readonly presets: SetDelta<string>;
  /** `service:Action` names, expanded from the presets of the respective catalog. */
  readonly actions: SetDelta<string>;
  readonly rescoped: readonly ScopeChange[];
  /** Managed policies, customer-managed policies and the permissions boundary, as labels. */
  readonly policies: SetDelta<string>;
  readonly inPlace: readonly FieldChange[];
  readonly replacements: readonly Replacement[];
  /** Who gains or loses membership, expiry and owner changes, approval settings (report/people.ts). */
  readonly membership: ZoneMembershipReport;
}

/**
 * What happens to a department as a whole:
 * - `declared`: new in the platform config (its stacks appear).
 * - `emptied`: still declared, but it lost its last zone: applying its (now empty) stacks revokes.
 * - `retired`: marked `retired: true`: applying its empty stacks (or destroying them) revokes.
 * - `undeclared`: its entry was deleted from the config, so its stacks are no longer synthesized.
 *   Safe only once a retirement has been applied; with zones still deployed it orphans them.
 */
export type DepartmentChangeKind = 'declared' | 'emptied' | 'retired' | 'undeclared';

export interface DepartmentReport {
  readonly department: string;
  readonly change: DepartmentChangeKind;
  readonly stacks: { readonly entra: string; readonly aws: string };
  /** Zones of the department in base that are gone in head: each loses all access. */
  readonly zonesRevoked: readonly string[];
  /** Accounts where those zones' permission sets were assigned. */
  readonly accountsRevoked: readonly AccountRef[];
  /** What must run for the change to take effect. */
  readonly action: string;
  /**
   * True when the change cannot take effect through the pipeline: the department's stacks vanish
   * from the output while base still had zones in them, so nothing would ever destroy their access.
   */
  readonly unsafe: boolean;
}

export interface ReportSummary {
  /** Zones in each tree. */
  readonly base: number;
  readonly head: number;
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  readonly moved: number;
  readonly renamed: number;
  /** Zones with at least one replacement. */
  readonly replacements: number;
  /** Departments whose change revokes access (emptied, retired, undeclared with zones). */
  readonly departmentRevocations: number;
  /** Department changes that would orphan deployed access (see `DepartmentReport.unsafe`). */
  readonly unsafe: number;
}

export interface AccessReport {
  readonly version: typeof REPORT_FORMAT_VERSION;
  /** People who gain or lose access, over all zones: the report's first line. */
  readonly people: PeopleSummary;
  readonly summary: ReportSummary;
  /** Departments declared, emptied, retired or undeclared, sorted by name. */
  readonly departments: readonly DepartmentReport[];
  /** Platform config values that changed (they may affect every zone). */
  readonly platform: readonly FieldChange[];
  /** Only zones with a difference, sorted by name; unchanged zones are not listed. */
  readonly zones: readonly ZoneReport[];
}

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
      const report = compareZones(before, base.config, zone, head.config, before.department === zone.department ? 'changed' : 'moved', at);
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

/** True when the report has nothing to show: no zone and no platform value changed. */
export function isEmptyReport(report: AccessReport): boolean {
  return report.zones.length === 0 && report.platform.length === 0 && report.departments.length === 0;
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
    for (const zone of revoked) for (const a of zone.accounts) if (!accounts.has(a.id)) accounts.set(a.id, accountRef(a));
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
        : `apply ${both} (now empty) after moving its zones' state (README: Moving a zone between shards)`;
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
  const all = <T>(values: readonly T[]): SetDelta<T> => (change === 'added' ? { gained: values, lost: [] } : { gained: [], lost: values });
  return {
    zone: zone.name,
    change,
    department: zone.department,
    permissionSet: permissionSetName(zone, config),
    stacks: stackNames(zone.department, config),
    accounts: all(zone.accounts.map(accountRef)),
    presets: all([...zone.access]),
    actions: all([...grantsOf(zone, config).values()].map((g) => g.action)),
    rescoped: [],
    policies: all(policyLabels(zone)),
    inPlace: [],
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
  const baseGrants = grantsOf(before, baseConfig);
  const headGrants = grantsOf(after, headConfig);
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

  const replacements: Replacement[] = [];
  if (change === 'renamed') {
    replacements.push({
      reason: 'rename',
      message:
        `renaming zone ${before.name} to ${after.name} replaces the permission set ${basePs} with ${headPs}: every active session ends, ` +
        `the roles AWSReservedSSO_${basePs}_* are deleted and AWSReservedSSO_${headPs}_* created in each account, ` +
        `and the Entra group ${baseGroup} is deleted and ${headGroup} created without members (add them again).`,
    });
  } else if (basePs !== headPs) {
    replacements.push({
      reason: 'permission-set-name',
      message:
        `the permission set name changes from ${basePs} to ${headPs} (names.permissionSetPrefix); Identity Center cannot rename a permission set, ` +
        `so it is replaced: every active session ends and the AWSReservedSSO_* roles are re-created in each account` +
        (headConfig.protection.preventDestroy ? '; protection.preventDestroy is on, so the apply stops until it is lifted for this change.' : '.'),
    });
  }
  if (baseConfig.identityCenter.instanceArn !== headConfig.identityCenter.instanceArn) {
    replacements.push({
      reason: 'instance',
      message: `the Identity Center instance changes: the permission set and its account assignments are re-created in ${headConfig.identityCenter.instanceArn}.`,
    });
  }
  if (baseStacks.aws !== headStacks.aws || baseStacks.entra !== headStacks.entra) {
    replacements.push({
      reason: 'stack-move',
      message:
        `the zone moves from stacks ${baseStacks.entra} / ${baseStacks.aws} to ${headStacks.entra} / ${headStacks.aws}. ` +
        `Applied as is, Terraform destroys its group and permission set in the old stacks and creates them in the new ones ` +
        `(a replacement: sessions end, the group comes back without members), and the create fails while the old ones still hold the names. ` +
        `Move the Terraform state instead: see README, "Moving a zone between shards".`,
    });
  }

  const inPlace: FieldChange[] = [];
  const field = (name: string, a: unknown, b: unknown, note?: string) => {
    if (!sameValue(a, b)) inPlace.push({ field: name, ...(a === undefined ? {} : { base: a }), ...(b === undefined ? {} : { head: b }), ...(note ? { note } : {}) });
  };
  if (change !== 'renamed') field('group', baseGroup, headGroup, 'the Entra group is renamed in place; SCIM renames it in the Identity Store');
  if (before.department !== after.department && baseStacks.aws === headStacks.aws && baseStacks.entra === headStacks.entra) {
    field('department', before.department, after.department, `same stacks (${headStacks.entra} / ${headStacks.aws}): nothing is re-created`);
  }
  field('description', before.description, after.description);
  field('sessionDuration', before.sessionDuration, after.sessionDuration);
  // Owners are reported with the people (membership.owners).
  field('relayState', before.relayState, after.relayState);
  field('tags', before.tags, after.tags);
  const sameGrants = actions.gained.length === 0 && actions.lost.length === 0 && rescoped.length === 0;
  if (sameGrants && sameList(before.access, after.access) && !samePolicyInputs(baseConfig, headConfig)) {
    // Same presets and actions, different document: the conditions changed (zone tag key, secret name prefix).
    const baseDoc = renderPolicy(zonePolicy({ name: after.name, access: before.access }, baseConfig));
    const headDoc = renderPolicy(zonePolicy(after, headConfig));
    if (baseDoc !== headDoc) inPlace.push({ field: 'inlinePolicy', note: 'the same actions under different conditions (zone tag key or secret name prefix)' });
  }

  return {
    zone: after.name,
    change,
    department: after.department,
    ...(change === 'renamed' || change === 'moved' ? { previous: { zone: before.name, department: before.department } } : {}),
    permissionSet: headPs,
    stacks: headStacks,
    accounts: delta(before.accounts.map(accountRef), after.accounts.map(accountRef), (a) => a.id),
    presets: delta(before.access, after.access, (p) => p),
    actions,
    rescoped,
    policies: delta(policyLabels(before), policyLabels(after), (p) => p),
    inPlace,
    replacements,
    membership: membershipReport(
      { zone: before, config: baseConfig },
      { zone: after, config: headConfig },
      at,
      {
        gained: actions.gained.length > 0 || after.accounts.some((a) => !before.accounts.some((b) => b.id === a.id)),
        lost: actions.lost.length > 0 || before.accounts.some((b) => !after.accounts.some((a) => a.id === b.id)),
      },
    ),
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
// Actions

interface ActionGrants {
  /** The action as the catalog spells it. */
  readonly action: string;
  readonly grants: readonly Grant[];
}

/** Per config: the catalog, and the grants of each preset combination already expanded. */
const expanded = new WeakMap<PlatformConfig, { catalog: ReturnType<typeof accessCatalog>; grants: Map<string, Map<string, ActionGrants>> }>();

/** lower-cased action → how it is granted. IAM action names are case-insensitive. */
function grantsOf(zone: Pick<Zone, 'access'>, config: PlatformConfig): Map<string, ActionGrants> {
  let cache = expanded.get(config);
  if (!cache) {
    cache = { catalog: accessCatalog(config), grants: new Map() };
    expanded.set(config, cache);
  }
  const key = zone.access.join(',');
  let grants = cache.grants.get(key);
  if (!grants) {
    grants = expandGrants(zone.access, cache.catalog);
    cache.grants.set(key, grants);
  }
  return grants;
}

function expandGrants(access: readonly string[], catalog: ReturnType<typeof accessCatalog>): Map<string, ActionGrants> {
  const found = new Map<string, { action: string; grants: Set<Grant> }>();
  for (const presetName of access) {
    const preset = catalog.get(presetName);
    if (!preset) throw new Error(`unknown access preset "${presetName}"`);
    for (const statement of preset.statements) {
      const resources = statement.resources.length === 0 ? ['*'] : [...statement.resources].sort();
      const grant: Grant = resources.length === 1 && resources[0] === '*' ? statement.scope : `${statement.scope} on ${resources.join(', ')}`;
      for (const action of statement.actions) {
        const key = action.toLowerCase();
        const entry = found.get(key) ?? { action, grants: new Set<Grant>() };
        entry.grants.add(grant);
        found.set(key, entry);
      }
    }
  }
  return new Map(
    [...found.entries()].sort(([, a], [, b]) => cmp(a.action, b.action)).map(([key, e]) => [key, { action: e.action, grants: [...e.grants].sort() }]),
  );
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
  ['backend', 'stacks read and write their state elsewhere; move the state first'],
  ['protection.preventDestroy', 'whether permission sets may be destroyed or replaced'],
];

/** Leaf paths of the config that changed; arrays and each access preset compare as one value. */
function diffConfig(base: PlatformConfig, head: PlatformConfig): FieldChange[] {
  const out: FieldChange[] = [];
  const walk = (path: string[], a: unknown, b: unknown) => {
    const atomic = Array.isArray(a) || Array.isArray(b) || (path[0] === 'access' && path[1] === 'presets' && path.length === 3);
    if (!atomic && isPlainObject(a) && isPlainObject(b)) {
      for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) walk([...path, key], a[key], b[key]);
      return;
    }
    if (sameValue(a, b)) return;
    const note = CONFIG_NOTES.find(([prefix]) => path.join('.').startsWith(prefix))?.[1];
    out.push({ field: path.join('.'), ...(a === undefined ? {} : { base: a }), ...(b === undefined ? {} : { head: b }), ...(note ? { note } : {}) });
  };
  // Departments are reported on their own (diffDepartments), with what to apply.
  const { source: _b, departments: _bd, ...baseRest } = base;
  const { source: _h, departments: _hd, ...headRest } = head;
  walk([], baseRest, headRest);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Helpers

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
  return JSON.stringify(value, (_, v: unknown) =>
    isPlainObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  ) ?? 'undefined';
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
