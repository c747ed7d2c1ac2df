import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffTrees, type AccessReport, type ZoneReport } from '../../report/diff';
import { renderJson } from '../../report/render-json';
import { code, renderMarkdown, REPORT_MARKER } from '../../report/render-markdown';
import { SAMPLE_CONFIG, SAMPLE_ZONES } from '../support/tree';
import { fixtureTrees, mustLoad, REPORT_FIXTURES } from './support';

/**
 * Golden files: the full Markdown and JSON report of the fixture trees, committed so that a change
 * of the format shows up in review. After an intended change: UPDATE_GOLDEN=1 npx jest __tests__/report
 */
function golden(name: string, actual: string): void {
  const file = join(REPORT_FIXTURES, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  const expected = readFileSync(file, 'utf8');
  if (actual !== expected) {
    // Show the difference; the hint says how to accept it.
    expect({ file: name, hint: 'UPDATE_GOLDEN=1 npx jest __tests__/report, then review the diff', actual }).toEqual({
      file: name,
      hint: 'UPDATE_GOLDEN=1 npx jest __tests__/report, then review the diff',
      actual: expected,
    });
  }
}

const { base, head } = fixtureTrees();
const report = diffTrees(base, head);

describe('markdown', () => {
  const md = renderMarkdown(report);

  it('matches the golden file', () => golden('expected.md', md));

  it('starts with the marker CI uses to update its comment, then a headline with the counts', () => {
    const lines = md.split('\n');
    expect(lines[0]).toBe(REPORT_MARKER);
    expect(md).toMatch(/\*\*6 zones affected\*\*: 1 added, 1 removed, 2 changed, 1 moved, 1 renamed\./);
    expect(md).toMatch(/⚠️ \*\*2 zones with replacements\*\*/);
  });

  it('has one table row per listed zone, and none for the unchanged zone', () => {
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Change'));
    expect(rows).toHaveLength(6);
    expect(md).not.toMatch(/log-core/);
    expect(rows.find((r) => r.includes('`log-ops` → `log-operations`'))).toMatch(/renamed.*⚠️ replacement/);
    expect(rows.find((r) => r.includes('`pay-batch`'))).toMatch(/payments → logistics/);
    expect(rows.find((r) => r.includes('`pay-api`'))).toMatch(/\| \+1 \| \+7 \|/);
  });

  it('lists every replacement under a warning heading, with ⚠️', () => {
    const section = md.slice(md.indexOf('### ⚠️ Replacements'), md.indexOf('### Platform config'));
    expect(section.split('\n').filter((l) => l.startsWith('- ⚠️'))).toHaveLength(2);
    expect(section).toMatch(/`log-operations`\*\* \(was `log-ops`\)/);
    // Prose is escaped: role names stay literal instead of turning into emphasis.
    expect(section).toContain('AWSReservedSSO\\_zone-log-ops\\_\\*');
  });

  it('names gained and lost accounts by id and name, and actions expanded from presets', () => {
    expect(md).toContain('- **Accounts gained (1):** `222222222222` (pay-dev)');
    expect(md).toContain('- **Accounts revoked (2):** `111111111111` (pay-prod), `999999999999`');
    expect(md).toContain('- **Actions gained (1):** `logs:FilterLogEvents`');
    expect(md).toContain('  - `rds:DescribeDBInstances`: any resource → resources of the zone');
    expect(md).toContain('  - `sessionDuration`: `PT1H` → `PT4H`');
  });

  it('folds long lists', () => {
    expect(md).toContain('- <details><summary><b>Actions revoked (12)</b></summary>');
  });

  it('an empty report says so in one line', () => {
    const tree = mustLoad(SAMPLE_ZONES, SAMPLE_CONFIG);
    expect(renderMarkdown(diffTrees(tree, tree))).toBe(
      `${REPORT_MARKER}\n## Zone Access: access changes\n\nNo access changes: 4 zones compared, none added, removed or changed.\n`,
    );
  });

  it('values from input files cannot inject markup', () => {
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`x`')).toBe('`` `x` ``');
    expect(code('<img src=x>')).toBe('`<img src=x>`');
    expect(code('line\nbreak')).toBe('`line break`');
    expect(code('x'.repeat(300))).toHaveLength(122);

    const z: ZoneReport = {
      ...report.zones.find((r) => r.zone === 'pay-api')!,
      inPlace: [{ field: 'description', base: 'a | b', head: '</details> **bold** `tick`' }],
    };
    const md2 = renderMarkdown({ ...report, zones: [z] } as AccessReport);
    expect(md2).toContain('  - `description`: `a | b` → `` </details> **bold** `tick` ``');
    expect(md2).not.toMatch(/^<\/details>/m);
  });

  it('escapes pipes inside table cells', () => {
    const z: ZoneReport = { ...report.zones[0], department: 'a|b' };
    const row = renderMarkdown({ ...report, zones: [z] } as AccessReport)
      .split('\n')
      .find((l) => l.startsWith('| ✏️'));
    expect(row).toContain('a\\|b');
  });
});

describe('json', () => {
  const json = renderJson(report);

  it('matches the golden file', () => golden('expected.json', json));

  it('is the report itself, 2-space indented with a trailing newline', () => {
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(report)));
    expect(json).toBe(JSON.stringify(JSON.parse(json), null, 2) + '\n');
    expect(JSON.parse(json).version).toBe(1);
  });

  it('is stable: loading the same trees again gives the same bytes', () => {
    const again = fixtureTrees();
    expect(renderJson(diffTrees(again.base, again.head))).toBe(json);
  });

  it('every list is sorted', () => {
    const sorted = (xs: string[]) => [...xs].sort();
    const parsed = JSON.parse(json) as AccessReport;
    expect(parsed.zones.map((z) => z.zone)).toEqual(sorted(parsed.zones.map((z) => z.zone)));
    for (const z of parsed.zones) {
      for (const d of [z.actions, z.presets, z.policies]) {
        expect(d.gained).toEqual(sorted([...d.gained]));
        expect(d.lost).toEqual(sorted([...d.lost]));
      }
      expect(z.accounts.gained.map((a) => a.id)).toEqual(sorted(z.accounts.gained.map((a) => a.id)));
    }
  });

  it('of a tree against itself: no zones, no platform changes', () => {
    const tree = mustLoad(SAMPLE_ZONES, SAMPLE_CONFIG);
    const parsed = JSON.parse(renderJson(diffTrees(tree, tree)));
    expect(parsed.zones).toEqual([]);
    expect(parsed.platform).toEqual([]);
  });
});
