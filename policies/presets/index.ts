import { readdirSync } from 'node:fs';
import type { BuiltInPreset, BuiltInPresetDefinition } from './define';

/**
 * The built-in presets: every `<name>.ts` in this folder (one preset per file, its name from the
 * file name, like cdk-nag's one-rule-per-file). Discovered rather than listed, so adding a preset
 * is adding its file (and its test); nothing else is edited by hand. Sorted by name.
 */

/** Files of this folder that are not presets. */
const NOT_PRESETS = new Set(['define', 'index']);
/** A preset name is a zone-file `access` entry: lower-case words joined by hyphens. */
const PRESET_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function discover(): ReadonlyMap<string, BuiltInPreset> {
  // From the sources (ts, under jest) and from the build output (js); never declaration files.
  const names = readdirSync(__dirname)
    .filter((f) => /\.(ts|js)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => f.replace(/\.(ts|js)$/, ''))
    .filter((n) => !NOT_PRESETS.has(n));
  const presets = new Map<string, BuiltInPreset>();
  for (const name of [...new Set(names)].sort()) {
    if (!PRESET_NAME.test(name)) throw new Error(`policies/presets/${name}: a preset file name must be lower-case words joined by hyphens`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const definition = (require(`./${name}`) as { default?: BuiltInPresetDefinition }).default;
    if (!definition || !Array.isArray(definition.statements)) {
      throw new Error(`policies/presets/${name}: the default export must be definePreset({...})`);
    }
    presets.set(name, Object.freeze({ ...definition, name }));
  }
  return presets;
}

/** Every built-in preset, by name (sorted). */
export const BUILT_IN_PRESET_DEFINITIONS: ReadonlyMap<string, BuiltInPreset> = discover();
