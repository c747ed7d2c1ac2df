import { activeMembers, memberKey } from '../model/membership';
import type { MembershipMode } from '../model/membership-settings';
import { groupDisplayName, permissionSetDescription, permissionSetName } from '../model/names';
import type { Zone, ZoneTree } from '../model/types';
import { assignedAppRoleId } from '../constructs/zone-app-roles';
import { renderedZonePolicy } from '../policies/zone-policy';
import { membershipMode } from '../portal/membership';

/**
 * What the zone files would deploy, per zone, computed with the same functions the constructs use
 * (model/names.ts, policies/zone-policy.ts, constructs/zone-app-roles.ts, model/membership.ts), so
 * drift compares with exactly what synthesis emits and never re-derives a name or a policy.
 */
export interface ExpectedZone {
  readonly zone: Zone;
  readonly mode: MembershipMode;
  readonly permissionSetName: string;
  readonly groupName: string;
  readonly description: string;
  readonly sessionDuration: string;
  readonly relayState?: string;
  /** The inline policy JSON as deployed. */
  readonly inlinePolicy: string;
  /** AWS-managed policy ARNs, sorted. */
  readonly managedPolicies: readonly string[];
  /** `<path><name>` of each customer-managed policy, sorted. */
  readonly customerManagedPolicies: readonly string[];
  /** Managed policy ARN, or `<path><name>` of a customer-managed one. */
  readonly permissionsBoundary?: string;
  /** Account ids, sorted. */
  readonly accounts: readonly string[];
  /** The app role the zone group is assigned with on the Identity Center application. */
  readonly appRoleId: string;
  /** Owners as written (UPN or object id), lower case. */
  readonly owners: readonly string[];
  /** file mode: members active on the tree's day, lower case (UPN or object id); other modes: none. */
  readonly members?: readonly string[];
}

export function expectedZones(tree: ZoneTree): ExpectedZone[] {
  const { config } = tree;
  return tree.zones.map((zone) => {
    const mode = membershipMode(config, zone.department);
    const b = zone.permissionsBoundary;
    return {
      zone,
      mode,
      permissionSetName: permissionSetName(zone, config),
      groupName: groupDisplayName(zone, config),
      description: permissionSetDescription(zone),
      sessionDuration: zone.sessionDuration,
      ...(zone.relayState !== undefined ? { relayState: zone.relayState } : {}),
      inlinePolicy: renderedZonePolicy(zone, config),
      managedPolicies: [...zone.managedPolicies].sort(),
      customerManagedPolicies: zone.customerManagedPolicies.map((c) => `${c.path}${c.name}`).sort(),
      ...(b ? { permissionsBoundary: b.kind === 'managed' ? b.arn : `${b.path}${b.name}` } : {}),
      accounts: zone.accounts.map((a) => a.id).sort(),
      appRoleId: assignedAppRoleId(zone.name, config.entra.appRoles),
      owners: zone.owners.map(memberKey),
      ...(mode === 'file' ? { members: activeMembers(zone.members, tree.at).map((m) => memberKey(m.user)) } : {}),
    };
  });
}

/** Zone name from a live name with the prefix, or undefined when it lacks the prefix. */
export function zoneNameOf(name: string, prefix: string): string | undefined {
  return name.startsWith(prefix) ? name.slice(prefix.length) : undefined;
}
