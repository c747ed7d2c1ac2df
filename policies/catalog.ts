import type { AccessPreset, PlatformConfig, PresetStatement } from '../model/types';

/**
 * The access catalog: named presets of statement templates that `zonePolicy` instantiates for one
 * zone. A template never names a zone; the scope says how the zone is attached:
 *
 * - `resource-tag`: the target resource must carry `<zoneTagKey>=<zone>` (`aws:ResourceTag`).
 * - `request-tag`: the request must set `<zoneTagKey>=<zone>` and no other tag (`aws:RequestTag`,
 *   `aws:TagKeys`); tagging actions in such a statement (tag-on-create companions such as
 *   `secretsmanager:TagResource`) are further limited to resources that have no zone tag yet.
 * - `none`: unscoped; only for list/describe actions AWS cannot scope to a tagged resource.
 *
 * Every action and condition key the presets produce is checked against AWS's service reference
 * (`__tests__/policies/iam-reference.test.ts`), and the isolation they give is proved by simulation
 * (`__tests__/policies/isolation-matrix.test.ts`).
 */

const statement = (scope: PresetStatement['scope'], actions: string[]): PresetStatement =>
  Object.freeze({ actions: Object.freeze([...actions]), resources: Object.freeze(['*']), scope });

const preset = (name: string, description: string, statements: PresetStatement[]): AccessPreset =>
  Object.freeze({ name, description, statements: Object.freeze(statements) });

/**
 * Describe on RDS is unscoped: `DescribeDBInstances`/`DescribeDBClusters` without an identifier are
 * authorized against a wildcard resource that carries no tags, so a tag condition would break
 * listing. They return metadata only (no data, no credentials), which is acceptable here.
 */
const RDS_DESCRIBE = ['rds:DescribeDBClusters', 'rds:DescribeDBInstances'];
/** Authorized against the `db` / `cluster` resource, both of which carry `aws:ResourceTag/<key>`. */
const RDS_OPERATE = [
  'rds:RebootDBCluster',
  'rds:RebootDBInstance',
  'rds:StartDBCluster',
  'rds:StartDBInstance',
  'rds:StopDBCluster',
  'rds:StopDBInstance',
];
/** `ListSecrets` has no resource type at all: it cannot be scoped (it returns metadata, not values). */
const SECRETS_LIST = ['secretsmanager:ListSecrets'];
const SECRETS_READ = ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:ListSecretVersionIds'];
const SECRETS_WRITE = [
  'secretsmanager:DeleteSecret',
  'secretsmanager:PutSecretValue',
  'secretsmanager:RotateSecret',
  'secretsmanager:UpdateSecret',
];
/**
 * `CreateSecret` with tags is also authorized as `TagResource` on the new secret, which has no zone
 * tag at that moment. The request-tag scope therefore allows `TagResource` only when it sets the
 * own zone (and nothing else) on a secret without a zone tag. See README: residual risk.
 */
const SECRETS_CREATE = ['secretsmanager:CreateSecret', 'secretsmanager:TagResource'];

export const BUILT_IN_PRESETS: Readonly<Record<string, AccessPreset>> = Object.freeze({
  'rds-operator': preset('rds-operator', 'Describe RDS instances and clusters; reboot, start and stop those of the zone.', [
    statement('none', RDS_DESCRIBE),
    statement('resource-tag', RDS_OPERATE),
  ]),
  'secrets-editor': preset(
    'secrets-editor',
    'Everything secrets-reader allows; change, rotate and delete secrets of the zone; create secrets tagged with the zone.',
    [
      statement('none', SECRETS_LIST),
      statement('resource-tag', [...SECRETS_READ, ...SECRETS_WRITE]),
      statement('request-tag', SECRETS_CREATE),
    ],
  ),
  'secrets-reader': preset('secrets-reader', 'List secrets; read the values and metadata of secrets of the zone.', [
    statement('none', SECRETS_LIST),
    statement('resource-tag', SECRETS_READ),
  ]),
});

/**
 * Built-in presets plus the platform config's, sorted by name. A config preset may not reuse a
 * built-in name (the config loader reports that as a diagnostic; here it is a programming error).
 */
export function accessCatalog(config: Pick<PlatformConfig, 'access'>): ReadonlyMap<string, AccessPreset> {
  const all = new Map<string, AccessPreset>(Object.entries(BUILT_IN_PRESETS));
  for (const [name, p] of Object.entries(config.access.presets)) {
    if (all.has(name)) throw new Error(`access preset "${name}" is built in and cannot be redefined by the platform config`);
    all.set(name, p.name === name ? p : { ...p, name });
  }
  return new Map([...all.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
