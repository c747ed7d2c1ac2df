import type { ZoneTree } from '../../../model/types';
import { BUILT_IN_PRESETS } from '../../../policies/catalog';
import { BUILT_IN_PRESET_DEFINITIONS } from '../../../policies/presets';
import type { BuiltInPreset } from '../../../policies/presets/define';
import { policySize } from '../../../policies/limits';
import { renderPolicy, zonePolicy, type PolicyDocument } from '../../../policies/zone-policy';
import { checkAgainstReference } from '../iam-reference';
import { buildMatrix, describeFailures, runMatrix } from '../isolation-matrix';

/**
 * The proof every built-in preset goes through, on its own (the full isolation matrix in
 * isolation-matrix.test.ts runs all presets together): the rendered policy matches AWS's service
 * reference; a small isolation matrix over zones `prod` and `prod-1` (both holding the preset) and
 * `bare` (holding nothing) — own zone allowed; other zone, untagged and case-changed tag denied;
 * tampering with the preset's resources explicitly denied, also next to `Allow *`; near misses
 * denied. A preset's test file calls `provePreset('<name>')` and adds its own claims.
 */

const KEY = 'entigo:zone';

export function definitionOf(name: string): BuiltInPreset {
  const d = BUILT_IN_PRESET_DEFINITIONS.get(name);
  if (!d) throw new Error(`no built-in preset ${name} (policies/presets/${name}.ts)`);
  return d;
}

/** The preset's actions by scope, sorted; tag-on-create companions separately. */
export function actionsByScope(name: string): {
  none: string[];
  resourceTag: string[];
  requestTag: string[];
  tagOnCreate: string[];
} {
  const d = definitionOf(name);
  const of = (scope: string) =>
    d.statements
      .filter((s) => s.scope === scope)
      .flatMap((s) => [...s.actions])
      .sort();
  return {
    none: of('none'),
    resourceTag: of('resource-tag'),
    requestTag: of('request-tag'),
    tagOnCreate: d.statements.flatMap((s) => [...(s.tagOnCreate ?? [])]).sort(),
  };
}

function treeWith(name: string, zoneNamePrefix: boolean): ZoneTree {
  const zones = [
    { name: 'prod', department: 'alpha', access: [name] },
    { name: 'prod-1', department: 'alpha', access: [name] },
    { name: 'bare', department: 'beta', access: [] as string[] },
  ];
  return {
    config: {
      zoneTagKey: KEY,
      access: { presets: {}, managedPolicies: [], customerManagedPolicies: [] },
      secrets: { zoneNamePrefix },
    },
    zones,
  } as unknown as ZoneTree;
}

/** The zone's policy; `zoneNamePrefix` as the config default (true) unless given. */
export function policyFor(zone: string, access: readonly string[], zoneNamePrefix = true): PolicyDocument {
  const tree = treeWith(access[0] ?? 'none', zoneNamePrefix);
  return JSON.parse(renderPolicy(zonePolicy({ name: zone, access }, tree.config))) as PolicyDocument;
}

/** Registers the common proof for one built-in preset. */
export function provePreset(name: string): void {
  describe(`${name}: the common proof`, () => {
    const d = definitionOf(name);
    const targets = d.taggable.map((t) => ({ ...t, service: t.tag.slice(0, t.tag.indexOf(':')) }));

    test('is in the catalog, derived from its file', () => {
      expect(BUILT_IN_PRESETS[name]?.description).toBe(d.summary);
    });

    test.each([false, true])("matches AWS's service reference (zoneNamePrefix %s)", async (prefix) => {
      expect(await checkAgainstReference(policyFor('prod-1', [name], prefix))).toEqual([]);
    });

    test('isolation: own zone allowed; other zone, untagged, case-changed tag and tampering denied (also next to Allow *)', async () => {
      const tree = treeWith(name, true);
      const cases = await buildMatrix(tree, { tamperOnly: targets });
      const policies = new Map(tree.zones.map((z) => [z.name, policyFor(z.name, z.access)]));
      const failures = await runMatrix(cases, (zone) => policies.get(zone)!);
      expect(describeFailures(failures)).toBe('');
      const allowed = new Set(cases.filter((c) => c.expect === 'Allowed' && !c.withAllowAll).map((c) => c.action));
      // Statements with a further condition (own sessions) are proved by the preset's own test.
      for (const a of d.statements.filter((s) => !s.condition).flatMap((s) => [...s.actions, ...(s.tagOnCreate ?? [])]))
        expect(allowed).toContain(a);
      expect(cases.some((c) => c.expect === 'ExplicitlyDenied' && c.withAllowAll)).toBe(targets.length > 0);
    });

    // The guards every zone carries take ~4 KB (GuardTaggingWithoutTagKeys alone ~2.3 KB), so "far
    // below" is: at least 4 KB left for the zone's other presets.
    test('alone, its policy leaves at least 4 KB of the 10,240-character inline policy limit', () => {
      expect(
        policySize(renderPolicy(zonePolicy({ name: 'a'.repeat(27), access: [name] }, treeWith(name, true).config)))
          .nonWhitespaceBytes,
      ).toBeLessThan(10_240 - 4_096);
    });
  });
}
