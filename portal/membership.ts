import type { Zone, ZoneTree } from '../model/types';

/**
 * Which zones a person belongs to, from the `members:` lists of the zone files.
 *
 * Membership is in the files only where a department writes it there; a department none of whose
 * zones lists a member keeps it elsewhere (Entra), so its zones cannot be narrowed down and are
 * all kept, and the caller says so.
 */

/** One `members:` entry (the model's `ZoneMember`). */
export interface MemberEntry {
  readonly user: string;
  /** Last day of access, `YYYY-MM-DD` (inclusive, UTC). */
  readonly until?: string;
  readonly reason?: string;
}

/** A zone's `members:` list; empty when the zone lists none. */
export function membersOf(zone: Zone): readonly MemberEntry[] {
  return (zone as Zone & { readonly members?: readonly MemberEntry[] }).members ?? [];
}

/** Whether a member still has access on `at` (`YYYY-MM-DD`): `until` is the last day. */
export function isActive(member: MemberEntry, at: string): boolean {
  return member.until === undefined || member.until >= at;
}

/** UPNs and object ids compare case-insensitively in Entra. */
function sameUser(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export interface UserZones {
  readonly zones: readonly Zone[];
  /** Departments whose zones were all kept because none of their files lists members, sorted. */
  readonly unknownMembership: readonly string[];
}

/** The zones `user` is an active member of on `at`, plus every zone of departments without members in files. */
export function zonesOfUser(zones: ZoneTree['zones'], user: string, at: string): UserZones {
  const withMembers = new Set(zones.filter((z) => membersOf(z).length > 0).map((z) => z.department));
  const unknown = new Set<string>();
  const kept = zones.filter((zone) => {
    if (!withMembers.has(zone.department)) {
      unknown.add(zone.department);
      return true;
    }
    return membersOf(zone).some((m) => sameUser(m.user, user) && isActive(m, at));
  });
  return { zones: kept, unknownMembership: [...unknown].sort() };
}

/** Today in UTC, `YYYY-MM-DD`. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
