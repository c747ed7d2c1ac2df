import { stringify } from 'yaml';
import { ValidationError, type Diagnostic } from '../model/diagnostics';
import { loadPlatformConfig, platformConfigFromSource } from '../model/load-platform-config';
import type { FromSchema } from 'json-schema-to-ts';
import { platformConfigSchema } from '../model/platform-config-schema';
import type { PlatformConfig } from '../model/types';
import { parseYamlText } from '../model/yaml-source';
import { BUILT_IN_PRESETS } from '../policies/catalog';
import type { PlatformSpec } from './props';

/**
 * Platform settings for the constructs, made the way the CLI makes them: the same schema, the same
 * checks, the same defaults (model/load-platform-config.ts), so a stack written in code and a
 * repository of zone files can share one `config/platform.yaml`. Every problem is thrown at once as
 * a `ValidationError`.
 */

/**
 * The platform config keys, as in `config/platform.yaml`, minus the stack-level ones the constructs
 * never read (`sharding`, `backend`, `departments`). Only `identityCenter` and `entra` are required.
 */
export type PlatformInput = Omit<
  FromSchema<typeof platformConfigSchema, { keepDefaultedPropertiesOptional: true }>,
  (typeof NOT_READ_BY_CONSTRUCTS)[number]
>;

/** Keys of the platform config file the constructs never read (the CLI's stacks and tree checks do). */
const NOT_READ_BY_CONSTRUCTS = ['sharding', 'backend', 'departments', 'quotas'] as const;

const RESERVED_PRESETS: ReadonlySet<string> = new Set(Object.keys(BUILT_IN_PRESETS));

/** From a partial object: `platformConfig({ identityCenter: {...}, entra: {...} })`. */
export function platformConfig(input: PlatformInput): PlatformSpec {
  // Through YAML text, so an object gets exactly the file's checks; positions in that generated
  // text mean nothing to the caller, so problems name the field only.
  const file = 'platformConfig()';
  // A key the file must have but the constructs never read gets a neutral value (an empty map).
  const required = platformConfigSchema.required as readonly string[];
  const neutral = Object.fromEntries(
    NOT_READ_BY_CONSTRUCTS.filter((k) => required.includes(k) && !(k in input)).map((k) => [k, {}]),
  );
  return fromYaml(stringify({ ...input, ...neutral }), file, (d) => ({
    file,
    field: d.field,
    code: d.code,
    message: d.message,
    ...(d.hint ? { hint: d.hint } : {}),
  }));
}

/** From YAML text (the contents of a `config/platform.yaml`); `file` names it in messages. */
export function platformConfigFromYaml(text: string, file = 'platform config'): PlatformSpec {
  return fromYaml(text, file, (d) => d);
}

/** From a platform config file, as `zone-access validate --config FILE` reads it. */
export function platformConfigFromFile(path: string): PlatformSpec {
  const { config, diagnostics } = loadPlatformConfig(path, { reservedPresetNames: RESERVED_PRESETS });
  if (!config) throw new ValidationError(diagnostics, 'the platform config');
  return toSpec(config);
}

function fromYaml(text: string, file: string, locate: (d: Diagnostic) => Diagnostic): PlatformSpec {
  const parsed = parseYamlText(text, file);
  if (!parsed.source) throw new ValidationError(parsed.diagnostics.map(locate), 'the platform config');
  const { config, diagnostics } = platformConfigFromSource(parsed.source, { reservedPresetNames: RESERVED_PRESETS });
  if (!config) throw new ValidationError(diagnostics.map(locate), 'the platform config');
  return toSpec(config);
}

/** Only what the constructs read; the stack-level settings stay with whoever owns the stacks. */
function toSpec(config: PlatformConfig): PlatformSpec {
  const {
    identityCenter,
    entra,
    zoneTagKey,
    names,
    defaultSessionDuration,
    accounts,
    access,
    secrets,
    protection,
    source,
  } = config;
  return {
    identityCenter,
    entra,
    zoneTagKey,
    names,
    defaultSessionDuration,
    accounts,
    access,
    secrets,
    protection,
    source,
  };
}
