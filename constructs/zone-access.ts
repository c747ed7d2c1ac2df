import type { Construct } from 'constructs';
import { assertValidZoneSpec, type PlatformSpec, type ZoneSpec } from './props';
import { ZoneEntraGroup } from './zone-entra-group';
import { ZonePermissionSet } from './zone-permission-set';

export interface ZoneAccessProps {
  readonly zone: ZoneSpec;
  readonly platform: PlatformSpec;
  /** Where the Entra half goes: a construct inside a stack with an `azuread` provider. */
  readonly entraScope: Construct;
  /** Where the AWS half goes: a construct inside a stack with an `aws` provider. */
  readonly awsScope: Construct;
}

/**
 * Everything one zone needs on both sides of the federation. The two halves need different
 * credentials and the AWS half can only be planned once SCIM has synced the group, so they live in
 * separate stacks; this class creates both, each under the zone's name as construct id, which keeps
 * every resource address a function of the zone alone.
 */
export class ZoneAccess {
  readonly zoneName: string;
  readonly entra: ZoneEntraGroup;
  readonly aws: ZonePermissionSet;

  constructor(props: ZoneAccessProps) {
    // Checked once up front, so a bad zone never leaves the Entra half behind without the AWS half.
    assertValidZoneSpec('ZoneAccess', props.zone);
    this.zoneName = props.zone.name;
    this.entra = new ZoneEntraGroup(props.entraScope, props.zone.name, { zone: props.zone, platform: props.platform });
    this.aws = new ZonePermissionSet(props.awsScope, props.zone.name, { zone: props.zone, platform: props.platform });
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
