import * as S from '@aws-sdk/client-sso-admin';
import * as I from '@aws-sdk/client-identitystore';
import { graphCall, INSTANCE, PEOPLE, runDrift, SP, startWorld, STORE, type World } from './support';

/**
 * Each kind of drift, made the way a person in the console (or the Entra admin center) would make
 * it, through the stand-ins' own APIs; seen by `zone-access drift` with the right zone and exit
 * code 1; and gone (exit 0) once the change is reverted.
 */

let world: World;
beforeAll(async () => {
  world = await startWorld();
});
afterAll(() => world.close());

const ARN = () => world.arns['zone-pay-a']!;
const PAY_GROUP = 'entigo-zone-pay-a';
const LAB_GROUP = 'entigo-zone-lab';
const sso = (c: unknown) => world.sso.send(c as never);
const store = (c: unknown) => world.store.send(c as never);
/** What terraform does after changing a permission set: provision it again. */
const provision = () =>
  sso(
    new S.ProvisionPermissionSetCommand({
      InstanceArn: INSTANCE,
      PermissionSetArn: ARN(),
      TargetType: 'ALL_PROVISIONED_ACCOUNTS',
    }),
  );
const groupId = (name: string) => world.directory.groupByName(name)!.id;
const ref = (id: string) => ({ '@odata.id': `https://graph.microsoft.com/v1.0/directoryObjects/${id}` });
async function membershipId(group: string, user: string): Promise<string> {
  const list = (await store(
    new I.ListGroupMembershipsCommand({ IdentityStoreId: STORE, GroupId: world.storeGroups[group]! }),
  )) as I.ListGroupMembershipsCommandOutput;
  const userId =
    world.aws.memberships().length >= 0
      ? (
          (await store(
            new I.GetUserIdCommand({
              IdentityStoreId: STORE,
              AlternateIdentifier: { UniqueAttribute: { AttributePath: 'UserName', AttributeValue: user } },
            }),
          )) as I.GetUserIdCommandOutput
        ).UserId
      : '';
  return list.GroupMemberships!.find((m) => m.MemberId?.UserId === userId)!.MembershipId!;
}
async function inlinePolicy(): Promise<string> {
  return (
    (await sso(
      new S.GetInlinePolicyForPermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: ARN() }),
    )) as S.GetInlinePolicyForPermissionSetCommandOutput
  ).InlinePolicy!;
}

interface Case {
  readonly kind: string;
  readonly side: 'aws' | 'entra';
  readonly zone: string;
  make(): Promise<unknown>;
  revert(): Promise<unknown>;
}

let saved = '';
let rogueArn = '';
let extraMembership = '';
let appRoleAssignmentId = '';
const CASES: Case[] = [
  {
    kind: 'unmanaged-permission-set',
    side: 'aws',
    zone: 'rogue',
    make: async () =>
      (rogueArn = (
        (await sso(
          new S.CreatePermissionSetCommand({ InstanceArn: INSTANCE, Name: 'zone-rogue' }),
        )) as S.CreatePermissionSetCommandOutput
      ).PermissionSet!.PermissionSetArn!),
    revert: () => sso(new S.DeletePermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: rogueArn })),
  },
  {
    kind: 'inline-policy',
    side: 'aws',
    zone: 'pay-a',
    make: async () => {
      saved = await inlinePolicy();
      await sso(
        new S.PutInlinePolicyToPermissionSetCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: ARN(),
          InlinePolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}',
        }),
      );
    },
    revert: async () => {
      await sso(
        new S.PutInlinePolicyToPermissionSetCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: ARN(),
          InlinePolicy: saved,
        }),
      );
      await provision();
    },
  },
  {
    kind: 'managed-policies',
    side: 'aws',
    zone: 'pay-a',
    make: () =>
      sso(
        new S.AttachManagedPolicyToPermissionSetCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: ARN(),
          ManagedPolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        }),
      ),
    revert: async () => {
      await sso(
        new S.DetachManagedPolicyFromPermissionSetCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: ARN(),
          ManagedPolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess',
        }),
      );
      await provision();
    },
  },
  {
    kind: 'customer-managed-policies',
    side: 'aws',
    zone: 'pay-a',
    make: () =>
      sso(
        new S.AttachCustomerManagedPolicyReferenceToPermissionSetCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: ARN(),
          CustomerManagedPolicyReference: { Name: 'wide', Path: '/' },
        }),
      ),
    revert: async () => {
      await sso(
        new S.DetachCustomerManagedPolicyReferenceFromPermissionSetCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: ARN(),
          CustomerManagedPolicyReference: { Name: 'wide', Path: '/' },
        }),
      );
      await provision();
    },
  },
  {
    kind: 'permissions-boundary',
    side: 'aws',
    zone: 'pay-a',
    make: () =>
      sso(
        new S.PutPermissionsBoundaryToPermissionSetCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: ARN(),
          PermissionsBoundary: { ManagedPolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' },
        }),
      ),
    revert: async () => {
      await sso(
        new S.DeletePermissionsBoundaryFromPermissionSetCommand({ InstanceArn: INSTANCE, PermissionSetArn: ARN() }),
      );
      await provision();
    },
  },
  ...(['session-duration', 'relay-state', 'description'] as const).map((kind): Case => ({
    kind,
    side: 'aws',
    zone: 'pay-a',
    make: () =>
      sso(
        new S.UpdatePermissionSetCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: ARN(),
          SessionDuration: kind === 'session-duration' ? 'PT12H' : 'PT1H',
          RelayState: kind === 'relay-state' ? 'https://evil.example.com' : 'https://console.aws.amazon.com/rds/home',
          Description: kind === 'description' ? 'edited in the console' : 'Zone pay-a',
        }),
      ),
    revert: async () => {
      await sso(
        new S.UpdatePermissionSetCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: ARN(),
          SessionDuration: 'PT1H',
          RelayState: 'https://console.aws.amazon.com/rds/home',
          Description: 'Zone pay-a',
        }),
      );
      await provision();
    },
  })),
  {
    kind: 'unexplained-assignment',
    side: 'aws',
    zone: 'pay-a',
    // Another principal (a user) in a listed account.
    make: () =>
      sso(
        new S.CreateAccountAssignmentCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: ARN(),
          TargetId: '111111111111',
          TargetType: 'AWS_ACCOUNT',
          PrincipalType: 'USER',
          PrincipalId: 'user-eve',
        }),
      ),
    revert: () =>
      sso(
        new S.DeleteAccountAssignmentCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: ARN(),
          TargetId: '111111111111',
          TargetType: 'AWS_ACCOUNT',
          PrincipalType: 'USER',
          PrincipalId: 'user-eve',
        }),
      ),
  },
  {
    kind: 'unexplained-assignment',
    side: 'aws',
    zone: 'pay-a',
    // The zone group in an account the zone does not list.
    make: () =>
      sso(
        new S.CreateAccountAssignmentCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: ARN(),
          TargetId: '999999999999',
          TargetType: 'AWS_ACCOUNT',
          PrincipalType: 'GROUP',
          PrincipalId: world.storeGroups[PAY_GROUP]!,
        }),
      ),
    revert: () =>
      sso(
        new S.DeleteAccountAssignmentCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: ARN(),
          TargetId: '999999999999',
          TargetType: 'AWS_ACCOUNT',
          PrincipalType: 'GROUP',
          PrincipalId: world.storeGroups[PAY_GROUP]!,
        }),
      ),
  },
  {
    kind: 'missing-assignment',
    side: 'aws',
    zone: 'pay-a',
    make: () =>
      sso(
        new S.DeleteAccountAssignmentCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: ARN(),
          TargetId: '222222222222',
          TargetType: 'AWS_ACCOUNT',
          PrincipalType: 'GROUP',
          PrincipalId: world.storeGroups[PAY_GROUP]!,
        }),
      ),
    revert: () =>
      sso(
        new S.CreateAccountAssignmentCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: ARN(),
          TargetId: '222222222222',
          TargetType: 'AWS_ACCOUNT',
          PrincipalType: 'GROUP',
          PrincipalId: world.storeGroups[PAY_GROUP]!,
        }),
      ),
  },
  {
    kind: 'outdated-provisioning',
    side: 'aws',
    zone: 'pay-a',
    // The same policy written again: a change Identity Center has not provisioned yet.
    make: async () =>
      sso(
        new S.PutInlinePolicyToPermissionSetCommand({
          InstanceArn: INSTANCE,
          PermissionSetArn: ARN(),
          InlinePolicy: await inlinePolicy(),
        }),
      ),
    revert: () => provision(),
  },
  {
    kind: 'extra-store-member',
    side: 'aws',
    zone: 'pay-a',
    make: async () => {
      const eve = (
        (await store(
          new I.GetUserIdCommand({
            IdentityStoreId: STORE,
            AlternateIdentifier: { UniqueAttribute: { AttributePath: 'UserName', AttributeValue: PEOPLE.eve } },
          }),
        )) as I.GetUserIdCommandOutput
      ).UserId!;
      extraMembership = (
        (await store(
          new I.CreateGroupMembershipCommand({
            IdentityStoreId: STORE,
            GroupId: world.storeGroups[PAY_GROUP]!,
            MemberId: { UserId: eve },
          }),
        )) as I.CreateGroupMembershipCommandOutput
      ).MembershipId!;
    },
    revert: () => store(new I.DeleteGroupMembershipCommand({ IdentityStoreId: STORE, MembershipId: extraMembership })),
  },
  {
    kind: 'missing-store-member',
    side: 'aws',
    zone: 'pay-a',
    make: async () =>
      store(
        new I.DeleteGroupMembershipCommand({
          IdentityStoreId: STORE,
          MembershipId: await membershipId(PAY_GROUP, PEOPLE.bob),
        }),
      ),
    revert: async () => {
      const bob = (
        (await store(
          new I.GetUserIdCommand({
            IdentityStoreId: STORE,
            AlternateIdentifier: { UniqueAttribute: { AttributePath: 'UserName', AttributeValue: PEOPLE.bob } },
          }),
        )) as I.GetUserIdCommandOutput
      ).UserId!;
      await store(
        new I.CreateGroupMembershipCommand({
          IdentityStoreId: STORE,
          GroupId: world.storeGroups[PAY_GROUP]!,
          MemberId: { UserId: bob },
        }),
      );
    },
  },
  {
    kind: 'undeclared-group',
    side: 'entra',
    zone: 'rogue',
    make: () =>
      graphCall(world, 'POST', '/groups', {
        displayName: 'entigo-zone-rogue',
        securityEnabled: true,
        mailEnabled: false,
        mailNickname: 'rogue',
      }),
    revert: () => graphCall(world, 'DELETE', `/groups/${groupId('entigo-zone-rogue')}`),
  },
  {
    kind: 'extra-owner',
    side: 'entra',
    zone: 'pay-a',
    make: () => graphCall(world, 'POST', `/groups/${groupId(PAY_GROUP)}/owners/$ref`, ref(world.userIds[PEOPLE.eve]!)),
    revert: () => graphCall(world, 'DELETE', `/groups/${groupId(PAY_GROUP)}/owners/${world.userIds[PEOPLE.eve]}/$ref`),
  },
  {
    kind: 'missing-owner',
    side: 'entra',
    zone: 'ship',
    make: () =>
      graphCall(world, 'DELETE', `/groups/${groupId('entigo-zone-ship')}/owners/${world.userIds[PEOPLE.owner]}/$ref`),
    revert: () =>
      graphCall(world, 'POST', `/groups/${groupId('entigo-zone-ship')}/owners/$ref`, ref(world.userIds[PEOPLE.owner]!)),
  },
  {
    kind: 'extra-member',
    side: 'entra',
    zone: 'pay-a',
    make: () => graphCall(world, 'POST', `/groups/${groupId(PAY_GROUP)}/members/$ref`, ref(world.userIds[PEOPLE.eve]!)),
    revert: () => graphCall(world, 'DELETE', `/groups/${groupId(PAY_GROUP)}/members/${world.userIds[PEOPLE.eve]}/$ref`),
  },
  {
    kind: 'missing-member',
    side: 'entra',
    zone: 'pay-a',
    make: () => graphCall(world, 'DELETE', `/groups/${groupId(PAY_GROUP)}/members/${world.userIds[PEOPLE.bob]}/$ref`),
    revert: () =>
      graphCall(world, 'POST', `/groups/${groupId(PAY_GROUP)}/members/$ref`, ref(world.userIds[PEOPLE.bob]!)),
  },
  {
    kind: 'member-without-assignment',
    side: 'entra',
    zone: 'lab',
    make: () => graphCall(world, 'POST', `/groups/${groupId(LAB_GROUP)}/members/$ref`, ref(world.userIds[PEOPLE.bob]!)),
    revert: () => graphCall(world, 'DELETE', `/groups/${groupId(LAB_GROUP)}/members/${world.userIds[PEOPLE.bob]}/$ref`),
  },
  {
    kind: 'unexplained-app-role-assignment',
    side: 'entra',
    zone: '-',
    make: async () => {
      await graphCall(world, 'POST', `/servicePrincipals/${SP}/appRoleAssignedTo`, {
        principalId: world.userIds[PEOPLE.eve],
        resourceId: SP,
        appRoleId: '00000000-0000-0000-0000-000000000000',
      });
      appRoleAssignmentId = [...world.directory.appRoleAssignments.values()].find(
        (a) => a.principalId === world.userIds[PEOPLE.eve],
      )!.id;
    },
    revert: () => graphCall(world, 'DELETE', `/servicePrincipals/${SP}/appRoleAssignedTo/${appRoleAssignmentId}`),
  },
  {
    kind: 'missing-app-role-assignment',
    side: 'entra',
    zone: 'ship',
    make: async () => {
      const a = [...world.directory.appRoleAssignments.values()].find(
        (x) => x.principalId === groupId('entigo-zone-ship'),
      )!;
      saved = a.appRoleId;
      await graphCall(world, 'DELETE', `/servicePrincipals/${SP}/appRoleAssignedTo/${a.id}`);
    },
    revert: () =>
      graphCall(world, 'POST', `/servicePrincipals/${SP}/appRoleAssignedTo`, {
        principalId: groupId('entigo-zone-ship'),
        resourceId: SP,
        appRoleId: saved,
      }),
  },
];

describe('zone-access drift, against the Identity Center emulator and the Graph stand-in', () => {
  it('is in sync with the world the files describe (exit 0)', async () => {
    const r = await runDrift(world);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.out).toMatch(/^in sync: 3 zones, Entra and AWS read/m);
    expect(r.code).toBe(0);
  });

  it.each(CASES.map((c, i) => [`${c.side} ${c.kind} (${i})`, c] as const))(
    '%s: reported with its zone and exit 1, gone once reverted',
    async (_, c) => {
      await c.make();
      const drifted = await runDrift(world, ['--only', c.side, '--format', 'json']);
      expect(drifted.code).toBe(1);
      const findings = JSON.parse(drifted.out).findings as {
        kind: string;
        zone: string;
        side: string;
        files: string;
        live: string;
        fix: string;
      }[];
      const hit = findings.find((f) => f.kind === c.kind);
      expect(hit).toMatchObject({ side: c.side, zone: c.zone });
      expect(hit!.files && hit!.live && hit!.fix).toBeTruthy();
      await c.revert();
      const clean = await runDrift(world, ['--only', c.side, '--format', 'json']);
      expect(JSON.parse(clean.out).findings).toEqual([]);
      expect(clean.code).toBe(0);
    },
  );
});

describe('--at: the files are evaluated for that day', () => {
  it('a member whose until has passed is not expected: drift on a day before it is in sync, today it reports the member (exit 1)', async () => {
    const { cpSync, readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { parse, stringify } = await import('yaml');
    const { makeTempDir } = await import('../support/tree');
    const zonesDir = join(makeTempDir('at-'), 'zones');
    cpSync(world.paths.zonesDir, zonesDir, { recursive: true });
    const file = join(zonesDir, 'payments', 'pay-a.yaml');
    const doc = parse(readFileSync(file, 'utf8')) as { members: unknown[] };
    doc.members = [PEOPLE.ann, { user: PEOPLE.bob, until: '2020-06-30' }];
    writeFileSync(file, stringify(doc));
    const before = await runDrift(world, [
      '--only',
      'entra',
      '--zones',
      zonesDir,
      '--at',
      '2020-06-01',
      '--format',
      'json',
    ]);
    expect(JSON.parse(before.out).findings).toEqual([]);
    expect(before.code).toBe(0);
    const today = await runDrift(world, ['--only', 'entra', '--zones', zonesDir, '--format', 'json']);
    expect(JSON.parse(today.out).findings).toEqual([
      expect.objectContaining({ kind: 'extra-member', zone: 'pay-a', subject: PEOPLE.bob }),
    ]);
    expect(today.code).toBe(1);
    expect((await runDrift(world, ['--at', '2020-02-30'])).err).toContain('--at must be a date');
  });
});
