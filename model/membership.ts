import type { ZoneMember } from './types';

/**
 * Who is in a zone on a given day. `until` is the last day of access (inclusive, UTC): on
 * `until` the member is in, on the day after they are out. Dates are `YYYY-MM-DD`, so text
 * comparison is date comparison.
 */
export function isActiveOn(member: ZoneMember, at: string): boolean {
  return member.until === undefined || member.until >= at;
}

/** The members with access on `at` (expired entries left out), in the input's order. */
export function activeMembers(members: readonly ZoneMember[], at: string): ZoneMember[] {
  return members.filter((m) => isActiveOn(m, at));
}

/** The key two spellings of one person share: UPNs and object ids are case-insensitive in Entra. */
export function memberKey(user: string): string {
  return user.toLowerCase();
}
