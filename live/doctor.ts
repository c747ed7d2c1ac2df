import { isActiveOn, memberKey } from '../model/membership';
import { stackNames } from '../model/names';
import type { ZoneTree } from '../model/types';
import { accountLabel, profileName, zoneConsoleLink } from '../portal/links';
import { allPages, isNotFound, type AwsClients } from './aws-clients';
import { readPackageAssignments } from './entra-read';
import { expectedZones, type ExpectedZone } from './expected';
import { mapLimited } from './limiter';
import { odataString, type GraphReader } from './graph-read';

/**
 * `zone-access doctor <person> [<zone>]`: the chain from a person to a working role, link by link,
 * stopping at the first broken one with its remedy. Every read is one of drift's (same policy).
 */

export interface Link {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly remedy?: string;
}

export interface ZoneChain {
  readonly zone: string;
  readonly links: readonly Link[];
}

export interface DoctorResult {
  /** Links before any zone (the person in Entra); a broken one ends the walk. */
  readonly person: readonly Link[];
  readonly zones: readonly ZoneChain[];
  readonly ok: boolean;
}

interface EntraUser {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly accountEnabled?: boolean;
}

export async function doctor(
  tree: ZoneTree,
  person: string,
  zoneName: string | undefined,
  graph: GraphReader,
  connectAws: () => Promise<AwsClients>,
): Promise<DoctorResult> {
  const { config } = tree;
  const all = expectedZones(tree);
  const key = memberKey(person);

  const user = await graph.get<EntraUser>(
    `/users/${encodeURIComponent(person)}?$select=id,userPrincipalName,accountEnabled`,
  );
  const personLinks: Link[] = [];
  if (!user) {
    personLinks.push({
      name: 'Entra user',
      ok: false,
      detail: `no user ${person} in Entra ID`,
      remedy: 'check the spelling: a user principal name (name@domain) or an object id',
    });
    return { person: personLinks, zones: [], ok: false };
  }
  const upn = user.userPrincipalName.toLowerCase();
  const uid = user.id.toLowerCase();
  if (user.accountEnabled === false) {
    personLinks.push({
      name: 'Entra user',
      ok: false,
      detail: `${upn} (${uid}) is disabled`,
      remedy: 'an Entra administrator enables the account (sign-in is blocked for disabled users)',
    });
    return { person: personLinks, zones: [], ok: false };
  }
  personLinks.push({ name: 'Entra user', ok: true, detail: `${upn} (${uid}), enabled` });

  const memberOf = await graph.list<{ id: string; displayName?: string }>(
    `/users/${uid}/memberOf?$select=id,displayName&$top=999`,
  );
  const groupIds = new Set(memberOf.map((g) => g.id.toLowerCase()));
  const isMe = (k: string) => k === key || k === upn || k === uid;

  let zones: ExpectedZone[];
  if (zoneName !== undefined) {
    zones = all.filter((e) => e.zone.name === zoneName);
  } else {
    const names = new Set(memberOf.map((g) => g.displayName ?? ''));
    zones = all.filter(
      (e) => names.has(e.groupName) || (e.mode === 'file' && e.zone.members.some((m) => isMe(memberKey(m.user)))),
    );
    if (zones.length === 0) {
      personLinks.push({
        name: 'zone files',
        ok: false,
        detail: `no zone file lists ${upn} and ${upn} is in no zone group`,
        remedy:
          'name the zone (zone-access doctor <person> <zone>), or add the person in a pull request (file mode), ask a zone owner (entra mode), or request the access package in My Access',
      });
      return { person: personLinks, zones: [], ok: false };
    }
  }

  let aws: AwsClients | undefined;
  const chains: ZoneChain[] = [];
  try {
    for (const e of zones) {
      const links: Link[] = [];
      const add = (l: Link) => (links.push(l), l.ok);
      chains.push({ zone: e.zone.name, links });
      const stacks = stackNames(e.zone.department, config);
      const applyEntra = `apply the ${stacks.entra} stack (terraform apply in cdktf.out/stacks/${stacks.entra})`;
      const applyAws = `apply the ${stacks.aws} stack (terraform apply in cdktf.out/stacks/${stacks.aws}); zone-access drift shows what else differs`;
      const file = e.zone.source.file;

      // 1. The zone files.
      if (e.mode === 'file') {
        const entry = e.zone.members.find((m) => isMe(memberKey(m.user)));
        if (!entry) {
          add({
            name: 'zone files',
            ok: false,
            detail: `${file} does not list ${upn} in members:`,
            remedy: `a pull request adding ${upn} to members: of ${file}`,
          });
          continue;
        }
        if (!isActiveOn(entry, tree.at)) {
          add({
            name: 'zone files',
            ok: false,
            detail: `${file} lists ${upn} until ${entry.until}, which has passed`,
            remedy: `a pull request extending until: of ${upn} in ${file}`,
          });
          continue;
        }
        add({
          name: 'zone files',
          ok: true,
          detail: `${file} lists ${upn}${entry.until ? ` until ${entry.until}` : ''}`,
        });
      } else {
        add({
          name: 'zone files',
          ok: true,
          detail: `${file}: membership ${e.mode === 'entra' ? `lives in Entra (owners: ${e.owners.join(', ') || 'none'})` : `through access package ${e.groupName}`}`,
        });
      }

      // 2. The zone group in Entra and the person's membership.
      const groups = await graph.list<{ id: string }>(
        `/groups?$filter=${encodeURIComponent(`displayName eq ${odataString(e.groupName)}`)}&$select=id,displayName`,
      );
      const group = groups[0];
      if (!group) {
        add({ name: 'zone group', ok: false, detail: `no Entra group ${e.groupName}`, remedy: applyEntra });
        continue;
      }
      const gid = group.id.toLowerCase();
      let via = 'direct member';
      if (e.mode === 'access-package') {
        const assignments = (await readPackageAssignments(graph, e.groupName)) ?? [];
        const mine = assignments.find((a) => a.state === 'delivered' && (a.userId === uid || a.principalName === upn));
        if (mine)
          via = `through an access package assignment${mine.endDateTime ? `, until ${mine.endDateTime}` : ', no expiry'}`;
        else if (!groupIds.has(gid)) {
          add({
            name: 'zone group membership',
            ok: false,
            detail: `${upn} has no delivered assignment of access package ${e.groupName}`,
            remedy: `request access package ${e.groupName} in My Access (https://myaccess.microsoft.com); a zone owner approves`,
          });
          continue;
        }
      }
      if (!groupIds.has(gid)) {
        const remedy =
          e.mode === 'file'
            ? `${applyEntra} (the file lists ${upn}; the group does not have them yet)`
            : e.mode === 'entra'
              ? `ask a zone owner (${e.owners.join(', ') || 'none listed'}) to add ${upn} to ${e.groupName} in Entra`
              : 'the assignment is delivered but the membership is not there yet: wait a few minutes, or check the assignment in My Access';
        add({
          name: 'zone group membership',
          ok: false,
          detail: `${upn} is not a member of ${e.groupName} (${gid})`,
          remedy,
        });
        continue;
      }
      add({ name: 'zone group membership', ok: true, detail: `${upn} is a member of ${e.groupName} (${via})` });

      // 3. The group's app role assignment on the Identity Center application (SCIM scope).
      const assigned = await graph.list<{ principalId: string; appRoleId: string }>(
        `/servicePrincipals/${config.entra.servicePrincipalObjectId}/appRoleAssignedTo?$top=999`,
      );
      if (!assigned.some((a) => a.principalId.toLowerCase() === gid && a.appRoleId.toLowerCase() === e.appRoleId)) {
        add({
          name: 'app role assignment',
          ok: false,
          detail: `${e.groupName} is not assigned app role ${e.appRoleId} on the Identity Center application, so SCIM does not provision it`,
          remedy: applyEntra,
        });
        continue;
      }
      add({
        name: 'app role assignment',
        ok: true,
        detail: `${e.groupName} has app role ${e.appRoleId} on the Identity Center application`,
      });

      // 4. Group, user and membership in the Identity Store.
      aws ??= await connectAws();
      const { store: I, sso: S } = aws.sdk;
      const IdentityStoreId = config.identityCenter.identityStoreId;
      const issuer = config.identityCenter.externalIdIssuer;
      const groupIdOf = async (command: unknown): Promise<string | undefined> => {
        try {
          return (await aws!.send<{ GroupId?: string }>('store', command)).GroupId;
        } catch (err) {
          if (isNotFound(err)) return undefined;
          throw err;
        }
      };
      const storeGroupId = await groupIdOf(
        new I.GetGroupIdCommand({
          IdentityStoreId,
          AlternateIdentifier: issuer
            ? { ExternalId: { Issuer: issuer, Id: gid } }
            : { UniqueAttribute: { AttributePath: 'DisplayName', AttributeValue: e.groupName } },
        }),
      );
      const provision =
        'zone-access await-sync --provision (provisions the group on demand), or wait for the next SCIM cycle (about 40 minutes)';
      if (!storeGroupId) {
        add({
          name: 'Identity Store group',
          ok: false,
          detail: `no group ${issuer ? `with ExternalId ${issuer}/${gid}` : `named ${e.groupName}`} in Identity Store ${IdentityStoreId}`,
          remedy: provision,
        });
        continue;
      }
      let storeUserId: string | undefined;
      try {
        const out = await aws.send<{ UserId?: string }>(
          'store',
          new I.GetUserIdCommand({
            IdentityStoreId,
            AlternateIdentifier: issuer
              ? { ExternalId: { Issuer: issuer, Id: uid } }
              : { UniqueAttribute: { AttributePath: 'UserName', AttributeValue: upn } },
          }),
        );
        storeUserId = out.UserId;
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
      if (!storeUserId) {
        add({
          name: 'Identity Store user',
          ok: false,
          detail: `no user ${issuer ? `with ExternalId ${issuer}/${uid}` : `named ${upn}`} in Identity Store ${IdentityStoreId}`,
          remedy: `${provision}; SCIM provisions the members of assigned groups`,
        });
        continue;
      }
      try {
        await aws.send(
          'store',
          new I.GetGroupMembershipIdCommand({
            IdentityStoreId,
            GroupId: storeGroupId,
            MemberId: { UserId: storeUserId },
          }),
        );
      } catch (err) {
        if (!isNotFound(err)) throw err;
        add({
          name: 'Identity Store membership',
          ok: false,
          detail: `user ${storeUserId} is not a member of group ${storeGroupId} in the Identity Store yet`,
          remedy: provision,
        });
        continue;
      }
      add({ name: 'Identity Store', ok: true, detail: `group ${storeGroupId} and user ${storeUserId}, a member` });

      // 5. The permission set, provisioned and assigned in each account.
      const { instanceArn } = config.identityCenter;
      // The sets provisioned to the zone's first account (at most 500 by default) before all of them
      // (up to 3,500): only DescribePermissionSet gives a set's name.
      const listSets = (
        command: 'ListPermissionSetsProvisionedToAccountCommand' | 'ListPermissionSetsCommand',
        input: Record<string, string>,
      ) =>
        allPages(
          (i) => aws!.send<{ PermissionSets?: string[]; NextToken?: string }>('sso', new S[command](i as never)),
          input,
          (o) => o.PermissionSets,
        );
      const named = async (arns: readonly string[]): Promise<string | undefined> => {
        const names = await mapLimited(
          arns,
          16,
          async (arn) =>
            (
              await aws!.send<{ PermissionSet?: { Name?: string } }>(
                'sso',
                new S.DescribePermissionSetCommand({ InstanceArn: instanceArn, PermissionSetArn: arn }),
              )
            ).PermissionSet?.Name,
        );
        return arns[names.indexOf(e.permissionSetName)];
      };
      const first = e.zone.accounts[0]!.id;
      const nearby = await listSets('ListPermissionSetsProvisionedToAccountCommand', {
        InstanceArn: instanceArn,
        AccountId: first,
      });
      let psArn = await named(nearby);
      if (!psArn) {
        const seen = new Set(nearby);
        psArn = await named(
          (await listSets('ListPermissionSetsCommand', { InstanceArn: instanceArn })).filter((a) => !seen.has(a)),
        );
      }
      if (!psArn) {
        add({
          name: 'permission set',
          ok: false,
          detail: `no permission set ${e.permissionSetName}`,
          remedy: applyAws,
        });
        continue;
      }
      const base = { InstanceArn: instanceArn, PermissionSetArn: psArn };
      const provisioned = new Set(
        await allPages(
          (i) =>
            aws!.send<{ AccountIds?: string[]; NextToken?: string }>(
              'sso',
              new S.ListAccountsForProvisionedPermissionSetCommand(i),
            ),
          base,
          (o) => o.AccountIds,
        ),
      );
      const outdated = new Set(
        await allPages(
          (i) =>
            aws!.send<{ AccountIds?: string[]; NextToken?: string }>(
              'sso',
              new S.ListAccountsForProvisionedPermissionSetCommand(i),
            ),
          { ...base, ProvisioningStatus: 'LATEST_PERMISSION_SET_NOT_PROVISIONED' as const },
          (o) => o.AccountIds,
        ),
      );
      let broken = false;
      for (const account of e.zone.accounts) {
        const label = `${accountLabel(account, config)} (${account.id})`;
        if (!provisioned.has(account.id) || outdated.has(account.id)) {
          add({
            name: `permission set in ${label}`,
            ok: false,
            detail: `${e.permissionSetName} is ${provisioned.has(account.id) ? 'provisioned in an older version' : 'not provisioned'} in ${account.id}`,
            remedy: `${applyAws}; or aws sso-admin provision-permission-set --instance-arn ${instanceArn} --permission-set-arn ${psArn} --target-type AWS_ACCOUNT --target-id ${account.id}`,
          });
          broken = true;
          break;
        }
        const assignments = await allPages(
          (i) =>
            aws!.send<{ AccountAssignments?: { PrincipalType?: string; PrincipalId?: string }[]; NextToken?: string }>(
              'sso',
              new S.ListAccountAssignmentsCommand(i),
            ),
          { ...base, AccountId: account.id },
          (o) => o.AccountAssignments,
        );
        if (!assignments.some((a) => a.PrincipalType === 'GROUP' && a.PrincipalId === storeGroupId)) {
          add({
            name: `account assignment in ${label}`,
            ok: false,
            detail: `group ${storeGroupId} is not assigned ${e.permissionSetName} in ${account.id}`,
            remedy: applyAws,
          });
          broken = true;
          break;
        }
        add({
          name: `${label}`,
          ok: true,
          detail: `${e.permissionSetName} provisioned (latest) and assigned to the zone group`,
        });
      }
      if (broken) continue;

      // 6. How the person gets in.
      const startUrl = config.identityCenter.startUrl;
      if (!startUrl) {
        add({
          name: 'sign-in link and CLI profile',
          ok: false,
          detail: `identityCenter.startUrl is not set in ${config.source.file}`,
          remedy: `set identityCenter.startUrl in ${config.source.file} (the AWS access portal URL, e.g. https://d-1234567890.awsapps.com/start)`,
        });
        continue;
      }
      for (const account of e.zone.accounts) {
        add({
          name: 'sign in',
          ok: true,
          detail: `${zoneConsoleLink(startUrl, e.zone, account, config)}  or  aws sso login --sso-session zone-access && aws --profile ${profileName(e.zone, account, config)} sts get-caller-identity (zone-access profiles --user ${upn})`,
        });
      }
    }
  } finally {
    aws?.destroy();
  }
  return { person: personLinks, zones: chains, ok: chains.every((c) => c.links.every((l) => l.ok)) };
}

export function renderDoctor(person: string, r: DoctorResult): string {
  const line = (l: Link) =>
    `  ${l.ok ? '✓' : '✗'} ${l.name}: ${l.detail}${l.remedy ? `\n      remedy: ${l.remedy}` : ''}`;
  const out = [`doctor ${person}`, ...r.person.map(line)];
  for (const c of r.zones) out.push('', `zone ${c.zone}`, ...c.links.map(line));
  out.push('', r.ok ? 'every link holds' : 'a link is broken: see the remedy above');
  return out.join('\n') + '\n';
}
