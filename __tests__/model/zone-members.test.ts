import { loadPlatformConfig } from '../../model/load-platform-config';
import { loadZones } from '../../model/load-zones';
import { activeMembers, isActiveOn } from '../../model/membership';
import { addDays, daysBetween, isRealDate } from '../../model/dates';
import type { Diagnostic } from '../../model/diagnostics';
import { baseConfig, writeTree } from '../support/tree';

const PRESETS = new Set(['secrets-reader']);
const HEAD = 'zone: zone-a\ndepartment: pay\naccounts: ["123456789012"]\naccess: [secrets-reader]\n';

/** Department pay keeps its members in the zone files; checked as of a fixed day. */
function load(text: string) {
  const { zonesDir, configPath } = writeTree({
    config: baseConfig({ departments: { pay: { membership: 'file' } } }),
    zones: { 'pay/zone-a.yaml': text },
  });
  const { config } = loadPlatformConfig(configPath);
  const result = loadZones(zonesDir, { config: config!, knownPresets: PRESETS, at: '2026-01-01' });
  return {
    ...result,
    diagnostics: result.diagnostics.map((d): Diagnostic => ({ ...d, file: d.file.slice(zonesDir.length + 1) })),
  };
}

describe('members: in the zone file', () => {
  it('normalizes: bare strings are members without expiry, users lower-cased and sorted, until and reason kept', () => {
    const { zones, diagnostics } = load(
      HEAD +
        'members:\n' +
        '  - Zed@Example.com\n' +
        '  - { user: alice@example.com, until: 2026-12-31, reason: on-call cover }\n' +
        '  - user: 0A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D\n',
    );
    expect(diagnostics).toEqual([]);
    expect(zones[0].members).toEqual([
      { user: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d' },
      { user: 'alice@example.com', until: '2026-12-31', reason: 'on-call cover' },
      { user: 'zed@example.com' },
    ]);
  });

  it('is empty when the file has no members key', () => {
    expect(load(HEAD).zones[0].members).toEqual([]);
  });

  const cases: [string, string, Partial<Diagnostic>][] = [
    [
      'the same person twice, in another case',
      'members: [alice@example.com, { user: Alice@Example.COM, until: 2026-01-01 }]\n',
      { line: 5, column: 38, field: 'members[1].user', code: 'duplicate-member' },
    ],
    [
      'a bare string twice',
      'members:\n  - bob@example.com\n  - bob@example.com\n',
      { line: 7, column: 5, field: 'members[1]', code: 'duplicate-member' },
    ],
    [
      'until that is not a calendar date',
      'members:\n  - { user: bob@example.com, until: 2026-02-30 }\n',
      { line: 6, field: 'members[0].until', code: 'invalid-date' },
    ],
    [
      'until in another format',
      'members:\n  - { user: bob@example.com, until: 31.12.2026 }\n',
      { line: 6, field: 'members[0].until', code: 'invalid-value' },
    ],
    [
      'a user that is neither UPN nor object id',
      'members: [bob]\n',
      { line: 5, field: 'members[0]', code: 'invalid-value' },
    ],
    [
      'an unknown key in an entry',
      'members:\n  - { user: bob@example.com, expires: 2026-01-01 }\n',
      { line: 6, field: 'members[0].expires', code: 'unknown-key' },
    ],
    [
      'an entry without user',
      'members:\n  - { until: 2026-01-01 }\n',
      { line: 6, field: 'members[0].user', code: 'missing-key' },
    ],
    [
      'a reason over 200 characters',
      `members:\n  - { user: bob@example.com, reason: ${'x'.repeat(201)} }\n`,
      { line: 6, field: 'members[0].reason', code: 'invalid-length' },
    ],
    [
      'a reason with a Terraform template',
      'members:\n  - { user: bob@example.com, reason: "${file(\\"/etc/passwd\\")}" }\n',
      { line: 6, field: 'members[0].reason', code: 'template-sequence' },
    ],
  ];
  it.each(cases)('rejects %s with file, line and field', (_label, members, expected) => {
    const { diagnostics } = load(HEAD + members);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ file: 'pay/zone-a.yaml', ...expected });
  });
});

describe('expiry: until is the last day of access (UTC)', () => {
  const member = { user: 'bob@example.com', until: '2026-06-30' };
  it('includes the last day and excludes the day after', () => {
    expect(isActiveOn(member, '2026-06-29')).toBe(true);
    expect(isActiveOn(member, '2026-06-30')).toBe(true);
    expect(isActiveOn(member, '2026-07-01')).toBe(false);
  });
  it('keeps members without until on any day', () => {
    expect(activeMembers([{ user: 'a@example.com' }, member], '2099-01-01')).toEqual([{ user: 'a@example.com' }]);
  });
  it('does calendar arithmetic in UTC', () => {
    expect(isRealDate('2028-02-29')).toBe(true);
    expect(isRealDate('2026-02-29')).toBe(false);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(addDays('2026-03-28', 3)).toBe('2026-03-31');
  });
});
