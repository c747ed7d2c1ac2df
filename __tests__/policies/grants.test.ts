import type { AccessPreset, PlatformConfig } from '../../model/types';
import { actionGrants } from '../../policies/grants';

/**
 * How presets grant actions, as the access report shows them (one expansion of the catalog, shared
 * by policies/ and report/): a label per statement that names the action, with its resources and a
 * built-in statement's further condition, so nothing conditional reads as unscoped.
 */

const config = (presets: Record<string, AccessPreset> = {}): Pick<PlatformConfig, 'access'> => ({
  access: { presets, managedPolicies: [], customerManagedPolicies: [] },
});

test('scope, resources and further condition per statement; actions sorted, case-insensitive keys', () => {
  const grants = actionGrants({ access: ['ssm-session'] }, config());
  expect(grants.get('ssm:startsession')).toEqual({
    action: 'ssm:StartSession',
    grants: [
      'none on arn:aws:ssm:*:*:document/SSM-SessionManagerRunShell if {"StringEquals":{"aws:ResourceAccount":"${aws:PrincipalAccount}"}}',
      'resource-tag on arn:aws:ec2:*:*:instance/*, arn:aws:ssm:*:*:managed-instance/*',
    ],
  });
  expect(grants.get('ssm:terminatesession')?.grants).toEqual([
    'none on arn:aws:ssm:*:*:session/* if {"StringEquals":{"ssm:resourceTag/aws:ssmmessages:session-id":"${aws:userid}"}}',
  ]);
  expect([...grants.values()].map((g) => g.action)).toEqual([...grants.values()].map((g) => g.action).sort());
});

test('a config preset: one grant per scope; the same config object and preset list give the same map', () => {
  const cfg = config({
    'queue-x': {
      name: 'queue-x',
      description: 'x',
      statements: [
        { actions: ['sqs:ListQueues'], resources: ['*'], scope: 'none' },
        { actions: ['SQS:PurgeQueue'], resources: ['*'], scope: 'resource-tag' },
        { actions: ['sqs:purgequeue'], resources: ['arn:aws:sqs:*:*:app-*'], scope: 'resource-tag' },
      ],
    },
  });
  const grants = actionGrants({ access: ['queue-x'] }, cfg);
  expect(grants.get('sqs:purgequeue')).toEqual({
    action: 'SQS:PurgeQueue',
    grants: ['resource-tag', 'resource-tag on arn:aws:sqs:*:*:app-*'],
  });
  expect(actionGrants({ access: ['queue-x'] }, cfg)).toBe(grants);
  expect(() => actionGrants({ access: ['nope'] }, cfg)).toThrow(/unknown access preset "nope"/);
});
