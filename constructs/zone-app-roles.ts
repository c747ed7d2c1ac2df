import { ApplicationAppRoleA as ApplicationAppRole } from '@cdktf/provider-azuread/lib/application-app-role';
import { Construct, type IConstruct } from 'constructs';
import { v5 as uuidv5 } from 'uuid';
import { permissionSetName } from '../model/names';
import type { AppRoleMode } from '../model/types';
import { applicationResourceId } from './azuread-ids';
import type { Zone } from '../model/types';
import type { PlatformSpec } from './props';

/** Namespace for app role ids: fixed forever, so a zone's role id never changes between syntheses. */
export const APP_ROLE_ID_NAMESPACE = '5c0f3b8e-6a4d-4f7e-9f7a-2a9d8e1c4b30';

/**
 * Value of the one role of `shared` mode. Zone names cannot contain a dot, so no per-zone role value
 * (`<permissionSetPrefix><zone>`) can ever equal it, even while switching modes.
 */
export const SHARED_APP_ROLE_VALUE = 'zone-access.all-zones';

/**
 * The deterministic app role id of a zone (UUID v5 of the zone name; lower case, as Graph returns
 * it). Department stacks assign this id without referencing the role's resource, which lives in
 * another stack.
 */
export function appRoleIdFor(zoneName: string): string {
  return uuidv5(`zone:${zoneName}`, APP_ROLE_ID_NAMESPACE);
}

/** The id of the one app role of `shared` mode. */
export const SHARED_APP_ROLE_ID = uuidv5('shared:all-zones', APP_ROLE_ID_NAMESPACE);

/** The app role a zone's group is assigned with, in the given mode. */
export function assignedAppRoleId(zoneName: string, mode: AppRoleMode): string {
  return mode === 'shared' ? SHARED_APP_ROLE_ID : appRoleIdFor(zoneName);
}

export interface ZoneAppRolesProps {
  readonly platform: PlatformSpec;
  /** Every zone of the tree (only names are read; order does not matter). */
  readonly zones: readonly Pick<Zone, 'name'>[];
}

/**
 * The app roles on the IAM Identity Center application, all in one place.
 *
 * Creating an `azuread_application_app_role` reads the application's whole `appRoles` list and
 * writes it back; the provider's lock only works inside one Terraform process. So every role must
 * be owned by ONE stack, applied on its own before the department stacks (which only assign the
 * roles, by their deterministic ids): two department stacks applied in parallel would otherwise
 * overwrite each other's roles.
 *
 * - `per-zone`: one role per zone, construct id = zone name (its address depends only on the zone);
 *   the role value is the permission set name, so SAML role claims and the enterprise app's
 *   "Users and groups" list name the zone.
 * - `shared`: one role (`shared`) that every zone group is assigned with; SCIM only needs the
 *   group assigned, so this has no per-application role limit on the number of zones.
 * - while switching (`entra.retiredAppRoles` set): the roles of both modes. Groups are assigned with
 *   the new mode's role before their old assignment is deleted (create_before_destroy on
 *   `azuread_app_role_assignment`, see ZoneEntraGroup); the old roles go in a later run, once the
 *   key is removed, as a retired department's stacks do.
 *
 * Place it in a stack that has an `azuread` provider.
 */
export class ZoneAppRoles extends Construct {
  /** Role construct id (zone name, or `shared`) → role. */
  readonly roles: ReadonlyMap<string, ApplicationAppRole>;

  constructor(scope: Construct, id: string, props: ZoneAppRolesProps) {
    super(scope, id);
    const { platform } = props;
    const applicationId = applicationResourceId(platform.entra.applicationObjectId);
    const roles = new Map<string, ApplicationAppRole>();
    // The mode in use, and during a switch the mode switched away from (`entra.retiredAppRoles`):
    // its roles stay until a later run, so no group's assignment ever names a deleted role.
    const modes = new Set([platform.entra.appRoles, platform.entra.retiredAppRoles].filter((m) => m !== undefined));
    if (modes.has('shared')) {
      roles.set(
        'shared',
        new ApplicationAppRole(this, 'shared', {
          applicationId,
          roleId: SHARED_APP_ROLE_ID,
          allowedMemberTypes: ['User'],
          displayName: 'Zone Access: every zone group',
          description:
            'Every Zone Access zone group is assigned with this role, which puts it in SCIM provisioning scope',
          value: SHARED_APP_ROLE_VALUE,
        }),
      );
    }
    if (modes.has('per-zone')) {
      for (const name of [...new Set(props.zones.map((z) => z.name))].sort()) {
        if (roles.has(name)) {
          throw new Error(
            `ZoneAppRoles: zone "${name}" has the construct id of the shared role; it cannot keep both while entra.appRoles switches (rename the zone, or switch in one run)`,
          );
        }
        const value = permissionSetName({ name }, platform);
        roles.set(
          name,
          new ApplicationAppRole(this, name, {
            applicationId,
            roleId: appRoleIdFor(name),
            allowedMemberTypes: ['User'],
            displayName: value,
            description: `Zone ${name}: the ${value} permission set in IAM Identity Center`,
            value,
          }),
        );
      }
    }
    this.roles = roles;
    const created = createdRoles.get(this.node.root) ?? new Set<string>();
    // The ids as given (the resources' `roleId` attribute is a token).
    for (const key of roles.keys())
      created.add(key === 'shared' && platform.entra.appRoles === 'shared' ? SHARED_APP_ROLE_ID : appRoleIdFor(key));
    createdRoles.set(this.node.root, created);
  }
}

/** App → the ids of the app roles its ZoneAppRoles create (a lookup, not a walk of the tree per zone). */
const createdRoles = new WeakMap<IConstruct, Set<string>>();

/** Whether a ZoneAppRoles in `construct`'s app creates the app role `roleId`. */
export function appRoleCreatedIn(construct: IConstruct, roleId: string): boolean {
  return createdRoles.get(construct.node.root)?.has(roleId) ?? false;
}
