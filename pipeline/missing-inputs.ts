import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Diagnostic } from '../model/diagnostics';

/**
 * When the zones folder or the platform config is not there (typically: zone-access was run from a
 * subfolder), the problem says where it looked and how to point at the inputs: the repository root
 * above, if there is one with both, and the --zones / --config flags.
 */
export function explainMissingInputs(
  diagnostics: readonly Diagnostic[],
  options: {
    readonly zonesDir: string;
    readonly configPath: string;
    readonly defaults: { readonly zonesDir: string; readonly configPath: string };
  },
): Diagnostic[] {
  const missingZones = !isDirectory(options.zonesDir);
  const missingConfig = !existsSync(options.configPath);
  if (!missingZones && !missingConfig) return [...diagnostics];
  const looked = (path: string) => `looked for ${resolve(path)}`;
  const from = dirname(resolve(missingZones ? options.zonesDir : options.configPath));
  const root = repositoryRootAbove(from, options.defaults);
  const flags = root
    ? `run zone-access in ${root} (${relative(process.cwd(), root) || '.'}), which has ${options.defaults.zonesDir}/ and ${options.defaults.configPath}, ` +
      `or pass --zones ${join(relative(process.cwd(), root) || '.', options.defaults.zonesDir)} --config ${join(relative(process.cwd(), root) || '.', options.defaults.configPath)}`
    : `run zone-access in the repository's root folder, or point at the inputs with --zones DIR and --config FILE`;
  return diagnostics.map((d) => {
    if (missingZones && d.code === 'no-zones-dir' && d.file === options.zonesDir)
      return { ...d, hint: `${looked(options.zonesDir)}; ${flags}` };
    if (missingConfig && d.code === 'unreadable' && d.file === options.configPath)
      return { ...d, hint: `${looked(options.configPath)}; ${flags}` };
    return d;
  });
}

/** The nearest folder above `start` holding both default inputs, if any. */
function repositoryRootAbove(
  start: string,
  defaults: { readonly zonesDir: string; readonly configPath: string },
): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (isDirectory(join(dir, defaults.zonesDir)) && existsSync(join(dir, defaults.configPath))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
