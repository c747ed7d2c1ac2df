import { readdirSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Diagnostic } from './diagnostics';
import { isSessionDurationInRange } from './durations';
import { canonicalGuid } from './guid';
import { RESERVED_ZONE_NAMES } from './names';
import { checkAgainstSchema, checkNoTemplateSequences, fieldName } from './schema-check';
import { checkMembership } from './check-membership';
import { isRealDate, todayUtc } from './dates';
import { departmentMembership } from './membership-settings';
import { memberKey } from './membership';
import type { PermissionsBoundaryRef, PlatformConfig, Zone, ZoneAccount, ZoneMember } from './types';
import { customerPolicyKey, normalizeCustomerPolicies, normalizeZone, toBoundary } from './zone-defaults';
import { ZONE_NAME_PATTERN, zoneFileSchema, type RawZoneFile, type RawZoneMember } from './zone-file-schema';
import { positionOf, readYamlFile, topLevelKeyPositions, type PathSegment, type YamlSource } from './yaml-source';

/** Longest permission set name Identity Center accepts. */
const PERMISSION_SET_NAME_MAX = 32;
const ZONE_FILE_EXTENSIONS = ['.yaml', '.yml'];

export interface LoadZonesOptions {
  readonly config: PlatformConfig;
  /** Names of every preset in the access catalog. */
  readonly knownPresets: ReadonlySet<string>;
  /** The day membership is checked for, `YYYY-MM-DD` (default: today, UTC). */
  readonly at?: string;
}

/**
 * Loads every zone file under `zonesDir` (`<zonesDir>/<department>/<name>.yaml`), validates each
 * against the schema, the platform config and each other, and returns the zones sorted by name.
 * Every problem of every file is returned; `zones` is only meaningful when `diagnostics` is empty.
 */
export function loadZones(
  zonesDir: string,
  options: LoadZonesOptions,
): { zones: Zone[]; departments: string[]; diagnostics: Diagnostic[] } {
  const { config } = options;
  const discovered = discoverZoneFiles(zonesDir);
  const diagnostics = discovered.diagnostics.map((d) => explainFolderCase(d, config));
  diagnostics.push(...departmentDiagnostics(discovered.files, discovered.departments, zonesDir, config));
  const zones: Zone[] = [];
  for (const { path, department } of discovered.files) {
    const read = readYamlFile(path);
    if (!read.source) {
      diagnostics.push(...read.diagnostics);
      continue;
    }
    const result = zoneFromSource(read.source, department, options);
    diagnostics.push(...result.diagnostics);
    if (result.zone) zones.push(result.zone);
  }
  diagnostics.push(...duplicateZoneDiagnostics(zones));
  zones.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { zones, departments: Object.keys(config.departments).sort(), diagnostics };
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
      if (!new RegExp(ZONE_NAME_PATTERN).test(entry.name)) {
        diagnostics.push({ file: path, field: '', code: 'invalid-department-folder',
          message: `department folder "${entry.name}" must be lower-case letters, digits and inner hyphens` });
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

/** Validates one parsed zone file. `department` is the folder it was found in. */
export function zoneFromSource(
  source: YamlSource,
  department: string,
  options: LoadZonesOptions,
): { zone?: Zone; diagnostics: Diagnostic[] } {
  // Warnings (severity 'warning') leave the zone valid; they are returned with it.
  const warnings: Diagnostic[] = [];
  const schemaProblems = checkAgainstSchema(zoneFileSchema, source);
  if (schemaProblems.length > 0) return { diagnostics: schemaProblems };
  const templateProblems = checkNoTemplateSequences(source);
  if (templateProblems.length > 0) return { diagnostics: templateProblems };

  const raw = source.value as RawZoneFile;
  const { config } = options;
  const diagnostics: Diagnostic[] = [];
  const problem = (path: PathSegment[], code: string, message: string, hint?: string) => {
    const pos = positionOf(source, path);
    diagnostics.push({ file: source.file, line: pos.line, column: pos.column, field: fieldName(path), code, message, ...(hint ? { hint } : {}) });
  };

  if (raw.department !== department) {
    problem(['department'], 'department-mismatch', `department "${raw.department}" does not match the folder "${department}"`,
      `move the file to zones/${raw.department}/ or set department: ${department}`);
  }
  const maxZoneLength = PERMISSION_SET_NAME_MAX - config.names.permissionSetPrefix.length;
  if (raw.zone.length > maxZoneLength) {
    problem(['zone'], 'invalid-length', `is ${raw.zone.length} characters; at most ${maxZoneLength} fit the permission set name "${config.names.permissionSetPrefix}<zone>"`);
  }
  if (RESERVED_ZONE_NAMES.has(raw.zone)) {
    problem(['zone'], 'reserved-zone-name', `"${raw.zone}" is reserved for the stacks' own providers and backend`,
      `choose another name; reserved: ${[...RESERVED_ZONE_NAMES].join(', ')}`);
  }
  if (raw.sessionDuration !== undefined && !isSessionDurationInRange(raw.sessionDuration)) {
    problem(['sessionDuration'], 'invalid-value', `${raw.sessionDuration} is outside PT1H..PT12H`);
  }

  const accounts = resolveAccounts(raw.accounts, config, problem);
  checkNoDuplicates(raw.access, ['access'], problem);
  raw.access.forEach((name, i) => {
    if (!options.knownPresets.has(name)) {
      problem(['access', i], 'unknown-preset', `unknown access preset "${name}"`, `known presets: ${[...options.knownPresets].sort().join(', ')}`);
    }
  });
  // Object ids compared in canonical (lower) case, so `ABC…` and `abc…` are the same owner twice.
  const owners = (raw.owners ?? []).map(canonicalGuid);
  checkNoDuplicates(owners, ['owners'], problem);
  const members = normalizeMembers(raw.members ?? [], problem);
  checkMembership({
    raw: raw.members ?? [],
    members,
    owners: raw.owners ?? [],
    department,
    settings: departmentMembership(config, department),
    at: options.at ?? todayUtc(),
    problem,
    warn: (path, code, message, hint) => {
      const pos = positionOf(source, path);
      warnings.push({ file: source.file, line: pos.line, column: pos.column, field: fieldName(path), code, message, ...(hint ? { hint } : {}), severity: 'warning' });
    },
  });

  for (const key of Object.keys(raw.tags ?? {})) {
    if (key === config.zoneTagKey) {
      problem(['tags', key], 'reserved-tag', `tag "${key}" is set by Zone Access to the zone name and cannot be given here`);
    }
    if (key === '__proto__') {
      // A legal AWS tag key, but JavaScript object handling downstream drops it without a word.
      problem(['tags', key], 'invalid-key', 'tag key "__proto__" is not supported (it would be dropped from the synthesized permission set)');
    }
  }
  if (Object.keys(raw.tags ?? {}).length > 49) {
    problem(['tags'], 'too-many-tags', `${Object.keys(raw.tags ?? {}).length} tags given; at most 49 fit beside the zone tag (AWS allows 50)`);
  }

  const allowedManaged = new Set(config.access.managedPolicies);
  checkNoDuplicates(raw.managedPolicies ?? [], ['managedPolicies'], problem);
  (raw.managedPolicies ?? []).forEach((arn, i) => {
    if (!allowedManaged.has(arn)) {
      problem(['managedPolicies', i], 'not-allow-listed', `managed policy ${arn} is not allow-listed in the platform config`,
        allowedManaged.size ? `allowed: ${[...allowedManaged].join(', ')}` : 'the platform config allows no managed policies');
    }
  });
  const allowedCustomer = new Set(config.access.customerManagedPolicies.map(customerPolicyKey));
  const customerKeys = (raw.customerManagedPolicies ?? []).map((ref) => customerPolicyKey(normalizeCustomerPolicies([ref])[0]));
  // Compared by path+name, so `x` and `{ name: x, path: / }` are the same policy listed twice.
  checkNoDuplicates(customerKeys, ['customerManagedPolicies'], problem);
  customerKeys.forEach((key, i) => {
    if (!allowedCustomer.has(key)) {
      problem(['customerManagedPolicies', i], 'not-allow-listed', `customer-managed policy ${key} is not allow-listed in the platform config`);
    }
  });
  if (raw.permissionsBoundary !== undefined) {
    const permissionsBoundary = toBoundary(raw.permissionsBoundary);
    if (!sameBoundary(permissionsBoundary, config.access.permissionsBoundary)) {
      problem(['permissionsBoundary'], 'not-allow-listed', 'this permissions boundary is not the one allow-listed in the platform config');
    }
  }
  if (diagnostics.length > 0) return { diagnostics: [...diagnostics, ...warnings] };

  // Defaults and normalization come from the same function the constructs use for zones in code.
  const zone: Zone = {
    ...normalizeZone({ ...raw, name: raw.zone, accounts, members }, config),
    source: { file: source.file, ...positionOf(source, []) },
    positions: topLevelKeyPositions(source),
  };
  return { zone, diagnostics: warnings };
}

function resolveAccounts(
  refs: readonly string[],
  config: PlatformConfig,
  problem: (path: PathSegment[], code: string, message: string, hint?: string) => void,
): ZoneAccount[] {
  const byId = new Map<string, ZoneAccount>();
  refs.forEach((ref, i) => {
    let account: ZoneAccount;
    if (/^\d{12}$/.test(ref)) {
      account = { id: ref };
    } else if (Object.prototype.hasOwnProperty.call(config.accounts, ref)) {
      account = { id: config.accounts[ref], name: ref };
    } else {
      const names = Object.keys(config.accounts);
      problem(['accounts', i], 'unknown-account', `unknown account name "${ref}"`,
        names.length ? `known names: ${names.join(', ')}; or give the 12-digit id in quotes` : 'give the 12-digit id in quotes');
      return;
    }
    const previous = byId.get(account.id);
    if (previous) {
      problem(['accounts', i], 'duplicate-account', `account ${account.id} is listed twice`);
      return;
    }
    byId.set(account.id, account);
  });
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * `members:` entries as the model holds them: a bare string becomes `{ user }`, users are
 * lower-cased (one person, however spelled, is one member) and sorted. A person listed twice, in
 * any spelling, and an `until` that is not a calendar date are errors.
 */
function normalizeMembers(
  raw: readonly RawZoneMember[],
  problem: (path: PathSegment[], code: string, message: string, hint?: string) => void,
): ZoneMember[] {
  const byUser = new Map<string, ZoneMember>();
  raw.forEach((entry, i) => {
    const { user, until, reason } = typeof entry === 'string' ? { user: entry, until: undefined, reason: undefined } : entry;
    const key = memberKey(user);
    const userPath: PathSegment[] = typeof entry === 'string' ? ['members', i] : ['members', i, 'user'];
    if (byUser.has(key)) {
      problem(userPath, 'duplicate-member', `"${user}" is listed twice (users compare case-insensitively)`,
        'keep one entry per person; give it the latest until');
      return;
    }
    if (until !== undefined && !isRealDate(until)) {
      problem(['members', i, 'until'], 'invalid-date', `"${until}" is not a calendar date`, 'write the last day of access as YYYY-MM-DD, e.g. 2026-12-31');
    }
    byUser.set(key, { user: key, ...(until !== undefined ? { until } : {}), ...(reason !== undefined ? { reason } : {}) });
  });
  return [...byUser.values()].sort((a, b) => (a.user < b.user ? -1 : a.user > b.user ? 1 : 0));
}

function checkNoDuplicates(
  values: readonly string[],
  path: PathSegment[],
  problem: (path: PathSegment[], code: string, message: string) => void,
): void {
  const seen = new Set<string>();
  values.forEach((v, i) => {
    if (seen.has(v)) problem([...path, i], 'duplicate-entry', `"${v}" is listed twice`);
    seen.add(v);
  });
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
