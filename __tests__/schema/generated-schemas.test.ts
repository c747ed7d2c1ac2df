import { MANAGED_POLICIES_WITHIN_ZONE_FILE, TAGGING_WITHOUT_TAG_KEYS_FILE } from '../../scripts/iam-lists';
import Ajv from 'ajv';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parse } from 'yaml';
import { platformConfigSchema } from '../../model/platform-config-schema';
import { zoneFileSchema } from '../../model/zone-file-schema';
import { BUILT_IN_PRESETS } from '../../policies/catalog';
import { generateSchemas, generateSections, generateValidators, REGENERATE_COMMAND, replaceSection, SCHEMA_FILES, VALIDATORS_FILE, writeSchemas, writeSections } from '../../scripts/generate-schemas';
import { makeTempDir, REPO_ROOT, SAMPLE_CONFIG, SAMPLE_ZONES } from '../support/tree';

/**
 * The editor schemas in schema/ are generated from the consts the validator compiles. These tests
 * keep the committed files identical to the generator's output, so nobody edits them by hand and
 * nobody forgets to regenerate after changing the model.
 */

const MODELINE = /^# yaml-language-server: \$schema=(\S+)\s*$/;

function committed(path: string): string | undefined {
  try {
    return readFileSync(join(REPO_ROOT, path), 'utf8');
  } catch {
    return undefined;
  }
}

describe('schema/*.json', () => {
  it.each(Object.keys(SCHEMA_FILES))('%s is exactly what the generator writes', (path) => {
    const expected = generateSchemas()[path];
    const actual = committed(path);
    if (actual !== expected) {
      throw new Error(`${path} is ${actual === undefined ? 'missing' : 'out of date'}: it is generated from the model. Run \`${REGENERATE_COMMAND}\` and commit the result.`);
    }
  });

  it(`${VALIDATORS_FILE} (precompiled validators) is exactly what the generator writes`, () => {
    if (committed(VALIDATORS_FILE) !== generateValidators()[VALIDATORS_FILE]) {
      throw new Error(`${VALIDATORS_FILE} is out of date: it is compiled from the model's schemas. Run \`${REGENERATE_COMMAND}\` and commit the result.`);
    }
  });

  it('holds the model consts unchanged, plus only a "generated" $comment', () => {
    const strip = (text: string) => {
      const { $comment, ...rest } = JSON.parse(text) as Record<string, unknown>;
      expect($comment).toMatch(/generated/i);
      return rest;
    };
    const files = generateSchemas();
    // The zone-file schema adds only the built-in preset names as completions of an access entry.
    const zone = strip(files['schema/zone-file.schema.json']) as { properties: { access: { items: Record<string, unknown> } } };
    expect(zone.properties.access.items.examples).toEqual(Object.keys(BUILT_IN_PRESETS));
    delete zone.properties.access.items.examples;
    expect(zone).toEqual(JSON.parse(JSON.stringify(zoneFileSchema)));
    expect(strip(files['schema/platform-config.schema.json'])).toEqual(JSON.parse(JSON.stringify(platformConfigSchema)));
  });

  it('is formatted as 2-space JSON with a trailing newline', () => {
    for (const text of Object.values(generateSchemas())) {
      expect(text.endsWith('}\n')).toBe(true);
      expect(text).toBe(JSON.stringify(JSON.parse(text), null, 2) + '\n');
    }
  });

  it('compiles in a strict, independent ajv (draft-07), as editors load it', () => {
    const ajv = new Ajv({ strict: true, strictTypes: false, allErrors: true });
    for (const path of Object.keys(SCHEMA_FILES)) {
      expect(() => ajv.compile(JSON.parse(committed(path) ?? '{}'))).not.toThrow();
    }
  });

  it('the generator writes missing files and reports nothing stale afterwards (--check)', () => {
    const root = makeTempDir('schemas-');
    const all = [...Object.keys(SCHEMA_FILES), VALIDATORS_FILE, TAGGING_WITHOUT_TAG_KEYS_FILE, MANAGED_POLICIES_WITHIN_ZONE_FILE].sort();
    expect(writeSchemas(root, { check: true }).sort()).toEqual(all);
    expect(writeSchemas(root).sort()).toEqual(all);
    expect(writeSchemas(root, { check: true })).toEqual([]);
    expect(readFileSync(join(root, 'schema/zone-file.schema.json'), 'utf8')).toBe(generateSchemas()['schema/zone-file.schema.json']);
  });
});

describe('documentation sections generated from the code', () => {
  it.each(Object.keys(generateSections()))('%s holds exactly what the generator writes between its markers', (path) => {
    if (writeSections(REPO_ROOT, { check: true }).includes(path)) {
      throw new Error(`${path}: a generated section is out of date (it is rendered from the code its marker names). Run \`${REGENERATE_COMMAND}\` and commit the result.`);
    }
  });

  it('lists every built-in preset in both preset tables', () => {
    const tables = Object.entries(generateSections()).filter(([, sections]) => sections.presets);
    expect(tables.map(([path]) => path).sort()).toEqual(['docs/zone-file.md', 'policies/README.md']);
    for (const [path, sections] of tables) {
      for (const name of Object.keys(BUILT_IN_PRESETS)) expect({ path, name, listed: sections.presets.body.includes(`\`${name}\``) }).toEqual({ path, name, listed: true });
    }
  });

  it('a hand edit between the markers is reported stale and rewritten; missing markers are an error', () => {
    const root = makeTempDir('sections-');
    const generated = generateSections();
    for (const path of Object.keys(generated)) {
      const file = join(root, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, readFileSync(join(REPO_ROOT, path), 'utf8').replace(/(GENERATED [^\n]*\n\|)/g, '$1 edited'));
    }
    expect(writeSections(root, { check: true }).sort()).toEqual(Object.keys(generated).sort());
    expect(writeSections(root).sort()).toEqual(Object.keys(generated).sort());
    expect(writeSections(root, { check: true })).toEqual([]);
    expect(() => replaceSection('no markers here', 'presets', 'x', 'README.md')).toThrow(/README.md: missing the markers/);
  });
});

describe('sample files point editors at the schema', () => {
  const zoneFiles = readdirSync(SAMPLE_ZONES, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));

  it('there are sample zone files', () => expect(zoneFiles.length).toBeGreaterThan(0));

  it.each([...zoneFiles.map((f) => [relative(REPO_ROOT, f), 'schema/zone-file.schema.json']), [relative(REPO_ROOT, SAMPLE_CONFIG), 'schema/platform-config.schema.json']])(
    '%s starts with a yaml-language-server modeline that resolves to %s',
    (file, schemaPath) => {
      const firstLine = readFileSync(join(REPO_ROOT, file), 'utf8').split('\n')[0];
      const match = MODELINE.exec(firstLine);
      expect(match).not.toBeNull();
      expect(resolve(dirname(join(REPO_ROOT, file)), match![1])).toBe(join(REPO_ROOT, schemaPath));
    },
  );

  it('every sample validates against the generated schema', () => {
    const ajv = new Ajv({ strict: true, strictTypes: false, allErrors: true });
    const zone = ajv.compile(JSON.parse(committed('schema/zone-file.schema.json')!));
    const config = ajv.compile(JSON.parse(committed('schema/platform-config.schema.json')!));
    for (const file of zoneFiles) {
      expect({ file, ok: zone(parse(readFileSync(file, 'utf8'))), errors: zone.errors ?? null }).toEqual({ file, ok: true, errors: null });
    }
    expect(config(parse(readFileSync(SAMPLE_CONFIG, 'utf8')))).toBe(true);
  });
});
