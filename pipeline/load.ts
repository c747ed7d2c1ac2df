import { isAbsolute, join, relative } from 'node:path';
import { isRealDate, todayUtc } from '../model/dates';
import { sortDiagnostics, type Diagnostic } from '../model/diagnostics';
import { loadPlatformConfig } from '../model/load-platform-config';
import { loadZones } from '../model/load-zones';
import type { ZoneTree } from '../model/types';
import { accessCatalog, BUILT_IN_PRESETS } from '../policies/catalog';
import { checkZoneLimits } from '../policies/limits';

/** Where the repository keeps its inputs unless told otherwise. */
export const DEFAULT_ZONES_DIR = 'zones';
export const DEFAULT_CONFIG_PATH = join('config', 'platform.yaml');

export interface LoadTreeOptions {
  readonly zonesDir: string;
  readonly configPath: string;
  /** The day to evaluate membership for, `YYYY-MM-DD` (default: today, UTC). */
  readonly at?: string;
}

/**
 * zone files → validated model → policy checks. Returns a tree only when there is not a single
 * problem anywhere, so nothing downstream ever sees invalid input.
 */
export function loadTree(options: LoadTreeOptions): { tree?: ZoneTree; diagnostics: Diagnostic[] } {
  const loaded = loadPlatformConfig(options.configPath, { reservedPresetNames: new Set(Object.keys(BUILT_IN_PRESETS)) });
  if (!loaded.config) return { diagnostics: sortDiagnostics(loaded.diagnostics) };
  const config = loaded.config;
  const at = options.at ?? todayUtc();
  if (!isRealDate(at)) throw new Error(`at "${at}" is not a date (YYYY-MM-DD)`);

  const catalog = accessCatalog(config);
  const { zones, departments, diagnostics } = loadZones(options.zonesDir, { config, knownPresets: new Set(catalog.keys()) });
  for (const zone of zones) diagnostics.push(...checkZoneLimits(zone, config));
  if (diagnostics.length > 0) return { diagnostics: sortDiagnostics(diagnostics) };
  return { tree: { config, zones, departments, at }, diagnostics: [] };
}

/**
 * Resolves path options against a working directory, keeping them relative to the process's own
 * directory where possible so messages show `zones/x/y.yaml`, not a machine-specific absolute path.
 */
export function resolveTreeOptions(cwd: string, zonesDir?: string, configPath?: string, at?: string): LoadTreeOptions {
  const base = relative(process.cwd(), cwd);
  const path = (p: string) => (isAbsolute(p) ? p : join(base, p));
  return { zonesDir: path(zonesDir ?? DEFAULT_ZONES_DIR), configPath: path(configPath ?? DEFAULT_CONFIG_PATH), ...(at !== undefined ? { at } : {}) };
}
