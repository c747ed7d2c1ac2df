import { stackNames } from '../model/names';
import type { ZoneTree } from '../model/types';
import type { EntraLive, EntraObject } from './entra-read';
import { zoneNameOf, type ExpectedZone } from './expected';
import type { Finding } from './finding';

/**
 * Entra drift: zone groups no file declares or that are missing, owners and members against the
 * files (file mode: the file is authoritative; access-package mode: every member needs a delivered
 * assignment of the zone's package; entra mode: members are the owners' business), and app role
 * assignments on the Identity Center service principal that no zone explains.
 */
export function checkEntra(tree: ZoneTree, expected: readonly ExpectedZone[], live: EntraLive): Finding[] {
  const out: Finding[] = [];
  const { config } = tree;
  const declared = new Map(expected.map((e) => [e.groupName, e]));
  const applyEntra = (e: ExpectedZone) =>
    `apply the ${stackNames(e.zone.department, config).entra} stack (cdktf.out/stacks/${stackNames(e.zone.department, config).entra}: terraform apply)`;
  const matches = (o: EntraObject, key: string) => o.id === key || o.userPrincipalName === key;
  const name = (o: EntraObject) => o.userPrincipalName ?? `${o.type} ${o.id}`;

  for (const g of live.groups.values()) {
    if (declared.has(g.displayName)) continue;
    out.push({
      side: 'entra',
      kind: 'undeclared-group',
      zone: zoneNameOf(g.displayName, config.names.groupPrefix) ?? g.displayName,
      subject: g.displayName,
      files: 'no zone file declares this zone',
      live: `Entra group ${g.id}`,
      fix: `delete the group in Entra (it grants nothing without a zone, but SCIM keeps copying it if assigned), or add the zone file in a pull request`,
    });
  }

  const explained = new Set<string>();
  for (const e of expected) {
    const z = { side: 'entra' as const, zone: e.zone.name, file: e.zone.source.file };
    const g = live.groups.get(e.groupName);
    if (!g) {
      out.push({
        ...z,
        kind: 'missing-group',
        subject: e.groupName,
        files: `Entra group ${e.groupName}`,
        live: 'no group of that name',
        fix: applyEntra(e),
      });
      continue;
    }
    explained.add(`${g.id}|${e.appRoleId}`);
    if (!live.appRoleAssignments.some((a) => a.principalId === g.id && a.appRoleId === e.appRoleId)) {
      out.push({
        ...z,
        kind: 'missing-app-role-assignment',
        subject: e.groupName,
        files: `${e.groupName} assigned app role ${e.appRoleId} on the Identity Center application (SCIM scope)`,
        live: 'no such assignment: SCIM does not provision the group',
        fix: applyEntra(e),
      });
    }

    const userOwners = (g.owners ?? []).filter((o) => o.type !== 'servicePrincipal');
    for (const o of userOwners) {
      if (e.owners.some((k) => matches(o, k))) continue;
      out.push({
        ...z,
        kind: 'extra-owner',
        subject: name(o),
        files: `owners: ${e.owners.join(', ') || 'none'}`,
        live: `${name(o)} owns the group (and can add members)`,
        fix: `${applyEntra(e)} (owners are authoritative), or add the owner to ${e.zone.source.file} in a pull request`,
      });
    }
    // The pipeline's own identity is always an owner (constructs/zone-entra-group.ts); more than one
    // service principal means someone added another.
    const spOwners = (g.owners ?? []).filter((o) => o.type === 'servicePrincipal');
    if (spOwners.length > 1) {
      out.push({
        ...z,
        kind: 'extra-owner',
        subject: spOwners.map((o) => o.id).join(', '),
        files: 'one service principal owner: the pipeline identity',
        live: `${spOwners.length} service principal owners`,
        fix: applyEntra(e),
      });
    }
    for (const k of e.owners) {
      if (userOwners.some((o) => matches(o, k))) continue;
      out.push({
        ...z,
        kind: 'missing-owner',
        subject: k,
        files: `${k} owns ${e.groupName}`,
        live: 'not an owner',
        fix: applyEntra(e),
      });
    }

    const members = g.members ?? [];
    if (e.mode === 'file') {
      const wanted = e.members ?? [];
      for (const m of members) {
        if (wanted.some((k) => matches(m, k))) continue;
        out.push({
          ...z,
          kind: 'extra-member',
          subject: name(m),
          files: `members: ${wanted.join(', ') || 'none'} (the file is authoritative)`,
          live: `${name(m)} is a member`,
          fix: `${applyEntra(e)} to remove it, or add the person to members: of ${e.zone.source.file} in a pull request`,
        });
      }
      for (const k of wanted) {
        if (members.some((m) => matches(m, k))) continue;
        out.push({
          ...z,
          kind: 'missing-member',
          subject: k,
          files: `${k} is a member of ${e.groupName}`,
          live: 'not a member',
          fix: applyEntra(e),
        });
      }
    } else if (e.mode === 'access-package') {
      const assignments = live.packageAssignments.get(e.groupName);
      if (assignments === null) {
        out.push({
          ...z,
          kind: 'missing-access-package',
          subject: e.groupName,
          files: `access package ${e.groupName}`,
          live: 'no access package of that name',
          fix: applyEntra(e),
        });
      }
      for (const m of members) {
        const held = (assignments ?? []).some(
          (a) =>
            a.state === 'delivered' &&
            (a.userId === m.id || (m.userPrincipalName !== undefined && a.principalName === m.userPrincipalName)),
        );
        if (held) continue;
        out.push({
          ...z,
          kind: 'member-without-assignment',
          subject: name(m),
          files: `members only through an assignment of access package ${e.groupName}`,
          live: `${name(m)} is a member without a delivered assignment (added by hand?)`,
          fix: `remove ${name(m)} from ${e.groupName} in Entra; access is requested in My Access (access package ${e.groupName})`,
        });
      }
    }
  }

  const zoneGroupById = new Map([...live.groups.values()].map((g) => [g.id, g]));
  for (const a of live.appRoleAssignments) {
    if (explained.has(`${a.principalId}|${a.appRoleId}`)) continue;
    const g = zoneGroupById.get(a.principalId);
    const zone = g ? (zoneNameOf(g.displayName, config.names.groupPrefix) ?? g.displayName) : '-';
    const e = g ? declared.get(g.displayName) : undefined;
    out.push({
      side: 'entra',
      kind: 'unexplained-app-role-assignment',
      zone,
      ...(e ? { file: e.zone.source.file } : {}),
      subject: `${a.principalType} ${a.principalDisplayName ?? a.principalId}`,
      files: e
        ? `${e.groupName} with app role ${e.appRoleId} only`
        : 'no zone assigns this principal to the Identity Center application',
      live: `${a.principalType} ${a.principalDisplayName ?? ''} (${a.principalId}) assigned app role ${a.appRoleId}: SCIM provisions it into the Identity Store`,
      fix: `remove the assignment (Enterprise applications > the Identity Center app > Users and groups, or DELETE /servicePrincipals/${config.entra.servicePrincipalObjectId}/appRoleAssignedTo/${a.id})`,
    });
  }
  return out;
}
