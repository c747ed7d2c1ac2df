import { iamServices } from '../../model/iam-data';
import {
  accountOf,
  actionOf,
  classify,
  EVENT_NAME_ACTIONS,
  EVENT_SOURCE_PREFIXES,
  isDenied,
  isKnownAction,
  permissionSetOfRole,
  resourcesOf,
  roleNameOfArn,
  roleSessionOf,
  servicePrefixOf,
  signInOf,
  zonesByPermissionSet,
} from '../../audit/mapping';
import { loadTree } from '../../pipeline/load';
import { callRecord, signInRecord } from '../support/cloudtrail-server';
import { auditTree, A } from './fixture';

/** One test per mapping rule of audit/mapping.ts; each fails when its rule is broken. */

describe('role and permission set', () => {
  it('takes the permission set name from AWSReservedSSO_<name>_<suffix>, splitting at the last underscore', () => {
    expect(permissionSetOfRole('AWSReservedSSO_zone-pay-a_a1b2c3d4e5f60718')).toBe('zone-pay-a');
    expect(permissionSetOfRole('AWSReservedSSO_Read_Only_0123456789abcdef')).toBe('Read_Only');
    expect(permissionSetOfRole('AWSReservedSSO_zone-pay-a')).toBeUndefined();
    expect(permissionSetOfRole('MyAWSReservedSSO_zone-pay-a_a1b2c3d4e5f60718')).toBeUndefined();
    expect(permissionSetOfRole('OrganizationAccountAccessRole')).toBeUndefined();
  });

  it('reads the role name from a role ARN with the aws-reserved path', () => {
    expect(
      roleNameOfArn(
        'arn:aws:iam::111111111111:role/aws-reserved/sso.amazonaws.com/eu-north-1/AWSReservedSSO_zone-x_0123456789abcdef',
      ),
    ).toBe('AWSReservedSSO_zone-x_0123456789abcdef');
    expect(roleNameOfArn('arn:aws:iam::111111111111:role/Plain')).toBe('Plain');
    expect(roleNameOfArn('arn:aws:iam::111111111111:user/Plain')).toBeUndefined();
  });

  it('a role session: the issuer role and the session name (the person) from an AssumedRole identity', () => {
    const r = callRecord({
      account: A.pay,
      permissionSet: 'zone-pay-a',
      person: 'alice@example.com',
      time: '2026-11-01T00:00:00Z',
      source: 's3.amazonaws.com',
      name: 'ListBuckets',
    });
    expect(roleSessionOf(r)).toEqual({
      role: 'AWSReservedSSO_zone-pay-a_a1b2c3d4e5f60718',
      session: 'alice@example.com',
    });
    // Without a session context, the ARN alone says it.
    const { sessionContext: _s, ...bare } = r.userIdentity!;
    expect(roleSessionOf({ ...r, userIdentity: bare })).toEqual({
      role: 'AWSReservedSSO_zone-pay-a_a1b2c3d4e5f60718',
      session: 'alice@example.com',
    });
    // Not a role session: an IAM user, a SAML user, an Identity Center portal user.
    expect(
      roleSessionOf({ ...r, userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111111111111:user/alice' } }),
    ).toBeUndefined();
    expect(roleSessionOf({ ...r, userIdentity: { ...r.userIdentity, type: 'IdentityCenterUser' } })).toBeUndefined();
  });

  it('a sign-in: a successful AssumeRoleWithSAML, role and session from its request parameters', () => {
    const ok = signInRecord({
      account: A.pay,
      permissionSet: 'zone-pay-a',
      person: 'alice@example.com',
      time: '2026-11-01T00:00:00Z',
    });
    expect(signInOf(ok)).toEqual({ role: 'AWSReservedSSO_zone-pay-a_a1b2c3d4e5f60718', session: 'alice@example.com' });
    expect(signInOf({ ...ok, errorCode: 'AccessDenied' })).toBeUndefined();
    expect(signInOf({ ...ok, eventName: 'AssumeRole' })).toBeUndefined();
    expect(signInOf({ ...ok, eventSource: 'sso.amazonaws.com' })).toBeUndefined();
    // Without roleSessionName, the SAML user name.
    const { roleSessionName: _n, ...params } = ok.requestParameters as Record<string, unknown>;
    expect(signInOf({ ...ok, requestParameters: params })).toEqual({
      role: 'AWSReservedSSO_zone-pay-a_a1b2c3d4e5f60718',
      session: 'alice@example.com',
    });
  });
});

describe('action names', () => {
  it('eventSource host → IAM service prefix: the first label, with the documented exceptions', () => {
    expect(servicePrefixOf('secretsmanager.amazonaws.com')).toBe('secretsmanager');
    expect(servicePrefixOf('monitoring.amazonaws.com')).toBe('cloudwatch');
    expect(servicePrefixOf('email.amazonaws.com')).toBe('ses');
    expect(servicePrefixOf('streams.dynamodb.amazonaws.com')).toBe('dynamodb');
    expect(servicePrefixOf('example.com')).toBeUndefined();
  });

  it("every exception maps to a prefix of AWS's service authorization reference, and is needed (the host's own label is not one)", () => {
    const known = new Set(iamServices());
    for (const [host, prefix] of Object.entries(EVENT_SOURCE_PREFIXES)) {
      expect({ host, known: known.has(prefix) }).toEqual({ host, known: true });
      expect({ host, ownLabelKnown: known.has(host.split('.')[0]!) && host.split('.').length === 3 }).toEqual({
        host,
        ownLabelKnown: false,
      });
    }
  });

  it("every event-name exception maps to an action AWS's reference lists", () => {
    for (const [recorded, action] of Object.entries(EVENT_NAME_ACTIONS))
      expect({ recorded, known: isKnownAction(action) }).toEqual({ recorded, known: true });
  });

  it("eventName → action: AWS's spelling, Lambda API versions dropped, API names that are not actions mapped", () => {
    expect(actionOf({ eventSource: 'secretsmanager.amazonaws.com', eventName: 'GetSecretValue' })).toBe(
      'secretsmanager:GetSecretValue',
    );
    expect(actionOf({ eventSource: 'lambda.amazonaws.com', eventName: 'GetFunction20150331v2' })).toBe(
      'lambda:GetFunction',
    );
    expect(actionOf({ eventSource: 'lambda.amazonaws.com', eventName: 'ListFunctions20150331' })).toBe(
      'lambda:ListFunctions',
    );
    expect(actionOf({ eventSource: 'lambda.amazonaws.com', eventName: 'Invoke' })).toBe('lambda:InvokeFunction');
    expect(actionOf({ eventSource: 'monitoring.amazonaws.com', eventName: 'GetMetricData' })).toBe(
      'cloudwatch:GetMetricData',
    );
    expect(actionOf({ eventSource: 's3.amazonaws.com', eventName: 'ListObjects' })).toBe('s3:ListBucket');
    // Unknown to the reference: kept as recorded.
    expect(actionOf({ eventSource: 'rds.amazonaws.com', eventName: 'SomethingNew' })).toBe('rds:SomethingNew');
  });
});

describe('denied calls, accounts, resources', () => {
  it.each([
    'AccessDenied',
    'AccessDeniedException',
    'UnauthorizedOperation',
    'Client.UnauthorizedOperation',
    'Client.AccessDenied',
  ])('%s is a denied call', (code) => {
    expect(isDenied(code)).toBe(true);
  });

  it.each([undefined, 'ThrottlingException', 'ResourceNotFoundException', 'ValidationException', 'NoSuchBucket'])(
    '%s is not',
    (code) => {
      expect(isDenied(code)).toBe(false);
    },
  );

  it("the account is the recipient account, else the caller's", () => {
    const r = callRecord({
      account: A.pay,
      permissionSet: 'p',
      person: 'x',
      time: '2026-11-01T00:00:00Z',
      source: 's3.amazonaws.com',
      name: 'ListBuckets',
    });
    expect(accountOf({ ...r, recipientAccountId: A.lab })).toBe(A.lab);
    const { recipientAccountId: _r, ...noRecipient } = r;
    expect(accountOf(noRecipient)).toBe(A.pay);
  });

  it('resources: listed ARNs and ARN-valued request parameters, sorted, unique', () => {
    const r = callRecord({
      account: A.pay,
      permissionSet: 'p',
      person: 'x',
      time: '2026-11-01T00:00:00Z',
      source: 'secretsmanager.amazonaws.com',
      name: 'GetSecretValue',
      resources: [
        'arn:aws:secretsmanager:eu-north-1:111111111111:secret:s',
        'arn:aws:kms:eu-north-1:111111111111:key/k',
      ],
      requestParameters: {
        secretId: 'arn:aws:secretsmanager:eu-north-1:111111111111:secret:s',
        versionStage: 'AWSCURRENT',
        clientRequestToken: 'x',
      },
    });
    expect(resourcesOf(r)).toEqual([
      'arn:aws:kms:eu-north-1:111111111111:key/k',
      'arn:aws:secretsmanager:eu-north-1:111111111111:secret:s',
    ]);
    // A service that lists no resources: the ARN-valued parameters.
    const { resources: _r, ...unlisted } = r;
    expect(
      resourcesOf({
        ...unlisted,
        requestParameters: {
          ...r.requestParameters,
          functionName: 'arn:aws:lambda:eu-north-1:111111111111:function:f',
        },
      }),
    ).toEqual([
      'arn:aws:lambda:eu-north-1:111111111111:function:f',
      'arn:aws:secretsmanager:eu-north-1:111111111111:secret:s',
    ]);
  });
});

describe('classify', () => {
  const tree = (() => {
    const t = auditTree();
    return loadTree({ zonesDir: t.zonesDir, configPath: t.configPath }).tree!;
  })();
  const zones = zonesByPermissionSet(tree.zones, tree.config);

  it('permission set names come from model/names.ts (prefix + zone name), so a prefix change follows', () => {
    expect([...zones.keys()].sort()).toEqual(['zone-lab', 'zone-pay-a', 'zone-pay-b']);
    const renamed = zonesByPermissionSet(tree.zones, { names: { ...tree.config.names, permissionSetPrefix: 'ps-' } });
    expect([...renamed.keys()].sort()).toEqual(['ps-lab', 'ps-pay-a', 'ps-pay-b']);
  });

  it('a call, a sign-in, another permission set, and everything else', () => {
    const call = callRecord({
      account: A.pay,
      permissionSet: 'zone-pay-a',
      person: 'alice@example.com',
      time: '2026-11-01T00:00:00Z',
      source: 'rds.amazonaws.com',
      name: 'RebootDBInstance',
      errorCode: 'AccessDenied',
    });
    expect(classify(call, zones)).toMatchObject({
      kind: 'call',
      zone: { name: 'pay-a' },
      person: 'alice@example.com',
      account: A.pay,
      action: 'rds:RebootDBInstance',
      denied: true,
    });
    const signIn = signInRecord({
      account: A.pay,
      permissionSet: 'zone-pay-b',
      person: 'bob@example.com',
      time: '2026-11-01T00:00:00Z',
    });
    expect(classify(signIn, zones)).toMatchObject({
      kind: 'sign-in',
      zone: { name: 'pay-b' },
      person: 'bob@example.com',
    });
    const admin = callRecord({
      account: A.pay,
      permissionSet: 'AdministratorAccess',
      person: 'c',
      time: '2026-11-01T00:00:00Z',
      source: 'iam.amazonaws.com',
      name: 'ListRoles',
    });
    expect(classify(admin, zones)).toEqual({ kind: 'other-permission-set', permissionSet: 'AdministratorAccess' });
    expect(classify({ ...call, userIdentity: { type: 'AWSService', invokedBy: 'x' } as never }, zones)).toEqual({
      kind: 'ignored',
    });
  });
});
