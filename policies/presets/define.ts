import type { PresetStatement, ZoneScope } from '../../model/types';
import type { PolicyCondition, PolicyStatement } from '../policy-document';

/**
 * The shape of a built-in preset file (`policies/presets/<name>.ts`). Everything the project knows
 * about one preset lives in its file: the actions and how each group is scoped (with the reason when
 * AWS cannot scope it), the tag-on-create companions, the resource types it tags (the isolation
 * tests tamper with those), the near misses it deliberately leaves out, any guard its service needs,
 * and its documentation. The catalog, the zone-file schema's suggestions, the README tables and the
 * isolation tests are derived from these files (see `./index.ts`); the preset's name is its file name.
 */

export interface BuiltInStatement {
  readonly scope: ZoneScope;
  /** `service:Action` names; no wildcards. In a `request-tag` statement: the create actions. */
  readonly actions: readonly string[];
  /** ARN patterns; `*` when omitted. */
  readonly resources?: readonly string[];
  /**
   * `request-tag` only: the permissions a create request is *also* authorized as when it carries
   * tags (e.g. `secretsmanager:TagResource` for `CreateSecret`). They get the extra condition "the
   * resource has no zone tag yet", because at that moment the new resource has none.
   */
  readonly tagOnCreate?: readonly string[];
  /**
   * A further condition, for scoping that is not a zone tag (e.g. "only the caller's own sessions").
   * Built-in presets only, as they are code: it may use IAM policy variables such as `${aws:userid}`,
   * which the config loader rejects in platform-config presets. The constructs escape them for Terraform.
   */
  readonly condition?: PolicyCondition;
  /** Why this group is scoped the way it is, when that is not obvious (always for `none` and `condition`). */
  readonly why?: string;
}

/** A resource type the preset's service tags, with the APIs that tag, untag and create it. */
export interface TaggableResource {
  /** Resource type as AWS's service reference names it (`db`, `Secret`, `queue`). */
  readonly type: string;
  readonly tag: string;
  readonly untag: string;
  /** A create action that accepts tags, if the service has one. */
  readonly create?: string;
}

/** What a service-specific guard may look at. */
export interface GuardContext {
  readonly zone: string;
  /** The zone tag key. */
  readonly key: string;
  readonly config: { readonly secrets: { readonly zoneNamePrefix: boolean } };
}

export interface BuiltInPresetDefinition {
  /** One line: what a zone member may do. Also the catalog's `description`. */
  readonly summary: string;
  /** One paragraph: what is scoped how, what cannot be scoped and why, known limits. Markdown. */
  readonly doc: string;
  /** AWS documentation the scoping relies on (service authorization reference first). */
  readonly links: readonly string[];
  readonly statements: readonly BuiltInStatement[];
  /** Resource types of the service that carry tags; the isolation matrix tampers with each. */
  readonly taggable: readonly TaggableResource[];
  /** Actions of the same service a reader might expect here but that the preset does not grant. */
  readonly notGranted: readonly string[];
  /**
   * Explicit denies every zone gets (whether or not it uses this preset: a guard must also hold
   * against what an allow-listed managed policy grants). Keyed on tag context keys or resource names.
   */
  readonly guards?: (context: GuardContext) => PolicyStatement[];
}

/** A built-in preset: its definition plus the name taken from its file name. */
export interface BuiltInPreset extends BuiltInPresetDefinition {
  readonly name: string;
}

/** Identity with a type check and deep freezing; a preset file's default export. */
export function definePreset(definition: BuiltInPresetDefinition): BuiltInPresetDefinition {
  const statements = definition.statements.map((s) =>
    Object.freeze({
      ...s,
      actions: Object.freeze([...s.actions]),
      ...(s.tagOnCreate ? { tagOnCreate: Object.freeze([...s.tagOnCreate]) } : {}),
    }),
  );
  return Object.freeze({
    ...definition,
    links: Object.freeze([...definition.links]),
    statements: Object.freeze(statements),
    taggable: Object.freeze(definition.taggable.map((t) => Object.freeze({ ...t }))),
    notGranted: Object.freeze([...definition.notGranted]),
  });
}

/** The statement the catalog (and so the policy writer and the report) sees: tag-on-create actions included. */
export function toPresetStatement(
  s: BuiltInStatement,
): PresetStatement & { readonly tagOnCreate?: readonly string[]; readonly condition?: PolicyCondition } {
  return Object.freeze({
    actions: Object.freeze([...s.actions, ...(s.tagOnCreate ?? [])]),
    resources: Object.freeze([...(s.resources ?? ['*'])]),
    scope: s.scope,
    ...(s.tagOnCreate ? { tagOnCreate: Object.freeze([...s.tagOnCreate]) } : {}),
    ...(s.condition ? { condition: s.condition } : {}),
  });
}
