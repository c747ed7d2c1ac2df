import { isActiveOn, memberKey } from '../model/membership';
import type { MembershipMode } from '../model/membership-settings';
import type { PlatformConfig, Zone } from '../model/types';

/**
 * Which zones a person belongs to. Only departments with `membership: file` keep their members in
 * the zone files; in the others (`entra`: the owners add people in Entra; `access-package`: people
 * request access) the files cannot say, so those zones are all kept and the caller says why.
 */

export interface UserZones {
  readonly zones: readonly Zone[];
  /** Departments whose zones were all kept, with their membership mode, sorted by department. */
  readonly unknownMembership: readonly {
    readonly department: string;
    readonly mode: MembershipMode;
    readonly zones: readonly string[];
  }[];
  /** How many of the given zones keep their members in the files (`membership: file`). */
  readonly fileModeZones: number;
}

/** The department's membership mode (`entra` for a department the config does not declare). */
export function membershipMode(config: Pick<PlatformConfig, 'departments'>, department: string): MembershipMode {
  return config.departments[department]?.membership.mode ?? 'entra';
}

/** The zones `user` is an active member of on `at`, plus every zone of departments not in `file` mode. */
export function zonesOfUser(
  zones: readonly Zone[],
  config: Pick<PlatformConfig, 'departments'>,
  user: string,
  at: string,
): UserZones {
  const key = memberKey(user);
  const unknown = new Map<string, { mode: MembershipMode; zones: string[] }>();
  let fileModeZones = 0;
  const kept = zones.filter((zone) => {
    const mode = membershipMode(config, zone.department);
    if (mode !== 'file') {
      const entry = unknown.get(zone.department) ?? { mode, zones: [] };
      entry.zones.push(zone.name);
      unknown.set(zone.department, entry);
      return true;
    }
    fileModeZones++;
    return zone.members.some((m) => memberKey(m.user) === key && isActiveOn(m, at));
  });
  return {
    zones: kept,
    unknownMembership: [...unknown.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([department, { mode, zones: names }]) => ({ department, mode, zones: [...names].sort() })),
    fileModeZones,
  };
}
