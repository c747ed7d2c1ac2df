import type { Diagnostic } from './diagnostics';
import type { PlatformConfig, QuotaKey, Zone } from './types';

/**
 * Service quotas the synthesized stacks consume, checked before apply instead of failing half-way
 * through one. Each zone costs one permission set in the Identity Center instance, one
 * provisioned permission set (an IAM role `AWSReservedSSO_zone-<zone>_…`) in every account it is
 * assigned to, and one app role on the Identity Center enterprise application in Entra.
 *
 * The defaults are the providers' published defaults; most can be raised, and the platform config's
 * `quotas` section then records the raised value. `validate` reports an error above a quota and a
 * warning from WARN_AT of it.
 */

export interface QuotaRule {
  /** The provider's default. */
  readonly default: number;
  /** What is counted, for the schema and README. */
  readonly description: string;
  /** Where the default is documented. */
  readonly source: string;
  /** Whether the provider raises it on request. */
  readonly adjustable: boolean;
}

const IDENTITY_CENTER_QUOTAS = 'https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html';

export const QUOTAS: Readonly<Record<QuotaKey, QuotaRule>> = {
  permissionSetsPerInstance: {
    default: 2000,
    description:
      'Permission sets in the IAM Identity Center instance (AWS default 2,000, adjustable). One per zone; lower it by the permission sets Zone Access does not manage.',
    source: IDENTITY_CENTER_QUOTAS,
    adjustable: true,
  },
  permissionSetsPerAccount: {
    default: 250,
    description:
      "Permission sets provisioned to one AWS account (AWS default 250, adjustable). One per zone assigned to the account; lower it by the account's other permission sets.",
    source: IDENTITY_CENTER_QUOTAS,
    adjustable: true,
  },
  rolesPerAccount: {
    default: 1000,
    description:
      "IAM roles in one AWS account (IAM default 1,000, adjustable): each provisioned permission set is a role. Set it to the account's role quota minus the roles it already has.",
    source: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/identity-center-and-iam-roles.html',
    adjustable: true,
  },
  appRolesPerApplication: {
    default: 1000,
    description:
      'App roles on the Identity Center enterprise application in Entra (one per zone, or one in all with entra.appRoles: shared): an application object holds about 1,000 items across all its collections (app roles, reply URLs, identifier URIs), not adjustable. Lower it by the items the application already has.',
    source: 'https://learn.microsoft.com/entra/identity-platform/supported-accounts-validation',
    adjustable: false,
  },
};

export const QUOTA_KEYS = Object.keys(QUOTAS) as QuotaKey[];

/** Share of a quota from which `validate` warns. */
export const WARN_AT = 0.8;

/** How many zone names a message lists before "and N more". */
const LISTED_ZONES = 10;

/** The defaults, as the platform config's `quotas` section without any key set. */
export function defaultQuotas(): Record<QuotaKey, number> {
  return Object.fromEntries(QUOTA_KEYS.map((k) => [k, QUOTAS[k].default])) as Record<QuotaKey, number>;
}

/** Errors above a quota and warnings from WARN_AT of it, for the whole tree. */
export function checkQuotas(
  config: Pick<PlatformConfig, 'quotas' | 'accounts' | 'identityCenter' | 'source'> & {
    readonly entra: Pick<PlatformConfig['entra'], 'appRoles' | 'retiredAppRoles'>;
  },
  zones: readonly Zone[],
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const all = zones.map((z) => z.name);
  const instance = `the Identity Center instance ${config.identityCenter.instanceArn}`;
  out.push(...check(config, 'permissionSetsPerInstance', all, `${instance} gets`, 'permission sets', 'one per zone'));
  // entra.appRoles: shared puts one role on the application, whatever the number of zones.
  // While switching to shared (entra.retiredAppRoles: per-zone) the per-zone roles are still there.
  const shared = config.entra.appRoles === 'shared' && config.entra.retiredAppRoles !== 'per-zone';
  out.push(
    ...check(
      config,
      'appRolesPerApplication',
      shared ? ['(every zone: one shared role)'] : all,
      'the Identity Center enterprise application in Entra gets',
      'app roles',
      shared ? 'one shared role' : 'one per zone',
    ).map((d) =>
      shared
        ? d
        : {
            ...d,
            hint: `set entra.appRoles: shared (every zone group is assigned with one role; SCIM needs only the assignment), or ${d.hint}`,
          },
    ),
  );

  const byAccount = new Map<string, string[]>();
  for (const zone of zones) {
    for (const account of zone.accounts) byAccount.set(account.id, [...(byAccount.get(account.id) ?? []), zone.name]);
  }
  const names = new Map(Object.entries(config.accounts).map(([name, id]) => [id, name]));
  for (const [id, accountZones] of [...byAccount].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const account = `account ${id}${names.has(id) ? ` (${names.get(id)})` : ''}`;
    out.push(
      ...check(
        config,
        'permissionSetsPerAccount',
        accountZones,
        `${account} gets`,
        'provisioned permission sets',
        'one per zone assigned to it',
      ),
    );
    out.push(
      ...check(
        config,
        'rolesPerAccount',
        accountZones,
        `${account} gets`,
        'IAM roles',
        'one per provisioned permission set',
      ),
    );
  }
  return out;
}

function check(
  config: Pick<PlatformConfig, 'quotas' | 'source'>,
  key: QuotaKey,
  zones: readonly string[],
  subject: string,
  what: string,
  why: string,
): Diagnostic[] {
  const limit = config.quotas[key];
  const used = zones.length;
  if (used < WARN_AT * limit) return [];
  const over = used > limit;
  const percent = Math.round((used / limit) * 100);
  const listed = [...zones].sort().slice(0, LISTED_ZONES);
  const more = zones.length - listed.length;
  const zoneList = `zones: ${listed.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  return [
    {
      file: config.source.file,
      field: `quotas.${key}`,
      code: over ? 'quota-exceeded' : 'quota-near',
      severity: over ? 'error' : 'warning',
      message: over
        ? `${subject} ${used} ${what} (${why}), over the quota of ${limit} (quotas.${key}); ${zoneList}`
        : `${subject} ${used} ${what} (${why}), ${percent} % of the quota of ${limit} (quotas.${key}); ${zoneList}`,
      hint: QUOTAS[key].adjustable
        ? `${over ? 'request' : 'before it is reached, request'} a quota increase and set quotas.${key} to the granted value${key.endsWith('PerAccount') ? ', or assign fewer zones to this account' : ''} (zone-access docs/quotas.md; ${QUOTAS[key].source})`
        : `this limit cannot be raised: ${over ? 'remove' : 'plan for fewer'} zones or items of the application (zone-access docs/quotas.md; ${QUOTAS[key].source})`,
    },
  ];
}
