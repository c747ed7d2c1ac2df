import type { PlatformConfig, Zone } from './types';

/**
 * The names a zone gets on each side of the federation. They are derived from the zone name only,
 * never from the department or file path, so moving a zone file between folders does not rename
 * anything in Entra or Identity Center.
 */

/** Entra security group, and the Identity Store group SCIM creates from it. */
export function groupDisplayName(zone: Pick<Zone, 'name'>, config: Pick<PlatformConfig, 'names'>): string {
  return `${config.names.groupPrefix}${zone.name}`;
}

/** Identity Center permission set, and the value of the Entra app role. */
export function permissionSetName(zone: Pick<Zone, 'name'>, config: Pick<PlatformConfig, 'names'>): string {
  return `${config.names.permissionSetPrefix}${zone.name}`;
}

/** The permission set's description: the zone file's, else `Zone <zone>` (the default README documents). */
export function permissionSetDescription(zone: Pick<Zone, 'name' | 'description'>): string {
  return zone.description ?? `Zone ${zone.name}`;
}

/**
 * Name of the Entra stack output holding a zone group's object id, which the AWS stack reads from
 * the Entra stack's state. Zone names have no `_`, so mapping `-` to `_` keeps names unique, and the
 * result is a plain Terraform identifier.
 */
export function groupObjectIdOutputName(zone: Pick<Zone, 'name'>): string {
  return `zone_${zone.name.replace(/-/g, '_')}_group_object_id`;
}

/** Stack names for a department (or for everything, in `single` sharding). */
export function stackNames(
  department: string,
  config: Pick<PlatformConfig, 'sharding'>,
): { entra: string; aws: string } {
  const shard = config.sharding === 'single' ? 'all' : department;
  return { entra: `entra-${shard}`, aws: `aws-${shard}` };
}

/**
 * The one stack that owns every app role of the Identity Center application (see
 * constructs/zone-app-roles.ts); applied before every `entra-<department>` stack.
 */
export const APP_ROLES_STACK = 'entra-app-roles';

/** Departments whose `entra-<department>` stack name would be `APP_ROLES_STACK`. */
export const RESERVED_DEPARTMENT_NAMES: ReadonlySet<string> = new Set([APP_ROLES_STACK.slice('entra-'.length)]);

/**
 * Construct ids the stacks give their own children (the `aws` / `azuread` provider and the
 * backend). Each zone is added to its stacks under its name, so a zone named like one of these
 * would collide and synthesis would throw ("There is already a Construct with name 'aws'").
 * Keep in sync with stacks/zone-stacks.ts.
 */
export const RESERVED_ZONE_NAMES: ReadonlySet<string> = new Set(['aws', 'azuread', 'backend']);
