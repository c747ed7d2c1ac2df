import {
  startIdentityCenterEmulator,
  type EmulatorOptions,
  type IdentityCenterEmulator,
} from '../support/identity-center/emulator';

/**
 * The Identity Center emulator's modelled AWS behaviour, request by request, in the awsJson1_1
 * shape the AWS SDKs send (the signature itself is not verified, only its service scope).
 */

const STORE = 'd-1234567890';
const INSTANCE = 'arn:aws:sso:::instance/ssoins-1111222233334444';
const GROUP = 'entigo-zone-pay-a';

const emulators: IdentityCenterEmulator[] = [];
afterEach(async () => {
  await Promise.all(emulators.splice(0).map((e) => e.close()));
});

async function emulator(options: Partial<EmulatorOptions> = {}): Promise<IdentityCenterEmulator> {
  const e = await startIdentityCenterEmulator({
    identityStoreId: STORE,
    instanceArn: INSTANCE,
    groups: [{ displayName: GROUP }],
    ...options,
  });
  emulators.push(e);
  return e;
}

interface Answer {
  status: number;
  body: Record<string, any>;
}

async function call(
  e: IdentityCenterEmulator,
  target: string,
  input: Record<string, unknown>,
  service = target.startsWith('AWSIdentityStore.') ? 'identitystore' : 'sso',
): Promise<Answer> {
  const res = await fetch(e.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': target,
      authorization: `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-north-1/${service}/aws4_request, SignedHeaders=host, Signature=0`,
    },
    body: JSON.stringify(input),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

const sso = (e: IdentityCenterEmulator, op: string, input: Record<string, unknown> = {}) =>
  call(e, `SWBExternalService.${op}`, { InstanceArn: INSTANCE, ...input });

async function permissionSet(e: IdentityCenterEmulator, name = 'zone-pay-a'): Promise<string> {
  const r = await sso(e, 'CreatePermissionSet', { Name: name, SessionDuration: 'PT1H' });
  expect(r.status).toBe(200);
  return r.body.PermissionSet.PermissionSetArn as string;
}

async function assign(e: IdentityCenterEmulator, arn: string, account: string): Promise<Answer> {
  return sso(e, 'CreateAccountAssignment', {
    PermissionSetArn: arn,
    PrincipalId: e.groupId(GROUP),
    PrincipalType: 'GROUP',
    TargetId: account,
    TargetType: 'AWS_ACCOUNT',
  });
}

async function settleCreation(e: IdentityCenterEmulator, requestId: string): Promise<string[]> {
  const seen: string[] = [];
  for (let i = 0; i < 5 && seen.at(-1) !== 'SUCCEEDED'; i++) {
    const r = await sso(e, 'DescribeAccountAssignmentCreationStatus', {
      AccountAssignmentCreationRequestId: requestId,
    });
    seen.push(r.body.AccountAssignmentCreationStatus.Status as string);
  }
  return seen;
}

describe('Identity Center emulator', () => {
  it('answers an assignment IN_PROGRESS, then IN_PROGRESS for the configured polls, then SUCCEEDED; the assignment exists only then', async () => {
    const e = await emulator({ assignmentPolls: 1 });
    const arn = await permissionSet(e);
    const created = await assign(e, arn, '111111111111');
    expect(created.body.AccountAssignmentCreationStatus).toMatchObject({
      Status: 'IN_PROGRESS',
      TargetId: '111111111111',
      PermissionSetArn: arn,
    });
    expect(e.state().assignments).toEqual([]);
    expect(e.state().inProgress).toBe(1);
    expect(await settleCreation(e, created.body.AccountAssignmentCreationStatus.RequestId)).toEqual([
      'IN_PROGRESS',
      'SUCCEEDED',
    ]);
    expect(e.state().assignments).toEqual([`zone-pay-a 111111111111 GROUP ${e.groupId(GROUP)}`]);
    const listed = await sso(e, 'ListAccountAssignments', { PermissionSetArn: arn, AccountId: '111111111111' });
    expect(listed.body.AccountAssignments).toEqual([
      { AccountId: '111111111111', PermissionSetArn: arn, PrincipalId: e.groupId(GROUP), PrincipalType: 'GROUP' },
    ]);
  });

  it('answers ConflictException to a second provisioning into an account while one is in progress', async () => {
    const e = await emulator();
    const arn = await permissionSet(e);
    const other = await permissionSet(e, 'zone-pay-b');
    const first = await assign(e, arn, '111111111111');
    expect(first.status).toBe(200);
    const clash = await sso(e, 'ProvisionPermissionSet', {
      PermissionSetArn: arn,
      TargetType: 'AWS_ACCOUNT',
      TargetId: '111111111111',
    });
    expect(clash).toMatchObject({ status: 400, body: { __type: 'ConflictException' } });
    // Another permission set into the same account conflicts too; another account does not.
    expect((await assign(e, other, '111111111111')).body.__type).toBe('ConflictException');
    expect((await assign(e, other, '222222222222')).status).toBe(200);
    await settleCreation(e, first.body.AccountAssignmentCreationStatus.RequestId);
    expect(
      (
        await sso(e, 'ProvisionPermissionSet', {
          PermissionSetArn: arn,
          TargetType: 'AWS_ACCOUNT',
          TargetId: '111111111111',
        })
      ).status,
    ).toBe(200);
  });

  it('answers ThrottlingException above the configured request rate', async () => {
    const e = await emulator({ rateLimit: { ratePerSecond: 0.5, burst: 3 } });
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push(
        (await sso(e, 'ListTagsForResource', { ResourceArn: 'arn:aws:sso:::permissionSet/x/ps-0000000000000000' })).body
          .__type,
      );
    expect(answers).toEqual([
      'ResourceNotFoundException',
      'ResourceNotFoundException',
      'ResourceNotFoundException',
      'ThrottlingException',
      'ThrottlingException',
    ]);
    // One token comes back every 2 s.
    await new Promise((r) => setTimeout(r, 2100));
    expect((await sso(e, 'ListTagsForResource', { ResourceArn: 'x' })).body.__type).toBe('ResourceNotFoundException');
  });

  it('refuses to delete a permission set that still has an assignment', async () => {
    const e = await emulator({ assignmentPolls: 0 });
    const arn = await permissionSet(e);
    await settleCreation(e, (await assign(e, arn, '111111111111')).body.AccountAssignmentCreationStatus.RequestId);
    expect(await sso(e, 'DeletePermissionSet', { PermissionSetArn: arn })).toMatchObject({
      status: 400,
      body: { __type: 'ConflictException' },
    });
    expect(e.state().permissionSets.map((p) => p.name)).toEqual(['zone-pay-a']);
  });

  it('keeps group display names unique, and finds a group by display name and by external id', async () => {
    const e = await emulator();
    const seeded = e.createGroup({
      displayName: 'entigo-zone-lab',
      externalId: { issuer: 'https://login.microsoftonline.com/t/', id: 'obj-1' },
    });
    expect(() => e.createGroup({ displayName: 'entigo-zone-lab' })).toThrow(/Duplicate GroupDisplayName/);
    const dup = await call(e, 'AWSIdentityStore.CreateGroup', { IdentityStoreId: STORE, DisplayName: GROUP });
    expect(dup).toMatchObject({
      status: 400,
      body: { __type: 'ConflictException', Reason: 'UNIQUENESS_CONSTRAINT_VIOLATION' },
    });
    const byName = await call(e, 'AWSIdentityStore.GetGroupId', {
      IdentityStoreId: STORE,
      AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: 'entigo-zone-lab' } },
    });
    const byExternal = await call(e, 'AWSIdentityStore.GetGroupId', {
      IdentityStoreId: STORE,
      AlternateIdentifier: { ExternalId: { Issuer: 'https://login.microsoftonline.com/t/', Id: 'obj-1' } },
    });
    expect(byName.body.GroupId).toBe(seeded.groupId);
    expect(byExternal.body.GroupId).toBe(seeded.groupId);
    const described = await call(e, 'AWSIdentityStore.DescribeGroup', {
      IdentityStoreId: STORE,
      GroupId: seeded.groupId,
    });
    expect(described.body).toMatchObject({
      DisplayName: 'entigo-zone-lab',
      ExternalIds: [{ Issuer: 'https://login.microsoftonline.com/t/', Id: 'obj-1' }],
    });
  });

  it('answers an unknown operation, an STS call or a wrong signing service at once with HTTP 400/403 naming it', async () => {
    const e = await emulator();
    expect(await sso(e, 'CreateInstance')).toMatchObject({
      status: 400,
      body: { __type: 'UnknownOperationException', Message: expect.stringContaining('sso CreateInstance') },
    });
    const sts = await fetch(e.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sts/aws4_request, Signature=0',
      },
      body: 'Action=GetCallerIdentity&Version=2011-06-15',
    });
    expect(sts.status).toBe(400);
    expect(await sts.json()).toMatchObject({
      __type: 'UnknownOperationException',
      Message: expect.stringContaining('sts Action=GetCallerIdentity'),
    });
    expect(
      (await call(e, 'SWBExternalService.DescribePermissionSet', { InstanceArn: INSTANCE }, 'identitystore')).status,
    ).toBe(403);
  });
});
