import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_IN_PRESET_DEFINITIONS } from '../../policies/presets';

/**
 * Text that describes a built-in preset comes from the preset's file (`doc`, `why`), rendered into
 * policies/README.md between generated markers; outside them the README may only point at that
 * paragraph, so a preset is never described twice (where two texts drift, one is wrong).
 */

const text = readFileSync(join(__dirname, '../../policies/README.md'), 'utf8');
const outside = text.replace(/<!-- BEGIN GENERATED presets[\s\S]*?<!-- END GENERATED presets -->/, '');

test('outside the generated section, a built-in preset is only named with a pointer to its paragraph', () => {
  expect(outside).not.toBe(text);
  const offending = outside
    // Paragraphs, list items and table rows.
    .split(/\n\s*\n/)
    .flatMap((b) => (b.startsWith('|') ? b.split('\n') : b.split(/\n(?=- )/)))
    .filter((block) =>
      [...BUILT_IN_PRESET_DEFINITIONS.keys()].some(
        (name) => block.includes(`\`${name}\``) || block.includes(`presets/${name}.ts`),
      ),
    )
    .filter((block) => !/paragraph above/.test(block));
  expect(offending).toEqual([]);
});

test("no statement a preset's file contradicts, such as an unrestricted rotation function", () => {
  expect(outside).not.toMatch(/RotationLambdaARN`?\)?\.? Not restricted/);
});
