import { ValidationError } from '../../model/diagnostics';
import type { AccessPreset, PlatformConfig } from '../../model/types';
import { zonePolicy, type PolicyStatement } from '../../policies/zone-policy';

/** How statements of several presets merge, and the Sids of merged and colliding statements. */

type PolicyConfig = Pick<PlatformConfig, 'zoneTagKey' | 'access' | 'secrets'>;
const K = 'entigo:zone';
const tag = { StringEquals: { [`aws:ResourceTag/${K}`]: 'prod' } };

const cfg = (presets: Record<string, AccessPreset['statements']>): PolicyConfig => ({
  zoneTagKey: K,
  access: {
    presets: Object.fromEntries(
      Object.entries(presets).map(([name, statements]) => [name, { name, description: 'x', statements }]),
    ),
    managedPolicies: [],
    customerManagedPolicies: [],
  },
  secrets: { zoneNamePrefix: true },
});
const allows = (c: PolicyConfig, access: string[]): PolicyStatement[] =>
  zonePolicy({ name: 'prod', access }, c).Statement.filter((s) => s.Effect === 'Allow');

test('statements of two presets with the same resources and condition merge: all their actions, both Sids', () => {
  const c = cfg({
    a: [{ actions: ['sqs:PurgeQueue', 'sqs:GetQueueUrl'], resources: ['*'], scope: 'resource-tag' }],
    b: [{ actions: ['sqs:SendMessage', 'sqs:purgequeue'], resources: ['*'], scope: 'resource-tag' }],
  });
  expect(allows(c, ['b', 'a'])).toEqual([
    {
      Sid: 'A0B0',
      Effect: 'Allow',
      Action: ['sqs:GetQueueUrl', 'sqs:PurgeQueue', 'sqs:SendMessage'],
      Resource: '*',
      Condition: tag,
    },
  ]);
});

test('a conditional statement whose every action is granted unconditionally disappears', () => {
  const c = cfg({
    a: [{ actions: ['sqs:ListQueues'], resources: ['*'], scope: 'none' }],
    b: [{ actions: ['SQS:ListQueues'], resources: ['*'], scope: 'resource-tag' }],
  });
  expect(allows(c, ['a', 'b'])).toEqual([{ Sid: 'A0', Effect: 'Allow', Action: 'sqs:ListQueues', Resource: '*' }]);
});

test('only a grant on exactly `*` counts as unconditional; one on `*` and an ARN keeps the conditional grant', () => {
  const c = cfg({
    a: [{ actions: ['sqs:GetQueueUrl'], resources: ['arn:aws:sqs:*:*:a-*', '*'], scope: 'none' }],
    b: [{ actions: ['sqs:GetQueueUrl'], resources: ['*'], scope: 'resource-tag' }],
  });
  expect(allows(c, ['a', 'b'])).toEqual([
    { Sid: 'A0', Effect: 'Allow', Action: 'sqs:GetQueueUrl', Resource: ['*', 'arn:aws:sqs:*:*:a-*'] },
    { Sid: 'B0', Effect: 'Allow', Action: 'sqs:GetQueueUrl', Resource: '*', Condition: tag },
  ]);
});

test('three colliding Sids: X2, then X3', () => {
  const eleven = Array.from({ length: 11 }, (_, i) => ({
    actions: ['sqs:PurgeQueue'],
    resources: [`arn:aws:sqs:*:*:q${i}-*`],
    scope: 'resource-tag' as const,
  }));
  const c = cfg({
    a: eleven,
    a1: [{ actions: ['sns:Publish'], resources: ['*'], scope: 'resource-tag' }],
    'a-1': [{ actions: ['sns:Subscribe'], resources: ['arn:aws:sns:*:*:t'], scope: 'resource-tag' }],
  });
  const sids = allows(c, ['a', 'a-1', 'a1']).map((s) => s.Sid);
  expect(sids.filter((s) => s.startsWith('A10'))).toEqual(['A10', 'A10X2', 'A10X3']);
  expect(new Set(sids).size).toBe(sids.length);
});

test('a preset name with a trailing or leading separator still gives an alphanumeric Sid', () => {
  const c = cfg({
    'ops-': [{ actions: ['sqs:PurgeQueue'], resources: ['*'], scope: 'resource-tag' }],
    '-dev': [{ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:*:*:d'], scope: 'resource-tag' }],
  });
  expect(
    allows(c, ['ops-', '-dev'])
      .map((s) => s.Sid)
      .sort(),
  ).toEqual(['Dev0', 'Ops0']);
});

test("an unknown scope: the diagnostic is at the zone's access, an invalid value", () => {
  const c = cfg({ a: [{ actions: ['sqs:PurgeQueue'], resources: ['*'], scope: 'everything' as 'none' }] });
  try {
    zonePolicy({ name: 'prod', access: ['a'] }, c);
    throw new Error('no error');
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).diagnostics).toEqual([
      {
        file: 'zone "prod"',
        field: 'access',
        code: 'invalid-value',
        message: 'unknown scope "everything" in a preset statement; one of resource-tag, request-tag, none',
      },
    ]);
  }
});
