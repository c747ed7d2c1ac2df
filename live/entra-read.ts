import type { ZoneTree } from '../model/types';
import type { ExpectedZone } from './expected';
import { odataString, type GraphReader } from './graph-read';
import { mapLimited } from './limiter';
import type { ReadProgress } from './progress';

/**
 * The live Entra side of every zone, read with Graph application permissions only
 * (Group.Read.All, User.Read.All, Application.Read.All, EntitlementManagement.Read.All; see
 * docs/drift-and-doctor.md): every group with the group prefix, the owners and members of the zone
 * groups, the app role assignments on the Identity Center service principal, and, in
 * access-package mode, the assignments of each zone's access package.
 */

export interface EntraObject {
  readonly id: string;
  readonly type: 'user' | 'servicePrincipal' | 'group' | 'other';
  readonly userPrincipalName?: string;
}

export interface LiveEntraGroup {
  readonly id: string;
  readonly displayName: string;
  /** Read for the groups a zone file declares. */
  readonly owners?: readonly EntraObject[];
  readonly members?: readonly EntraObject[];
}

export interface LiveAppRoleAssignment {
  readonly id: string;
  readonly appRoleId: string;
  readonly principalId: string;
  readonly principalType: string;
  readonly principalDisplayName?: string;
}

export interface LivePackageAssignment {
  readonly userId: string;
  readonly principalName?: string;
  readonly state: string;
  /** ISO date-time; none: no expiry. */
  readonly endDateTime?: string;
}

export interface EntraLive {
  /** By display name: every group whose name starts with the group prefix. */
  readonly groups: ReadonlyMap<string, LiveEntraGroup>;
  readonly appRoleAssignments: readonly LiveAppRoleAssignment[];
  /** By zone group name (access-package zones): the package's assignments, or null when there is no package. */
  readonly packageAssignments: ReadonlyMap<string, readonly LivePackageAssignment[] | null>;
}

const FAN_OUT = 32;

interface RawObject {
  '@odata.type'?: string;
  id: string;
  userPrincipalName?: string;
}

export function entraObject(o: RawObject): EntraObject {
  const t = o['@odata.type'] ?? '';
  const type = t.endsWith('.user')
    ? 'user'
    : t.endsWith('.servicePrincipal')
      ? 'servicePrincipal'
      : t.endsWith('.group')
        ? 'group'
        : 'other';
  return {
    id: o.id.toLowerCase(),
    type,
    ...(o.userPrincipalName ? { userPrincipalName: o.userPrincipalName.toLowerCase() } : {}),
  };
}

export async function readEntra(
  graph: GraphReader,
  tree: ZoneTree,
  expected: readonly ExpectedZone[],
  progress: ReadProgress,
): Promise<EntraLive> {
  const { config } = tree;
  const listed = await graph.list<{ id: string; displayName: string }>(
    `/groups?$filter=${encodeURIComponent(`startswith(displayName,${odataString(config.names.groupPrefix)})`)}&$select=id,displayName&$top=999`,
  );
  const declared = new Set(expected.map((e) => e.groupName));
  const zoneGroups = listed.filter((g) => declared.has(g.displayName));
  progress.phase('zone groups in Entra', zoneGroups.length);
  const read = await mapLimited(zoneGroups, FAN_OUT, async (g): Promise<LiveEntraGroup> => {
    const [owners, members] = await Promise.all([
      graph.list<RawObject>(`/groups/${g.id}/owners?$select=id,userPrincipalName`),
      graph.list<RawObject>(`/groups/${g.id}/members?$select=id,userPrincipalName&$top=999`),
    ]);
    progress.tick();
    return {
      id: g.id.toLowerCase(),
      displayName: g.displayName,
      owners: owners.map(entraObject),
      members: members.map(entraObject),
    };
  });
  const groups = new Map<string, LiveEntraGroup>(
    listed.map((g) => [g.displayName, { id: g.id.toLowerCase(), displayName: g.displayName }]),
  );
  for (const g of read) groups.set(g.displayName, g);

  const appRoleAssignments = (
    await graph.list<LiveAppRoleAssignment>(
      `/servicePrincipals/${config.entra.servicePrincipalObjectId}/appRoleAssignedTo?$top=999`,
    )
  ).map((a) => ({ ...a, principalId: a.principalId.toLowerCase(), appRoleId: a.appRoleId.toLowerCase() }));

  const packageAssignments = new Map<string, readonly LivePackageAssignment[] | null>();
  const packaged = expected.filter((e) => e.mode === 'access-package');
  if (packaged.length > 0) progress.phase('access package assignments', packaged.length);
  await mapLimited(packaged, FAN_OUT, async (e) => {
    packageAssignments.set(e.groupName, await readPackageAssignments(graph, e.groupName));
    progress.tick();
  });
  return { groups, appRoleAssignments, packageAssignments };
}

/** The assignments of the zone's access package (named like its group, constructs/zone-membership.ts), or null without one. */
export async function readPackageAssignments(
  graph: GraphReader,
  groupName: string,
): Promise<LivePackageAssignment[] | null> {
  const packages = await graph.list<{ id: string }>(
    `/identityGovernance/entitlementManagement/accessPackages?$filter=${encodeURIComponent(`displayName eq ${odataString(groupName)}`)}&$select=id,displayName`,
  );
  if (packages.length === 0) return null;
  const out: LivePackageAssignment[] = [];
  for (const p of packages) {
    const list = await graph.list<{
      state?: string;
      schedule?: { expiration?: { endDateTime?: string } };
      target?: { objectId?: string; principalName?: string };
    }>(
      `/identityGovernance/entitlementManagement/assignments?$filter=${encodeURIComponent(`accessPackage/id eq ${odataString(p.id)}`)}&$expand=target`,
    );
    for (const a of list) {
      out.push({
        userId: (a.target?.objectId ?? '').toLowerCase(),
        ...(a.target?.principalName ? { principalName: a.target.principalName.toLowerCase() } : {}),
        state: a.state ?? '',
        ...(a.schedule?.expiration?.endDateTime ? { endDateTime: a.schedule.expiration.endDateTime } : {}),
      });
    }
  }
  return out;
}
