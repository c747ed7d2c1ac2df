/**
 * How azuread 3.7.0 plans and applies an `azuread_group`'s `members`, re-implemented from its source
 * (github.com/hashicorp/terraform-provider-azuread at tag v3.7.0; `SDK/` = its vendored
 * vendor/github.com/hashicorp/terraform-plugin-sdk/v2/) because no azuread binary runs offline. The
 * membership tests run synthesized file-mode groups through it to show what reaches Graph.
 */

/** Graph's members of a group, and what the directory resolves UPNs to. */
export type Directory = Readonly<Record<string, string>>;

/**
 * What Terraform evaluates a synthesized `members` value to, given the users Entra knows. Only the
 * shapes Zone Access emits (see the `members` rule in azuread-provider-rules.ts): a literal list,
 * the resolved UPNs of an `azuread_users` lookup, or `concat([<ids>], <resolved UPNs>)`.
 * `undefined` stays `undefined` (the argument is omitted).
 */
export function evaluateMembers(
  value: unknown,
  stack: Record<string, any>,
  directory: Directory,
): string[] | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value)) return value.map(String);
  const m =
    /^\$\{(?:concat\(\[(.*?)\], )?\[ for key, val in toset\(data\.azuread_users\.([A-Za-z0-9_-]+)\.users\): lower\(val\.object_id\)\]\)?\}$/s.exec(
      String(value),
    );
  if (!m) throw new Error(`members: unexpected expression ${String(value)}`);
  const literals = m[1] !== undefined ? (JSON.parse(`[${m[1]}]`) as string[]) : [];
  const lookup = stack.data?.azuread_users?.[m[2]!];
  if (!lookup) throw new Error(`members: no data.azuread_users.${m[2]} in the stack`);
  // users_data_source.go:228-254 and :394: one user per UPN found (ignore_missing skips the rest),
  // object_id = Graph's id.
  const found = (lookup.user_principal_names as string[])
    .filter((upn) => upn in directory)
    .map((upn) => directory[upn]!.toLowerCase());
  return [...literals, ...found];
}

/**
 * The plan for `members`, as the plugin SDK computes it (SDK/helper/schema/schema.go:1454-1546):
 * an omitted (null) Optional+Computed set is "no change" (:1471-1473), whatever the prior state
 * holds; a set given (empty included: SDK/internal/configs/hcl2shim/values.go:59, :168) is compared
 * with the prior state element by element. The prior state is Graph's list, refreshed by Read
 * (internal/services/groups/group_resource.go:1325-1333).
 */
export function planMembers(prior: readonly string[], config: readonly string[] | undefined): { changed: boolean } {
  if (config === undefined) return { changed: false };
  const a = new Set(prior);
  const b = new Set(config);
  return { changed: a.size !== b.size || [...a].some((x) => !b.has(x)) };
}

/**
 * The Graph calls of an update (group_resource.go:1091-1123): when `members` changed, list Graph's
 * members (every page), remove those not desired, add those missing, using tf.Difference
 * (internal/helpers/tf/slices.go:9-21: plain string comparison).
 */
export function applyMembers(
  graph: readonly string[],
  config: readonly string[] | undefined,
): { removed: string[]; added: string[]; after: string[] } {
  if (!planMembers(graph, config).changed) return { removed: [], added: [], after: [...graph] };
  const desired = config!;
  const removed = graph.filter((x) => !desired.includes(x));
  const added = desired.filter((x) => !graph.includes(x));
  return { removed, added, after: [...graph.filter((x) => !removed.includes(x)), ...added] };
}
