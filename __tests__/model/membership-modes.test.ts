import { main } from '../../cli/zone-access';
import type { Diagnostic } from '../../model/diagnostics';
import { completeMembership, normalizeMembershipSettings } from '../../model/membership-settings';
import { loadTree } from '../../pipeline/load';
import { baseConfig, captureIO, REPO_ROOT, withoutBindingWarning, writeTree, zoneDoc } from '../support/tree';

/** Membership rules that depend on the department's mode and on the day (--at), with file, line and field. */

const AT = '2026-06-30';

function load(departments: Record<string, unknown>, zone: string, at = AT) {
  const { zonesDir, configPath } = writeTree({
    config: baseConfig({ departments }),
    zones: { 'pay/zone-a.yaml': zone },
  });
  const result = loadTree({ zonesDir, configPath, at });
  const rel = (d: Diagnostic): Diagnostic => ({
    ...d,
    file: d.file.replace(`${zonesDir}/`, '').replace(configPath, 'platform.yaml'),
  });
  return { ...result, diagnostics: result.diagnostics.map(rel) };
}

const HEAD = 'zone: zone-a\ndepartment: pay\naccounts: ["123456789012"]\naccess: [secrets-reader]\n';
const FILE = { pay: { membership: 'file' } };

describe('the department decides whether members: may be given', () => {
  it('entra (the default): members: is an error naming the department and how to switch', () => {
    const { tree, diagnostics } = load({ pay: {} }, `${HEAD}members: [bob@example.com]\n`);
    expect(tree).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: 'pay/zone-a.yaml',
        line: 5,
        field: 'members',
        code: 'members-not-file-mode',
        hint: expect.stringContaining('departments.pay.membership: file'),
      }),
    ]);
  });

  it('access-package: members: is an error too', () => {
    const { diagnostics } = load(
      { pay: { membership: 'access-package' } },
      `${HEAD}owners: [o@example.com]\nmembers: [bob@example.com]\n`,
    );
    expect(diagnostics.map((d) => [d.line, d.code])).toEqual([[6, 'members-not-file-mode']]);
  });

  it('file: members are loaded', () => {
    const { tree, diagnostics } = load(FILE, `${HEAD}members: [bob@example.com]\n`);
    expect(diagnostics).toEqual([]);
    expect(tree!.zones[0].members).toEqual([{ user: 'bob@example.com' }]);
    expect(tree!.config.departments.pay.membership).toEqual({
      mode: 'file',
      file: { noticeDays: 7, maxDays: 365, maxMembersPerZone: 100 },
    });
  });

  it('an unknown mode is a config error with line and field', () => {
    const { diagnostics } = load({ pay: { membership: 'manual' } }, HEAD);
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: 'platform.yaml', field: 'departments.pay.membership', code: 'invalid-value' }),
    ]);
  });

  it('settings of a mode the department does not use are an error', () => {
    const { diagnostics } = load({ pay: { file: { maxDays: 30 } } }, HEAD);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: 'platform.yaml',
        field: 'departments.pay.file',
        code: 'unused-membership-settings',
      }),
    ]);
  });

  it('access-package with approval needs owners (they approve)', () => {
    const { diagnostics } = load({ pay: { membership: 'access-package' } }, HEAD);
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: 'pay/zone-a.yaml', line: 1, code: 'owners-required' }),
    ]);
    expect(
      load({ pay: { membership: 'access-package', accessPackage: { approval: false } } }, HEAD).diagnostics,
    ).toEqual([]);
  });
});

describe('file mode: expiry, notice, maximum duration, limit', () => {
  const member = (until: string) => `${HEAD}members:\n  - { user: bob@example.com, until: ${until} }\n`;

  it.each([
    // [until, at, expected warning or error code or none]
    ['2026-06-30', '2026-06-30', 'member-expiring'], // the last day
    ['2026-07-06', '2026-06-30', 'member-expiring'], // 6 days left: within the 7-day notice
    ['2026-07-07', '2026-06-30', undefined], // 7 days left: outside it
    ['2026-06-29', '2026-06-30', 'member-expired'],
    ['2027-06-30', '2026-06-30', undefined], // exactly maxDays (365) ahead
    ['2027-07-01', '2026-06-30', 'until-too-late'],
  ])('until %s at %s: %s', (until, at, code) => {
    const { tree, diagnostics } = load(FILE, member(until), at);
    expect(diagnostics.map((d) => d.code)).toEqual(code ? [code] : []);
    if (code) expect(diagnostics[0]).toMatchObject({ file: 'pay/zone-a.yaml', line: 6, field: 'members[0].until' });
    // Warnings keep the tree valid; the maximum duration is an error.
    expect(tree === undefined).toBe(code === 'until-too-late');
    if (code && code !== 'until-too-late') expect(diagnostics[0].severity).toBe('warning');
  });

  it('the notice period and maximum duration come from the department', () => {
    const settings = { pay: { membership: 'file', file: { noticeDays: 0, maxDays: 30 } } };
    expect(load(settings, member('2026-06-30')).diagnostics).toEqual([]);
    expect(load(settings, member('2026-07-31')).diagnostics.map((d) => d.code)).toEqual(['until-too-late']);
  });

  it('over the members-per-zone limit is an error on members:', () => {
    const settings = { pay: { membership: 'file', file: { maxMembersPerZone: 2 } } };
    const { diagnostics } = load(settings, `${HEAD}members: [a@example.com, b@example.com, c@example.com]\n`);
    expect(diagnostics).toEqual([expect.objectContaining({ line: 5, field: 'members', code: 'too-many-members' })]);
  });

  it('a member who is also an owner is allowed and reported once', () => {
    const { tree, diagnostics } = load(FILE, `${HEAD}owners: [Bob@Example.com]\nmembers: [bob@example.com]\n`);
    expect(tree).toBeDefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ line: 6, field: 'members[0]', code: 'member-is-owner', severity: 'warning' }),
    ]);
  });
});

describe('zone-access validate prints membership warnings and exits 0', () => {
  it('human: file:line:col: warning: field: message; --at decides', async () => {
    const { zonesDir, configPath } = writeTree({
      config: baseConfig({ departments: FILE }),
      zones: {
        'pay/zone-a.yaml': zoneDoc('zone-a', 'pay', { members: [{ user: 'bob@example.com', until: '2026-07-01' }] }),
      },
    });
    const run = async (at: string) => {
      const c = captureIO(REPO_ROOT);
      const code = await main(['validate', '--zones', zonesDir, '--config', configPath, '--at', at], c.io);
      return { code, err: c.err() };
    };
    const soon = await run('2026-06-30');
    expect(soon.code).toBe(0);
    expect(soon.err).toMatch(
      /zone-a\.yaml:\d+:\d+: warning: members\[0\]\.until: bob@example\.com's access ends in 1 day \(last day 2026-07-01\)/,
    );
    expect(withoutBindingWarning((await run('2026-06-01')).err)).toBe('');
  });
});

describe('membership given in code (completeMembership)', () => {
  const GROUP = 'A1B2C3D4-0000-4000-8000-000000000001';
  it("gets the config file's defaults and normalization: the same settings as the same keys in platform.yaml", () => {
    expect(completeMembership({ mode: 'file', file: { maxDays: 30 } })).toEqual(
      normalizeMembershipSettings({ membership: 'file', file: { maxDays: 30 } }).settings,
    );
    expect(completeMembership({ mode: 'access-package', accessPackage: { requestors: [GROUP, GROUP] } })).toEqual(
      normalizeMembershipSettings({ membership: 'access-package', accessPackage: { requestors: [GROUP] } }).settings,
    );
    expect(completeMembership({ mode: 'entra' })).toEqual({ mode: 'entra' });
  });

  it('keeps a review given resolved, and refuses a mode that does not exist', () => {
    const review = { frequency: 'monthly', durationDays: 7 } as const;
    expect(completeMembership({ mode: 'access-package', accessPackage: { review } })).toMatchObject({
      accessPackage: { review, approval: true },
    });
    expect(completeMembership({ mode: 'files' } as never)).toBeUndefined();
  });
});
