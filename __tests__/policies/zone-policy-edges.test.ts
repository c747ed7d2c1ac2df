import { ValidationError } from '../../model/diagnostics';
import type { AccessPreset, PlatformConfig } from '../../model/types';
import {
  renderedZonePolicy,
  renderPolicy,
  zonePolicy,
  type PolicyCondition,
  type PolicyStatement,
} from '../../policies/zone-policy';

/**
 * The policy writer's edges: a further condition merged operator by operator (the zone condition
 * always stays), statements without actions or resources, tag-on-create alone, Sid collisions,
 * invalid input, and the rendered-policy cache.
 */

type PolicyConfig = Pick<PlatformConfig, 'zoneTagKey' | 'access' | 'secrets'>;
const K = 'entigo:zone';

const config = (
  statements: (AccessPreset['statements'][number] & { condition?: PolicyCondition })[],
  name = 'p',
  more: Record<string, AccessPreset> = {},
): PolicyConfig => ({
  zoneTagKey: K,
  access: {
    presets: { [name]: { name, description: 'x', statements }, ...more },
    managedPolicies: [],
    customerManagedPolicies: [],
  },
  secrets: { zoneNamePrefix: true },
});
const allows = (cfg: PolicyConfig, access = ['p'], zone = 'prod'): PolicyStatement[] =>
  zonePolicy({ name: zone, access }, cfg).Statement.filter((s) => s.Effect === 'Allow');
const sids = (cfg: PolicyConfig, access = ['p']) =>
  zonePolicy({ name: 'prod', access }, cfg).Statement.map((s) => s.Sid);

describe('a further condition (built-in statements) is merged operator by operator', () => {
  test('resource-tag: the zone condition stays next to another key of the same operator', () => {
    const cfg = config([
      {
        actions: ['sqs:PurgeQueue'],
        resources: ['*'],
        scope: 'resource-tag',
        condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' }, Null: { 'sqs:x': 'true' } },
      },
    ]);
    expect(allows(cfg)).toEqual([
      {
        Sid: 'P0',
        Effect: 'Allow',
        Action: 'sqs:PurgeQueue',
        Resource: '*',
        Condition: {
          StringEquals: { [`aws:ResourceTag/${K}`]: 'prod', 'aws:PrincipalAccount': '111122223333' },
          Null: { 'sqs:x': 'true' },
        },
      },
    ]);
  });

  test('request-tag: creates and tag-on-create companions keep the zone tag, the tag keys and the untagged-resource conditions', () => {
    const cfg = config([
      {
        actions: ['sqs:CreateQueue', 'sqs:TagQueue'],
        resources: ['*'],
        scope: 'request-tag',
        condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' }, Null: { 'sqs:y': 'false' } },
      },
    ]);
    expect(allows(cfg)).toEqual([
      {
        Sid: 'P0',
        Effect: 'Allow',
        Action: 'sqs:CreateQueue',
        Resource: '*',
        Condition: {
          StringEquals: { [`aws:RequestTag/${K}`]: 'prod', 'aws:PrincipalAccount': '111122223333' },
          'ForAllValues:StringEquals': { 'aws:TagKeys': K },
          Null: { 'sqs:y': 'false' },
        },
      },
      {
        Sid: 'P0Tag',
        Effect: 'Allow',
        Action: 'sqs:TagQueue',
        Resource: '*',
        Condition: {
          StringEquals: { [`aws:RequestTag/${K}`]: 'prod', 'aws:PrincipalAccount': '111122223333' },
          'ForAllValues:StringEquals': { 'aws:TagKeys': K },
          Null: { [`aws:ResourceTag/${K}`]: 'true', 'sqs:y': 'false' },
        },
      },
    ]);
  });

  test('none: the further condition alone; without one, no Condition at all', () => {
    const cfg = config([
      {
        actions: ['ssm:TerminateSession'],
        resources: ['arn:aws:ssm:*:*:session/*'],
        scope: 'none',
        condition: { StringEquals: { 'ssm:resourceTag/aws:ssmmessages:session-id': '${aws:userid}' } },
      },
      { actions: ['sqs:ListQueues'], resources: ['*'], scope: 'none' },
    ]);
    expect(allows(cfg)).toEqual([
      {
        Sid: 'P0',
        Effect: 'Allow',
        Action: 'ssm:TerminateSession',
        Resource: 'arn:aws:ssm:*:*:session/*',
        Condition: { StringEquals: { 'ssm:resourceTag/aws:ssmmessages:session-id': '${aws:userid}' } },
      },
      { Sid: 'P1', Effect: 'Allow', Action: 'sqs:ListQueues', Resource: '*' },
    ]);
    expect(allows(cfg)[1]).not.toHaveProperty('Condition');
  });
});

describe('statements', () => {
  test('a statement without actions gives nothing; one without resources means every resource', () => {
    const cfg = config([
      { actions: [], resources: ['*'], scope: 'resource-tag' },
      { actions: ['sqs:PurgeQueue'], resources: [], scope: 'resource-tag' },
    ]);
    expect(allows(cfg).map((s) => [s.Sid, s.Action, s.Resource])).toEqual([['P1', 'sqs:PurgeQueue', '*']]);
  });

  test('tag-on-create companions alone: their own Sid, no create to guard', () => {
    const cfg = config([{ actions: ['sqs:TagQueue'], resources: ['*'], scope: 'request-tag' }]);
    expect(allows(cfg).map((s) => s.Sid)).toEqual(['P0']);
    expect(allows(cfg)[0]!.Condition!.Null).toEqual({ [`aws:ResourceTag/${K}`]: 'true' });
    expect(sids(cfg)).not.toContain('GuardCreateWithoutZoneTag');
  });

  test('creates are guarded: one create a string, several a sorted list, duplicates in any case once', () => {
    const guard = (cfg: PolicyConfig) =>
      zonePolicy({ name: 'prod', access: ['p'] }, cfg).Statement.find((s) => s.Sid === 'GuardCreateWithoutZoneTag');
    expect(guard(config([{ actions: ['sqs:CreateQueue'], resources: ['*'], scope: 'request-tag' }]))).toEqual({
      Sid: 'GuardCreateWithoutZoneTag',
      Effect: 'Deny',
      Action: 'sqs:CreateQueue',
      Resource: '*',
      Condition: { Null: { [`aws:RequestTag/${K}`]: 'true' } },
    });
    expect(
      guard(
        config([
          { actions: ['sqs:CreateQueue', 'sns:CreateTopic'], resources: ['*'], scope: 'request-tag' },
          { actions: ['SQS:createqueue'], resources: ['arn:aws:sqs:*:*:x-*'], scope: 'request-tag' },
        ]),
      )?.Action,
    ).toEqual(['sns:CreateTopic', 'sqs:CreateQueue']);
  });

  test('an action granted on every resource without condition is not granted again conditionally; one on some resources is', () => {
    const cfg = config([
      { actions: ['sqs:ListQueues', 'sqs:GetQueueUrl'], resources: ['arn:aws:sqs:*:*:a-*'], scope: 'none' },
      { actions: ['sqs:GetQueueUrl', 'sqs:ListQueues', 'sqs:PurgeQueue'], resources: ['*'], scope: 'resource-tag' },
      { actions: ['sqs:ListQueues'], resources: ['*'], scope: 'none' },
    ]);
    expect(allows(cfg).map((s) => [s.Sid, s.Action])).toEqual([
      ['P0', 'sqs:GetQueueUrl'],
      ['P1', ['sqs:GetQueueUrl', 'sqs:PurgeQueue']],
      ['P2', 'sqs:ListQueues'],
    ]);
  });
});

describe('Sids', () => {
  test('presets named with digits and hyphens become alphanumeric Sids; a collision gets a suffix', () => {
    const statements = Array.from({ length: 11 }, (_, i) => ({
      actions: ['sqs:PurgeQueue'],
      resources: [`arn:aws:sqs:*:*:q${i}-*`],
      scope: 'resource-tag' as const,
    }));
    const cfg = config(statements, 'a', {
      a1: {
        name: 'a1',
        description: 'x',
        statements: [{ actions: ['sns:Publish'], resources: ['*'], scope: 'resource-tag' }],
      },
    });
    const got = sids(cfg, ['a', 'a1']).filter((s) => !s.startsWith('Guard'));
    expect(got).toEqual(['A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'A8', 'A9', 'A10', 'A10X2']);
    const dashed = config([{ actions: ['sqs:PurgeQueue'], resources: ['*'], scope: 'resource-tag' }], 'x2-queue--ops');
    expect(sids(dashed, ['x2-queue--ops'])[0]).toBe('X2QueueOps0');
  });
});

describe('input errors', () => {
  const problems = (name: string, key: string) => {
    try {
      zonePolicy({ name, access: [] }, { ...config([]), zoneTagKey: key });
    } catch (e) {
      if (e instanceof ValidationError) return e.diagnostics.map((d) => [d.file, d.field, d.code]);
      throw e;
    }
    return [];
  };

  test('an invalid zone name and an invalid tag key: both reported, naming the zone', () => {
    expect(problems('prod', K)).toEqual([]);
    expect(problems('Prod!', K)).toEqual([['zone "Prod!"', 'name', 'invalid-value']]);
    expect(problems('prod', 'aws:zone')).toEqual([['zone "prod"', 'zoneTagKey', 'invalid-value']]);
    expect(problems('Prod!', 'aws:zone')).toEqual([
      ['zone "Prod!"', 'name', 'invalid-value'],
      ['zone "Prod!"', 'zoneTagKey', 'invalid-value'],
    ]);
  });

  test('an unknown scope in a preset statement is refused, naming it', () => {
    const cfg = config([{ actions: ['sqs:PurgeQueue'], resources: ['*'], scope: 'everything' as 'none' }]);
    expect(() => zonePolicy({ name: 'prod', access: ['p'] }, cfg)).toThrow(ValidationError);
    expect(() => zonePolicy({ name: 'prod', access: ['p'] }, cfg)).toThrow(
      'unknown scope "everything" in a preset statement; one of resource-tag, request-tag, none',
    );
  });

  test("an unknown preset: a ValidationError at the zone's access", () => {
    try {
      zonePolicy({ name: 'prod', access: ['nope'] }, config([]));
      throw new Error('no error');
    } catch (e) {
      expect((e as ValidationError).diagnostics).toEqual([
        { file: 'zone "prod"', field: 'access', code: 'unknown-preset', message: 'unknown access preset "nope"' },
      ]);
    }
  });
});

test('the rendered policy is cached per zone and config object, never across them', () => {
  const zone = { name: 'prod', access: ['p'] };
  const a = config([{ actions: ['sqs:PurgeQueue'], resources: ['*'], scope: 'resource-tag' }]);
  const b = { ...a, zoneTagKey: 'team' };
  expect(renderedZonePolicy(zone, a)).toBe(renderPolicy(zonePolicy(zone, a)));
  expect(renderedZonePolicy(zone, b)).toBe(renderPolicy(zonePolicy(zone, b)));
  expect(renderedZonePolicy(zone, b)).not.toBe(renderedZonePolicy(zone, a));
  const other = { name: 'dev', access: ['p'] };
  expect(renderedZonePolicy(other, a)).toBe(renderPolicy(zonePolicy(other, a)));
  expect(renderedZonePolicy(other, a)).toContain('"dev"');
});
