import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { DEFAULT_MEMBERSHIP, type MembershipSettings } from '../model/membership-settings';
import type { Zone } from '../model/types';
import type { ZoneInput } from '../model/zone-defaults';
import { assertValidZoneSpec, zoneSpecFrom, type PlatformSpec } from './props';
import { ZoneEntraGroup } from './zone-entra-group';
import { assertValidMembershipProps, ZoneMembership } from './zone-membership';
import { ZonePermissionSet } from './zone-permission-set';

export interface ZoneAccessProps {
  /** Only what a zone file requires (`name`, `department`, `accounts`, `access`); the rest defaults the same way. */
  readonly zone: ZoneInput;
  readonly platform: PlatformSpec;
  /** Where the Entra half goes: a construct inside a stack with an `azuread` provider. */
  readonly entraScope: Construct;
  /** Where the AWS half goes: a construct inside a stack with an `aws` provider. */
  readonly awsScope: Construct;
  /** Who manages the group's members (a department's `membership` settings); default `entra`. */
  readonly membership?: MembershipSettings;
  /** The day membership is evaluated for, `YYYY-MM-DD` (file mode: expired members are left out); default today, UTC. */
  readonly at?: string;
  /** access-package mode: the department catalog's id (`DepartmentCatalog.catalog.id`). */
  readonly catalogId?: string;
  /**
   * How the AWS half gets the Entra group's object id (used when `externalIdIssuer` is set).
   * Default: a direct reference to the group, which cdktf turns into a cross-stack output in
   * ordinary stacks; `addZoneStacks` passes a `terraform_remote_state` read instead.
   */
  readonly groupObjectId?: string;
}

/**
 * Everything one zone needs on both sides of the federation. The two halves need different
 * credentials and the AWS half can only be planned once SCIM has synced the group, so they live in
 * separate stacks; this class creates both, each under the zone's name as construct id, which keeps
 * every resource address a function of the zone alone. When the two scopes are in different
 * stacks, the AWS stack is made to depend on the Entra stack (recorded in cdktf's manifest), so
 * `cdktf deploy` applies the Entra side first, as the CLI's own stacks do.
 */
export class ZoneAccess {
  readonly zoneName: string;
  readonly entra: ZoneEntraGroup;
  readonly aws: ZonePermissionSet;
  /**
   * The group's membership (absent in `entra` mode, where Entra's owners manage members). In file
   * mode it sets the group's own `members`; in access-package mode it adds the Governance resources.
   */
  readonly membership?: ZoneMembership;

  constructor(props: ZoneAccessProps) {
    const zone = zoneSpecFrom(props.zone, props.platform);
    // Checked once up front, so a bad zone never leaves the Entra half behind without the AWS half.
    assertValidZoneSpec('ZoneAccess', zone, props.platform);
    const membership = props.membership ?? DEFAULT_MEMBERSHIP;
    // A loaded Zone carries its file, which the plan-time error for unknown members names.
    const source = (props.zone as Partial<Pick<Zone, 'source'>>).source;
    const membershipProps = {
      zone: { ...zone, ...(source ? { source } : {}) },
      membership,
      ...(props.at !== undefined ? { at: props.at } : {}),
      ...(props.catalogId !== undefined ? { catalogId: props.catalogId } : {}),
    };
    assertValidMembershipProps({ ...membershipProps, group: { objectId: '', displayName: '' } });
    this.zoneName = zone.name;
    this.entra = new ZoneEntraGroup(props.entraScope, zone.name, { zone, platform: props.platform, membershipMode: membership.mode });
    if (membership.mode !== 'entra') {
      // A child of the Entra half, so its addresses are `<zone>/membership/...`: the zone's alone.
      this.membership = new ZoneMembership(this.entra, 'membership', {
        ...membershipProps,
        group: { objectId: this.entra.group.objectId, displayName: this.entra.groupName, resource: this.entra.group },
      });
    }
    this.aws = new ZonePermissionSet(props.awsScope, zone.name, {
      zone,
      platform: props.platform,
      groupObjectId: props.groupObjectId ?? this.entra.group.objectId,
    });
    const entraStack = TerraformStack.of(props.entraScope);
    const awsStack = TerraformStack.of(props.awsScope);
    if (entraStack !== awsStack) awsStack.addDependency(entraStack);
  }

  /** The Entra security group. */
  get group() {
    return this.entra.group;
  }

  /** The Identity Center permission set. */
  get permissionSet() {
    return this.aws.permissionSet;
  }

  /** Account id → account assignment. */
  get accountAssignments() {
    return this.aws.accountAssignments;
  }
}
