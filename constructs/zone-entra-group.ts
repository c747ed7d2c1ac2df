import { createHash } from 'node:crypto';
import { AppRoleAssignment } from '@cdktf/provider-azuread/lib/app-role-assignment';
import { ApplicationAppRoleA as ApplicationAppRole } from '@cdktf/provider-azuread/lib/application-app-role';
import { DataAzureadUser } from '@cdktf/provider-azuread/lib/data-azuread-user';
import { Group } from '@cdktf/provider-azuread/lib/group';
import { SynchronizationJobProvisionOnDemand } from '@cdktf/provider-azuread/lib/synchronization-job-provision-on-demand';
import { Construct } from 'constructs';
import { v5 as uuidv5 } from 'uuid';
import { groupDisplayName, permissionSetName } from '../model/names';
import type { ZoneInput } from '../model/zone-defaults';
import { assertValidZoneSpec, zoneSpecFrom, type PlatformSpec } from './props';

/** Namespace for app role ids: fixed forever, so a zone's role id never changes between syntheses. */
export const APP_ROLE_ID_NAMESPACE = '5c0f3b8e-6a4d-4f7e-9f7a-2a9d8e1c4b30';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export interface ZoneEntraGroupProps {
  /** Only what a zone file requires; the rest defaults the same way (see `ZoneAccessProps.zone`). */
  readonly zone: ZoneInput;
  readonly platform: PlatformSpec;
}

/**
 * The Entra half of a zone: the security group, the app role on the IAM Identity Center enterprise
 * application, and the group's assignment to that role. The assignment is what puts the group in
 * the SCIM provisioning scope, so SCIM creates the group (same display name) in the Identity Store.
 * When the platform config names the provisioning job, the group is provisioned on demand right
 * after the assignment instead of waiting for the next ~40-minute cycle.
 *
 * Place it in a stack that has an `azuread` provider.
 */
export class ZoneEntraGroup extends Construct {
  /** The security group. */
  readonly group: Group;
  /** The app role (value = permission set name) on the Identity Center application. */
  readonly appRole: ApplicationAppRole;
  /** The group's assignment to the app role on the enterprise application. */
  readonly appRoleAssignment: AppRoleAssignment;
  /** The provision-on-demand request, when a provisioning job is configured. */
  readonly provisionOnDemand?: SynchronizationJobProvisionOnDemand;
  /** The group's display name, which is also its name in the Identity Store after SCIM. */
  readonly groupName: string;
  /** The app role id: a UUID derived from the zone name only. */
  readonly appRoleId: string;

  constructor(scope: Construct, id: string, props: ZoneEntraGroupProps) {
    // Before super(): invalid props must not leave a half-built construct in the tree.
    const zone = zoneSpecFrom(props.zone, props.platform);
    assertValidZoneSpec('ZoneEntraGroup', zone, props.platform);
    super(scope, id);
    const { platform } = props;
    this.groupName = groupDisplayName(zone, platform);
    const roleValue = permissionSetName(zone, platform);
    this.appRoleId = appRoleIdFor(zone.name);

    const owners = zone.owners.map((owner) =>
      GUID.test(owner)
        ? owner
        : new DataAzureadUser(this, `owner-${constructSafe(owner)}`, { userPrincipalName: owner }).objectId,
    );

    this.group = new Group(this, 'group', {
      displayName: this.groupName,
      description: zone.description ?? `Members may operate on AWS resources of zone ${zone.name}`,
      securityEnabled: true,
      mailEnabled: false,
      preventDuplicateNames: true,
      ...(owners.length ? { owners } : {}),
    });

    this.appRole = new ApplicationAppRole(this, 'app-role', {
      applicationId: `/applications/${platform.entra.applicationObjectId}`,
      roleId: this.appRoleId,
      allowedMemberTypes: ['User'],
      displayName: roleValue,
      description: `Zone ${zone.name}: the ${roleValue} permission set in IAM Identity Center`,
      value: roleValue,
    });

    this.appRoleAssignment = new AppRoleAssignment(this, 'app-role-assignment', {
      appRoleId: this.appRole.roleId,
      principalObjectId: this.group.objectId,
      resourceObjectId: platform.entra.servicePrincipalObjectId,
    });

    const { provisioningJobId, provisioningRuleId } = platform.entra;
    if (provisioningJobId && provisioningRuleId) {
      this.provisionOnDemand = new SynchronizationJobProvisionOnDemand(this, 'provision-on-demand', {
        // azuread v3 takes the bare object id here (validated as a UUID), unlike application_id.
        servicePrincipalId: platform.entra.servicePrincipalObjectId,
        synchronizationJobId: provisioningJobId,
        parameter: [{ ruleId: provisioningRuleId, subject: [{ objectId: this.group.objectId, objectTypeName: 'Group' }] }],
        // Re-provision when the assignment is re-created, not on every apply.
        triggers: { appRoleAssignment: this.appRoleAssignment.id },
        dependsOn: [this.appRoleAssignment],
      });
    }
  }
}

/** The deterministic app role id of a zone (UUID v5 of the zone name). */
export function appRoleIdFor(zoneName: string): string {
  return uuidv5(`zone:${zoneName}`, APP_ROLE_ID_NAMESPACE);
}

/** A construct id for a free-form string: readable, and unique through a short hash. */
export function constructSafe(value: string): string {
  const hash = createHash('sha256').update(value).digest('hex').slice(0, 8);
  return `${value.replace(/[^A-Za-z0-9-]/g, '-')}-${hash}`;
}
