import type { ZoneTree } from '../model/types';
import { allPages, isNotFound, type AwsClients } from './aws-clients';
import type { ExpectedZone } from './expected';
import { mapLimited } from './limiter';
import type { ReadProgress } from './progress';

/**
 * The live AWS side of every zone: the permission sets whose name has the zone prefix (in SSO
 * Admin) and the zone groups with their members (in the Identity Store). Read-only: every call is
 * a List/Read action (examples/security/drift-reader-policy.json; a test checks it).
 */

export interface LiveAssignment {
  readonly accountId: string;
  readonly principalType: string;
  readonly principalId: string;
}

export interface LivePermissionSet {
  readonly arn: string;
  readonly name: string;
  readonly description?: string;
  readonly relayState?: string;
  readonly sessionDuration?: string;
  readonly inlinePolicy?: string;
  readonly managedPolicies: readonly string[];
  readonly customerManagedPolicies: readonly string[];
  readonly permissionsBoundary?: string;
  /** Accounts it is provisioned to, sorted. */
  readonly provisionedAccounts: readonly string[];
  /** Accounts whose provisioned copy is older than the permission set, sorted. */
  readonly outdatedAccounts: readonly string[];
  /** In every account it is provisioned to, and every account the files list. */
  readonly assignments: readonly LiveAssignment[];
}

export interface LiveExternalId {
  readonly issuer: string;
  readonly id: string;
}

export interface LiveStoreUser {
  readonly userId: string;
  readonly userName: string;
  readonly externalIds: readonly LiveExternalId[];
}

export interface LiveStoreGroup {
  readonly id: string;
  readonly externalIds: readonly LiveExternalId[];
  /** Read in file mode only. */
  readonly members?: readonly LiveStoreUser[];
}

export interface AwsLive {
  /** By name: every permission set whose name starts with the permission set prefix. */
  readonly permissionSets: ReadonlyMap<string, LivePermissionSet>;
  /** By zone group display name: the Identity Store group, or null when there is none. */
  readonly groups: ReadonlyMap<string, LiveStoreGroup | null>;
}

const FAN_OUT = 64;

type Send = <T>(client: 'sso' | 'store', command: unknown) => Promise<T>;

export async function readAws(
  clients: AwsClients,
  tree: ZoneTree,
  expected: readonly ExpectedZone[],
  progress: ReadProgress,
): Promise<AwsLive> {
  const { sso: S } = clients.sdk;
  const send: Send = clients.send.bind(clients);
  const { instanceArn } = tree.config.identityCenter;
  const prefix = tree.config.names.permissionSetPrefix;

  const arns = await allPages(
    (input) => send<{ PermissionSets?: string[]; NextToken?: string }>('sso', new S.ListPermissionSetsCommand(input)),
    { InstanceArn: instanceArn },
    (o) => o.PermissionSets,
  );
  progress.phase('permission sets', arns.length);
  // Only DescribePermissionSet gives the name, so every set is described once.
  const described = await mapLimited(arns, FAN_OUT, async (arn) => {
    const out = await send<{
      PermissionSet?: { Name?: string; Description?: string; RelayState?: string; SessionDuration?: string };
    }>('sso', new S.DescribePermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn }));
    progress.tick();
    return { arn, ps: out.PermissionSet ?? {} };
  });
  const zoneSets = described.filter((d) => (d.ps.Name ?? '').startsWith(prefix));
  const byName = new Map(expected.map((e) => [e.permissionSetName, e]));

  progress.phase('zone permission sets', zoneSets.length);
  const sets = await mapLimited(zoneSets, FAN_OUT, async ({ arn, ps }): Promise<LivePermissionSet> => {
    const base = { InstanceArn: instanceArn, PermissionSetArn: arn };
    const [inline, managed, customer, boundary, provisioned, outdated] = await Promise.all([
      send<{ InlinePolicy?: string }>('sso', new S.GetInlinePolicyForPermissionSetCommand(base)),
      allPages(
        (i) =>
          send<{ AttachedManagedPolicies?: { Arn?: string }[]; NextToken?: string }>(
            'sso',
            new S.ListManagedPoliciesInPermissionSetCommand(i),
          ),
        base,
        (o) => o.AttachedManagedPolicies,
      ),
      allPages(
        (i) =>
          send<{ CustomerManagedPolicyReferences?: { Name?: string; Path?: string }[]; NextToken?: string }>(
            'sso',
            new S.ListCustomerManagedPolicyReferencesInPermissionSetCommand(i),
          ),
        base,
        (o) => o.CustomerManagedPolicyReferences,
      ),
      send<{
        PermissionsBoundary?: {
          ManagedPolicyArn?: string;
          CustomerManagedPolicyReference?: { Name?: string; Path?: string };
        };
      }>('sso', new S.GetPermissionsBoundaryForPermissionSetCommand(base)).catch((e: unknown) => {
        // No boundary: ResourceNotFoundException (API_GetPermissionsBoundaryForPermissionSet).
        if (isNotFound(e)) return {} as { PermissionsBoundary?: undefined };
        throw e;
      }),
      allPages(
        (i) =>
          send<{ AccountIds?: string[]; NextToken?: string }>(
            'sso',
            new S.ListAccountsForProvisionedPermissionSetCommand(i),
          ),
        base,
        (o) => o.AccountIds,
      ),
      allPages(
        (i) =>
          send<{ AccountIds?: string[]; NextToken?: string }>(
            'sso',
            new S.ListAccountsForProvisionedPermissionSetCommand(i),
          ),
        { ...base, ProvisioningStatus: 'LATEST_PERMISSION_SET_NOT_PROVISIONED' as const },
        (o) => o.AccountIds,
      ),
    ]);
    const accounts = [...new Set([...provisioned, ...(byName.get(ps.Name ?? '')?.accounts ?? [])])].sort();
    const assignments = (
      await Promise.all(
        accounts.map((account) =>
          allPages(
            (i) =>
              send<{
                AccountAssignments?: { AccountId?: string; PrincipalType?: string; PrincipalId?: string }[];
                NextToken?: string;
              }>('sso', new S.ListAccountAssignmentsCommand(i)),
            { ...base, AccountId: account },
            (o) => o.AccountAssignments,
          ),
        ),
      )
    )
      .flat()
      .map((a) => ({
        accountId: a.AccountId ?? '',
        principalType: a.PrincipalType ?? '',
        principalId: a.PrincipalId ?? '',
      }));
    const b = boundary.PermissionsBoundary;
    progress.tick();
    return {
      arn,
      name: ps.Name ?? '',
      ...(ps.Description !== undefined ? { description: ps.Description } : {}),
      ...(ps.RelayState !== undefined ? { relayState: ps.RelayState } : {}),
      ...(ps.SessionDuration !== undefined ? { sessionDuration: ps.SessionDuration } : {}),
      ...(inline.InlinePolicy ? { inlinePolicy: inline.InlinePolicy } : {}),
      managedPolicies: managed.map((m) => m.Arn ?? '').sort(),
      customerManagedPolicies: customer.map((c) => `${c.Path ?? '/'}${c.Name ?? ''}`).sort(),
      ...(b?.ManagedPolicyArn
        ? { permissionsBoundary: b.ManagedPolicyArn }
        : b?.CustomerManagedPolicyReference
          ? {
              permissionsBoundary: `${b.CustomerManagedPolicyReference.Path ?? '/'}${b.CustomerManagedPolicyReference.Name ?? ''}`,
            }
          : {}),
      provisionedAccounts: [...provisioned].sort(),
      outdatedAccounts: [...outdated].sort(),
      assignments,
    };
  });

  progress.phase('zone groups in the Identity Store', expected.length);
  const groups = new Map<string, LiveStoreGroup | null>();
  const users = new Map<string, Promise<LiveStoreUser>>();
  await mapLimited(expected, FAN_OUT, async (e) => {
    groups.set(e.groupName, await readStoreGroup(clients, tree, e.groupName, e.mode === 'file', users));
    progress.tick();
  });
  return { permissionSets: new Map(sets.map((s) => [s.name, s])), groups };
}

/** One zone group of the Identity Store (by display name, as SCIM names it), with its members when asked. */
export async function readStoreGroup(
  clients: AwsClients,
  tree: ZoneTree,
  displayName: string,
  withMembers: boolean,
  users: Map<string, Promise<LiveStoreUser>> = new Map(),
): Promise<LiveStoreGroup | null> {
  const { store: I } = clients.sdk;
  const send: Send = clients.send.bind(clients);
  const IdentityStoreId = tree.config.identityCenter.identityStoreId;
  let id: string;
  try {
    const out = await send<{ GroupId?: string }>(
      'store',
      new I.GetGroupIdCommand({
        IdentityStoreId,
        AlternateIdentifier: { UniqueAttribute: { AttributePath: 'DisplayName', AttributeValue: displayName } },
      }),
    );
    id = out.GroupId ?? '';
  } catch (e) {
    if (isNotFound(e) && (e as { ResourceType?: string }).ResourceType !== 'IDENTITY_STORE') return null;
    throw e;
  }
  let externalIds: LiveExternalId[] = [];
  if (tree.config.identityCenter.externalIdIssuer) {
    const g = await send<{ ExternalIds?: { Issuer?: string; Id?: string }[] }>(
      'store',
      new I.DescribeGroupCommand({ IdentityStoreId, GroupId: id }),
    );
    externalIds = (g.ExternalIds ?? []).map((x) => ({ issuer: x.Issuer ?? '', id: x.Id ?? '' }));
  }
  if (!withMembers) return { id, externalIds };
  const memberships = await allPages(
    (i) =>
      send<{ GroupMemberships?: { MemberId?: { UserId?: string } }[]; NextToken?: string }>(
        'store',
        new I.ListGroupMembershipsCommand(i),
      ),
    { IdentityStoreId, GroupId: id },
    (o) => o.GroupMemberships,
  );
  const members = await Promise.all(
    memberships
      .map((m) => m.MemberId?.UserId)
      .filter((u): u is string => !!u)
      .map((userId) => {
        let p = users.get(userId);
        if (!p) {
          p = send<{ UserName?: string; ExternalIds?: { Issuer?: string; Id?: string }[] }>(
            'store',
            new I.DescribeUserCommand({ IdentityStoreId, UserId: userId }),
          ).then((u) => ({
            userId,
            userName: u.UserName ?? '',
            externalIds: (u.ExternalIds ?? []).map((x) => ({ issuer: x.Issuer ?? '', id: x.Id ?? '' })),
          }));
          users.set(userId, p);
        }
        return p;
      }),
  );
  return { id, externalIds, members };
}
