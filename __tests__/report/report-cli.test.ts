import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { helpText, main } from '../../cli/zone-access';
import { baseConfig, captureIO, makeTempDir, REPO_ROOT, zoneDoc } from '../support/tree';
import { REPORT_AT, REPORT_FIXTURES, writeCheckout } from './support';

async function report(args: string[], cwd = REPORT_FIXTURES) {
  const { io, out, err } = captureIO(cwd);
  const code = await main(['report', ...args], io);
  return { code, out: out(), err: err() };
}

describe('zone-access report', () => {
  it('is listed in the help', () => {
    expect(helpText()).toMatch(/\n {2}report +compare two zone trees/);
  });

  it('prints the Markdown report by default (exit 0 even with changes); paths resolve against the working directory', async () => {
    const r = await report(['--base', 'base', '--head', 'head', '--at', REPORT_AT]);
    expect(r).toEqual({ code: 0, out: readFileSync(join(REPORT_FIXTURES, 'expected.md'), 'utf8'), err: '' });
  });

  it('--format json prints the JSON report', async () => {
    const r = await report(
      [
        '--base',
        join(REPORT_FIXTURES, 'base'),
        '--head',
        join(REPORT_FIXTURES, 'head'),
        '--format',
        'json',
        '--at',
        REPORT_AT,
      ],
      REPO_ROOT,
    );
    expect(r).toEqual({ code: 0, out: readFileSync(join(REPORT_FIXTURES, 'expected.json'), 'utf8'), err: '' });
  });

  it('the repository against itself: an empty report', async () => {
    const md = await report(['--base', '.', '--head', '.'], REPO_ROOT);
    expect(md.code).toBe(0);
    expect(md.out).toMatch(/No access changes: 4 zones compared/);
    const json = await report(['--base', '.', '--head', '.', '--format', 'json', '--at', REPORT_AT], REPO_ROOT);
    expect(JSON.parse(json.out)).toMatchObject({
      zones: [],
      platform: [],
      summary: { base: 4, head: 4, added: 0, removed: 0, changed: 0 },
    });
  });

  it('a base with no zone tree yet (the first pull request) counts as empty: every head zone is added', async () => {
    const base = makeTempDir('empty-base-');
    const head = writeCheckout({ zones: { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay') } });
    const r = await report(['--base', base, '--head', head, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.err).toContain('treating the base as empty');
    expect(JSON.parse(r.out).summary).toMatchObject({ base: 0, head: 1, added: 1 });
  });

  it('a base with a config but no zones/ is still invalid', async () => {
    const base = writeCheckout({ zones: {} });
    const { rmSync } = await import('node:fs');
    rmSync(join(base, 'zones'), { recursive: true });
    const head = writeCheckout({ zones: { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay') } });
    expect((await report(['--base', base, '--head', head])).code).toBe(1);
  });

  it('an app role switch made in one run is unsafe (exit 1, what to set instead); with retiredAppRoles it is not', async () => {
    const zones = { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay') };
    const entra = (baseConfig().entra as Record<string, unknown>) ?? {};
    const checkout = (extra: Record<string, unknown>) =>
      writeCheckout({ config: baseConfig({ entra: { ...entra, ...extra } }), zones });
    const perZone = checkout({});
    const oneRun = await report(['--base', perZone, '--head', checkout({ appRoles: 'shared' })]);
    expect(oneRun.code).toBe(1);
    expect(oneRun.err).toMatch(/entra\.appRoles: .*set entra\.retiredAppRoles: per-zone in this change/);
    expect(oneRun.out).toMatch(/^- ⛔ `entra\.appRoles`: `per-zone` → `shared`.*\*\*Unsafe\*\*/m);
    expect(oneRun.out).toContain('⛔ **1 platform change unsafe as made**');

    const stepOne = checkout({ appRoles: 'shared', retiredAppRoles: 'per-zone' });
    const twoRuns = await report(['--base', perZone, '--head', stepOne]);
    expect({ code: twoRuns.code, err: twoRuns.err }).toEqual({ code: 0, err: '' });
    expect(twoRuns.out).not.toContain('⛔');
    // A reviewer who has not read docs/entra.md learns that a second change must follow.
    expect(twoRuns.out).toMatch(/^- `entra\.retiredAppRoles`: set to `per-zone` \(set: step 1 of switching .*step 2/m);
    // Step two (the retired roles go) is safe; going back to per-zone at once is not.
    const stepTwo = await report(['--base', stepOne, '--head', checkout({ appRoles: 'shared' })]);
    expect(stepTwo.code).toBe(0);
    expect(stepTwo.out).toMatch(/^- `entra\.retiredAppRoles`: `per-zone` removed \(.*removed: step 2, deletes them/m);
    expect((await report(['--base', stepOne, '--head', perZone])).code).toBe(1);
  });

  it('a rename is flagged as a replacement', async () => {
    const base = writeCheckout({ zones: { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay') } });
    const head = writeCheckout({ zones: { 'pay/zone-b.yaml': zoneDoc('zone-b', 'pay') } });
    const r = await report(['--base', base, '--head', head, '--format', 'json']);
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.out);
    expect(parsed.zones).toHaveLength(1);
    expect(parsed.zones[0]).toMatchObject({
      zone: 'zone-b',
      change: 'renamed',
      previous: { zone: 'zone-a' },
      replacements: [{ reason: 'rename' }],
    });
    const md = await report(['--base', base, '--head', head]);
    expect(md.out).toMatch(
      /### ⚠️ Replacements\n\n>[^\n]*\n\n- ⚠️ \*\*`zone-b`\*\* \(was `zone-a`\): renaming zone zone-a to zone-b replaces the permission set/,
    );
  });

  it('--base-config / --head-config / --*-zones override the checkout layout', async () => {
    const elsewhere = makeTempDir('elsewhere-');
    mkdirSync(join(elsewhere, 'cfg'));
    copyFileSync(join(REPORT_FIXTURES, 'head', 'config', 'platform.yaml'), join(elsewhere, 'cfg', 'platform.yaml'));
    const r = await report([
      '--base',
      'base',
      '--head',
      'does-not-exist',
      '--head-zones',
      'head/zones',
      '--head-config',
      join(elsewhere, 'cfg', 'platform.yaml'),
      '--at',
      REPORT_AT,
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toBe(readFileSync(join(REPORT_FIXTURES, 'expected.md'), 'utf8'));
  });

  it('an invalid tree: exit 1, its problems on stderr with file:line:col, and a report saying so on stdout', async () => {
    const base = writeCheckout({ zones: { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay') } });
    const head = writeCheckout({
      zones: {
        'pay/zone-a.yaml': 'zone: zone-a\ndepartment: pay\naccounts: [123456789012]\naccess: [secrets-reader]\n',
      },
    });
    const r = await report(['--base', base, '--head', head]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      /^<!-- zone-access-report -->\n## Zone Access: access changes\n\n⛔ \*\*No comparison was made: the head tree \(this change\) is invalid\*\*/,
    );
    expect(r.err).toMatch(/the head tree \(.*zones, .*platform\.yaml\) is invalid:/);
    expect(r.err).toMatch(/pay\/zone-a\.yaml:3:12: accounts\[0\]: must be a string, not a number \[wrong-type\]/);
    expect(r.err).not.toMatch(/the base tree/);
  });

  it('an invalid base (a rule it breaks, e.g. new after an upgrade): the report says so, not an empty report blamed on departments', async () => {
    // The base holds a zone this version refuses (an unknown preset stands in for a rule added by an upgrade).
    const base = writeCheckout({
      zones: { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay', { access: ['retired-preset'] }) },
    });
    const head = writeCheckout({ zones: { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay') } });
    const md = await report(['--base', base, '--head', head]);
    expect(md.code).toBe(1);
    expect(md.out).toContain('⛔ **No comparison was made: the base tree (the target branch) is invalid**');
    expect(md.out).toContain('### The base tree: 1 problem in 1 file');
    expect(md.out).toMatch(/a rule that is new in the zone-access version this run uses/);
    expect(md.out).toMatch(
      /```text\n.*pay\/zone-a\.yaml:\d+:\d+: access\[0\]: unknown access preset "retired-preset" \[unknown-preset\]/,
    );
    expect(md.out).not.toMatch(/No access changes|Departments/);
    const json = await report(['--base', base, '--head', head, '--format', 'json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.out)).toMatchObject({
      version: 1,
      invalid: [{ side: 'base', problems: [{ code: 'unknown-preset', field: 'access[0]' }] }],
    });
  });

  it('counts zones whose membership is in Entra by what happened to them: an added zone is "1 added zone"', async () => {
    const base = writeCheckout({ zones: { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay') } });
    const head = writeCheckout({
      zones: { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay'), 'pay/zone-b.yaml': zoneDoc('zone-b', 'pay') },
    });
    const r = await report(['--base', base, '--head', head]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Not counted: 1 added zone whose membership is managed in Entra');
    const two = writeCheckout({
      zones: {
        'pay/zone-a.yaml': zoneDoc('zone-a', 'pay', { sessionDuration: 'PT2H' }),
        'pay/zone-b.yaml': zoneDoc('zone-b', 'pay'),
      },
    });
    expect((await report(['--base', base, '--head', two])).out).toContain(
      'Not counted: 2 zones (1 added, 1 changed) whose membership',
    );
  });

  it('a missing checkout is an invalid tree, reported for the side it belongs to', async () => {
    const r = await report(['--base', 'no-such-dir', '--head', 'head']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/the base tree .* is invalid/);
  });

  it.each([
    [['--head', 'head'], /--base is required/],
    [['--base', 'base'], /--head is required/],
    [[], /--base and --head are required/],
    [['--base', 'base', '--head', 'head', '--format', 'html'], /--format must be one of markdown, json/],
    [['--base', 'base', '--head', 'head', '--colour'], /Unknown option '--colour'/],
    [['--base', 'base', '--head', 'head', 'extra'], /positional argument/],
  ])('usage error %j: exit 2 with the usage', async (args, message) => {
    const r = await report(args as string[]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/usage: zone-access report --base DIR --head DIR/);
  });

  it('--help prints the usage and exits 0', async () => {
    const r = await report(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^usage: zone-access report --base DIR --head DIR \[--format markdown\|json\]/);
  });
});
