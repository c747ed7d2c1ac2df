import { isAbsolute, join, relative } from 'node:path';
import { isRealDate, todayUtc } from '../model/dates';
import { isError, sortDiagnostics, ValidationError, type Diagnostic } from '../model/diagnostics';
import { loadPlatformConfig } from '../model/load-platform-config';
import { loadZones } from '../model/load-zones';
import { checkQuotas } from '../model/quotas';
import { checkEntraLimits } from '../policies/entra-limits';
import type { ZoneTree } from '../model/types';
import { accessCatalog, BUILT_IN_PRESETS } from '../policies/catalog';
import { checkZoneLimits } from '../policies/limits';
import { explainMissingInputs } from './missing-inputs';

/** Services the built-in presets work with. */
const CATALOG_SERVICES: ReadonlySet<string> = new Set(
  Object.values(BUILT_IN_PRESETS).flatMap((p) =>
    p.statements.flatMap((s) => s.actions.map((a) => a.slice(0, a.indexOf(':')))),
  ),
);

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
 * zone files → validated model → policy checks → quotas. Returns a tree only when there is not a
 * single error anywhere, so nothing downstream ever sees invalid input; with a tree, `diagnostics`
 * holds only warnings, which callers print. Without one, it holds every problem of every file (an
 * invalid platform config still lets each zone file be checked on its own). `configWarnings`: the
 * platform config's accepted-by-default risks, on their lines, which validate and synth also print.
 */
export function loadTree(options: LoadTreeOptions): {
  tree?: ZoneTree;
  diagnostics: Diagnostic[];
  configWarnings?: Diagnostic[];
} {
  const loaded = loadPlatformConfig(options.configPath, {
    reservedPresetNames: new Set(Object.keys(BUILT_IN_PRESETS)),
    catalogServices: CATALOG_SERVICES,
  });
  const config = loaded.config;
  const at = options.at ?? todayUtc();
  if (!isRealDate(at)) {
    throw new ValidationError(
      [
        {
          file: 'loadTree()',
          field: 'at',
          code: 'invalid-date',
          message: `"${at}" is not a date`,
          hint: 'give the day as YYYY-MM-DD, e.g. 2026-12-31',
        },
      ],
      'loadTree options',
    );
  }

  const knownPresets = new Set(config ? accessCatalog(config).keys() : []);
  const { zones, departments, diagnostics } = loadZones(options.zonesDir, { config, knownPresets, at });
  diagnostics.push(...loaded.diagnostics);
  // Zones come back built from their valid parts even when some parts are not, so their limits are
  // checked in the same run.
  if (config) for (const zone of zones) diagnostics.push(...checkZoneLimits(zone, config));
  if (config) diagnostics.push(...checkEntraLimits(departments, config));
  // Quotas count the whole tree, so they are checked only once every zone has loaded.
  if (config && !diagnostics.some(isError)) diagnostics.push(...checkQuotas(config, zones));
  if (!config || diagnostics.some(isError)) {
    const explained = explainMissingInputs(diagnostics, {
      ...options,
      defaults: { zonesDir: DEFAULT_ZONES_DIR, configPath: DEFAULT_CONFIG_PATH },
    });
    return { diagnostics: sortDiagnostics(explained) };
  }
  return {
    tree: { config, zones, departments, at },
    diagnostics: sortDiagnostics(diagnostics),
    configWarnings: loaded.warnings ?? [],
  };
}

/**
 * Resolves path options against a working directory, keeping them relative to the process's own
 * directory where possible so messages show `zones/x/y.yaml`, not a machine-specific absolute path.
 */
export function resolveTreeOptions(cwd: string, zonesDir?: string, configPath?: string, at?: string): LoadTreeOptions {
  const base = relative(process.cwd(), cwd);
  const path = (p: string) => (isAbsolute(p) ? p : join(base, p));
  return {
    zonesDir: path(zonesDir ?? DEFAULT_ZONES_DIR),
    configPath: path(configPath ?? DEFAULT_CONFIG_PATH),
    ...(at !== undefined ? { at } : {}),
  };
}
