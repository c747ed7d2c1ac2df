import { readdirSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { follows, TEXT_RULES, ZONE_FILE_EXTENSIONS, zoneFileName } from './aws-rules';
import type { Diagnostic, DiagnosticCode } from './diagnostics';
import { checkAgainstSchema, checkNoTemplateSequences, fieldName } from './schema-check';
import { todayUtc } from './dates';
import { departmentMembership } from './membership-settings';
import { markResolved } from './resolve-zone';
import type { PlatformConfig, Zone } from './types';
import { normalizeZone, type ZoneInput } from './zone-defaults';
import {
  zoneFileSchema,
  type RawCustomerManagedPolicyRef,
  type RawZoneFile,
  type RawZoneMember,
} from './zone-file-schema';
import { checkZone } from './zone-rules';
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
    const settings = Object.prototype.hasOwnProperty.call(config.departments, folder)
      ? config.departments[folder]
      : undefined;
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
    return {
      files,
      departments,
      diagnostics: [
        {
          file: zonesDir,
          field: '',
          code: 'no-zones-dir',
          message: `cannot read zones directory: ${(err as Error).message}`,
        },
      ],
    };
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
        diagnostics.push({
          file: path,
          field: '',
          code: 'invalid-department-folder',
          message: `department folder "${entry.name}": ${TEXT_RULES.departmentName.explain(entry.name)}`,
        });
        continue;
      }
      departments.push(entry.name);
      let innerEntries: Dirent[];
      try {
        innerEntries = readdirSync(path, { withFileTypes: true });
      } catch (err) {
        diagnostics.push({
          file: path,
          field: '',
          code: 'unreadable',
          message: `cannot read department folder: ${(err as Error).message}`,
        });
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
  const diagnostics: Diagnostic[] = [
    ...checkAgainstSchema(zoneFileSchema, source),
    ...checkNoTemplateSequences(source),
  ];
  // Warnings (severity 'warning') leave the zone valid; they are returned with it.
  const warnings: Diagnostic[] = [];
  if (!isMapping(source.value)) return { diagnostics };
  // Fields the schema already reported; the zone rules skip them rather than pile up follow-on errors.
  const reported = diagnostics.map((d) => d.field);
  const usable = (field: string) =>
    !reported.some((f) => f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`));
  // Each field is read only once `usable` says the schema accepted it, so its schema type holds.
  const raw = source.value as Partial<RawZoneFile>;
  const { config } = options;
  const at =
    (list: Diagnostic[], severity?: 'warning') =>
    (path: PathSegment[], code: DiagnosticCode, message: string, hint?: string) => {
      const pos = positionOf(source, path);
      list.push({
        file: source.file,
        line: pos.line,
        column: pos.column,
        field: fieldName(path),
        code,
        message,
        ...(hint ? { hint } : {}),
        ...(severity ? { severity } : {}),
      });
    };
  const problem = at(diagnostics);

  // What only a file has: its folder and its name.
  const name = usable('zone') && typeof raw.zone === 'string' ? raw.zone : undefined;
  if (usable('department') && raw.department !== undefined && raw.department !== department) {
    problem(
      ['department'],
      'department-mismatch',
      `department "${raw.department}" does not match the folder "${department}"`,
      `move the file to zones/${raw.department}/ or set department: ${department}`,
    );
  }
  if (name !== undefined) {
    const fileName = basename(source.file);
    if (!zoneFileName.matches(name, fileName))
      problem(['zone'], 'file-name-mismatch', zoneFileName.explain(name, fileName));
  }

  // Everything else is a zone rule, the same for a zone given in code (model/zone-rules.ts).
  const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
  const tags = isMapping(raw.tags) ? (raw.tags as Record<string, string>) : {};
  const input: ZoneInput = {
    name: name ?? '',
    department: usable('department') && raw.department !== undefined ? raw.department : department,
    ...(raw.description !== undefined ? { description: raw.description } : {}),
    accounts: list<string>(raw.accounts),
    access: list<string>(raw.access),
    ...(raw.sessionDuration !== undefined ? { sessionDuration: raw.sessionDuration } : {}),
    owners: list<string>(raw.owners),
    members: list<RawZoneMember>(raw.members),
    ...(raw.relayState !== undefined ? { relayState: raw.relayState } : {}),
    tags,
    managedPolicies: list<string>(raw.managedPolicies),
    customerManagedPolicies: list<RawCustomerManagedPolicyRef>(raw.customerManagedPolicies),
    ...(raw.permissionsBoundary !== undefined ? { permissionsBoundary: raw.permissionsBoundary } : {}),
  };
  const before = diagnostics.length;
  checkZone(
    input,
    {
      platform: config,
      knownPresets: options.knownPresets,
      nameField: 'zone',
      ...(config
        ? { membership: { settings: departmentMembership(config, department), at: options.at ?? todayUtc() } }
        : {}),
      // The name is checked only when the file has a usable one.
      usable: (field) => (field === 'zone' ? name !== undefined : usable(field)),
    },
    problem,
    at(warnings, 'warning'),
  );
  if (name === undefined || !config) return { diagnostics: [...diagnostics, ...warnings] };
  // Fields the zone rules refused are left out of the zone built from the file's valid parts.
  const refused = diagnostics.slice(before).map((d) => d.field);
  const valid = (field: string) =>
    usable(field) && !refused.some((f) => f === field || f.startsWith(`${field}.`) || f.startsWith(`${field}[`));
  const keep = <T>(field: string, values: readonly T[]) => values.filter((_, i) => valid(`${field}[${i}]`));

  // Defaults and normalization come from the same function `resolveZone` uses for zones in code;
  // it gets only the parts that passed their checks.
  const zone = normalizeZone(
    {
      name,
      department: input.department,
      ...(input.description !== undefined && valid('description') ? { description: input.description } : {}),
      accounts: keep('accounts', input.accounts),
      access: keep('access', input.access).filter((p) => options.knownPresets.has(p)),
      ...(input.sessionDuration !== undefined && valid('sessionDuration')
        ? { sessionDuration: input.sessionDuration }
        : {}),
      owners: keep('owners', input.owners ?? []),
      members: keep('members', input.members ?? []),
      ...(input.relayState !== undefined && valid('relayState') ? { relayState: input.relayState } : {}),
      tags: Object.fromEntries(
        Object.entries(tags).filter(([k, v]) => typeof v === 'string' && valid(fieldName(['tags', k]))),
      ),
      managedPolicies: keep('managedPolicies', input.managedPolicies ?? []),
      customerManagedPolicies: keep('customerManagedPolicies', input.customerManagedPolicies ?? []),
      ...(input.permissionsBoundary !== undefined && valid('permissionsBoundary')
        ? { permissionsBoundary: input.permissionsBoundary }
        : {}),
    },
    config,
    { source: { file: source.file, ...positionOf(source, []) }, positions: topLevelKeyPositions(source) },
  );
  if (diagnostics.length > 0) return { partialZone: zone, diagnostics: [...diagnostics, ...warnings] };
  // Every zone rule passed against this config: the constructs take the zone as it is.
  return { zone: markResolved(zone, config), diagnostics: warnings };
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
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
  const what = entry.isSymbolicLink()
    ? 'a symbolic link (links are not followed)'
    : 'not a regular file (a pipe, socket or device)';
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
