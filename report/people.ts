import { activeMembers } from '../model/membership';
import { departmentMembership, type MembershipMode, type MembershipSettings } from '../model/membership-settings';
import type { PlatformConfig, Zone } from '../model/types';

/**
 * The report's people view: who gains or loses access to which zone, and until when. Membership
 * is known only where the zone file holds it (`file` mode, evaluated on the tree's day); for
 * `entra` and `access-package` zones the report says where membership is managed instead, and
 * reports the owners and (access-package) approval settings, which decide who gets in.
 */

export interface PersonRef {
  readonly user: string;
  /** Last day of access, when the entry has one. */
  readonly until?: string;
  readonly reason?: string;
}

export interface ExpiryChange {
  readonly user: string;
  /** Absent: no expiry on that side. */
  readonly base?: string;
  readonly head?: string;
}

export interface SettingChange {
  readonly field: string;
  readonly base?: unknown;
  readonly head?: unknown;
}

export interface ZoneMembershipReport {
  /** The zone's membership mode in head (base, for a removed zone). */
  readonly mode: MembershipMode;
  /** The mode in base, when it changed. */
  readonly previousMode?: MembershipMode;
  /** The accounts membership gives access to (head; base for a removed zone). */
  readonly accounts: readonly { readonly id: string; readonly name?: string }[];
  /** File mode: members with access on the day (expired entries left out). */
  readonly added: readonly PersonRef[];
  readonly removed: readonly PersonRef[];
  readonly expiryChanged: readonly ExpiryChange[];
  /** Existing members who gain (or lose) what the zone's accounts and actions changed by. */
  readonly affectedMembers: readonly string[];
  readonly owners: { readonly gained: readonly string[]; readonly lost: readonly string[] };
  /** Access-package settings (requestors, approval, duration, review) that changed. */
  readonly approval: readonly SettingChange[];
}

/** Whether a zone's membership report has a change to show (beyond its mode). */
export function hasMembershipChanges(m: ZoneMembershipReport): boolean {
  return (
    m.previousMode !== undefined ||
    m.added.length +
      m.removed.length +
      m.expiryChanged.length +
      m.owners.gained.length +
      m.owners.lost.length +
      m.approval.length >
      0
  );
}

export interface PeopleSummary {
  /** The day membership was evaluated for (`--at`). */
  readonly at: string;
  /** Distinct people who gain access to at least one zone (or to more of a zone). */
  readonly gain: readonly string[];
  /** Distinct people who lose access to at least one zone (or to part of one). */
  readonly lose: readonly string[];
  /** Zones changed whose membership is not in the zone files (not counted above). */
  readonly unmanagedZones: readonly string[];
}

/** Per-zone people changes for a pair of zone versions (either may be absent: added/removed). */
export function membershipReport(
  before: { zone: Zone; config: PlatformConfig } | undefined,
  after: { zone: Zone; config: PlatformConfig } | undefined,
  at: { base: string; head: string },
  accessChanged: { gained: boolean; lost: boolean },
): ZoneMembershipReport {
  const baseSettings = before ? departmentMembership(before.config, before.zone.department) : undefined;
  const headSettings = after ? departmentMembership(after.config, after.zone.department) : undefined;
  const baseMembers = before && baseSettings?.mode === 'file' ? activeMembers(before.zone.members, at.base) : [];
  const headMembers = after && headSettings?.mode === 'file' ? activeMembers(after.zone.members, at.head) : [];
  const baseBy = new Map(baseMembers.map((m) => [m.user, m]));
  const headBy = new Map(headMembers.map((m) => [m.user, m]));
  const added = headMembers.filter((m) => !baseBy.has(m.user)).map(person);
  const removed = baseMembers.filter((m) => !headBy.has(m.user)).map(person);
  const expiryChanged: ExpiryChange[] = [];
  for (const m of headMembers) {
    const b = baseBy.get(m.user);
    if (b && b.until !== m.until)
      expiryChanged.push({
        user: m.user,
        ...(b.until ? { base: b.until } : {}),
        ...(m.until ? { head: m.until } : {}),
      });
  }
  const stayed = headMembers.filter((m) => baseBy.has(m.user)).map((m) => m.user);
  const baseOwners = new Set(before?.zone.owners.map((o) => o.toLowerCase()) ?? []);
  const headOwners = new Set(after?.zone.owners.map((o) => o.toLowerCase()) ?? []);
  const mode = (headSettings ?? baseSettings)!.mode;
  return {
    mode,
    ...(baseSettings && headSettings && baseSettings.mode !== headSettings.mode
      ? { previousMode: baseSettings.mode }
      : {}),
    accounts: (after ?? before)!.zone.accounts.map((a) => (a.name ? { id: a.id, name: a.name } : { id: a.id })),
    added,
    removed,
    expiryChanged,
    affectedMembers: accessChanged.gained || accessChanged.lost ? stayed : [],
    owners: {
      gained: [...headOwners].filter((o) => !baseOwners.has(o)).sort(),
      lost: [...baseOwners].filter((o) => !headOwners.has(o)).sort(),
    },
    approval: approvalChanges(baseSettings, headSettings),
  };
}

/** The people headline over every zone of the report. */
export function peopleSummary(
  at: string,
  zones: readonly { zone: string; membership: ZoneMembershipReport; accessGained: boolean; accessLost: boolean }[],
): PeopleSummary {
  const gain = new Set<string>();
  const lose = new Set<string>();
  const unmanaged: string[] = [];
  for (const z of zones) {
    const m = z.membership;
    for (const p of m.added) gain.add(p.user);
    for (const p of m.removed) lose.add(p.user);
    for (const e of m.expiryChanged)
      if (e.base !== undefined && (e.head === undefined || e.head > e.base)) gain.add(e.user);
    if (z.accessGained) for (const u of m.affectedMembers) gain.add(u);
    if (z.accessLost) for (const u of m.affectedMembers) lose.add(u);
    if (m.mode !== 'file') unmanaged.push(z.zone);
  }
  return { at, gain: [...gain].sort(), lose: [...lose].sort(), unmanagedZones: unmanaged.sort() };
}

function person(m: PersonRef): PersonRef {
  return { user: m.user, ...(m.until ? { until: m.until } : {}), ...(m.reason ? { reason: m.reason } : {}) };
}

function approvalChanges(base: MembershipSettings | undefined, head: MembershipSettings | undefined): SettingChange[] {
  const a = base?.mode === 'access-package' ? base.accessPackage : undefined;
  const b = head?.mode === 'access-package' ? head.accessPackage : undefined;
  if (!a && !b) return [];
  const out: SettingChange[] = [];
  const fields = ['requestors', 'approval', 'approvalTimeoutDays', 'maxDays', 'review'] as const;
  for (const f of fields) {
    const x = a?.[f];
    const y = b?.[f];
    if (JSON.stringify(x) !== JSON.stringify(y))
      out.push({
        field: `accessPackage.${f}`,
        ...(x === undefined ? {} : { base: x }),
        ...(y === undefined ? {} : { head: y }),
      });
  }
  return out;
}
