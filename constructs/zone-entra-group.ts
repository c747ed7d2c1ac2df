import { createHash } from 'node:crypto';
import { AppRoleAssignment } from '@cdktf/provider-azuread/lib/app-role-assignment';
import { DataAzureadClientConfig } from '@cdktf/provider-azuread/lib/data-azuread-client-config';
import type { DataAzureadUsers } from '@cdktf/provider-azuread/lib/data-azuread-users';
import { Group } from '@cdktf/provider-azuread/lib/group';
import { SynchronizationJobProvisionOnDemand } from '@cdktf/provider-azuread/lib/synchronization-job-provision-on-demand';
import { Fn, TerraformOutput, Token } from 'cdktf';
import { Construct } from 'constructs';
import { canonicalGuid, canonicalRuleId, isGuid } from '../model/guid';
import { groupDisplayName, groupObjectIdOutputName } from '../model/names';
import type { MembershipMode } from '../model/membership-settings';
import type { ZoneInput } from '../model/zone-defaults';
import { servicePrincipalResourceId, synchronizationJobResourceId } from './azuread-ids';
import { assertFreeId, pathOf, resolveZoneIn, type PlatformSpec } from './props';
import { lookupUsers } from './user-lookup';
import { appRoleCreatedIn, assignedAppRoleId } from './zone-app-roles';

export { APP_ROLE_ID_NAMESPACE, appRoleIdFor } from './zone-app-roles';

export interface ZoneEntraGroupProps {
  /**
   * The zone: a `Zone` from the loader or `resolveZone` (taken as it is), or only what a zone file
   * requires, checked and completed with the zone file's defaults.
   */
  readonly zone: ZoneInput;
  /** The platform settings (`platformConfig()`, or the loader's config). */
  readonly platform: PlatformSpec;
  /**
   * The department's membership mode (default `entra`). In `access-package` mode the zone's owners
   * are approvers only, never owners of the group: an owner can add members directly, which would
   * bypass request, approval, `maxDays` and review, and such members never expire. The pipeline
   * identity is then the group's only owner.
   */
  readonly membershipMode?: MembershipMode;
}

/**
 * The Entra half of a zone: the security group and its assignment to the IAM Identity Center
 * enterprise application. The assignment is what puts the group in the SCIM provisioning scope, so
 * SCIM creates the group (same display name) in the Identity Store. When the platform config names
 * the provisioning job, the group is also provisioned on demand right after the assignment.
 *
 * The app role the group is assigned with is not created here: every app role of the application
 * belongs to one `ZoneAppRoles` construct (see there why), applied first. Its id is deterministic
 * (`assignedAppRoleId`), so this construct needs no reference to it.
 *
 * Place it in a stack that has an `azuread` provider.
 */
export class ZoneEntraGroup extends Construct {
  /** The security group. */
  readonly group: Group;
  /** The group's assignment to its app role on the enterprise application. */
  readonly appRoleAssignment: AppRoleAssignment;
  /** The identity Terraform runs as; always one of the group's owners. */
  readonly pipelineIdentity: DataAzureadClientConfig;
  /** The lookup of the owners given by UPN (entra and file modes), if any. */
  readonly ownerLookup?: DataAzureadUsers;
  /** The provision-on-demand request, when a provisioning job is configured. */
  readonly provisionOnDemand?: SynchronizationJobProvisionOnDemand;
  /** The group's display name, which is also its name in the Identity Store after SCIM. */
  readonly groupName: string;
  /** The id of the app role the group is assigned with (per-zone: derived from the zone name only). */
  readonly appRoleId: string;
  /**
   * Stack output `zone_<zone>_group_object_id` (the group's object id): SCIM copies it into the
   * Identity Store group's ExternalId, and the AWS stack reads it to bind the zone by identity.
   */
  readonly groupObjectIdOutput: TerraformOutput;

  constructor(scope: Construct, id: string, props: ZoneEntraGroupProps) {
    // Before super(): invalid props must not leave a half-built construct in the tree.
    const zone = resolveZoneIn({ type: 'ZoneEntraGroup', path: pathOf(scope, id) }, props.zone, props.platform);
    assertFreeId(scope, id, 'ZoneEntraGroup', zone.name);
    super(scope, id);
    const { platform } = props;
    const servicePrincipalObjectId = canonicalGuid(platform.entra.servicePrincipalObjectId);
    this.groupName = groupDisplayName(zone, platform);
    this.appRoleId = assignedAppRoleId(zone.name, platform.entra.appRoles);
    // The role is another construct's (ZoneAppRoles); without it the assignment fails only at apply.
    this.node.addValidation({
      validate: () =>
        appRoleCreatedIn(this, this.appRoleId)
          ? []
          : [
              `zone "${zone.name}": no ZoneAppRoles in this app creates the app role ${this.appRoleId} its group is assigned with, so apply would fail; ` +
                `add new ZoneAppRoles(<a construct in a stack with the azuread provider>, 'app-roles', { platform, zones }) with every zone of the app`,
            ],
    });

    // Owners are authoritative: `owners` is Optional+Computed in azuread 3.7.0
    // (internal/services/groups/group_resource.go:205-217), so leaving it out keeps whatever owners
    // the group has, and a removed owner would keep the power to add members (= AWS access). It is
    // therefore always set, and always includes the pipeline's own identity, so the list is never
    // empty and the group never ends ownerless. Object ids are canonical (lower case): the provider
    // diffs owner ids as plain strings (group_resource.go:1146-1147).
    // In access-package mode the owners approve (ZoneMembership) and the group has no human owner.
    this.pipelineIdentity = new DataAzureadClientConfig(this, 'pipeline-identity', {});
    const humanOwners = props.membershipMode === 'access-package' ? [] : zone.owners;
    const ids = humanOwners.filter(isGuid).map((o) => canonicalGuid(o));
    const upns = humanOwners.filter((o) => !isGuid(o));
    let owners: string[];
    if (upns.length === 0) {
      owners = [...ids, this.pipelineIdentity.objectId];
    } else {
      // One lookup for the owners given by UPN; an owner Entra no longer knows (deleted) is left out
      // and named in a warning instead of failing the plan (user-lookup.ts).
      // Named by zone, not by file: the stacks must not depend on where the tree lives.
      const found = lookupUsers(this, 'owner-lookup', upns, {
        what: `zone ${zone.name}: owners`,
        consequence: 'They no longer own the group; update owners: in the zone file.',
      });
      this.ownerLookup = found.lookup;
      owners = Token.asList(
        Fn.concat([...(ids.length > 0 ? [ids] : []), found.objectIds, [this.pipelineIdentity.objectId]]),
      );
    }

    this.group = new Group(this, 'group', {
      displayName: this.groupName,
      description: zone.description ?? `Members may operate on AWS resources of zone ${zone.name}`,
      securityEnabled: true,
      mailEnabled: false,
      preventDuplicateNames: true,
      owners,
      // No `members` here: it is Optional+Computed (group_resource.go:184-195), so leaving it out
      // leaves members to Entra's owners or Governance; in file mode ZoneMembership sets it.
    });

    this.groupObjectIdOutput = new TerraformOutput(this, 'group-object-id', {
      value: this.group.objectId,
      description: `Object id of ${this.groupName}; SCIM's ExternalId of the Identity Store group`,
    });
    // A fixed name (not cdktf's path hash), so the AWS stack can read it from the state.
    this.groupObjectIdOutput.overrideLogicalId(groupObjectIdOutputName(zone));

    // app_role_id, principal_object_id and resource_object_id are ForceNew bare UUIDs
    // (internal/services/approleassignments/app_role_assignment_resource.go:60-82).
    // Switching entra.appRoles changes app_role_id, which replaces the assignment: created before
    // the old one is destroyed, so the group never leaves SCIM's scope (an unassigned group is
    // deprovisioned at the next cycle). Graph allows a principal several assignments on one
    // resource with different roles; the old role still exists then (entra.retiredAppRoles).
    this.appRoleAssignment = new AppRoleAssignment(this, 'app-role-assignment', {
      appRoleId: this.appRoleId,
      principalObjectId: this.group.objectId,
      resourceObjectId: servicePrincipalObjectId,
      lifecycle: { createBeforeDestroy: true },
    });

    const { provisioningJobId, provisioningRuleId, provisioningResource } = platform.entra;
    // Optional: `await-sync --provision` reads Graph's answer and retries, which this resource cannot.
    if (provisioningJobId && provisioningRuleId && provisioningResource !== false) {
      this.provisionOnDemand = new SynchronizationJobProvisionOnDemand(this, 'provision-on-demand', {
        // Graph resource ids, not bare object ids: see azuread-ids.ts for the provider's validators.
        servicePrincipalId: servicePrincipalResourceId(servicePrincipalObjectId),
        synchronizationJobId: synchronizationJobResourceId(servicePrincipalObjectId, provisioningJobId),
        parameter: [
          {
            ruleId: canonicalRuleId(provisioningRuleId),
            subject: [{ objectId: this.group.objectId, objectTypeName: 'Group' }],
          },
        ],
        // Re-provision when the assignment is re-created, not on every apply.
        triggers: { appRoleAssignment: this.appRoleAssignment.id },
        dependsOn: [this.appRoleAssignment],
      });
    }
  }
}

/** A construct id for a free-form string: readable, and unique through a short hash. */
export function constructSafe(value: string): string {
  const hash = createHash('sha256').update(value).digest('hex').slice(0, 8);
  return `${value.replace(/[^A-Za-z0-9-]/g, '-')}-${hash}`;
}
