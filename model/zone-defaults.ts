import { canonicalGuid } from './guid';
import { isAccountId } from './aws-rules';
import { memberKey } from './membership';
import type {
  CustomerManagedPolicyRef,
  PermissionsBoundaryRef,
  PlatformConfig,
  Zone,
  ZoneAccount,
  ZoneMember,
} from './types';

/**
 * The one place where a zone's defaults are filled and its set-like lists normalized. The loader
 * (after it has checked a zone file) and `resolveZone` (for zones written in code, after the same
 * zone rules) both call `normalizeZone`, so a zone given in code with only the keys a zone file
 * requires becomes exactly the `Zone` the same zone file would have loaded as.
 */

/**
 * A zone as the constructs accept it: the keys a zone file requires (`name` is the file's `zone:`
 * key), everything else optional with the zone file's defaults. A loaded `Zone` fits as it is.
 */
export interface ZoneInput {
  /** The zone name (the zone file's `zone:`). */
  readonly name: string;
  /** The owning department. */
  readonly department: string;
  /** 12-digit ids, account names from the platform config's `accounts` map, or resolved accounts. */
  readonly accounts: readonly (string | ZoneAccount)[];
  /** Access preset names: built-in ones or the platform config's `access.presets`. */
  readonly access: readonly string[];
  /**
   * Shown on the group and the permission set.
   * @default "Members may operate on AWS resources of zone <name>" on the group, "Zone <name>" on the permission set
   */
  readonly description?: string;
  /**
   * ISO 8601 session duration, PT1H to PT12H.
   * @default the platform's `defaultSessionDuration`
   */
  readonly sessionDuration?: string;
  /**
   * Entra group owners (UPNs or object ids); the pipeline's identity is always added.
   * @default none
   */
  readonly owners?: readonly string[];
  /**
   * A user (UPN or object id) or `{ user, until?, reason? }`, as in a zone file (file mode only).
   * @default none
   */
  readonly members?: readonly (string | ZoneMember)[];
  /**
   * Where the access portal sends the session.
   * @default none (the AWS console home)
   */
  readonly relayState?: string;
  /**
   * Extra permission set tags (the zone tag is added).
   * @default none
   */
  readonly tags?: Readonly<Record<string, string>>;
  /**
   * AWS-managed policy ARNs, allow-listed in the platform config.
   * @default none
   */
  readonly managedPolicies?: readonly string[];
  /**
   * A name (path `/`), `{ name, path? }`, as in a zone file; allow-listed in the platform config.
   * @default none
   */
  readonly customerManagedPolicies?: readonly (string | { readonly name: string; readonly path?: string })[];
  /**
   * An AWS-managed policy ARN or `{ name, path? }` as in a zone file, or a loaded boundary; the one
   * allow-listed in the platform config.
   * @default none
   */
  readonly permissionsBoundary?: string | { readonly name: string; readonly path?: string } | PermissionsBoundaryRef;
}

/** What defaults come from: the platform's default session duration and its account names. */
export type ZoneDefaultsSource = Pick<PlatformConfig, 'defaultSessionDuration'> &
  Partial<Pick<PlatformConfig, 'accounts'>>;

/**
 * Fills the defaults and sorts/de-duplicates the set-like lists. It checks nothing: the zone rules
 * (model/zone-rules.ts) run before it, in the loader and in `resolveZone`. `origin` is where the zone
 * came from: its file and the file's key positions, or the construct that resolved it.
 */
export function normalizeZone(
  input: ZoneInput,
  platform: ZoneDefaultsSource,
  origin: Pick<Zone, 'source' | 'positions'>,
): Zone {
  const boundary = input.permissionsBoundary === undefined ? undefined : toBoundary(input.permissionsBoundary);
  return {
    name: input.name,
    department: input.department,
    ...(input.description !== undefined ? { description: input.description } : {}),
    accounts: resolveAccounts(input.accounts, platform.accounts ?? {}),
    access: uniqueSorted(input.access),
    sessionDuration: input.sessionDuration ?? platform.defaultSessionDuration,
    // Object ids in canonical (lower) case: Graph returns them so (see model/guid.ts).
    owners: uniqueSorted((input.owners ?? []).map(canonicalGuid)),
    members: normalizeMembers(input.members ?? []),
    ...(input.relayState !== undefined ? { relayState: input.relayState } : {}),
    tags: Object.fromEntries(Object.entries(input.tags ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    managedPolicies: uniqueSorted(input.managedPolicies ?? []),
    customerManagedPolicies: normalizeCustomerPolicies(input.customerManagedPolicies ?? []),
    ...(boundary ? { permissionsBoundary: boundary } : {}),
    source: origin.source,
    positions: origin.positions,
  };
}

/** `x`, `{ name: x }` and `{ name: x, path: / }` are the same policy; sorted by path + name, unique. */
export function normalizeCustomerPolicies(
  refs: readonly (string | { readonly name: string; readonly path?: string })[],
): CustomerManagedPolicyRef[] {
  const byKey = new Map<string, CustomerManagedPolicyRef>();
  for (const ref of refs) {
    const r = typeof ref === 'string' ? { name: ref, path: '/' } : { name: ref.name, path: ref.path ?? '/' };
    byKey.set(customerPolicyKey(r), r);
  }
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, r]) => r);
}

export function customerPolicyKey(ref: CustomerManagedPolicyRef): string {
  return `${ref.path}${ref.name}`;
}

export function toBoundary(
  raw: string | { readonly name: string; readonly path?: string } | PermissionsBoundaryRef,
): PermissionsBoundaryRef {
  if (typeof raw === 'string') return { kind: 'managed', arn: raw };
  if ('kind' in raw) return raw;
  return { kind: 'customer', name: raw.name, path: raw.path ?? '/' };
}

export function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** Lower-cased users (one person, however spelled, is one member; the first entry wins), sorted. */
function normalizeMembers(entries: readonly (string | ZoneMember)[]): ZoneMember[] {
  const byUser = new Map<string, ZoneMember>();
  for (const entry of entries) {
    const m = typeof entry === 'string' ? { user: entry } : entry;
    const user = memberKey(m.user);
    if (!byUser.has(user)) {
      byUser.set(user, {
        user,
        ...(m.until !== undefined ? { until: m.until } : {}),
        ...(m.reason !== undefined ? { reason: m.reason } : {}),
      });
    }
  }
  return [...byUser.values()].sort((a, b) => (a.user < b.user ? -1 : a.user > b.user ? 1 : 0));
}

function resolveAccounts(
  refs: readonly (string | ZoneAccount)[],
  names: Readonly<Record<string, string>>,
): ZoneAccount[] {
  const byId = new Map<string, ZoneAccount>();
  for (const ref of refs) {
    const account: ZoneAccount =
      typeof ref !== 'string'
        ? ref
        : !isAccountId(ref) && Object.prototype.hasOwnProperty.call(names, ref)
          ? { id: names[ref], name: ref }
          : { id: ref };
    if (!byId.has(account.id)) byId.set(account.id, account);
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
