import type { Grant } from '../policies/grants';
import type { PeopleSummary, ZoneMembershipReport } from './people';

/**
 * The access report's JSON contract: what `zone-access report --format json` prints and CI jobs
 * consume. Changing a shape here is a change for every consumer: bump REPORT_FORMAT_VERSION.
 * Computed by `diff.ts` (and `people.ts`), rendered by `render-json.ts` and `render-markdown.ts`.
 */

export type { Grant } from '../policies/grants';

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
  /**
   * Set when the pipeline would apply this change in a way that takes access away it should keep
   * (e.g. app roles deleted while groups are still assigned with them): why, and what to change
   * instead. `zone-access report` exits 1, as for an unsafe department change.
   */
  readonly unsafe?: string;
}

/** One setting of an added or removed zone (report/zone-attributes.ts lists which attributes are settings). */
export interface ZoneSetting {
  readonly field: string;
  /** Absent when the zone has no value (e.g. no relay state). */
  readonly value?: unknown;
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
  /**
   * Added zone: every setting (description, session duration, relay state, tags, …) as head has it;
   * removed zone: as base had it. Empty for other changes, whose changed settings are in `inPlace`.
   */
  readonly settings: readonly ZoneSetting[];
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

/** True when the report has nothing to show: no zone and no platform value changed. */
export function isEmptyReport(report: AccessReport): boolean {
  return report.zones.length === 0 && report.platform.length === 0 && report.departments.length === 0;
}
