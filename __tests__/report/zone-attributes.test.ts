import { diffTrees } from '../../report/diff';
import { renderJson } from '../../report/render-json';
import { renderMarkdown } from '../../report/render-markdown';
import { ZONE_ATTRIBUTE_SECTIONS, ZONE_SETTINGS, type ZoneSettingKey } from '../../report/zone-attributes';
import { zoneFileSchema } from '../../model/zone-file-schema';
import type { Zone } from '../../model/types';
import { baseConfig } from '../support/tree';
import { treeOf } from './support';

/**
 * Reviewers approve what they see: the report shows every attribute of an added zone (and of a removed one), and every
 * changed setting of a changed zone. Which attributes there are is not a hand list here: the
 * report's placement of attributes (report/zone-attributes.ts) is typed over every key of the
 * model's `Zone`, so a new attribute does not compile until it has a place; the zone below must set
 * every key of the zone-file schema; and every value of every attribute of the loaded zone must
 * appear in the rendered report.
 */

const CONFIG = baseConfig({
  departments: { pay: { membership: 'file' } },
  access: {
    managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    // ReadOnlyAccess reads every zone's resources; allow-listing it needs the acknowledgement.
    acknowledgedManagedPolicyRisks: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    customerManagedPolicies: [{ name: 'zone-scoped', path: '/zones/' }],
    permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
  },
});

/** A zone file that sets every key the zone-file schema has, each to a value that is not the default. */
const EVERY_KEY: Record<string, unknown> = {
  zone: 'pay-full',
  department: 'pay',
  description: 'Every attribute set',
  accounts: ['shared-prod', '123456789012'],
  access: ['rds-operator', 'secrets-reader'],
  sessionDuration: 'PT3H',
  owners: ['olga@example.com', '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d'],
  members: [{ user: 'mia@example.com', until: '2026-12-31', reason: 'on call' }, 'nils@example.com'],
  relayState: 'https://console.aws.amazon.com/rds/home?region=eu-north-1',
  tags: { 'cost-center': '7788', team: 'ledger' },
  managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
  customerManagedPolicies: [{ name: 'zone-scoped', path: '/zones/' }],
  permissionsBoundary: 'arn:aws:iam::aws:policy/PowerUserAccess',
};

const empty = () => treeOf({ config: CONFIG, zones: {}, emptyDepartments: ['pay'] });
const withZone = (zone: Record<string, unknown>) =>
  treeOf({ config: CONFIG, zones: { [`pay/${String(zone.zone)}.yaml`]: zone } });

/** Attributes that are maps: their keys are data too (a tag's key), not field names (an account's `id`). */
const MAPS = new Set<keyof Zone>(['tags']);

/** Every string (and number) inside a value, e.g. each tag key and value, each member's until. */
function leaves(value: unknown, keysAreData = false): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [value];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value)) return value.flatMap((v) => leaves(v));
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => [
    ...(keysAreData ? [k] : []),
    ...leaves(v),
  ]);
}
const valuesOf = (zone: Zone, key: keyof Zone) => leaves(zone[key], MAPS.has(key));

const shown = (Object.keys(ZONE_ATTRIBUTE_SECTIONS) as (keyof Zone)[]).filter(
  (key) => ZONE_ATTRIBUTE_SECTIONS[key] !== 'origin',
);

describe('the attributes a zone has', () => {
  it('the zone below sets every key of the zone-file schema', () => {
    expect(Object.keys(EVERY_KEY).sort()).toEqual(Object.keys(zoneFileSchema.properties).sort());
  });

  it('every attribute of the loaded zone has a place in the report', () => {
    const [zone] = withZone(EVERY_KEY).zones;
    expect(Object.keys(zone).sort()).toEqual(Object.keys(ZONE_ATTRIBUTE_SECTIONS).sort());
  });
});

describe('an added zone: every value of every attribute is in the report', () => {
  const report = diffTrees(empty(), withZone(EVERY_KEY));
  const [zone] = withZone(EVERY_KEY).zones;

  it('is reported as added', () => {
    expect(report.zones.map((z) => [z.zone, z.change])).toEqual([['pay-full', 'added']]);
  });

  it.each(shown)('%s, in the Markdown', (key) => {
    const md = renderMarkdown(report);
    const missing = valuesOf(zone, key).filter((leaf) => !md.includes(leaf));
    expect({ key, missing }).toEqual({ key, missing: [] });
  });

  it.each(shown)('%s, in the JSON', (key) => {
    const json = renderJson(report);
    const missing = valuesOf(zone, key).filter((leaf) => !json.includes(JSON.stringify(leaf).slice(1, -1)));
    expect({ key, missing }).toEqual({ key, missing: [] });
  });

  it('lists each setting under its own name', () => {
    expect(report.zones[0].settings.map((s) => s.field)).toEqual([...ZONE_SETTINGS]);
    const md = renderMarkdown(report);
    for (const key of ZONE_SETTINGS) expect(md).toContain(`  - \`${key}\`: `);
  });
});

describe('a removed zone: what it had is in the report', () => {
  const report = diffTrees(withZone(EVERY_KEY), empty());
  const [zone] = withZone(EVERY_KEY).zones;
  const md = renderMarkdown(report);

  it('its settings and owners, besides the accounts, presets, policies and people it loses', () => {
    expect(report.zones.map((z) => [z.zone, z.change])).toEqual([['pay-full', 'removed']]);
    expect(report.zones[0].settings.map((s) => s.field)).toEqual([...ZONE_SETTINGS]);
    const keys: (keyof Zone)[] = [
      'description',
      'sessionDuration',
      'relayState',
      'tags',
      'owners',
      'accounts',
      'access',
      'managedPolicies',
      'customerManagedPolicies',
      'permissionsBoundary',
    ];
    const missing = keys.flatMap((key) =>
      valuesOf(zone, key)
        .filter((leaf) => !md.includes(leaf))
        .map((leaf) => `${key}: ${leaf}`),
    );
    expect(missing).toEqual([]);
    for (const m of zone.members) expect(md).toContain(m.user);
  });
});

/** Another value for each setting; typed over every setting, so a new one needs an entry. */
const OTHER: Record<ZoneSettingKey, unknown> = {
  description: 'Another description',
  sessionDuration: 'PT8H',
  relayState: 'https://console.aws.amazon.com/secretsmanager/home',
  tags: { 'cost-center': '9900' },
};

describe('a changed zone: each changed setting is listed', () => {
  it.each(ZONE_SETTINGS)('%s', (key) => {
    const report = diffTrees(withZone(EVERY_KEY), withZone({ ...EVERY_KEY, [key]: OTHER[key] }));
    expect(report.zones.map((z) => [z.zone, z.change, z.inPlace.map((f) => f.field)])).toEqual([
      ['pay-full', 'changed', [key]],
    ]);
    const md = renderMarkdown(report);
    expect(md).toContain(`  - \`${key}\`: `);
    for (const leaf of leaves(OTHER[key], MAPS.has(key))) expect(md).toContain(leaf);
  });

  it('a removed setting too (the description falls back to its default, which is what deploys)', () => {
    const { description: _description, relayState: _relayState, ...rest } = EVERY_KEY;
    const report = diffTrees(withZone(EVERY_KEY), withZone(rest));
    expect(report.zones[0].inPlace).toEqual([
      { field: 'description', base: 'Every attribute set', head: 'Zone pay-full' },
      { field: 'relayState', base: EVERY_KEY.relayState },
    ]);
  });
});
