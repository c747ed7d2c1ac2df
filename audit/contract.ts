/**
 * The audit's JSON contract: what `zone-access audit --format json` prints. Changing a shape here
 * is a change for every consumer: bump AUDIT_FORMAT_VERSION. Computed by `aggregate.ts`, rendered
 * by `render-json.ts`, `render-human.ts` and `render-markdown.ts`.
 */

/** Bump when a consumer of the JSON would have to change. */
export const AUDIT_FORMAT_VERSION = 1;

/** What the evidence covers, said once and printed by every format. */
export const COVERAGE_NOTE =
  'This is evidence for an access review, limited to what CloudTrail records: management events, and data events ' +
  '(e.g. S3 object reads, Lambda invocations, SQS messages) only where a trail records them; lookup-events reads ' +
  'management events only. An action nobody called in the period may still be needed (yearly jobs, incidents): ' +
  'review before removing.';

export type AuditSourceInfo =
  | {
      readonly kind: 'lookup-events';
      readonly accounts: readonly string[];
      readonly regions: readonly string[];
      readonly assumedRole?: string;
    }
  | { readonly kind: 'logs'; readonly logGroup: string; readonly region: string };

export interface ActionUse {
  /** `service:Action` (AWS's spelling when its reference lists it). */
  readonly action: string;
  readonly calls: number;
  /** Of `calls`, how many were denied. */
  readonly denied: number;
  /** ARNs the calls named, sorted; at most `RESOURCES_PER_ACTION`. */
  readonly resources: readonly string[];
  /** Calls that named a resource beyond the listed ones (the list is capped to keep memory bounded). */
  readonly moreResources: number;
}

export interface PersonActivity {
  /** The session name: the person's Identity Center user name. */
  readonly person: string;
  /** Sign-ins to the zone's role (AssumeRoleWithSAML), in any of its accounts. */
  readonly signIns: number;
  /** Days (UTC, `YYYY-MM-DD`) with a sign-in or a call, sorted. */
  readonly days: readonly string[];
  readonly firstSeen: string;
  readonly lastSeen: string;
  readonly calls: number;
  readonly denied: number;
  /** Sorted by action. */
  readonly actions: readonly ActionUse[];
}

export interface DeniedCall {
  readonly time: string;
  readonly person: string;
  readonly action: string;
  readonly errorCode: string;
  readonly account?: string;
  readonly region?: string;
  readonly resources: readonly string[];
  readonly eventId?: string;
}

/** The zone's permission set used in an account the zone file does not list. */
export interface UnlistedAccountUse {
  readonly account: string;
  readonly events: number;
  readonly people: readonly string[];
}

export interface PresetUse {
  readonly preset: string;
  /** Actions the preset grants (the same expansion as the access report's), sorted. */
  readonly granted: readonly string[];
  /** Of those, the ones somebody called (allowed or denied) in the period. */
  readonly used: readonly string[];
  readonly unused: readonly string[];
  /** Nothing the preset grants was called: a candidate to remove, after review. */
  readonly removalCandidate: boolean;
}

export interface ZoneAudit {
  readonly zone: string;
  readonly department: string;
  readonly permissionSet: string;
  /** The accounts the zone file lists. */
  readonly accounts: readonly string[];
  readonly signIns: number;
  readonly calls: number;
  readonly denied: number;
  /** Sorted by person. */
  readonly people: readonly PersonActivity[];
  /** Every denied call, in time order. */
  readonly deniedCalls: readonly DeniedCall[];
  readonly unlistedAccounts: readonly UnlistedAccountUse[];
  /** Per preset of the zone, in the zone file's (sorted) order. */
  readonly presets: readonly PresetUse[];
}

export interface AuditSummary {
  /** Records read from the source. */
  readonly records: number;
  /** Records of zone roles in the period (sign-ins and calls). */
  readonly zoneRecords: number;
  readonly signIns: number;
  readonly calls: number;
  readonly denied: number;
  /** Distinct people over all zones. */
  readonly people: number;
  /** Identity Center role records whose permission set is not a zone's, by permission set. */
  readonly otherPermissionSets: Readonly<Record<string, number>>;
  /** Zone role records in accounts the zone does not list. */
  readonly unlistedAccountRecords: number;
  /** Records the source returned that were not CloudTrail records, or outside the period. */
  readonly skipped: number;
}

export interface AuditReport {
  readonly version: typeof AUDIT_FORMAT_VERSION;
  readonly period: { readonly since: string; readonly until: string };
  readonly source: AuditSourceInfo;
  readonly filters: { readonly zones: readonly string[]; readonly person?: string };
  readonly summary: AuditSummary;
  /** Every zone audited (all, or those of --zone), sorted by name, with or without activity. */
  readonly zones: readonly ZoneAudit[];
  readonly coverage: string;
}
