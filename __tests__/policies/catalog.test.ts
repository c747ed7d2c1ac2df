import type { AccessPreset, PlatformConfig } from '../../model/types';
import { accessCatalog, BUILT_IN_PRESETS, type CatalogStatement } from '../../policies/catalog';
import { BUILT_IN_PRESET_DEFINITIONS } from '../../policies/presets';

/**
 * What every preset file must hold (each preset's own claims are in __tests__/policies/presets/),
 * and how the catalog is derived from the files.
 */

const access = (presets: Record<string, AccessPreset> = {}): Pick<PlatformConfig, 'access'> => ({
  access: { presets, managedPolicies: [], customerManagedPolicies: [] },
});

const actionsOf = (p: AccessPreset) => p.statements.flatMap((s) => [...s.actions]);

describe('built-in preset files (policies/presets/<name>.ts)', () => {
  const definitions = [...BUILT_IN_PRESET_DEFINITIONS.values()];

  test('are discovered, one per file, named by the file, sorted', () => {
    const names = definitions.map((d) => d.name);
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(names).toEqual([...names].sort());
    for (const name of names)
      expect(require.resolve(`../../policies/presets/${name}`)).toMatch(new RegExp(`presets/${name}\\.ts$`));
  });

  test.each(definitions.map((d) => [d.name, d] as const))(
    '%s: documented, frozen, exact action names, unscoped groups say why',
    (_name, d) => {
      expect(Object.isFrozen(d)).toBe(true);
      expect(d.summary).toMatch(/^\S.{10,200}\.$/);
      expect(d.doc.length).toBeGreaterThan(100);
      expect(d.links.length).toBeGreaterThan(0);
      for (const link of d.links) expect(link).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/\S+$/);
      expect(d.links[0]).toMatch(
        /^https:\/\/docs\.aws\.amazon\.com\/service-authorization\/latest\/reference\/list_\w+\.html$/,
      );
      for (const s of d.statements) {
        for (const a of [...s.actions, ...(s.tagOnCreate ?? [])]) expect(a).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
        if (s.scope === 'none' || s.condition)
          expect({ actions: s.actions, why: s.why }).toEqual({
            actions: s.actions,
            why: expect.stringMatching(/\w{3,}/),
          });
        if (s.tagOnCreate) expect(s.scope).toBe('request-tag');
      }
      const granted = new Set(
        d.statements.flatMap((s) => [...s.actions, ...(s.tagOnCreate ?? [])].map((a) => a.toLowerCase())),
      );
      for (const a of d.notGranted)
        expect({ notGranted: a, granted: granted.has(a.toLowerCase()) }).toEqual({ notGranted: a, granted: false });
    },
  );
});

describe('BUILT_IN_PRESETS (the catalog entries derived from the files)', () => {
  test('one per file, frozen, description = summary, tag-on-create actions included in the actions', () => {
    expect(Object.isFrozen(BUILT_IN_PRESETS)).toBe(true);
    expect(Object.keys(BUILT_IN_PRESETS)).toEqual([...BUILT_IN_PRESET_DEFINITIONS.keys()]);
    for (const [name, p] of Object.entries(BUILT_IN_PRESETS)) {
      const d = BUILT_IN_PRESET_DEFINITIONS.get(name)!;
      expect(Object.isFrozen(p)).toBe(true);
      expect(p.name).toBe(name);
      expect(p.description).toBe(d.summary);
      expect(actionsOf(p).sort()).toEqual(d.statements.flatMap((s) => [...s.actions, ...(s.tagOnCreate ?? [])]).sort());
      for (const s of p.statements) expect(s.resources.length).toBeGreaterThan(0);
    }
  });

  test("each statement keeps its file's tag-on-create actions, frozen: the policy writer decides by them which actions may only tag a resource being created", () => {
    for (const d of BUILT_IN_PRESET_DEFINITIONS.values()) {
      const statements = BUILT_IN_PRESETS[d.name]!.statements as readonly CatalogStatement[];
      d.statements.forEach((s, i) => {
        const tagOnCreate = statements[i]!.tagOnCreate;
        expect({ preset: d.name, i, tagOnCreate }).toEqual({ preset: d.name, i, tagOnCreate: s.tagOnCreate });
        for (const list of [s.tagOnCreate, tagOnCreate]) if (list) expect(Object.isFrozen(list)).toBe(true);
      });
    }
    // secrets-editor tags only the secret it creates.
    expect(BUILT_IN_PRESET_DEFINITIONS.get('secrets-editor')!.statements.flatMap((s) => s.tagOnCreate ?? [])).toEqual([
      'secretsmanager:TagResource',
    ]);
  });
});

describe('accessCatalog', () => {
  const extra: AccessPreset = {
    name: 'aaa-first',
    description: 'x',
    statements: [{ actions: ['sqs:ListQueues'], resources: ['*'], scope: 'none' }],
  };

  test('built-ins plus config presets, sorted by name', () => {
    const catalog = accessCatalog(access({ 'zz-last': { ...extra, name: 'zz-last' }, 'aaa-first': extra }));
    expect([...catalog.keys()]).toEqual(['aaa-first', ...Object.keys(BUILT_IN_PRESETS), 'zz-last']);
    expect(catalog.get('aaa-first')).toBe(extra);
  });

  test('a config preset may not redefine a built-in one', () => {
    expect(() => accessCatalog(access({ 'rds-operator': { ...extra, name: 'rds-operator' } }))).toThrow(/built in/);
  });
});
