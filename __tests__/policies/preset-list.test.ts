import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ZONE_NAME_PATTERN } from '../../model/zone-file-schema';
import { BUILT_IN_PRESET_DEFINITIONS } from '../../policies/presets';

/**
 * The built-in presets are listed explicitly (policies/presets/index.ts), not discovered by reading
 * the folder at run time; so a preset file that is not listed would silently not exist. Every file
 * of the folder but `define` and `index` is a listed preset, by its file name.
 */
const DIR = join(__dirname, '../../policies/presets');

test('every preset file of policies/presets/ is listed, under its file name', () => {
  const files = readdirSync(DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -3))
    .filter((n) => n !== 'define' && n !== 'index')
    .sort();
  expect([...BUILT_IN_PRESET_DEFINITIONS.keys()]).toEqual(files);
  const index = readFileSync(join(DIR, 'index.ts'), 'utf8');
  for (const name of files) expect(index).toContain(`from './${name}';`);
});

test('each name is one a zone file can write in access, and each preset carries it', () => {
  for (const [name, preset] of BUILT_IN_PRESET_DEFINITIONS) {
    expect({ name, writable: new RegExp(ZONE_NAME_PATTERN).test(name), carried: preset.name }).toEqual({
      name,
      writable: true,
      carried: name,
    });
  }
});

test('the presets are data: no preset file imports the policy writer', () => {
  for (const f of readdirSync(DIR).filter((x) => x.endsWith('.ts'))) {
    expect({ f, imports: /from '\.\.\/zone-policy'/.test(readFileSync(join(DIR, f), 'utf8')) }).toEqual({
      f,
      imports: false,
    });
  }
});
