/**
 * Every stable, machine-readable problem code (`validate --format json` prints them; CI scripts and
 * tests match on them). Add a code here when a new check needs one.
 */
export type DiagnosticCode =
  // Security: weaker guarantees the platform team should know of
  | 'group-bound-by-name'
  | 'app-roles-retiring'
  | 'secrets-claimable'
  // Files and folders
  | 'no-zones-dir'
  | 'unreadable'
  | 'not-a-file'
  | 'misplaced-file'
  | 'invalid-department-folder'
  | 'undeclared-department'
  | 'retired-department'
  | 'file-too-large'
  | 'binary-file'
  | 'not-utf8'
  | 'empty-file'
  // YAML
  | 'yaml-syntax'
  | 'duplicate-key'
  | 'multiple-documents'
  | 'yaml-alias'
  | 'yaml-anchor'
  | 'yaml-tag'
  | 'yaml-complex-key'
  | 'too-deep'
  | 'too-many-problems'
  // Schema
  | 'unknown-key'
  | 'missing-key'
  | 'wrong-type'
  | 'invalid-value'
  | 'invalid-key'
  | 'invalid-length'
  | 'empty-list'
  | 'template-sequence'
  // A value `zone-access init` left for the platform team to fill
  | 'placeholder'
  // Zone file against its place, the platform config and the other files
  | 'department-mismatch'
  | 'file-name-mismatch'
  | 'reserved-zone-name'
  | 'reserved-department-name'
  | 'unknown-account'
  | 'duplicate-account'
  | 'unknown-preset'
  | 'duplicate-entry'
  | 'duplicate-zone'
  | 'reserved-tag'
  | 'too-many-tags'
  | 'not-allow-listed'
  | 'duplicate-member'
  | 'invalid-date'
  // Membership, per the department's mode
  | 'members-not-file-mode'
  | 'too-many-members'
  | 'until-too-late'
  | 'member-expired'
  | 'member-expiring'
  | 'member-is-owner'
  | 'owners-required'
  | 'unused-membership-settings'
  // Platform config
  | 'reserved-preset'
  | 'unknown-action'
  | 'scope-not-allowed'
  | 'acknowledged-policy-not-allow-listed'
  | 'managed-policy-unknown'
  | 'managed-policy-crosses-zones'
  // Constructs given in code
  | 'same-scope'
  // AWS limits of the built permission set
  | 'policy-error'
  | 'policy-too-large'
  | 'policy-invalid-characters'
  | 'too-many-managed-policies'
  // Quotas of the whole tree
  | 'quota-exceeded'
  | 'quota-near';

/**
 * A problem found in an input file. Every stage that checks input reports these instead of
 * throwing, so one run can show every problem of every file at once.
 */
export interface Diagnostic {
  /** Path of the offending file, as given to the loader (relative paths stay relative). */
  readonly file: string;
  /** 1-based line, when the problem has a position. */
  readonly line?: number;
  /** 1-based column, when the problem has a position. */
  readonly column?: number;
  /** Dotted path of the field (`accounts[1]`, `tags.cost-center`), or empty for the whole file. */
  readonly field: string;
  readonly message: string;
  /** A suggestion for fixing it, when one helps. */
  readonly hint?: string;
  /** Stable machine-readable code, e.g. `unknown-key`, `duplicate-zone`. */
  readonly code: DiagnosticCode;
  /**
   * `warning`: reported, but the input is valid (a quota at 80 %). Absent: an error, which makes
   * the input invalid.
   */
  readonly severity?: 'error' | 'warning';
}

/** Whether a diagnostic makes the input invalid (everything but warnings). */
export function isError(d: Diagnostic): boolean {
  return d.severity !== 'warning';
}

/**
 * The one error type thrown for invalid input by APIs that cannot return diagnostics (constructs,
 * policy builders, the cdktf app): it carries every problem found, not only the first. Thrown by a
 * construct, it also carries the construct's path (`constructPath`, in the message's first line),
 * as aws-cdk's `ValidationError` carries its scope.
 */
export class ValidationError extends Error {
  /** The construct (`Stack/zone-a`) whose input was refused, when a construct threw. */
  readonly constructPath?: string;

  constructor(
    readonly diagnostics: readonly Diagnostic[],
    what = 'zone input',
    constructPath?: string,
  ) {
    super(
      `${constructPath ? `${constructPath}: ` : ''}${diagnostics.length} problem${diagnostics.length === 1 ? '' : 's'} in ${what}:\n` +
        diagnostics.map(formatDiagnostic).join('\n'),
    );
    this.name = 'ValidationError';
    if (constructPath !== undefined) this.constructPath = constructPath;
  }
}

/**
 * `file:line:col: field: message [code]`, then the hint on its own line — the shape editors and
 * terminals link to. The code is there so that what a person reads can be matched to what the
 * JSON and GitHub formats (and the README) call it.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line === undefined ? d.file : `${d.file}:${d.line}:${d.column ?? 1}`;
  const field = `${d.severity === 'warning' ? ' warning:' : ''}${d.field ? ` ${d.field}:` : ''}`;
  const hint = d.hint ? `\n    hint: ${d.hint}` : '';
  return `${where}:${field} ${d.message} [${d.code}]${hint}`;
}

/** Sorts by file, then position, then field, so output order never depends on discovery order. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      cmp(a.field, b.field) ||
      cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
