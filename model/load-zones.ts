import { canonicalGuid } from './guid';
import { readdirSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { explainTooManyTags, follows, isAccountId, isSessionDurationInRange, MAX_ZONE_TAGS, TEXT_RULES, ZONE_FILE_EXTENSIONS, zoneFileName } from './aws-rules';
import type { Diagnostic, DiagnosticCode } from './diagnostics';
import { RESERVED_ZONE_NAMES } from './names';
import { checkAgainstSchema, checkNoTemplateSequences, fieldName } from './schema-check';
import { checkMembership } from './check-membership';
import { isRealDate, todayUtc } from './dates';
import { departmentMembership } from './membership-settings';
import { memberKey } from './membership';
import type { PermissionsBoundaryRef, PlatformConfig, Zone, ZoneAccount, ZoneMember } from './types';
import { customerPolicyKey, normalizeCustomerPolicies, normalizeZone, toBoundary } from './zone-defaults';
import { zoneFileSchema, type RawCustomerManagedPolicyRef, type RawZoneFile, type RawZoneMember } from './zone-file-schema';
import { positionOf, readYamlFile, topLevelKeyPositions, type PathSegment, type YamlSource } from './yaml-source';

export interface LoadZonesOptions {
  /** Undefined when the platform config is invalid: the checks that need it are skipped. */
  readonly config: PlatformConfig | undefined;
  /** Names of every preset in the access catalog. */
  readonly knownPresets: ReadonlySet<string>;
  /** The day membership is checked for, `YYYY-MM-DD` (default: today, UTC). */
  readonly at?: string;
}

/**
 * Loads every zone file under `zonesDir` (`<zonesDir>/<department>/<name>.yaml`), validates each
 * against the schema, the platform config and each other, and returns the zones sorted by name.
 * Every problem of every file is returned; `zones` is only valid input when `diagnostics` is empty
 * (otherwise it also holds zones built from the valid parts of files with problems).
 */
export function loadZones(
  zonesDir: string,
  options: LoadZonesOptions,
): { zones: Zone[]; departments: string[]; diagnostics: Diagnostic[] } {
  const { config } = options;
  const discovered = discoverZoneFiles(zonesDir);
  // Without a valid config, departments cannot be checked against its declarations.
  const diagnostics = config ? discovered.diagnostics.map((d) => explainFolderCase(d, config)) : discovered.diagnostics;
  if (config) diagnostics.push(...departmentDiagnostics(discovered.files, discovered.departments, zonesDir, config));
  const zones: Zone[] = [];
  for (const { path, department } of discovered.files) {
    const read = readYamlFile(path);
    if (!read.source) {
      diagnostics.push(...read.diagnostics);
      continue;
    }
    const result = zoneFromSource(read.source, department, options);
    diagnostics.push(...result.diagnostics);
    // A zone with problems still takes part in the duplicate and limit checks of the same run.
    const zone = result.zone ?? result.partialZone;
    if (zone) zones.push(zone);
  }
  diagnostics.push(...duplicateZoneDiagnostics(zones));
  zones.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { zones, departments: config ? Object.keys(config.departments).sort() : discovered.departments, diagnostics };
}

/**
 * Departments are declared in the platform config, never inferred from folders (git keeps no empty
 * folder, so inferring would make a department's stacks vanish with its last zone file, and its
 * access with them would stay deployed). A folder must name a declared department, and a retired
 * department may keep no zone files.
 */
function departmentDiagnostics(
  files: readonly { path: string; department: string }[],
  folders: readonly string[],
  zonesDir: string,
  config: PlatformConfig,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const configFile = config.source.file;
  const declaredAt = (name: string) => {
    const at = config.departments[name].source;
    return `${configFile}${at.line === undefined ? '' : `:${at.line}`}`;
  };
  for (const folder of folders) {
    const inFolder = files.filter((f) => f.department === folder);
    // One problem per zone file, so a pull request annotation lands on each file; the folder itself
    // when it holds no zone file.
    const targets = inFolder.length > 0 ? inFolder.map((f) => f.path) : [join(zonesDir, folder)];
    const settings = Object.prototype.hasOwnProperty.call(config.departments, folder) ? config.departments[folder] : undefined;
    if (!settings) {
      for (const file of targets) {
        out.push({
          file,
          field: '',
          code: 'undeclared-department',
          message: `department "${folder}" is not declared in ${configFile} (departments:)`,
          hint: `add "${folder}: {}" under departments: in ${configFile}, or move the file to a declared department's folder`,
        });
      }
    } else if (settings.retired) {
      for (const { path } of inFolder) {
        out.push({
          file: path,
          field: '',
          code: 'retired-department',
          message: `department "${folder}" is retired in ${declaredAt(folder)}: its zones are being removed, so it can hold no zone files`,
          hint: `delete this file (applying the department's stacks then destroys its access), or set retired: false in ${declaredAt(folder)}`,
        });
      }
    }
  }
  return out;
}

/** A department folder that is not lower-case, but names a declared department in another case. */
function explainFolderCase(d: Diagnostic, config: PlatformConfig): Diagnostic {
  if (d.code !== 'invalid-department-folder') return d;
  const folder = basename(d.file);
  const declared = Object.keys(config.departments).find((name) => name === folder.toLowerCase());
  if (!declared) return d;
  const at = config.departments[declared].source;
  return {
    ...d,
    message: `department folder "${folder}" differs in case from the department "${declared}" declared in ${config.source.file}${at.line === undefined ? '' : `:${at.line}`}`,
    hint: `rename the folder to ${join(dirname(d.file), declared)} (folder names are case-sensitive, department names lower-case)`,
  };
}

/** Finds zone files; YAML files anywhere but directly inside a department folder are errors. */
export function discoverZoneFiles(zonesDir: string): {
  files: { path: string; department: string }[];
  departments: string[];
  diagnostics: Diagnostic[];
} {
  const files: { path: string; department: string }[] = [];
  const departments: string[] = [];
  const diagnostics: Diagnostic[] = [];
  let top: Dirent[];
  try {
    top = readdirSync(zonesDir, { withFileTypes: true });
  } catch (err) {
    return { files, departments, diagnostics: [{ file: zonesDir, field: '', code: 'no-zones-dir', message: `cannot read zones directory: ${(err as Error).message}` }] };
  }
  for (const entry of sortEntries(top)) {
    if (entry.name.startsWith('.')) continue;
    const path = join(zonesDir, entry.name);
    if (entry.isFile() && isYaml(entry.name)) {
      diagnostics.push(misplaced(path));
    } else if (isSkippedSpecialEntry(entry, path)) {
      diagnostics.push(notRegular(entry, path));
    } else if (entry.isDirectory()) {
      if (!follows(TEXT_RULES.departmentName, entry.name)) {
        diagnostics.push({ file: path, field: '', code: 'invalid-department-folder',
          message: `department folder "${entry.name}": ${TEXT_RULES.departmentName.explain(entry.name)}` });
        continue;
      }
      departments.push(entry.name);
      let innerEntries: Dirent[];
      try {
        innerEntries = readdirSync(path, { withFileTypes: true });
      } catch (err) {
        diagnostics.push({ file: path, field: '', code: 'unreadable', message: `cannot read department folder: ${(err as Error).message}` });
        continue;
      }
      for (const inner of sortEntries(innerEntries)) {
        if (inner.name.startsWith('.')) continue;
        const innerPath = join(path, inner.name);
        if (inner.isFile() && isYaml(inner.name)) files.push({ path: innerPath, department: entry.name });
        else if (isSkippedSpecialEntry(inner, innerPath)) diagnostics.push(notRegular(inner, innerPath));
        else if (inner.isDirectory() && containsYaml(innerPath)) diagnostics.push(misplaced(innerPath));
      }
    }
  }
  return { files, departments, diagnostics };
}

/**
 * Validates one parsed zone file. `department` is the folder it was found in.
 *
 * Every problem of the file is reported: schema problems do not stop the checks against the file's
 * place, the platform config and the access catalog; a check is skipped only when its own input is
 * missing or already reported invalid. `zone` comes back only when there is no problem at all;
 * otherwise `partialZone`, built from the file's valid parts (when the zone name is valid), lets the
 * caller run the tree-wide and limit checks on it in the same run.
 *
 * Without `options.config` (the platform config is itself invalid), the checks that need it are
 * skipped and no zone is returned.
 */
export function zoneFromSource(
  source: YamlSource,
  department: string,
  options: LoadZonesOptions,
): { zone?: Zone; partialZone?: Zone; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [...checkAgainstSchema(zoneFileSchema, source), ...checkNoTemplateSequences(source)];
  // Warnings (severity 'warning') leave the zone valid; they are returned with it.
  const warnings: Diagnostic[] = [];
  if (!isMapping(source.value)) return { diagnostics };
  // Fields already reported; checks below skip them rather than pile up follow-on errors.
  const reported = diagnostics.map((d) => d.field);
  const usable = (field: string) => !reported.some((f) => f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`));
  // Each field is read only once `usable` says the schema accepted it, so its schema type holds.
  const raw = source.value as Partial<RawZoneFile>;
  const { config } = options;
  const problem = (path: PathSegment[], code: DiagnosticCode, message: string, hint?: string) => {
    const pos = positionOf(source, path);
    diagnostics.push({ file: source.file, line: pos.line, column: pos.column, field: fieldName(path), code, message, ...(hint ? { hint } : {}) });
  };
  /** The list's items the schema accepted, with their index. */
  const items = <T>(field: keyof RawZoneFile): [T, number][] => {
    const list = raw[field];
    if (!Array.isArray(list)) return [];
    return (list as T[]).map((v, i): [T, number] => [v, i]).filter(([, i]) => usable(`${field}[${i}]`));
  };

  const name = usable('zone') ? raw.zone : undefined;
  if (usable('department') && raw.department !== undefined && raw.department !== department) {
    problem(['department'], 'department-mismatch', `department "${raw.department}" does not match the folder "${department}"`,
      `move the file to zones/${raw.department}/ or set department: ${department}`);
  }
  if (name !== undefined) {
    const fileName = basename(source.file);
    if (!zoneFileName.matches(name, fileName)) problem(['zone'], 'file-name-mismatch', zoneFileName.explain(name, fileName));
    if (config) {
      const psName = `${config.names.permissionSetPrefix}${name}`;
      if (!follows(TEXT_RULES.permissionSetName, psName)) {
        const max = TEXT_RULES.permissionSetName.maxLength! - config.names.permissionSetPrefix.length;
        problem(['zone'], 'invalid-length', TEXT_RULES.permissionSetName.explain(psName),
          `with names.permissionSetPrefix "${config.names.permissionSetPrefix}" a zone name has at most ${max} characters`);
      }
    }
    if (RESERVED_ZONE_NAMES.has(name)) {
      problem(['zone'], 'reserved-zone-name', `"${name}" is reserved for the stacks' own providers and backend`,
        `choose another name; reserved: ${[...RESERVED_ZONE_NAMES].join(', ')}`);
    }
  }
  const ownDuration = usable('sessionDuration') ? raw.sessionDuration : undefined;
  if (ownDuration !== undefined && !isSessionDurationInRange(ownDuration)) {
    problem(['sessionDuration'], 'invalid-value', TEXT_RULES.sessionDuration.explain(ownDuration));
  }

  const accounts = resolveAccounts(items<string>('accounts'), config, problem);
  const access = items<string>('access');
  checkNoDuplicates(access, ['access'], problem);
  // Without a config its presets are unknown, so preset names cannot be checked.
  if (config) {
    for (const [preset, i] of access) {
      if (options.knownPresets.has(preset)) continue;
      const known = [...options.knownPresets].sort();
      const near = closest(preset, known);
      problem(['access', i], 'unknown-preset', `unknown access preset "${preset}"${near ? `; did you mean "${near}"?` : ''}`, `known presets: ${known.join(', ')}`);
    }
  }
  // Object ids compared in canonical (lower) case, so `ABC…` and `abc…` are the same owner twice.
  const owners = items<string>('owners').map(([o, i]): [string, number] => [canonicalGuid(o), i]);
  checkNoDuplicates(owners, ['owners'], problem);
  const memberItems = items<RawZoneMember>('members');
  const members = normalizeMembers(memberItems, problem);
  if (config) {
    // Entries the schema refused stand in as '' so that the indexes still point into the file.
    const rawMembers: RawZoneMember[] = Array.isArray(raw.members) ? raw.members.map(() => '') : [];
    for (const [entry, i] of memberItems) rawMembers[i] = entry;
    checkMembership({
      raw: rawMembers,
      members,
      owners: owners.map(([o]) => o),
      department,
      settings: departmentMembership(config, department),
      at: options.at ?? todayUtc(),
      problem,
      warn: (path, code, message, hint) => {
        const pos = positionOf(source, path);
        warnings.push({ file: source.file, line: pos.line, column: pos.column, field: fieldName(path), code, message, ...(hint ? { hint } : {}), severity: 'warning' });
      },
    });
  }

  const tags: Record<string, string> = {};
  if (isMapping(raw.tags)) {
    const keys = Object.keys(raw.tags);
    for (const key of keys) {
      if (config && key === config.zoneTagKey) {
        problem(['tags', key], 'reserved-tag', `tag "${key}" is set by Zone Access to the zone name and cannot be given here`,
          'leave it out; every resource of the zone carries it already');
      }
      if (key === '__proto__') {
        // A legal AWS tag key, but JavaScript object handling downstream drops it without a word.
        problem(['tags', key], 'invalid-key', 'tag key "__proto__" is not supported (it would be dropped from the synthesized permission set); use another key, e.g. cost-center');
      }
      const v = raw.tags[key];
      if (usable(fieldName(['tags', key])) && typeof v === 'string') tags[key] = v;
    }
    if (keys.length > MAX_ZONE_TAGS) problem(['tags'], 'too-many-tags', explainTooManyTags(keys.length));
  }

  const managed = items<string>('managedPolicies');
  checkNoDuplicates(managed, ['managedPolicies'], problem);
  const allowedManaged = new Set(config?.access.managedPolicies ?? []);
  if (config) {
    for (const [arn, i] of managed) {
      if (allowedManaged.has(arn)) continue;
      problem(['managedPolicies', i], 'not-allow-listed', `managed policy ${arn} is not allow-listed in the platform config`,
        allowedManaged.size ? `allowed: ${[...allowedManaged].join(', ')}` : 'the platform config allows no managed policies');
    }
  }
  const customer = items<RawCustomerManagedPolicyRef>('customerManagedPolicies');
  // Compared by path+name, so `x` and `{ name: x, path: / }` are the same policy listed twice.
  const customerKeys = customer.map(([ref, i]): [string, number] => [customerPolicyKey(normalizeCustomerPolicies([ref])[0]), i]);
  checkNoDuplicates(customerKeys, ['customerManagedPolicies'], problem);
  if (config) {
    const allowedCustomer = new Set(config.access.customerManagedPolicies.map(customerPolicyKey));
    for (const [key, i] of customerKeys) {
      if (!allowedCustomer.has(key)) {
        problem(['customerManagedPolicies', i], 'not-allow-listed', `customer-managed policy ${key} is not allow-listed in the platform config`);
      }
    }
  }
  let permissionsBoundary: PermissionsBoundaryRef | undefined;
  if (usable('permissionsBoundary') && raw.permissionsBoundary !== undefined) {
    permissionsBoundary = toBoundary(raw.permissionsBoundary);
    if (config && !sameBoundary(permissionsBoundary, config.access.permissionsBoundary)) {
      problem(['permissionsBoundary'], 'not-allow-listed', 'this permissions boundary is not the one allow-listed in the platform config');
    }
  }
  if (name === undefined || !config) return { diagnostics: [...diagnostics, ...warnings] };

  // Defaults and normalization come from the same function the constructs use for zones in code;
  // it gets only the parts that passed their checks.
  const description = usable('description') ? raw.description : undefined;
  const relayState = usable('relayState') ? raw.relayState : undefined;
  const zone: Zone = {
    ...normalizeZone(
      {
        name,
        department: usable('department') && raw.department !== undefined ? raw.department : department,
        ...(description !== undefined ? { description } : {}),
        accounts,
        access: access.map(([p]) => p).filter((p) => options.knownPresets.has(p)),
        ...(ownDuration !== undefined && isSessionDurationInRange(ownDuration) ? { sessionDuration: ownDuration } : {}),
        owners: owners.map(([o]) => o),
        members,
        ...(relayState !== undefined ? { relayState } : {}),
        tags,
        managedPolicies: managed.map(([arn]) => arn).filter((arn) => allowedManaged.has(arn)),
        customerManagedPolicies: customer.map(([ref]) => ref),
        ...(permissionsBoundary ? { permissionsBoundary } : {}),
      },
      config,
    ),
    source: { file: source.file, ...positionOf(source, []) },
    positions: topLevelKeyPositions(source),
  };
  return diagnostics.length > 0 ? { partialZone: zone, diagnostics: [...diagnostics, ...warnings] } : { zone, diagnostics: warnings };
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
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

function resolveAccounts(
  refs: readonly [string, number][],
  config: PlatformConfig | undefined,
  problem: (path: PathSegment[], code: DiagnosticCode, message: string, hint?: string) => void,
): ZoneAccount[] {
  const byId = new Map<string, ZoneAccount>();
  for (const [ref, i] of refs) {
    let account: ZoneAccount;
    if (isAccountId(ref)) {
      account = { id: ref };
    } else if (!config) {
      continue; // a name, but no valid config to look it up in
    } else if (Object.prototype.hasOwnProperty.call(config.accounts, ref)) {
      account = { id: config.accounts[ref], name: ref };
    } else {
      const names = Object.keys(config.accounts);
      problem(['accounts', i], 'unknown-account', `unknown account name "${ref}"`,
        names.length ? `known names: ${names.join(', ')}; or give the 12-digit id in quotes, e.g. "123456789012"` : 'give the 12-digit id in quotes, e.g. "123456789012"');
      continue;
    }
    if (byId.has(account.id)) {
      problem(['accounts', i], 'duplicate-account', `account ${account.id} is listed twice`);
      continue;
    }
    byId.set(account.id, account);
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * `members:` entries as the model holds them: a bare string becomes `{ user }`, users are
 * lower-cased (one person, however spelled, is one member) and sorted. A person listed twice, in
 * any spelling, and an `until` that is not a calendar date are errors.
 */
function normalizeMembers(
  raw: readonly [RawZoneMember, number][],
  problem: (path: PathSegment[], code: DiagnosticCode, message: string, hint?: string) => void,
): ZoneMember[] {
  const byUser = new Map<string, ZoneMember>();
  for (const [entry, i] of raw) {
    const { user, until, reason } = typeof entry === 'string' ? { user: entry, until: undefined, reason: undefined } : entry;
    const key = memberKey(user);
    const userPath: PathSegment[] = typeof entry === 'string' ? ['members', i] : ['members', i, 'user'];
    if (byUser.has(key)) {
      problem(userPath, 'duplicate-member', `"${user}" is listed twice (users compare case-insensitively)`,
        'keep one entry per person; give it the latest until');
      continue;
    }
    if (until !== undefined && !isRealDate(until)) {
      problem(['members', i, 'until'], 'invalid-date', `"${until}" is not a calendar date`, 'write the last day of access as YYYY-MM-DD, e.g. 2026-12-31');
    }
    byUser.set(key, { user: key, ...(until !== undefined ? { until } : {}), ...(reason !== undefined ? { reason } : {}) });
  }
  return [...byUser.values()].sort((a, b) => (a.user < b.user ? -1 : a.user > b.user ? 1 : 0));
}

function checkNoDuplicates(
  values: readonly [string, number][],
  path: PathSegment[],
  problem: (path: PathSegment[], code: DiagnosticCode, message: string) => void,
): void {
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

function duplicateZoneDiagnostics(zones: readonly Zone[]): Diagnostic[] {
  const byName = new Map<string, Zone[]>();
  for (const zone of zones) byName.set(zone.name, [...(byName.get(zone.name) ?? []), zone]);
  const out: Diagnostic[] = [];
  for (const [name, same] of byName) {
    if (same.length < 2) continue;
    for (const zone of same) {
      const others = same.filter((z) => z !== zone).map((z) => z.source.file);
      const pos = zone.positions.zone;
      out.push({
        file: zone.source.file,
        ...(pos ? { line: pos.line, column: pos.column } : {}),
        field: 'zone',
        code: 'duplicate-zone',
        message: `zone "${name}" is also defined in ${others.join(', ')}`,
        hint: 'zone names are unique across all departments',
      });
    }
  }
  return out;
}

function misplaced(path: string): Diagnostic {
  return {
    file: path,
    field: '',
    code: 'misplaced-file',
    message: 'zone files live exactly one folder deep: zones/<department>/<zone>.yaml',
  };
}

/**
 * A symlink, pipe, socket or device that would otherwise be skipped silently although it looks like
 * input: named like a zone file, or a link to a folder. Skipping it would drop the zone (or the
 * whole department's stacks) from the synthesized output, so it is reported instead.
 */
function isSkippedSpecialEntry(entry: Dirent, path: string): boolean {
  if (entry.isFile() || entry.isDirectory()) return false;
  if (isYaml(entry.name)) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function notRegular(entry: Dirent, path: string): Diagnostic {
  const what = entry.isSymbolicLink() ? 'a symbolic link (links are not followed)' : 'not a regular file (a pipe, socket or device)';
  return {
    file: path,
    field: '',
    code: 'not-a-file',
    message: `is ${what}, so it would be left out of the synthesized stacks`,
    hint: 'zone files and department folders must be regular files and folders inside the zones directory',
  };
}

function isYaml(name: string): boolean {
  return ZONE_FILE_EXTENSIONS.some((ext) => name.endsWith(ext));
}

function containsYaml(dir: string): boolean {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).some((e) => e.isFile() && isYaml(e.name));
}

function sortEntries(entries: Dirent[]): Dirent[] {
  return [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
