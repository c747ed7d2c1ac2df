import { permissionSetName } from '../model/names';
import type { MembershipMode } from '../model/membership-settings';
import type { ZoneTree } from '../model/types';
import { actionGrants, type Grant } from '../policies/grants';
import type { PermissionsBoundaryRef, Zone } from '../model/types';
import { accountLabel, MissingConfigKeyError, profileName, requireStartUrl, zoneConsoleLink } from './links';
import { membershipMode } from './membership';

/**
 * What the access map shows, as one compact JSON value the page renders: departments → zones →
 * accounts (with sign-in link and CLI profile), people, and the actions the zone's presets grant.
 * Zones with the same presets share one action list (a tree of thousands of zones uses a handful
 * of preset combinations), which keeps the page small.
 */

/** Bump when the page script must change to read it. */
export const MAP_DATA_VERSION = 1;

export interface MapAccount {
  readonly id: string;
  /** The account's name, or its id when it has none. */
  readonly label: string;
  /** `aws --profile` name (same as `zone-access profiles`). */
  readonly profile: string;
  /** Access portal sign-in link; absent when the start URL is not configured. */
  readonly link?: string;
}

export interface MapMember {
  readonly user: string;
  readonly until?: string;
  readonly reason?: string;
}

export interface MapZone {
  readonly name: string;
  readonly department: string;
  readonly description?: string;
  readonly permissionSet: string;
  /** Human form of the session duration, `4 h`. */
  readonly session: string;
  readonly relayState?: string;
  readonly tags: readonly (readonly [string, string])[];
  readonly presets: readonly string[];
  /** Managed and customer-managed policies and the boundary, as labels. */
  readonly policies: readonly string[];
  readonly owners: readonly string[];
  readonly members: readonly MapMember[];
  readonly accounts: readonly MapAccount[];
  /** Index into `actionSets`. */
  readonly actionSet: number;
}

export interface MapDepartment {
  readonly name: string;
  /** Who manages members: `file` (the zone files' members, shown), `entra` (owners, in Entra), `access-package` (requests). */
  readonly membership: MembershipMode;
  readonly retired: boolean;
}

export interface AccessMapData {
  readonly version: typeof MAP_DATA_VERSION;
  /** The day membership expiry is judged on, `YYYY-MM-DD`. */
  readonly at: string;
  readonly zoneTagKey: string;
  /** Why there are no sign-in links (names the config key), when there are none. */
  readonly linkProblem?: string;
  readonly departments: readonly MapDepartment[];
  /** Each: `[action, grant label indexes]`, sorted by action. */
  readonly actionSets: readonly (readonly (readonly [string, readonly number[]])[])[];
  /** Human labels of the ways an action is granted. */
  readonly grantLabels: readonly string[];
  /** Sorted by department, then name. */
  readonly zones: readonly MapZone[];
}

/** Builds the map's data. Never throws for a missing start URL: the links are left out and `linkProblem` says why. */
export function accessMapData(tree: ZoneTree, at: string): AccessMapData {
  const { config } = tree;
  let startUrl: string | undefined;
  let linkProblem: string | undefined;
  try {
    startUrl = requireStartUrl(config, 'sign-in links go through the access portal');
  } catch (err) {
    if (!(err instanceof MissingConfigKeyError)) throw err;
    linkProblem = err.message;
  }

  const grantLabels: string[] = [];
  const grantIndex = new Map<string, number>();
  const labelOf = (g: Grant) => {
    const label = grantLabel(g, config.zoneTagKey);
    let i = grantIndex.get(label);
    if (i === undefined) {
      i = grantLabels.push(label) - 1;
      grantIndex.set(label, i);
    }
    return i;
  };
  const actionSets: (readonly [string, readonly number[]])[][] = [];
  const setIndex = new Map<ReturnType<typeof actionGrants>, number>();

  const zones = [...tree.zones].sort((a, b) => cmp(a.department, b.department) || cmp(a.name, b.name));
  const mapZones = zones.map((zone): MapZone => {
    const grants = actionGrants(zone, config);
    let set = setIndex.get(grants);
    if (set === undefined) {
      set = actionSets.push([...grants.values()].map((g) => [g.action, g.grants.map(labelOf)] as const)) - 1;
      setIndex.set(grants, set);
    }
    return {
      name: zone.name,
      department: zone.department,
      ...(zone.description === undefined ? {} : { description: zone.description }),
      permissionSet: permissionSetName(zone, config),
      session: humanDuration(zone.sessionDuration),
      ...(zone.relayState === undefined ? {} : { relayState: zone.relayState }),
      tags: Object.entries(zone.tags),
      presets: [...zone.access],
      policies: attachedPolicyLabels(zone),
      owners: [...zone.owners],
      members: zone.members.map((m) => ({
        user: m.user,
        ...(m.until ? { until: m.until } : {}),
        ...(m.reason ? { reason: m.reason } : {}),
      })),
      accounts: zone.accounts.map((account) => ({
        id: account.id,
        label: accountLabel(account, config),
        profile: profileName(zone, account, config),
        ...(startUrl === undefined ? {} : { link: zoneConsoleLink(startUrl, zone, account, config) }),
      })),
      actionSet: set,
    };
  });

  const departmentNames = [...new Set([...tree.departments, ...zones.map((z) => z.department)])].sort(cmp);
  return {
    version: MAP_DATA_VERSION,
    at,
    zoneTagKey: config.zoneTagKey,
    ...(linkProblem === undefined ? {} : { linkProblem }),
    departments: departmentNames.map((name) => ({
      name,
      membership: membershipMode(config, name),
      retired: config.departments[name]?.retired ?? false,
    })),
    actionSets,
    grantLabels,
    zones: mapZones,
  };
}

/** How a grant reads to a person. */
function grantLabel(grant: Grant, zoneTagKey: string): string {
  // `<scope>[ on <resources>][ if <condition>]` (policies/grants.ts)
  const m = /^(\S+)(?: on (.*?))?(?: if (.*))?$/.exec(grant);
  const [scope, resources, condition] = [m?.[1] ?? grant, m?.[2], m?.[3]];
  const base =
    scope === 'resource-tag'
      ? `resources tagged ${zoneTagKey}=<zone>`
      : scope === 'request-tag'
        ? `creating resources tagged ${zoneTagKey}=<zone>`
        : 'any resource (cannot be limited to the zone)';
  return base + (resources ? `, only ${resources}` : '') + (condition ? `, if ${condition}` : '');
}

/** `PT4H30M` → `4 h 30 min`. */
export function humanDuration(iso: string): string {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?$/.exec(iso);
  if (!m) return iso;
  return [m[1] ? `${Number(m[1])} h` : '', m[2] ? `${Number(m[2])} min` : ''].filter(Boolean).join(' ') || iso;
}

/** What the zone attaches besides its presets (policies, boundary): they grant or cap access beyond the listed actions. */
function attachedPolicyLabels(zone: Zone): string[] {
  const boundary = (b: PermissionsBoundaryRef) =>
    b.kind === 'managed' ? b.arn : `customer-managed ${b.path}${b.name}`;
  return [
    ...zone.managedPolicies.map((arn) => `managed ${arn}`),
    ...zone.customerManagedPolicies.map((p) => `customer-managed ${p.path}${p.name}`),
    ...(zone.permissionsBoundary ? [`boundary ${boundary(zone.permissionsBoundary)}`] : []),
  ].sort();
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
