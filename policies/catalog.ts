import { ValidationError } from '../model/diagnostics';
import type { AccessPreset, PlatformConfig, PresetStatement } from '../model/types';
import { toPresetStatement } from './presets/define';
import type { PolicyCondition } from './policy-document';
import { BUILT_IN_PRESET_DEFINITIONS } from './presets';

/**
 * The access catalog: named presets of statement templates that `zonePolicy` instantiates for one
 * zone. The built-in presets are the files in `policies/presets/` (one per preset); the platform
 * config may add its own. A template never names a zone; the scope says how the zone is attached:
 *
 * - `resource-tag`: the target resource must carry `<zoneTagKey>=<zone>` (`aws:ResourceTag`).
 * - `request-tag`: the request must set `<zoneTagKey>=<zone>` and no other tag (`aws:RequestTag`,
 *   `aws:TagKeys`); the statement's tag-on-create actions (such as `secretsmanager:TagResource`)
 *   are further limited to resources that have no zone tag yet.
 * - `none`: unscoped; only for list/describe actions AWS cannot scope to a tagged resource.
 *
 * Every action and condition key the presets produce is checked against AWS's service reference
 * (`__tests__/policies/iam-reference.test.ts`), and the isolation they give is proved by simulation
 * (`__tests__/policies/isolation-matrix.test.ts`).
 */

/**
 * A catalog statement. Built-in presets name their tag-on-create actions (`tagOnCreate`, also listed
 * in `actions`); for platform-config presets they are recognized by name (`isTaggingAction`). Only
 * built-in presets carry a further `condition` (see `BuiltInStatement.condition`).
 */
export type CatalogStatement = PresetStatement & {
  readonly tagOnCreate?: readonly string[];
  readonly condition?: PolicyCondition;
};

export const BUILT_IN_PRESETS: Readonly<Record<string, AccessPreset>> = Object.freeze(
  Object.fromEntries(
    [...BUILT_IN_PRESET_DEFINITIONS.values()].map((p): [string, AccessPreset] => [
      p.name,
      Object.freeze({
        name: p.name,
        description: p.summary,
        statements: Object.freeze(p.statements.map(toPresetStatement)),
      }),
    ]),
  ),
);

/**
 * Built-in presets plus the platform config's, sorted by name. A config preset may not reuse a
 * built-in name (the config loader reports that as a diagnostic; here it is a programming error).
 */
export function accessCatalog(config: Pick<PlatformConfig, 'access'>): ReadonlyMap<string, AccessPreset> {
  const all = new Map<string, AccessPreset>(Object.entries(BUILT_IN_PRESETS));
  for (const [name, p] of Object.entries(config.access.presets)) {
    if (all.has(name)) {
      throw new ValidationError([
        {
          file: 'platform config',
          field: `access.presets.${name}`,
          code: 'reserved-preset',
          message: `access preset "${name}" is built in and cannot be redefined by the platform config`,
        },
      ]);
    }
    all.set(name, p.name === name ? p : { ...p, name });
  }
  return new Map([...all.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * Actions that write tags onto an existing resource (TagResource, TagQueue, AddTagsToResource,
 * CreateTags, CreateOrUpdateTags, PutBucketTagging, ChangeTagsForResource, ...), but not creates
 * that merely accept tags (CreateStreamingDistributionWithTags). Runtime code cannot consult AWS's
 * service reference (test-only data), so for platform-config presets this is a name rule; a test
 * checks it against the reference's "Tagging" access level for every action of every service.
 */
const TAGGING_ACTION =
  /^[a-z0-9-]+:(?!\w*with)(tag\w*|(add|create|put|set|update|change|replicate)\w*tag(s|ging)\w*)$/i;

/** True for an action that writes tags; in a config preset's `request-tag` statement it is a tag-on-create companion. */
export function isTaggingAction(action: string): boolean {
  return TAGGING_ACTION.test(action);
}

/** True when `action` is a tag-on-create companion in the `request-tag` statement `st`. */
export function isTagOnCreate(st: PresetStatement, action: string): boolean {
  const declared = (st as CatalogStatement).tagOnCreate;
  if (declared) return declared.some((a) => a.toLowerCase() === action.toLowerCase());
  return isTaggingAction(action);
}
