import { DataAwsIdentitystoreGroup } from '@cdktf/provider-aws/lib/data-aws-identitystore-group';
import { SsoadminAccountAssignment } from '@cdktf/provider-aws/lib/ssoadmin-account-assignment';
import { SsoadminCustomerManagedPolicyAttachment } from '@cdktf/provider-aws/lib/ssoadmin-customer-managed-policy-attachment';
import { SsoadminManagedPolicyAttachment } from '@cdktf/provider-aws/lib/ssoadmin-managed-policy-attachment';
import { SsoadminPermissionSet } from '@cdktf/provider-aws/lib/ssoadmin-permission-set';
import { SsoadminPermissionSetInlinePolicy } from '@cdktf/provider-aws/lib/ssoadmin-permission-set-inline-policy';
import { SsoadminPermissionsBoundaryAttachment } from '@cdktf/provider-aws/lib/ssoadmin-permissions-boundary-attachment';
import type { TerraformResource } from 'cdktf';
import { Construct } from 'constructs';
import { groupDisplayName, permissionSetDescription, permissionSetName } from '../model/names';
import { renderedZonePolicy } from '../policies/zone-policy';
import { ValidationError, type Diagnostic } from '../model/diagnostics';
import type { Zone } from '../model/types';
import type { ZoneInput } from '../model/zone-defaults';
import { checkZoneLimits } from '../policies/limits';
import { assertFreeId, pathOf, resolveZoneIn, type PlatformSpec } from './props';
import { terraformLiteral } from './terraform-literal';
import { constructSafe } from './zone-entra-group';

export interface ZonePermissionSetProps {
  /**
   * The zone: a `Zone` from the loader or `resolveZone` (taken as it is), or only what a zone file
   * requires, checked and completed with the zone file's defaults.
   */
  readonly zone: ZoneInput;
  /** The platform settings (`platformConfig()`, or the loader's config). */
  readonly platform: PlatformSpec;
  /**
   * The Entra group's object id (usually a token: a remote-state output or, in an ordinary stack,
   * `ZoneEntraGroup.group.objectId`). Required when `platform.identityCenter.externalIdIssuer` is
   * set: the Identity Store group is then looked up by ExternalId `{ issuer, id: groupObjectId }`.
   * @default none: the group is looked up by display name
   */
  readonly groupObjectId?: string;
}

/** Zone → platforms whose AWS limits it was found within (the policy is rendered once either way). */
const withinLimits = new WeakMap<Zone, WeakSet<object>>();

/**
 * What only the permission set knows: AWS's limits on the built permission set (policies/limits.ts:
 * the inline policy's size and characters, the number of attached policies) and the group binding.
 * `ZoneAccess` calls it before it builds either half, so a zone over a limit leaves nothing behind.
 */
export function assertPermissionSetBuildable(
  path: string,
  zone: Zone,
  platform: PlatformSpec,
  groupObjectId: string | undefined,
): void {
  const problems: Diagnostic[] = [];
  if (platform.identityCenter.externalIdIssuer && !groupObjectId) {
    problems.push({
      file: path,
      field: 'groupObjectId',
      code: 'missing-key',
      message:
        "required when identityCenter.externalIdIssuer is set: the Identity Store group is looked up by the Entra group's object id",
      hint: "pass the Entra group's object id, e.g. ZoneEntraGroup.group.objectId or the Entra stack's zone_<zone>_group_object_id output",
    });
  }
  if (!withinLimits.get(zone)?.has(platform)) {
    const over = checkZoneLimits(zone, platform, path);
    if (over.length === 0) {
      const platforms = withinLimits.get(zone) ?? new WeakSet<object>();
      withinLimits.set(zone, platforms.add(platform));
    }
    problems.push(...over);
  }
  if (problems.length > 0) throw new ValidationError(problems, `ZonePermissionSet props for zone "${zone.name}"`, path);
}

/**
 * The AWS half of a zone: the Identity Center permission set with the zone's inline ABAC policy
 * (and any allow-listed managed policies and boundary), the SCIM-synced group (looked up by its
 * ExternalId when the platform config names the issuer, else by display name), and one account
 * assignment of that group per account.
 *
 * Place it in a stack that has an `aws` provider for the Identity Center region. The group lookup
 * fails until SCIM has synced the group: deploy the Entra side and run `zone-access await-sync` first.
 */
export class ZonePermissionSet extends Construct {
  readonly permissionSet: SsoadminPermissionSet;
  readonly inlinePolicy: SsoadminPermissionSetInlinePolicy;
  /** The Identity Store group SCIM created from the Entra group. */
  readonly group: DataAwsIdentitystoreGroup;
  /** Account id → assignment of the group with this permission set. */
  readonly accountAssignments: ReadonlyMap<string, SsoadminAccountAssignment>;
  readonly permissionSetName: string;
  /** The rendered inline policy, exactly as deployed. */
  readonly policyJson: string;

  constructor(scope: Construct, id: string, props: ZonePermissionSetProps) {
    // Before super(): invalid props must not leave a half-built construct in the tree.
    const path = pathOf(scope, id);
    const zone = resolveZoneIn({ type: 'ZonePermissionSet', path }, props.zone, props.platform);
    assertPermissionSetBuildable(path, zone, props.platform, props.groupObjectId);
    assertFreeId(scope, id, 'ZonePermissionSet', zone.name);
    super(scope, id);
    const { platform } = props;
    const instanceArn = platform.identityCenter.instanceArn;
    this.permissionSetName = permissionSetName(zone, platform);

    this.permissionSet = new SsoadminPermissionSet(this, 'permission-set', {
      instanceArn,
      name: this.permissionSetName,
      description: permissionSetDescription(zone),
      sessionDuration: zone.sessionDuration,
      ...(zone.relayState ? { relayState: zone.relayState } : {}),
      tags: { ...zone.tags, [platform.zoneTagKey]: zone.name },
      ...(platform.protection.preventDestroy ? { lifecycle: { preventDestroy: true } } : {}),
    });

    this.policyJson = renderedZonePolicy(zone, platform);
    this.inlinePolicy = new SsoadminPermissionSetInlinePolicy(this, 'inline-policy', {
      instanceArn,
      permissionSetArn: this.permissionSet.arn,
      inlinePolicy: terraformLiteral(this.policyJson),
    });

    // Everything that shapes a session; assignments wait for all of it.
    const sessionShape: TerraformResource[] = [this.inlinePolicy];
    for (const arn of zone.managedPolicies) {
      sessionShape.push(
        new SsoadminManagedPolicyAttachment(this, `managed-policy-${constructSafe(arn)}`, {
          instanceArn,
          permissionSetArn: this.permissionSet.arn,
          managedPolicyArn: arn,
        }),
      );
    }
    for (const ref of zone.customerManagedPolicies) {
      sessionShape.push(
        new SsoadminCustomerManagedPolicyAttachment(this, `customer-policy-${constructSafe(ref.path + ref.name)}`, {
          instanceArn,
          permissionSetArn: this.permissionSet.arn,
          customerManagedPolicyReference: { name: ref.name, path: ref.path },
        }),
      );
    }
    const boundary = zone.permissionsBoundary;
    if (boundary) {
      sessionShape.push(
        new SsoadminPermissionsBoundaryAttachment(this, 'permissions-boundary', {
          instanceArn,
          permissionSetArn: this.permissionSet.arn,
          permissionsBoundary:
            boundary.kind === 'managed'
              ? { managedPolicyArn: boundary.arn }
              : { customerManagedPolicyReference: { name: boundary.name, path: boundary.path } },
        }),
      );
    }

    // By identity when the issuer is known: SCIM sets ExternalId = (issuer, Entra object id), which
    // nobody else can give a group they create. By display name otherwise (validate warns).
    const issuer = platform.identityCenter.externalIdIssuer;
    this.group = new DataAwsIdentitystoreGroup(this, 'group', {
      identityStoreId: platform.identityCenter.identityStoreId,
      alternateIdentifier: issuer
        ? { externalId: { issuer, id: props.groupObjectId! } }
        : { uniqueAttribute: { attributePath: 'DisplayName', attributeValue: groupDisplayName(zone, platform) } },
    });

    const assignments = new Map<string, SsoadminAccountAssignment>();
    // Keyed by account id, so adding or removing one account never touches the others.
    for (const account of zone.accounts) {
      assignments.set(
        account.id,
        new SsoadminAccountAssignment(this, `assignment-${account.id}`, {
          instanceArn,
          permissionSetArn: this.permissionSet.arn,
          principalId: this.group.groupId,
          principalType: 'GROUP',
          targetId: account.id,
          targetType: 'AWS_ACCOUNT',
          // Assign only once policies and boundary are in place, so no session starts half-shaped.
          dependsOn: sessionShape,
        }),
      );
    }
    this.accountAssignments = assignments;
  }
}
