import {
  explainTooManyTags,
  follows,
  isAccountId,
  isSessionDurationInRange,
  MAX_ZONE_TAGS,
  TEXT_RULES,
  type TextRule,
} from './aws-rules';
import { checkMembership } from './check-membership';
import { isRealDate } from './dates';
import type { DiagnosticCode } from './diagnostics';
import { canonicalGuid } from './guid';
import { memberKey } from './membership';
import type { MembershipSettings } from './membership-settings';
import { RESERVED_ZONE_NAMES } from './names';
import { fieldName, templateSequenceProblem } from './schema-check';
import type { PermissionsBoundaryRef, PlatformConfig } from './types';
import { customerPolicyKey, normalizeCustomerPolicies, toBoundary, type ZoneInput } from './zone-defaults';
import { MEMBER_USER_PATTERN, OWNER_PATTERN, TEMPLATE_SEQUENCE } from './zone-file-schema';
import type { PathSegment } from './yaml-source';

/**
 * The one checker for a zone: every rule a zone must follow on its own and against the platform
 * config, with one message each. The loader runs it on a zone file (after the schema, reporting with
 * file, line and column) and the constructs on a zone given in code (reporting with the construct
 * path): a rule added here holds for both. What only one of them can see stays there: the file's
 * name, folder and YAML in the loader, construct ids and scopes in the constructs, AWS limits of the
 * built permission set where it is built (policies/limits.ts), and what needs the whole tree
 * (duplicate zones, quotas) in the tree's checks.
 */

/** Reports a problem at a path inside the zone (`['accounts', 1]`). */
export type ZoneReport = (path: PathSegment[], code: DiagnosticCode, message: string, hint?: string) => void;

/** What the rules read of the platform: a loaded `PlatformConfig` or the constructs' `PlatformSpec`. */
export type ZoneRulePlatform = Pick<PlatformConfig, 'zoneTagKey' | 'names' | 'access'> &
  Partial<Pick<PlatformConfig, 'accounts'>>;

export interface ZoneRuleContext {
  /** Absent when the platform config is itself invalid: the rules that need it are skipped. */
  readonly platform: ZoneRulePlatform | undefined;
  /** Every preset name of the access catalog. */
  readonly knownPresets: ReadonlySet<string>;
  /** The key that holds the zone's name: `zone` in a zone file, `name` in code. */
  readonly nameField: 'zone' | 'name';
  /** The department's membership mode and the day membership is checked for; absent: not checked. */
  readonly membership?: { readonly settings: MembershipSettings; readonly at: string };
  /**
   * Whether a field is still to be checked. The loader's schema has already reported some fields
   * (with the same messages, from model/aws-rules.ts); the rules skip those rather than pile up
   * follow-on errors. Default: every field.
   */
  readonly usable?: (field: string) => boolean;
}

const OWNER = new RegExp(OWNER_PATTERN);
const MEMBER_USER = new RegExp(MEMBER_USER_PATTERN);

/** Every problem of `zone` through `problem`; warnings (the zone stays valid) through `warn`. */
export function checkZone(
  zone: ZoneInput,
  ctx: ZoneRuleContext,
  problem: ZoneReport,
  warn: ZoneReport = () => {},
): void {
  const usable = ctx.usable ?? (() => true);
  const { platform } = ctx;
  // A rule on one value reads text; a value of another type is the schema's to report (a map key
  // such as tags."0" can name the field differently from the schema's report, so the type decides).
  const rule = (path: PathSegment[], r: TextRule, value: unknown) => {
    if (typeof value === 'string' && !follows(r, value)) problem(path, 'invalid-value', r.explain(value));
  };
  /** The list's entries still to be checked, with their index in the input. */
  const items = <T>(field: string, list: readonly T[] | undefined): [T, number][] =>
    (list ?? []).map((v, i): [T, number] => [v, i]).filter(([, i]) => usable(`${field}[${i}]`));
  const whole = (field: string) => usable(field);

  // Name: the zone tag value, the permission set name's suffix, a construct id.
  const name = ctx.nameField;
  if (whole(name)) {
    if (!follows(TEXT_RULES.zoneName, zone.name)) {
      rule([name], TEXT_RULES.zoneName, zone.name);
    } else if (platform) {
      const psName = `${platform.names.permissionSetPrefix}${zone.name}`;
      if (!follows(TEXT_RULES.permissionSetName, psName)) {
        const max = TEXT_RULES.permissionSetName.maxLength! - platform.names.permissionSetPrefix.length;
        problem(
          [name],
          'invalid-length',
          TEXT_RULES.permissionSetName.explain(psName),
          `with names.permissionSetPrefix "${platform.names.permissionSetPrefix}" a zone name has at most ${max} characters`,
        );
      }
    }
    if (RESERVED_ZONE_NAMES.has(zone.name)) {
      problem(
        [name],
        'reserved-zone-name',
        `"${zone.name}" is reserved for the stacks' own providers and backend`,
        `choose another name; reserved: ${[...RESERVED_ZONE_NAMES].join(', ')}`,
      );
    }
  }
  if (whole('department')) rule(['department'], TEXT_RULES.departmentName, zone.department);
  if (whole('description')) rule(['description'], TEXT_RULES.description, zone.description);
  if (whole('relayState')) rule(['relayState'], TEXT_RULES.relayState, zone.relayState);
  const duration = zone.sessionDuration;
  if (
    duration !== undefined &&
    whole('sessionDuration') &&
    (!follows(TEXT_RULES.sessionDuration, duration) || !isSessionDurationInRange(duration))
  ) {
    problem(['sessionDuration'], 'invalid-value', TEXT_RULES.sessionDuration.explain(duration));
  }

  // Accounts: 12-digit ids or names from the platform config, each once.
  if (whole('accounts') && zone.accounts.length === 0)
    problem(['accounts'], 'empty-list', 'at least one account is required, e.g. "123456789012"');
  const accountIds = new Set<string>();
  for (const [ref, i] of items('accounts', zone.accounts)) {
    let id: string;
    if (typeof ref !== 'string') {
      if (!follows(TEXT_RULES.accountId, ref.id)) {
        rule(['accounts', i], TEXT_RULES.accountId, ref.id);
        continue;
      }
      id = ref.id;
    } else if (isAccountId(ref)) {
      id = ref;
    } else if (!platform) {
      continue; // a name, but no valid config to look it up in
    } else if (platform.accounts && Object.prototype.hasOwnProperty.call(platform.accounts, ref)) {
      id = platform.accounts[ref];
    } else {
      const names = Object.keys(platform.accounts ?? {});
      problem(
        ['accounts', i],
        'unknown-account',
        `unknown account name "${ref}"`,
        names.length
          ? `known names: ${names.join(', ')}; or give the 12-digit id in quotes, e.g. "123456789012"`
          : 'give the 12-digit id in quotes, e.g. "123456789012"',
      );
      continue;
    }
    if (accountIds.has(id)) problem(['accounts', i], 'duplicate-account', `account ${id} is listed twice`);
    accountIds.add(id);
  }

  // Access presets: each once, each in the catalog.
  if (whole('access') && zone.access.length === 0)
    problem(['access'], 'empty-list', 'at least one access preset is required, e.g. secrets-reader');
  const access = items('access', zone.access);
  noDuplicates(access, ['access'], problem);
  // Without a config its presets are unknown, so preset names cannot be checked.
  if (platform) {
    for (const [preset, i] of access) {
      if (ctx.knownPresets.has(preset)) continue;
      const known = [...ctx.knownPresets].sort();
      const near = closest(preset, known);
      problem(
        ['access', i],
        'unknown-preset',
        `unknown access preset "${preset}"${near ? `; did you mean "${near}"?` : ''}`,
        `known presets: ${known.join(', ')}`,
      );
    }
  }

  // Owners: UPNs or object ids; object ids compared in canonical case, so `ABC…` and `abc…` are one owner.
  const owners = items('owners', zone.owners);
  for (const [owner, i] of owners) {
    if (!OWNER.test(owner))
      problem(
        ['owners', i],
        'invalid-value',
        `owner "${owner}" is neither a user principal name nor an object id, e.g. alice@example.com`,
      );
  }
  noDuplicates(
    owners.map(([o, i]): [string, number] => [canonicalGuid(o), i]),
    ['owners'],
    problem,
  );

  // Members: one entry per person (users compare case-insensitively), real dates.
  const memberEntries = items('members', zone.members);
  const seenMembers = new Set<string>();
  const members: { user: string; until?: string; reason?: string }[] = [];
  for (const [entry, i] of memberEntries) {
    const { user, until, reason } =
      typeof entry === 'string' ? { user: entry, until: undefined, reason: undefined } : entry;
    const userPath: PathSegment[] = typeof entry === 'string' ? ['members', i] : ['members', i, 'user'];
    if (!MEMBER_USER.test(user)) {
      problem(
        userPath,
        'invalid-value',
        `member "${user}" must be an Entra UPN (user@domain, Entra's UPN characters) or a user object id, e.g. alice@example.com`,
      );
    }
    const key = memberKey(user);
    if (seenMembers.has(key)) {
      problem(
        userPath,
        'duplicate-member',
        `"${user}" is listed twice (users compare case-insensitively)`,
        'keep one entry per person; give it the latest until',
      );
      continue;
    }
    seenMembers.add(key);
    if (until !== undefined && !isRealDate(until)) {
      problem(
        ['members', i, 'until'],
        'invalid-date',
        `"${until}" is not a calendar date`,
        'write the last day of access as YYYY-MM-DD, e.g. 2026-12-31',
      );
    }
    members.push({ user: key, ...(until !== undefined ? { until } : {}), ...(reason !== undefined ? { reason } : {}) });
  }
  if (ctx.membership) {
    // Entries already reported stand in as '' so that the indexes still point into the input.
    const raw = (zone.members ?? []).map(() => '' as string | { user: string; until?: string; reason?: string });
    for (const [entry, i] of memberEntries) raw[i] = entry;
    members.sort((a, b) => (a.user < b.user ? -1 : a.user > b.user ? 1 : 0));
    checkMembership({
      raw,
      members,
      owners: owners.map(([o]) => canonicalGuid(o)),
      department: zone.department,
      settings: ctx.membership.settings,
      at: ctx.membership.at,
      problem,
      warn,
    });
  }

  // Tags: the zone tag is Zone Access's own; AWS's limit on their number.
  const tags = zone.tags ?? {};
  const tagKeys = Object.keys(tags);
  for (const key of tagKeys) {
    if (platform && key === platform.zoneTagKey) {
      problem(
        ['tags', key],
        'reserved-tag',
        `tag "${key}" is set by Zone Access to the zone name and cannot be given here`,
        'leave it out; every resource of the zone carries it already',
      );
    }
    if (key === '__proto__') {
      // A legal AWS tag key, but JavaScript object handling downstream drops it without a word.
      problem(
        ['tags', key],
        'invalid-key',
        'tag key "__proto__" is not supported (it would be dropped from the synthesized permission set); use another key, e.g. cost-center',
      );
    }
    if (!usable(fieldName(['tags', key]))) continue;
    if (!follows(TEXT_RULES.tagKey, key)) problem(['tags', key], 'invalid-key', TEXT_RULES.tagKey.explain(key));
    rule(['tags', key], TEXT_RULES.tagValue, tags[key]);
  }
  if (tagKeys.length > MAX_ZONE_TAGS) problem(['tags'], 'too-many-tags', explainTooManyTags(tagKeys.length));

  // Policies beside the inline one: each once, each allow-listed by the platform team.
  const managed = items('managedPolicies', zone.managedPolicies);
  for (const [arn, i] of managed) rule(['managedPolicies', i], TEXT_RULES.managedPolicyArn, arn);
  noDuplicates(managed, ['managedPolicies'], problem);
  if (platform) {
    const allowed = new Set(platform.access.managedPolicies);
    for (const [arn, i] of managed) {
      if (allowed.has(arn)) continue;
      problem(
        ['managedPolicies', i],
        'not-allow-listed',
        `managed policy ${arn} is not allow-listed in the platform config`,
        allowed.size ? `allowed: ${[...allowed].join(', ')}` : 'the platform config allows no managed policies',
      );
    }
  }
  const customer = items('customerManagedPolicies', zone.customerManagedPolicies);
  for (const [ref, i] of customer) {
    const r = normalizeCustomerPolicies([ref])[0];
    const at: PathSegment[] =
      typeof ref === 'string' ? ['customerManagedPolicies', i] : ['customerManagedPolicies', i, 'name'];
    rule(at, TEXT_RULES.policyName, r.name);
    if (typeof ref !== 'string') rule(['customerManagedPolicies', i, 'path'], TEXT_RULES.policyPath, ref.path);
  }
  // Compared by path+name, so `x` and `{ name: x, path: / }` are the same policy listed twice.
  const customerKeys = customer.map(([ref, i]): [string, number] => [
    customerPolicyKey(normalizeCustomerPolicies([ref])[0]),
    i,
  ]);
  noDuplicates(customerKeys, ['customerManagedPolicies'], problem);
  if (platform) {
    const allowed = new Set(platform.access.customerManagedPolicies.map(customerPolicyKey));
    for (const [key, i] of customerKeys) {
      if (!allowed.has(key))
        problem(
          ['customerManagedPolicies', i],
          'not-allow-listed',
          `customer-managed policy ${key} is not allow-listed in the platform config`,
        );
    }
  }
  if (zone.permissionsBoundary !== undefined && whole('permissionsBoundary') && platform) {
    if (!sameBoundary(toBoundary(zone.permissionsBoundary), platform.access.permissionsBoundary)) {
      problem(
        ['permissionsBoundary'],
        'not-allow-listed',
        'this permissions boundary is not the one allow-listed in the platform config',
      );
    }
  }

  // Written into Terraform JSON as they are, where `${...}` / `%{...}` would be evaluated.
  walkStrings(zone, [], (path, value) => {
    if (!TEMPLATE_SEQUENCE.test(value) || !usable(fieldName(path))) return;
    const { message, hint } = templateSequenceProblem(value);
    problem(path, 'template-sequence', message, hint);
  });
}

/** The keys of a zone that are not input (a loaded `Zone` carries where it came from). */
const NOT_INPUT = new Set(['source', 'positions']);

function walkStrings(value: unknown, path: PathSegment[], visit: (path: PathSegment[], value: string) => void): void {
  if (typeof value === 'string') {
    visit(path, value);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => walkStrings(v, [...path, i], visit));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (path.length === 0 && NOT_INPUT.has(key)) continue;
      if (path.length > 0) visit([...path, key], key);
      walkStrings(v, [...path, key], visit);
    }
  }
}

function noDuplicates(values: readonly [string, number][], path: PathSegment[], problem: ZoneReport): void {
  const seen = new Set<string>();
  for (const [v, i] of values) {
    if (seen.has(v)) problem([...path, i], 'duplicate-entry', `"${v}" is listed twice`);
    seen.add(v);
  }
}

function sameBoundary(a: PermissionsBoundaryRef, b: PermissionsBoundaryRef | undefined): boolean {
  if (!b) return false;
  if (a.kind === 'managed' && b.kind === 'managed') return a.arn === b.arn;
  if (a.kind === 'customer' && b.kind === 'customer') return a.name === b.name && a.path === b.path;
  return false;
}

/** The known name nearest to a misspelt one (at most 3 edits away), for "did you mean". */
function closest(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(name, candidate);
    if (distance <= 3 && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j] + 1, next[j - 1] + 1, row[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length];
}
