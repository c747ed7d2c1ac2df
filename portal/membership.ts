import { isActiveOn, memberKey } from '../model/membership';
import type { Zone } from '../model/types';

/**
 * Which zones a person belongs to, from the `members:` lists of the zone files.
 *
 * Membership is in the files only where a department writes it there; a department none of whose
 * zones lists a member keeps it elsewhere (Entra), so its zones cannot be narrowed down: they are
 * all kept, and the caller says so.
 */

export interface UserZones {
  readonly zones: readonly Zone[];
  /** Departments whose zones were all kept because none of their files lists members, sorted. */
  readonly unknownMembership: readonly string[];
}

/** Departments with at least one zone file that lists members. */
export function departmentsWithMembers(zones: readonly Zone[]): Set<string> {
  return new Set(zones.filter((z) => z.members.length > 0).map((z) => z.department));
}

/** The zones `user` is an active member of on `at`, plus every zone of departments without members in files. */
export function zonesOfUser(zones: readonly Zone[], user: string, at: string): UserZones {
  const withMembers = departmentsWithMembers(zones);
  const key = memberKey(user);
  const unknown = new Set<string>();
  const kept = zones.filter((zone) => {
    if (!withMembers.has(zone.department)) {
      unknown.add(zone.department);
      return true;
    }
    return zone.members.some((m) => memberKey(m.user) === key && isActiveOn(m, at));
  });
  return { zones: kept, unknownMembership: [...unknown].sort() };
}
