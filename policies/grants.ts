import type { PlatformConfig, Zone, ZoneScope } from '../model/types';
import { accessCatalog, type CatalogStatement } from './catalog';

/**
 * How each action of a zone's presets is granted, as a short label: the statement's scope, its
 * resources when not `*`, and a built-in statement's further condition. The access report compares
 * these between two trees; the policy writer instantiates the same statements. One expansion of the
 * catalog, so the report cannot describe a grant differently from what the policy does.
 *
 * `resource-tag` (resources of the zone), `request-tag` (creating resources tagged with the zone),
 * `none` (any resource; list/describe actions), e.g. `none on arn:aws:ssm:*:*:session/* if {...}`.
 */
export type Grant = ZoneScope | `${ZoneScope} ${'on' | 'if'} ${string}`;

export interface ActionGrants {
  /** The action as the catalog spells it. */
  readonly action: string;
  /** Sorted, without duplicates. */
  readonly grants: readonly Grant[];
}

/** Per config: the catalog, and the grants of each preset combination already expanded. */
const expanded = new WeakMap<
  object,
  { catalog: ReturnType<typeof accessCatalog>; byAccess: Map<string, ReadonlyMap<string, ActionGrants>> }
>();

/**
 * Lower-cased action → how the zone's presets grant it (IAM action names are case-insensitive),
 * in action order. Computed once per config object and preset list (the models are immutable).
 *
 * @throws Error for a preset the catalog does not hold (the loader rejects those first).
 */
export function actionGrants(
  zone: Pick<Zone, 'access'>,
  config: Pick<PlatformConfig, 'access'>,
): ReadonlyMap<string, ActionGrants> {
  let cache = expanded.get(config);
  if (!cache) expanded.set(config, (cache = { catalog: accessCatalog(config), byAccess: new Map() }));
  // JSON keeps the list's boundaries: ['ab', 'c'] and ['a', 'bc'] are different keys.
  const key = JSON.stringify(zone.access);
  let grants = cache.byAccess.get(key);
  if (!grants) cache.byAccess.set(key, (grants = expand(zone.access, cache.catalog)));
  return grants;
}

function expand(
  access: readonly string[],
  catalog: ReturnType<typeof accessCatalog>,
): ReadonlyMap<string, ActionGrants> {
  const found = new Map<string, { action: string; grants: Set<Grant> }>();
  for (const presetName of access) {
    const preset = catalog.get(presetName);
    if (!preset) throw new Error(`unknown access preset "${presetName}"`);
    for (const statement of preset.statements) {
      const grant = grantLabel(statement);
      for (const action of statement.actions) {
        const key = action.toLowerCase();
        const entry = found.get(key) ?? { action, grants: new Set<Grant>() };
        entry.grants.add(grant);
        found.set(key, entry);
      }
    }
  }
  return new Map(
    [...found.entries()]
      .sort(([, a], [, b]) => cmp(a.action, b.action))
      .map(([key, e]) => [key, { action: e.action, grants: [...e.grants].sort() }]),
  );
}

function grantLabel(statement: CatalogStatement): Grant {
  const resources = statement.resources.length === 0 ? ['*'] : [...statement.resources].sort();
  const on = resources.length === 1 && resources[0] === '*' ? '' : ` on ${resources.join(', ')}`;
  const condition = statement.condition ? ` if ${JSON.stringify(statement.condition)}` : '';
  return `${statement.scope}${on}${condition}` as Grant;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
