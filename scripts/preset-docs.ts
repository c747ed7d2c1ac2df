import { BUILT_IN_PRESET_DEFINITIONS } from '../policies/presets';
import type { BuiltInPreset, BuiltInStatement } from '../policies/presets/define';

/**
 * The README tables of built-in presets, rendered from the preset files (policies/presets/), so the
 * documentation cannot drift from the code. `npm run schemas` writes them between generated
 * markers; a test fails when a committed README differs.
 */

const code = (s: string) => `\`${s}\``;
const presets = (): BuiltInPreset[] => [...BUILT_IN_PRESET_DEFINITIONS.values()];
/** Table cells may not contain a pipe or a line break. */
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
/** Link text: "service reference" for the service authorization reference, else the page name. */
const linkText = (url: string) =>
  /\/service-authorization\//.test(url)
    ? 'service reference'
    : url
        .replace(/^.*\//, '')
        .replace(/\.html$/, '')
        .replace(/[_.]/g, ' ');

/** README.md: one line per preset, with its AWS references. */
export function presetSummaryTable(): string {
  const rows = presets().map(
    (p) => `| ${code(p.name)} | ${cell(p.summary)} | ${p.links.map((l) => `[${linkText(l)}](${l})`).join(', ')} |`,
  );
  return ['| Preset | Allows | AWS reference |', '|---|---|---|', ...rows].join('\n');
}

function scopeLabel(s: BuiltInStatement): string {
  const resources =
    s.resources && !(s.resources.length === 1 && s.resources[0] === '*')
      ? ` on ${s.resources.map(code).join(', ')}`
      : '';
  const condition = s.condition ? `, if ${code(JSON.stringify(s.condition))}` : '';
  return `${s.scope}${resources}${condition}`;
}

/** policies/README.md: every statement of every preset (scope, actions, why), then each preset's paragraph. */
export function presetDetails(): string {
  const rows: string[] = ['| Preset | Scope | Actions |', '|---|---|---|'];
  for (const p of presets()) {
    p.statements.forEach((s, i) => {
      const actions = [...s.actions].map(code).join(', ');
      const companions = s.tagOnCreate?.length ? `; tag-on-create: ${s.tagOnCreate.map(code).join(', ')}` : '';
      const why = s.why ? ` (${cell(s.why)})` : '';
      rows.push(`| ${i === 0 ? code(p.name) : ''} | ${scopeLabel(s)} | ${actions}${companions}${why} |`);
    });
  }
  const paragraphs = presets().map(
    (p) =>
      `**${code(p.name)}** — ${p.doc.replace(/\s*\n\s*/g, ' ')} Not granted: ${p.notGranted.map(code).join(', ')}. ` +
      `AWS: ${p.links.map((l) => `<${l}>`).join(', ')}`,
  );
  return [rows.join('\n'), ...paragraphs].join('\n\n');
}
