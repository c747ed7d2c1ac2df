import type { DiagnosticCode } from './diagnostics';
import { addDays, daysBetween, isRealDate } from './dates';
import { memberKey } from './membership';
import type { MembershipSettings } from './membership-settings';
import type { ZoneMember } from './types';
import type { RawZoneMember } from './zone-file-schema';
import type { PathSegment } from './yaml-source';

type Report = (path: PathSegment[], code: DiagnosticCode, message: string, hint?: string) => void;

/**
 * The membership rules of one zone file that need the department's mode and the day (`at`):
 * errors through `problem`, warnings (valid, but worth a look) through `warn`.
 */
export function checkMembership(input: {
  readonly raw: readonly RawZoneMember[];
  readonly members: readonly ZoneMember[];
  readonly owners: readonly string[];
  readonly department: string;
  readonly settings: MembershipSettings;
  readonly at: string;
  readonly problem: Report;
  readonly warn: Report;
}): void {
  const { raw, members, owners, department, settings, at, problem, warn } = input;
  if (settings.mode === 'access-package' && settings.accessPackage.approval && owners.length === 0) {
    problem(
      [],
      'owners-required',
      `department ${department} uses access packages approved by the zone's owners, but this zone has no owners`,
      'add owners: [...] (they approve requests), or set departments.' + department + '.accessPackage.approval: false',
    );
  } else if (settings.mode === 'access-package' && settings.accessPackage.review && owners.length === 0) {
    // The review's reviewers are the zone's owners (review_type Reviewers): without owners Graph
    // would get a review nobody can do, and with accessReviewTimeoutBehavior removeAccess every
    // assignment would be removed at each review's end.
    problem(
      [],
      'owners-required',
      `department ${department} reviews access package assignments by the zone's owners (accessPackage.review: ${settings.accessPackage.review.frequency}), but this zone has no owners`,
      'add owners: [...] (they review the assignments), or set departments.' +
        department +
        '.accessPackage.review: none',
    );
  }
  if (raw.length === 0) return;
  if (settings.mode !== 'file') {
    problem(
      ['members'],
      'members-not-file-mode',
      `members: is only used in departments whose membership is file; department ${department} uses ${settings.mode}`,
      settings.mode === 'entra'
        ? `set departments.${department}.membership: file in the platform config, or remove members: (the group's owners manage members in Entra)`
        : "remove members: (people request the zone's access package; Entra holds the assignments)",
    );
    return;
  }
  const { noticeDays, maxDays, maxMembersPerZone } = settings.file;
  if (raw.length > maxMembersPerZone) {
    problem(
      ['members'],
      'too-many-members',
      `${raw.length} members listed; department ${department} allows at most ${maxMembersPerZone} per zone`,
      `raise departments.${department}.file.maxMembersPerZone in the platform config, or split the zone`,
    );
  }
  const ownerKeys = new Set(owners.map(memberKey));
  const latest = addDays(at, maxDays);
  for (const member of members) {
    const i = raw.findIndex((e) => memberKey(typeof e === 'string' ? e : e.user) === member.user);
    const entry = raw[i];
    const userPath: PathSegment[] = typeof entry === 'string' ? ['members', i] : ['members', i, 'user'];
    if (ownerKeys.has(member.user)) {
      warn(
        userPath,
        'member-is-owner',
        `${member.user} is also an owner of the zone (allowed; owners manage the group, members have the access)`,
      );
    }
    // A date that is not on the calendar is already an error of its own.
    if (member.until === undefined || !isRealDate(member.until)) continue;
    const untilPath: PathSegment[] = ['members', i, 'until'];
    const left = daysBetween(at, member.until);
    if (left < 0) {
      warn(
        untilPath,
        'member-expired',
        `${member.user}'s access ended on ${member.until}; the entry is left out`,
        'remove the entry, or extend until',
      );
    } else if (member.until > latest) {
      problem(
        untilPath,
        'until-too-late',
        `${member.until} is ${left} days away; department ${department} allows at most ${maxDays} days (until ${latest})`,
        `set until: ${latest} or earlier, and extend it when it comes due`,
      );
    } else if (left < noticeDays) {
      warn(
        untilPath,
        'member-expiring',
        `${member.user}'s access ends ${left === 0 ? 'today' : `in ${left} day${left === 1 ? '' : 's'}`} (last day ${member.until})`,
        'extend until if the access is still needed',
      );
    }
  }
}
