import Ajv, { type ValidateFunction } from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadPlatformConfig } from '../../model/load-platform-config';
import { zoneFromSource } from '../../model/load-zones';
import { parseYamlText } from '../../model/yaml-source';
import type { PlatformConfig } from '../../model/types';
import { accessCatalog, BUILT_IN_PRESETS } from '../../policies/catalog';
import { REPO_ROOT } from '../support/tree';

/**
 * The schema editors use and the validator agree on every fixture. A fresh ajv instance loads the
 * generated JSON file (not the TS const), so a lossy or stale generation shows up here.
 *
 * - structural fixtures (valid/, invalid/): both give the same verdict, and it is the expected one;
 * - semantic fixtures (semantic/): rules only the loader applies (the folder, the platform config's
 *   accounts, presets and allow-lists, duplicates, Terraform template sequences, the file name):
 *   the schema accepts, the loader rejects.
 */

const FIXTURES = join(__dirname, '..', 'fixtures', 'schema');
/** The department folder the loader is told each fixture is in. */
const FOLDER = 'pay';

type Kind = 'valid' | 'invalid' | 'semantic';

function fixtures(kind: Kind): [string, string][] {
  const dir = join(FIXTURES, 'zones', kind);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => [f, join(dir, f)]);
}

let editorSchema: ValidateFunction;
let config: PlatformConfig;
let knownPresets: Set<string>;

beforeAll(() => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  editorSchema = ajv.compile(JSON.parse(readFileSync(join(REPO_ROOT, 'schema', 'zone-file.schema.json'), 'utf8')));
  const loaded = loadPlatformConfig(join(FIXTURES, 'platform.yaml'), { reservedPresetNames: new Set(Object.keys(BUILT_IN_PRESETS)) });
  if (!loaded.config) throw new Error(`fixture config is invalid: ${JSON.stringify(loaded.diagnostics)}`);
  config = loaded.config;
  knownPresets = new Set(accessCatalog(config).keys());
});

/** The editor's verdict: the YAML parsed plainly (as yaml-language-server does), then the JSON schema. */
function schemaVerdict(file: string): { ok: boolean; errors: string[] } {
  const parsed = parseYamlText(readFileSync(file), file);
  if (!parsed.source) throw new Error(`fixture ${file} is not even valid YAML: ${JSON.stringify(parsed.diagnostics)}`);
  const ok = editorSchema(parsed.source.value) as boolean;
  return { ok, errors: (editorSchema.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`) };
}

/** The validator's verdict. */
function loaderVerdict(file: string): { ok: boolean; codes: string[] } {
  const parsed = parseYamlText(readFileSync(file), file);
  if (!parsed.source) return { ok: false, codes: parsed.diagnostics.map((d) => d.code) };
  const result = zoneFromSource(parsed.source, FOLDER, { config, knownPresets });
  return { ok: result.zone !== undefined && result.diagnostics.length === 0, codes: result.diagnostics.map((d) => d.code) };
}

const SCHEMA_CODES = ['unknown-key', 'missing-key', 'wrong-type', 'invalid-value', 'invalid-key', 'empty-list', 'invalid-length'];

describe('structural fixtures: the editor schema and the loader give the same verdict', () => {
  it.each(fixtures('valid'))('valid/%s: both accept', (_, file) => {
    expect(schemaVerdict(file)).toEqual({ ok: true, errors: [] });
    expect(loaderVerdict(file)).toEqual({ ok: true, codes: [] });
  });

  it.each(fixtures('invalid'))('invalid/%s: both reject', (_, file) => {
    const schema = schemaVerdict(file);
    const loader = loaderVerdict(file);
    expect(schema.ok).toBe(false);
    expect(loader.ok).toBe(false);
    // The loader rejected it in its schema phase, not for some unrelated reason.
    for (const code of loader.codes) expect(SCHEMA_CODES).toContain(code);
  });
});

describe('semantic fixtures: the schema accepts, only the loader can reject', () => {
  it.each(fixtures('semantic'))('semantic/%s', (name, file) => {
    expect(schemaVerdict(file)).toEqual({ ok: true, errors: [] });
    const loader = loaderVerdict(file);
    expect(loader.ok).toBe(false);
    expect(loader.codes.length).toBeGreaterThan(0);
    // Each fixture is named after its zone, so only the fixture about that rule breaks it.
    expect(loader.codes.includes('file-name-mismatch')).toBe(name === 'file-name-mismatch.yaml');
  });
});

describe('fixture hygiene', () => {
  it('every kind has fixtures, and nothing else lies in the fixture folders', () => {
    for (const kind of ['valid', 'invalid', 'semantic'] as const) expect(fixtures(kind).length).toBeGreaterThan(2);
    expect(readdirSync(join(FIXTURES, 'zones')).sort()).toEqual(['invalid', 'semantic', 'valid']);
  });

  it.each([...fixtures('valid'), ...fixtures('invalid'), ...fixtures('semantic')])('%s carries the editor modeline', (_, file) => {
    const first = readFileSync(file, 'utf8').split('\n')[0];
    const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(match).not.toBeNull();
    expect(resolve(dirname(file), match![1])).toBe(join(REPO_ROOT, 'schema', 'zone-file.schema.json'));
  });
});
