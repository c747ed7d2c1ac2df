import { renderPolicy, zonePolicy } from '../../../policies/zone-policy';
import { ACCOUNT, ALLOW_ALL, arnOf, resourceTagContext, simulate, type Context } from '../simulate';
import { actionsByScope, policyFor, provePreset } from './prove-preset';

provePreset('ssm-session');

const K = 'entigo:zone';
const ME = 'AROAEXAMPLEROLEID:alice@example.com';
const SOMEONE_ELSE = 'AROAEXAMPLEROLEID:bob@example.com';

describe('ssm-session', () => {
  const policy = policyFor('prod', ['ssm-session']);

  test('start sessions on instances of the zone; end and resume own sessions; list unscoped', () => {
    expect(actionsByScope('ssm-session')).toEqual({
      none: [
        'ssm:DescribeInstanceInformation',
        'ssm:DescribeSessions',
        'ssm:ResumeSession',
        'ssm:StartSession',
        'ssm:TerminateSession',
      ],
      resourceTag: ['ssm:GetConnectionStatus', 'ssm:StartSession'],
      requestTag: [],
      tagOnCreate: [],
    });
  });

  test('StartSession: instances and managed nodes of the zone; only the default shell document', async () => {
    const start = async (type: string, name: string, zone: string | undefined) =>
      simulate(
        [policy],
        'ssm:StartSession',
        await arnOf('ssm', type, name),
        await resourceTagContext('ssm', type, K, zone),
      );
    expect(await start('instance', 'i-0123456789abcdef0', 'prod')).toBe('Allowed');
    expect(await start('managed-instance', 'mi-0123456789abcdef0', 'prod')).toBe('Allowed');
    for (const zone of ['prod-1', 'Prod', undefined]) {
      expect({ zone, r: await start('instance', 'i-0123456789abcdef0', zone) }).toEqual({
        zone,
        r: 'ImplicitlyDenied',
      });
    }
    // The shell document is the account's own (Session Manager creates it as the account's session
    // preferences): another account's document of that name is not. (The simulator cannot match an
    // account-less ARN such as an AWS-owned document's; such a request carries no own account either.)
    const document = async (name: string, account: string, context: Context = { 'aws:ResourceAccount': account }) =>
      simulate([policy], 'ssm:StartSession', `arn:aws:ssm:eu-north-1:${account}:document/${name}`, context);
    expect(await document('SSM-SessionManagerRunShell', ACCOUNT)).toBe('Allowed');
    expect(await document('SSM-SessionManagerRunShell', '210987654321')).toBe('ImplicitlyDenied');
    expect(await document('SSM-SessionManagerRunShell', ACCOUNT, {})).toBe('ImplicitlyDenied');
    // Port forwarding (and any other document), even one tagged with the zone.
    expect(await document('AWS-StartPortForwardingSession', ACCOUNT)).toBe('ImplicitlyDenied');
    expect(
      await document('team-shell', ACCOUNT, {
        'aws:ResourceAccount': ACCOUNT,
        ...(await resourceTagContext('ssm', 'document', K, 'prod')),
      }),
    ).toBe('ImplicitlyDenied');
  });

  test('TerminateSession / ResumeSession: own sessions only (session-id tag = aws:userid)', async () => {
    const onSession = async (action: string, startedBy: string) =>
      simulate([policy], action, await arnOf('ssm', 'session', 'alice-0a1b2c3d4e5f'), {
        'aws:userid': ME,
        'ssm:resourceTag/aws:ssmmessages:session-id': startedBy,
      });
    for (const action of ['ssm:TerminateSession', 'ssm:ResumeSession']) {
      expect(await onSession(action, ME)).toBe('Allowed');
      expect(await onSession(action, SOMEONE_ELSE)).toBe('ImplicitlyDenied');
      expect(await onSession(action, `${ME}x`)).toBe('ImplicitlyDenied');
    }
  });

  test('the policy variable reaches the policy unchanged (the constructs escape it for Terraform)', () => {
    const json = renderPolicy(
      zonePolicy(
        { name: 'prod', access: ['ssm-session'] },
        {
          zoneTagKey: K,
          access: { presets: {}, managedPolicies: [], customerManagedPolicies: [] },
          secrets: { zoneNamePrefix: false },
        },
      ),
    );
    expect(json).toContain('"ssm:resourceTag/aws:ssmmessages:session-id":"${aws:userid}"');
  });

  test('the zone tag of an instance cannot be removed or changed, even next to Allow *', async () => {
    const arn = await arnOf('ec2', 'instance', 'i-0123456789abcdef0');
    const own = await resourceTagContext('ec2', 'instance', K, 'prod');
    expect(await simulate([policy, ALLOW_ALL], 'ec2:DeleteTags', arn, { ...own, 'aws:TagKeys': [K] })).toBe(
      'ExplicitlyDenied',
    );
    expect(
      await simulate([policy, ALLOW_ALL], 'ec2:CreateTags', arn, {
        ...own,
        'aws:TagKeys': [K],
        [`aws:RequestTag/${K}`]: 'prod-1',
      }),
    ).toBe('ExplicitlyDenied');
  });
});
