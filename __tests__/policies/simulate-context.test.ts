import type { PolicyDocument } from '../../policies/zone-policy';
import { ACCOUNT, USERID, simulate } from './simulate';

/**
 * The simulator wrapper evaluates policies as IAM receives them: with the context AWS puts into every
 * request (`aws:PrincipalAccount`, `aws:userid`; IAM User Guide, global condition context keys), and
 * never on the Terraform-escaped text (`$${`), which IAM does not see.
 */

const policy = (condition: Record<string, Record<string, string>>): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Sid: 'Test', Effect: 'Allow', Action: 'sqs:ListQueues', Resource: '*', Condition: condition }],
});

describe('simulate', () => {
  test('fills aws:PrincipalAccount and aws:userid, so policy variables resolve without a test naming them', async () => {
    expect(
      await simulate(
        [policy({ StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } })],
        'sqs:ListQueues',
        '*',
        { 'aws:ResourceAccount': ACCOUNT },
      ),
    ).toBe('Allowed');
    expect(
      await simulate(
        [policy({ StringEquals: { 'aws:ResourceAccount': '${aws:PrincipalAccount}' } })],
        'sqs:ListQueues',
        '*',
        { 'aws:ResourceAccount': '210987654321' },
      ),
    ).toBe('ImplicitlyDenied');
    expect(await simulate([policy({ StringEquals: { 'aws:userid': USERID } })], 'sqs:ListQueues', '*', {})).toBe(
      'Allowed',
    );
  });

  test('a test may override them (another account, another session)', async () => {
    expect(
      await simulate([policy({ StringEquals: { 'aws:PrincipalAccount': ACCOUNT } })], 'sqs:ListQueues', '*', {
        'aws:PrincipalAccount': '210987654321',
      }),
    ).toBe('ImplicitlyDenied');
  });

  test('refuses a policy still carrying Terraform escapes', async () => {
    await expect(
      simulate(
        [policy({ StringEquals: { 'aws:ResourceAccount': '$${aws:PrincipalAccount}' } })],
        'sqs:ListQueues',
        '*',
        {},
      ),
    ).rejects.toThrow(/Terraform escapes/);
    await expect(
      simulate([policy({ StringLike: { 'aws:userid': '%%{x}' } })], 'sqs:ListQueues', '*', {}),
    ).rejects.toThrow(/Terraform escapes/);
  });
});
