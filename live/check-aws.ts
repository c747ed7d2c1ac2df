import { stackNames } from '../model/names';
import type { ZoneTree } from '../model/types';
import type { AwsLive, LivePermissionSet, LiveStoreUser } from './aws-read';
import type { ExpectedZone } from './expected';
import { zoneNameOf } from './expected';
import type { Finding } from './finding';

/**
 * AWS drift: the live permission sets, assignments, provisioning and Identity Store memberships
 * against what the files would deploy. `entraGroupIds`: the zone groups' Entra object ids when
 * Entra was read too (to check the Identity Store group's ExternalId).
 */
export function checkAws(
  tree: ZoneTree,
  expected: readonly ExpectedZone[],
  live: AwsLive,
  entraGroupIds?: ReadonlyMap<string, string>,
): Finding[] {
  const out: Finding[] = [];
  const { config } = tree;
  const byName = new Map(expected.map((e) => [e.permissionSetName, e]));
  const applyAws = (e: ExpectedZone) =>
    `apply the ${stackNames(e.zone.department, config).aws} stack (cdktf.out/stacks/${stackNames(e.zone.department, config).aws}: terraform apply)`;

  for (const ps of live.permissionSets.values()) {
    if (byName.has(ps.name)) continue;
    const zone = zoneNameOf(ps.name, config.names.permissionSetPrefix) ?? ps.name;
    out.push({
      side: 'aws',
      kind: 'unmanaged-permission-set',
      zone,
      subject: ps.name,
      files: 'no zone file declares this zone',
      live: `permission set ${ps.arn}${ps.assignments.length ? ` with ${ps.assignments.length} account assignment(s)` : ''}`,
      fix: `add zones/<department>/${zone}.yaml in a pull request if it is a zone, or delete its account assignments and then the permission set (aws sso-admin delete-account-assignment / delete-permission-set)`,
    });
  }

  for (const e of expected) {
    const z = { side: 'aws' as const, zone: e.zone.name, file: e.zone.source.file };
    const ps = live.permissionSets.get(e.permissionSetName);
    if (!ps) {
      out.push({
        ...z,
        kind: 'missing-permission-set',
        subject: e.permissionSetName,
        files: `permission set ${e.permissionSetName} in ${e.accounts.join(', ')}`,
        live: 'no permission set of that name',
        fix: applyAws(e),
      });
      continue;
    }
    out.push(...attributeFindings(e, ps, z, applyAws(e)));

    const group = live.groups.get(e.groupName);
    if (group === null || group === undefined) {
      out.push({
        ...z,
        kind: 'missing-store-group',
        subject: e.groupName,
        files: `Identity Store group ${e.groupName} (synced by SCIM from Entra)`,
        live: 'no group of that name in the Identity Store',
        fix: 'zone-access await-sync --provision (after applying the Entra stack), or wait for the next SCIM cycle',
      });
    } else {
      const issuer = config.identityCenter.externalIdIssuer;
      const entraId = entraGroupIds?.get(e.groupName);
      if (
        issuer &&
        !group.externalIds.some((x) => x.issuer === issuer && (entraId === undefined || x.id === entraId))
      ) {
        out.push({
          ...z,
          kind: 'store-group-not-from-scim',
          subject: e.groupName,
          files: `ExternalId ${issuer}/${entraId ?? '<Entra object id>'}`,
          live: `group ${group.id} with ExternalId ${group.externalIds.map((x) => `${x.issuer}/${x.id}`).join(', ') || 'none'}`,
          fix: 'delete the group created outside SCIM (aws identitystore delete-group) and run zone-access await-sync --provision',
        });
      }
    }
    const groupId = group?.id;

    const listed = new Set(e.accounts);
    for (const a of ps.assignments) {
      if (a.principalType === 'GROUP' && a.principalId === groupId && listed.has(a.accountId)) continue;
      const why = !listed.has(a.accountId)
        ? `account ${a.accountId} is not listed`
        : `${a.principalType} ${a.principalId} is not the zone group`;
      out.push({
        ...z,
        kind: 'unexplained-assignment',
        subject: `${a.accountId} ${a.principalType} ${a.principalId}`,
        files: `only group ${e.groupName}${groupId ? ` (${groupId})` : ''} in ${e.accounts.join(', ')}`,
        live: `${e.permissionSetName} is assigned to ${a.principalType} ${a.principalId} in ${a.accountId} (${why})`,
        fix: `aws sso-admin delete-account-assignment --instance-arn ${config.identityCenter.instanceArn} --permission-set-arn ${ps.arn} --target-id ${a.accountId} --target-type AWS_ACCOUNT --principal-type ${a.principalType} --principal-id ${a.principalId}; or list the account in ${e.zone.source.file} in a pull request`,
      });
    }
    if (groupId) {
      for (const account of e.accounts) {
        if (
          ps.assignments.some(
            (a) => a.accountId === account && a.principalType === 'GROUP' && a.principalId === groupId,
          )
        )
          continue;
        out.push({
          ...z,
          kind: 'missing-assignment',
          subject: account,
          files: `group ${e.groupName} assigned ${e.permissionSetName} in ${account}`,
          live: 'no such account assignment',
          fix: applyAws(e),
        });
      }
    }
    for (const account of ps.outdatedAccounts) {
      out.push({
        ...z,
        kind: 'outdated-provisioning',
        subject: account,
        files: `the current ${e.permissionSetName} in every account it is provisioned to`,
        live: `account ${account} has an older version (LATEST_PERMISSION_SET_NOT_PROVISIONED)`,
        fix: `aws sso-admin provision-permission-set --instance-arn ${config.identityCenter.instanceArn} --permission-set-arn ${ps.arn} --target-type AWS_ACCOUNT --target-id ${account}; or ${applyAws(e)}`,
      });
    }

    if (e.members && group?.members) {
      const wanted = new Set(e.members);
      const matches = (u: LiveStoreUser, key: string) =>
        u.userName.toLowerCase() === key || u.externalIds.some((x) => x.id.toLowerCase() === key);
      for (const u of group.members) {
        if ([...wanted].some((k) => matches(u, k))) continue;
        out.push({
          ...z,
          kind: 'extra-store-member',
          subject: u.userName || u.userId,
          files: `members of ${e.groupName}: ${e.members.join(', ') || 'none'}`,
          live: `Identity Store user ${u.userName} (${u.userId}) is a member`,
          fix: `remove the membership (aws identitystore delete-group-membership) and check the Entra group; or add the person to members: of ${e.zone.source.file} in a pull request`,
        });
      }
      for (const key of e.members) {
        if (group.members.some((u) => matches(u, key))) continue;
        out.push({
          ...z,
          kind: 'missing-store-member',
          subject: key,
          files: `${key} is a member of ${e.groupName}`,
          live: 'not a member in the Identity Store (not synced yet?)',
          fix: `apply the ${stackNames(e.zone.department, config).entra} stack, then zone-access await-sync --provision or wait for the next SCIM cycle`,
        });
      }
    }
  }
  return out;
}

function attributeFindings(
  e: ExpectedZone,
  ps: LivePermissionSet,
  z: Pick<Finding, 'side' | 'zone' | 'file'>,
  fix: string,
): Finding[] {
  const out: Finding[] = [];
  const diff = (kind: string, files: string, live: string) =>
    out.push({ ...z, kind, subject: e.permissionSetName, files, live, fix });
  const shown = (v: string | undefined) => (v === undefined ? 'none' : JSON.stringify(v));
  if (!samePolicy(e.inlinePolicy, ps.inlinePolicy))
    diff(
      'inline-policy',
      `the zone policy (${e.inlinePolicy.length} characters)`,
      ps.inlinePolicy === undefined
        ? 'no inline policy'
        : `a different inline policy: ${ps.inlinePolicy.slice(0, 200)}`,
    );
  const list = (a: readonly string[]) => (a.length ? a.join(', ') : 'none');
  if (list(e.managedPolicies) !== list(ps.managedPolicies))
    diff('managed-policies', list(e.managedPolicies), list(ps.managedPolicies));
  if (list(e.customerManagedPolicies) !== list(ps.customerManagedPolicies))
    diff('customer-managed-policies', list(e.customerManagedPolicies), list(ps.customerManagedPolicies));
  if (e.permissionsBoundary !== ps.permissionsBoundary)
    diff('permissions-boundary', shown(e.permissionsBoundary), shown(ps.permissionsBoundary));
  if (e.sessionDuration !== ps.sessionDuration) diff('session-duration', e.sessionDuration, shown(ps.sessionDuration));
  if ((e.relayState ?? '') !== (ps.relayState ?? '')) diff('relay-state', shown(e.relayState), shown(ps.relayState));
  if (e.description !== (ps.description ?? '')) diff('description', shown(e.description), shown(ps.description));
  return out;
}

/** Same policy document: Identity Center may return it re-serialized, so JSON is compared as data. */
export function samePolicy(a: string, b: string | undefined): boolean {
  if (b === undefined) return false;
  try {
    return canonical(JSON.parse(a)) === canonical(JSON.parse(b));
  } catch {
    return a === b;
  }
}

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}
