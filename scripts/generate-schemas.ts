import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { platformConfigSchema } from '../model/platform-config-schema';
import { AJV_OPTIONS } from '../model/schema-check';
import { zoneFileSchema } from '../model/zone-file-schema';
import { BUILT_IN_PRESETS } from '../policies/catalog';
import { generateIamLists } from './iam-lists';
import { presetDetails, presetSummaryTable } from './preset-docs';
import { commandTable } from './cli-docs';
import { generatedBegin, generatedBeginPrefix, generatedEnd } from './generated-markers';
import { schemaReferenceTable } from './schema-docs';

/**
 * Writes the editor schemas (`schema/*.json`) from the JSON Schema consts the validator compiles,
 * so there is one source of truth and no hand-kept copy. Sample files point editors at them with
 * `# yaml-language-server: $schema=...`; a test fails when the committed files differ from what
 * this script produces.
 *
 *   npm run schemas            (build, then node dist/scripts/generate-schemas.js)
 *   node dist/scripts/generate-schemas.js --check   (exit 1 when a committed file is stale)
 */

/**
 * The zone-file schema for editors: the validator's schema plus the built-in preset names as
 * completions (`examples` of an `access` entry). Not an `enum`: the platform config may add presets,
 * and the loader already names an unknown preset with the known ones.
 */
export function editorZoneFileSchema(): object {
  const schema = structuredClone(zoneFileSchema) as { properties: { access: { items: Record<string, unknown> } } };
  schema.properties.access.items.examples = Object.keys(BUILT_IN_PRESETS);
  return schema;
}

/** Repository-relative path → schema object. */
export const SCHEMA_FILES: Readonly<Record<string, object>> = {
  'schema/zone-file.schema.json': editorZoneFileSchema(),
  'schema/platform-config.schema.json': platformConfigSchema,
};

/** A generated part of a hand-written file: its text, and where it comes from (named in its marker). */
export interface GeneratedSection {
  readonly body: string;
  readonly from: string;
}

/** Generated parts of hand-written files: repository path → section name → text between the markers. */
export function generateSections(): Record<string, Record<string, GeneratedSection>> {
  return {
    'docs/zone-file.md': {
      'zone-file-reference': { body: schemaReferenceTable(zoneFileSchema), from: 'model/zone-file-schema.ts' },
      presets: { body: presetSummaryTable(), from: 'policies/presets/' },
    },
    'docs/platform-config.md': {
      'platform-config-reference': {
        body: schemaReferenceTable(platformConfigSchema),
        from: 'model/platform-config-schema.ts',
      },
    },
    'docs/cli.md': { commands: { body: commandTable(), from: 'cli/' } },
    'policies/README.md': { presets: { body: presetDetails(), from: 'policies/presets/' } },
  };
}

/** `text` with the section `name` replaced; throws when the markers are missing. */
export function replaceSection(
  text: string,
  name: string,
  body: string,
  path: string,
  writer = REGENERATE_COMMAND,
  source = 'the code',
): string {
  const begin = generatedBegin(name, writer, source);
  const start = text.indexOf(generatedBeginPrefix(name));
  const to = text.indexOf(generatedEnd(name));
  if (start < 0 || to < start) throw new Error(`${path}: missing the markers ${begin} ... ${generatedEnd(name)}`);
  return text.slice(0, start) + `${begin}\n${body}\n${generatedEnd(name)}` + text.slice(to + generatedEnd(name).length);
}

/** Writes (or, with `check`, compares) the generated sections under `root`; returns the stale paths. */
export function writeSections(root: string, options: { check?: boolean } = {}): string[] {
  const stale: string[] = [];
  for (const [path, sections] of Object.entries(generateSections())) {
    const file = join(root, path);
    const current = readFileSync(file, 'utf8');
    let next = current;
    for (const [name, { body, from }] of Object.entries(sections))
      next = replaceSection(next, name, body, path, REGENERATE_COMMAND, from);
    if (next === current) continue;
    stale.push(path);
    if (!options.check) writeFileSync(file, next);
  }
  return stale;
}

export const REGENERATE_COMMAND = 'npm run schemas';

const GENERATED_NOTE = `Generated from the model by scripts/generate-schemas.ts (${REGENERATE_COMMAND}); do not edit by hand.`;

/** The exact text of one schema file: 2-space JSON with a trailing newline and a "generated" note. */
export function renderSchema(schema: object): string {
  const { $schema, $id, ...rest } = schema as Record<string, unknown>;
  return JSON.stringify({ $schema, $id, $comment: GENERATED_NOTE, ...rest }, null, 2) + '\n';
}

/** Repository-relative path → file text. */
export function generateSchemas(): Record<string, string> {
  return Object.fromEntries(Object.entries(SCHEMA_FILES).map(([path, schema]) => [path, renderSchema(schema)]));
}

/** Where the precompiled validators go (imported by model/schema-check.ts). */
export const VALIDATORS_FILE = 'model/generated/schema-validators.ts';

/**
 * The same schemas compiled ahead of time by ajv's standalone code generator, with the options the
 * loader uses. Compiling at run time cost ~200 ms per process (ajv's import plus code generation),
 * more than validating 200 zone files; the generated module loads in a few milliseconds.
 */
export function generateValidators(): Record<string, string> {
  const ajv = new Ajv({ ...AJV_OPTIONS, code: { source: true, esm: true, lines: true } });
  ajv.addSchema(zoneFileSchema);
  ajv.addSchema(platformConfigSchema);
  const code = standaloneCode(ajv, {
    validateZoneFile: zoneFileSchema.$id,
    validatePlatformConfig: platformConfigSchema.$id,
  });
  const header = `// ${GENERATED_NOTE}\n// ajv standalone validators for model/zone-file-schema.ts and model/platform-config-schema.ts.\n// @ts-nocheck\n/* eslint-disable */\n`;
  return { [VALIDATORS_FILE]: header + code.replace(/^"use strict";/, '') + '\n' };
}

/** Every generated file: the editor schemas, the precompiled validators and the IAM action lists. */
export function generateAll(): Record<string, string> {
  return { ...generateSchemas(), ...generateValidators(), ...generateIamLists(GENERATED_NOTE) };
}

/** Writes (or, with `check`, compares) every schema file under `root`; returns the stale paths. */
export function writeSchemas(root: string, options: { check?: boolean } = {}): string[] {
  const stale: string[] = [];
  for (const [path, text] of Object.entries(generateAll())) {
    const file = join(root, path);
    let current: string | undefined;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === text) continue;
    stale.push(path);
    if (!options.check) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
  return stale;
}

/** The repository root, both from the sources (ts) and from the build output (dist/scripts). */
function repoRoot(): string {
  const parent = dirname(__dirname);
  return basename(parent) === 'dist' ? dirname(parent) : parent;
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  const root = repoRoot();
  const stale = [...writeSchemas(root, { check }), ...writeSections(root, { check })];
  if (check && stale.length > 0) {
    process.stderr.write(`stale: ${stale.join(', ')}; run ${REGENERATE_COMMAND}\n`);
    process.exitCode = 1;
  } else {
    process.stdout.write(stale.length ? `wrote ${stale.join(', ')}\n` : 'schemas and validators are up to date\n');
  }
}
