import fc from 'fast-check';
import { stringify } from 'yaml';
import type { Diagnostic } from '../../model/diagnostics';
import { platformConfigFromSource } from '../../model/load-platform-config';
import { zoneFromSource } from '../../model/load-zones';
import { RESERVED_ZONE_NAMES } from '../../model/names';
import type { PlatformConfig, Zone } from '../../model/types';
import { parseYamlText } from '../../model/yaml-source';
import { loadTree } from '../../pipeline/load';
import { accessCatalog } from '../../policies/catalog';
import { writeTree } from '../support/tree';
import { sampleConfig, sampleZones } from './sample-tree';

/**
 * Bad input never crashes the loader (property-based): random YAML and random mutations of valid zone files never make the
 * loader throw, and it never accepts a zone whose name is outside the allowed pattern. Runs
 * in-process on `parseYamlText` + `zoneFromSource` (the per-file path of `loadZones`), with a
 * bounded number of runs; a failure prints fast-check's seed and shrunk counterexample.
 */

const ZONE_NAME = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/;
const NUM_RUNS = 300;

const config: PlatformConfig = (() => {
  const parsed = parseYamlText(stringify(sampleConfig({ departments: { pay: {} } })), 'platform.yaml');
  const loaded = platformConfigFromSource(parsed.source!);
  if (!loaded.config) throw new Error(JSON.stringify(loaded.diagnostics));
  return loaded.config;
})();
const knownPresets = new Set(accessCatalog(config).keys());
const VALID_ZONE = sampleZones()['pay/billing.yaml'];

const FUZZ_FILE = 'zones/pay/fuzz.yaml';

/**
 * The file a zone with this `zone:` value is written to: named after it (as the loader requires,
 * so that a bad name has to be caught by the name checks, not by the file-name rule), unless the
 * value cannot be a file name at all.
 */
function fileFor(name: unknown): string {
  return typeof name === 'string' && name !== '' && !/[/\\\0]/.test(name) && name !== '.' && name !== '..'
    ? `zones/pay/${name}.yaml`
    : FUZZ_FILE;
}

/** The loader's verdict on one file's text; throws only if the loader itself throws. */
function load(
  text: string | Uint8Array,
  file = FUZZ_FILE,
  department = 'pay',
): { zone?: Zone; diagnostics: Diagnostic[]; file: string } {
  const bytes = typeof text === 'string' ? text : Buffer.from(text);
  const parsed = parseYamlText(bytes, file);
  if (!parsed.source) return { diagnostics: parsed.diagnostics, file };
  return { ...zoneFromSource(parsed.source, department, { config, knownPresets }), file };
}

/** What must hold for every input: a verdict (zone xor problems), and any accepted zone is safe. */
function checkVerdict(result: { zone?: Zone; diagnostics: Diagnostic[]; file: string }): void {
  if (!result.zone) {
    expect(result.diagnostics.length).toBeGreaterThan(0);
    for (const d of result.diagnostics) {
      expect(d.file).toBe(result.file);
      expect(typeof d.message).toBe('string');
      expect(d.message.length).toBeGreaterThan(0);
      if (d.line !== undefined) expect(d.line).toBeGreaterThanOrEqual(1);
    }
    return;
  }
  expect(result.diagnostics).toEqual([]);
  const zone = result.zone;
  expect(zone.name).toMatch(ZONE_NAME);
  expect(zone.name.length).toBeLessThanOrEqual(27);
  expect(RESERVED_ZONE_NAMES.has(zone.name)).toBe(false);
  expect(zone.department).toBe('pay');
  expect(zone.accounts.length).toBeGreaterThan(0);
  for (const a of zone.accounts) expect(a.id).toMatch(/^\d{12}$/);
  for (const p of zone.access) expect(knownPresets.has(p)).toBe(true);
  // Nothing Terraform would evaluate survives into the model.
  expect(JSON.stringify(zone)).not.toMatch(/[$%]\{/);
}

/** Random input; a `{ text, file }` pair is loaded as that file. */
const property = (arb: fc.Arbitrary<string | Uint8Array | { text: string; file: string }>) =>
  fc.assert(
    fc.property(arb, (input) => {
      checkVerdict(typeof input === 'object' && 'file' in input ? load(input.text, input.file) : load(input));
    }),
    { numRuns: NUM_RUNS },
  );

/** Characters that matter to YAML and to the name checks, so random text hits interesting paths. */
const yamlish = fc.string({
  unit: fc.constantFrom(
    ...'abz09-_ :-[]{},&*!|>?#%@`"\'\n\t\\$\u0000\u00e9\u2028\ufeff'.split(''),
    'zone',
    'department',
    'accounts',
    'access',
    '\n  - ',
    ': ',
  ),
  maxLength: 200,
});

const junkValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '*',
    '?',
    '${aws:username}',
    '%{ if x }',
    'a"b',
    "a'b",
    'a: b',
    'a b',
    'A',
    '-a',
    'a-',
    '0',
    '',
    'aws',
    'backend',
    'x'.repeat(28),
  ),
);

/** A zone name from anywhere: random strings, near-misses of the pattern, and valid ones. */
const anyZoneName = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.stringMatching(/^[a-z0-9-]{0,30}$/),
  fc.stringMatching(/^[a-zA-Z0-9 _.:*?${}"'-]{1,30}$/),
  junkValue,
);

type Mutation = (zone: Record<string, unknown>) => void;

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  anyZoneName.map((name): Mutation => (z) => {
    z.zone = name;
  }),
  fc.constantFrom(...Object.keys(VALID_ZONE)).map((key): Mutation => (z) => {
    delete z[key];
  }),
  fc
    .tuple(fc.constantFrom(...Object.keys(VALID_ZONE), 'extra', '__proto__', 'constructor'), junkValue)
    .map(([key, value]): Mutation => (z) => {
      z[key] = value;
    }),
  fc
    .tuple(fc.constantFrom('accounts', 'access', 'owners', 'managedPolicies'), junkValue)
    .map(([key, value]): Mutation => (z) => {
      const list = z[key];
      z[key] = Array.isArray(list) ? [...list, value] : [value];
    }),
  fc.tuple(fc.string({ maxLength: 20 }), junkValue).map(([key, value]): Mutation => (z) => {
    const tags = z.tags;
    z.tags = { ...(tags !== null && typeof tags === 'object' && !Array.isArray(tags) ? tags : {}), [key]: value };
  }),
);

describe('the zone loader on random input', () => {
  it('never throws on random YAML-ish text', () => {
    property(yamlish);
  });

  it('never throws on random unicode text', () => {
    property(fc.string({ unit: 'grapheme', maxLength: 300 }));
  });

  it('never throws on random bytes', () => {
    property(fc.uint8Array({ maxLength: 300 }));
  });

  it('never throws on random JSON values written as YAML', () => {
    property(fc.jsonValue({ maxDepth: 4 }).map((v) => stringify(v)));
  });

  it('never throws on random JSON text (YAML is a superset)', () => {
    property(fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)));
  });

  it('never throws on, or accepts a bad name from, random mutations of a valid zone file', () => {
    expect(load(stringify(VALID_ZONE), 'zones/pay/billing.yaml').zone?.name).toBe('billing');
    property(
      fc.array(mutation, { minLength: 1, maxLength: 4 }).map((mutations) => {
        const zone = structuredClone(VALID_ZONE);
        for (const m of mutations) m(zone);
        return { text: stringify(zone), file: fileFor(zone.zone) };
      }),
    );
  });

  it('never accepts a zone name outside the pattern, however it is written', () => {
    fc.assert(
      fc.property(anyZoneName, fc.constantFrom('plain', 'double', 'single', 'block'), (name, style) => {
        const text = typeof name === 'string' ? quoteAs(name, style) : stringify(name);
        const result = load(
          `zone: ${text}\ndepartment: pay\naccounts: ["111111111111"]\naccess: [secrets-reader]\n`,
          fileFor(name),
        );
        checkVerdict(result);
        // Quoted, the name is taken as written (plain and block scalars may lose outer spaces).
        if (result.zone && typeof name === 'string' && (style === 'double' || style === 'single'))
          expect(result.zone.name).toBe(name);
      }),
      { numRuns: NUM_RUNS },
    );
  });

  it('never throws on random character edits of a valid zone file', () => {
    const text = stringify(VALID_ZONE);
    const edit = fc.tuple(fc.nat(text.length), fc.nat(8), fc.string({ maxLength: 8 }));
    property(
      fc.array(edit, { minLength: 1, maxLength: 5 }).map((edits) => {
        let t = text;
        for (const [at, remove, insert] of edits) t = t.slice(0, at) + insert + t.slice(at + remove);
        return { text: t, file: 'zones/pay/billing.yaml' };
      }),
    );
  });
});

describe('the platform config loader on random input', () => {
  it('never throws on random mutations of a valid config', () => {
    const paths = [
      'identityCenter',
      'entra',
      'accounts',
      'names',
      'access',
      'backend',
      'protection',
      'secrets',
      'sharding',
      'zoneTagKey',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...paths), fc.option(fc.string({ maxLength: 12 })), junkValue), {
          minLength: 1,
          maxLength: 4,
        }),
        (edits) => {
          const raw = sampleConfig() as Record<string, unknown>;
          for (const [key, inner, value] of edits) {
            const current = raw[key];
            if (inner !== null && current !== null && typeof current === 'object' && !Array.isArray(current))
              raw[key] = { ...current, [inner]: value };
            else raw[key] = value;
          }
          const parsed = parseYamlText(stringify(raw), 'platform.yaml');
          if (!parsed.source) return;
          const result = platformConfigFromSource(parsed.source);
          expect(result.config !== undefined || result.diagnostics.length > 0).toBe(true);
          if (result.config) expect(JSON.stringify(result.config)).not.toMatch(/[$%]\{/);
        },
      ),
      { numRuns: NUM_RUNS },
    );
  });
});

describe('the whole pipeline on random trees', () => {
  it('loadTree never throws and only returns zones with valid names (trees of mutated files)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('pay', 'ops', 'x'), fc.array(mutation, { maxLength: 3 })), {
          minLength: 1,
          maxLength: 4,
        }),
        (files) => {
          const zones: Record<string, string> = {};
          files.forEach(([department, mutations], i) => {
            const zone: Record<string, unknown> = { ...structuredClone(VALID_ZONE), zone: `zone-${i}`, department };
            for (const m of mutations) m(zone);
            // Named after its zone where it can be (and no other file of the department has that name).
            const named = `${department}/${fileFor(zone.zone).slice('zones/pay/'.length)}`;
            zones[named === `${department}/fuzz.yaml` || named in zones ? `${department}/f${i}.yaml` : named] =
              stringify(zone);
          });
          const paths = writeTree({ config: sampleConfig(), zones });
          const { tree, diagnostics } = loadTree(paths);
          if (!tree) {
            expect(diagnostics.length).toBeGreaterThan(0);
            return;
          }
          expect(diagnostics).toEqual([]);
          for (const zone of tree.zones) {
            expect(zone.name).toMatch(ZONE_NAME);
            expect(zone.name.length).toBeLessThanOrEqual(27);
          }
          expect(new Set(tree.zones.map((z) => z.name)).size).toBe(tree.zones.length);
        },
      ),
      { numRuns: 40 },
    );
  });
});

function quoteAs(name: string, style: string): string {
  switch (style) {
    case 'double':
      return JSON.stringify(name);
    case 'single':
      return `'${name.replace(/'/g, "''")}'`;
    case 'block':
      return `|-\n  ${name.replace(/\n/g, '\n  ')}`;
    default:
      return name;
  }
}

test('a value of the wrong type under a numeric map key (tags: { "0": {} }) is reported, not a crash', () => {
  // Found by the property above (seed -1939962503): the schema reports `tags.0`, and the rule on tag
  // values must not then read the object as text.
  const text = 'zone: fuzz\ndepartment: pay\naccounts: ["555555555555"]\naccess: [secrets-reader]\ntags:\n  "0": {}\n';
  const result = load(text, 'zones/pay/fuzz.yaml');
  checkVerdict(result);
  expect(result.zone).toBeUndefined();
  expect(result.diagnostics.map((d) => d.field)).toEqual(expect.arrayContaining([expect.stringMatching(/^tags/)]));
});
