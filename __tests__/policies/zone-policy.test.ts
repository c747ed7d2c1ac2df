import fc from 'fast-check';
import type { AccessPreset, PlatformConfig, PresetStatement } from '../../model/types';
import {
  renderPolicy,
  VALUE_CARRYING_UNTAG_ACTIONS,
  zonePolicy,
  type PolicyDocument,
} from '../../policies/zone-policy';
import { ValidationError } from '../../model/diagnostics';
import { TAGGING_WITHOUT_TAG_KEYS } from '../../policies/generated/tagging-without-tag-keys';

type PolicyConfig = Pick<PlatformConfig, 'zoneTagKey' | 'access' | 'secrets'>;

/** `zoneNamePrefix` defaults to true, as in the platform config. */
const config = (presets: Record<string, AccessPreset> = {}, zoneNamePrefix = true): PolicyConfig => ({
  zoneTagKey: 'entigo:zone',
  access: { presets, managedPolicies: [], customerManagedPolicies: [] },
  secrets: { zoneNamePrefix },
});

const SQS: AccessPreset = {
  name: 'sqs-queue-operator',
  description: 'queues',
  statements: [
    { actions: ['sqs:ListQueues'], resources: ['*'], scope: 'none' },
    {
      actions: ['sqs:PurgeQueue', 'sqs:GetQueueAttributes'],
      resources: ['arn:aws:sqs:*:*:app-*', 'arn:aws:sqs:*:*:jobs-*'],
      scope: 'resource-tag',
    },
    { actions: ['sqs:CreateQueue', 'sqs:TagQueue'], resources: ['*'], scope: 'request-tag' },
  ],
};
const ALL = ['rds-operator', 'secrets-editor', 'secrets-reader', 'sqs-queue-operator'];

const render = (access: string[], cfg: PolicyConfig = config({ 'sqs-queue-operator': SQS }), name = 'prod-1') =>
  renderPolicy(zonePolicy({ name, access }, cfg));
const parse = (json: string) => JSON.parse(json) as PolicyDocument;
const asList = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

describe('determinism', () => {
  test('the same zone in any preset order, with duplicates, renders to the same string', () => {
    const expected = render(ALL);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(ALL, { minLength: ALL.length, maxLength: ALL.length }),
        fc.subarray(ALL),
        (order, dupes) => {
          expect(render([...order, ...dupes])).toBe(expected);
        },
      ),
    );
  });

  test("config presets in any order (presets, statements' actions and resources) render to the same string", () => {
    const expected = render(ALL);
    const shuffledStatement = (s: PresetStatement) =>
      fc
        .tuple(
          fc.shuffledSubarray([...s.actions], { minLength: s.actions.length, maxLength: s.actions.length }),
          fc.shuffledSubarray([...s.resources], { minLength: s.resources.length, maxLength: s.resources.length }),
        )
        .map(([actions, resources]): PresetStatement => ({ ...s, actions, resources }));
    fc.assert(
      fc.property(fc.tuple(...SQS.statements.map(shuffledStatement)), fc.boolean(), (statements, extraFirst) => {
        const sqs = { ...SQS, statements };
        const other: AccessPreset = {
          name: 'aaa-unused',
          description: 'x',
          statements: [{ actions: ['sqs:ListQueues'], resources: ['*'], scope: 'none' }],
        };
        const presets = extraFirst
          ? { 'aaa-unused': other, 'sqs-queue-operator': sqs }
          : { 'sqs-queue-operator': sqs, 'aaa-unused': other };
        expect(render(ALL, config(presets))).toBe(expected);
      }),
    );
  });

  test('rendering does not depend on the key order of the document', () => {
    const doc = zonePolicy({ name: 'prod-1', access: ALL }, config({ 'sqs-queue-operator': SQS }));
    const reversed: PolicyDocument = {
      Statement: doc.Statement.map((s) => {
        const condition = s.Condition
          ? Object.fromEntries(
              Object.entries(s.Condition)
                .reverse()
                .map(([op, b]) => [op, Object.fromEntries(Object.entries(b).reverse())]),
            )
          : undefined;
        return Object.fromEntries(
          Object.entries({ ...s, ...(condition ? { Condition: condition } : {}) }).reverse(),
        ) as unknown as typeof s;
      }),
      Version: doc.Version,
    } as PolicyDocument;
    expect(renderPolicy(reversed)).toBe(renderPolicy(doc));
  });

  test('stable statement order and Sids', () => {
    expect(parse(render(ALL)).Statement.map((s) => s.Sid)).toEqual([
      'RdsOperator0SecretsEditor0SecretsReader0SqsQueueOperator0',
      'RdsOperator1SecretsEditor1SecretsEditor3SecretsReader1',
      'SecretsEditor2SqsQueueOperator2',
      'SecretsEditor2TagSqsQueueOperator2Tag',
      'SqsQueueOperator1',
      'GuardZoneTagRemoval',
      'GuardZoneTagDeletion',
      'GuardForeignZoneTag',
      'GuardZoneTagChange',
      'GuardTaggingWithoutTagKeys',
      'GuardCreateWithoutZoneTag',
      'GuardSecretNamePrefix',
      'GuardSecretRotationFunction',
    ]);
    expect(parse(render(['rds-operator'])).Statement.map((s) => s.Sid)).toEqual([
      'RdsOperator0',
      'RdsOperator1',
      'GuardZoneTagRemoval',
      'GuardZoneTagDeletion',
      'GuardForeignZoneTag',
      'GuardZoneTagChange',
      'GuardTaggingWithoutTagKeys',
      'GuardSecretNamePrefix',
      'GuardSecretRotationFunction',
    ]);
    expect(
      parse(render(['rds-operator'], config({}, false)))
        .Statement.map((s) => s.Sid)
        .slice(-2),
    ).toEqual(['GuardServiceManagedSecret', 'GuardSecretRotationFunction']);
    expect(parse(render(['secrets-editor'], config({}, true))).Statement.map((s) => s.Sid)).toEqual([
      'SecretsEditor0',
      'SecretsEditor1SecretsEditor3',
      'SecretsEditor2',
      'SecretsEditor2Tag',
      'GuardZoneTagRemoval',
      'GuardZoneTagDeletion',
      'GuardForeignZoneTag',
      'GuardZoneTagChange',
      'GuardTaggingWithoutTagKeys',
      'GuardCreateWithoutZoneTag',
      'GuardSecretNamePrefix',
      'GuardSecretRotationFunction',
    ]);
  });

  test('the exact rds-operator policy', () => {
    expect(render(['rds-operator'])).toBe(
      '{"Version":"2012-10-17","Statement":[' +
        '{"Sid":"RdsOperator0","Effect":"Allow","Action":["rds:DescribeDBClusters","rds:DescribeDBInstances"],"Resource":"*"},' +
        '{"Sid":"RdsOperator1","Effect":"Allow","Action":["rds:RebootDBCluster","rds:RebootDBInstance","rds:StartDBCluster","rds:StartDBInstance","rds:StopDBCluster","rds:StopDBInstance"],"Resource":"*","Condition":{"StringEquals":{"aws:ResourceTag/entigo:zone":"prod-1"}}},' +
        '{"Sid":"GuardZoneTagRemoval","Effect":"Deny","Action":"*","Resource":"*","Condition":{"ForAnyValue:StringEqualsIgnoreCase":{"aws:TagKeys":"entigo:zone"},"Null":{"aws:RequestTag/entigo:zone":"true"}}},' +
        `{"Sid":"GuardZoneTagDeletion","Effect":"Deny","Action":${JSON.stringify(VALUE_CARRYING_UNTAG_ACTIONS)},"Resource":"*","Condition":{"ForAnyValue:StringEqualsIgnoreCase":{"aws:TagKeys":"entigo:zone"}}},` +
        '{"Sid":"GuardForeignZoneTag","Effect":"Deny","Action":"*","Resource":"*","Condition":{"Null":{"aws:RequestTag/entigo:zone":"false"},"StringNotEquals":{"aws:RequestTag/entigo:zone":"prod-1"}}},' +
        '{"Sid":"GuardZoneTagChange","Effect":"Deny","Action":"*","Resource":"*","Condition":{"Null":{"aws:RequestTag/entigo:zone":"false","aws:ResourceTag/entigo:zone":"false"},"StringNotEquals":{"aws:ResourceTag/entigo:zone":"prod-1"}}},' +
        `{"Sid":"GuardTaggingWithoutTagKeys","Effect":"Deny","Action":${JSON.stringify(TAGGING_WITHOUT_TAG_KEYS)},"Resource":"*"},` +
        '{"Sid":"GuardSecretNamePrefix","Effect":"Deny","Action":["secretsmanager:CreateSecret","secretsmanager:TagResource"],"NotResource":"arn:*:secretsmanager:*:*:secret:prod-1/*","Condition":{"Null":{"aws:RequestTag/entigo:zone":"false"}}},' +
        '{"Sid":"GuardSecretRotationFunction","Effect":"Deny","Action":"secretsmanager:RotateSecret","Resource":"*","Condition":{"Null":{"secretsmanager:RotationLambdaARN":"false"},"StringNotLike":{"secretsmanager:RotationLambdaARN":"arn:aws*:lambda:*:${aws:PrincipalAccount}:function:prod-1_*"}}}' +
        ']}',
    );
  });
});

describe('minimal output', () => {
  test('minified: no whitespace outside strings, Sids unique and alphanumeric', () => {
    const json = render(ALL, config({ 'sqs-queue-operator': SQS }, true));
    expect(json).not.toMatch(/\s/);
    const sids = parse(json).Statement.map((s) => s.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    for (const sid of sids) expect(sid).toMatch(/^[A-Za-z0-9]+$/);
  });

  test('no action is granted twice under the same resources and condition, and none twice at all when one grant is unconditional', () => {
    const doc = parse(render(ALL));
    const seen = new Set<string>();
    const unconditional = new Set(
      doc.Statement.filter((s) => s.Effect === 'Allow' && !s.Condition && s.Resource === '*').flatMap((s) =>
        asList(s.Action),
      ),
    );
    for (const s of doc.Statement.filter((st) => st.Effect === 'Allow')) {
      for (const a of asList(s.Action)) {
        const key = JSON.stringify([a, s.Resource, s.Condition ?? null]);
        expect(seen.has(key)).toBe(false);
        seen.add(key);
        if (s.Condition) expect(unconditional.has(a)).toBe(false);
      }
    }
  });

  test('a zone with reader and editor is no bigger than one with editor alone', () => {
    expect(render(['secrets-editor', 'secrets-reader']).length).toBeLessThanOrEqual(
      render(['secrets-editor']).length + 'SecretsReader0SecretsReader1'.length,
    );
    expect(parse(render(['secrets-editor', 'secrets-reader'])).Statement.length).toBe(
      parse(render(['secrets-editor'])).Statement.length,
    );
  });

  test('an action a config preset grants unconditionally is dropped from conditional grants', () => {
    const wide: AccessPreset = {
      name: 'secret-describer',
      description: 'x',
      statements: [{ actions: ['secretsmanager:DescribeSecret'], resources: ['*'], scope: 'none' }],
    };
    const doc = parse(render(['secret-describer', 'secrets-reader'], config({ 'secret-describer': wide })));
    const conditional = doc.Statement.filter((s) => s.Effect === 'Allow' && s.Condition).flatMap((s) =>
      asList(s.Action),
    );
    expect(conditional).toEqual(['secretsmanager:GetSecretValue', 'secretsmanager:ListSecretVersionIds']);
  });
});

describe('conditions', () => {
  const statement = (json: string, sid: string) => parse(json).Statement.find((s) => s.Sid === sid)!;

  test('the zone tag key comes from the config', () => {
    const cfg = { ...config(), zoneTagKey: 'team/zone' };
    const json = render(['rds-operator'], cfg);
    expect(json).toContain('"aws:ResourceTag/team/zone":"prod-1"');
    expect(json).not.toContain('entigo:zone');
  });

  test('create: exactly the own zone tag; tag-on-create: onto an untagged resource only', () => {
    const json = render(['secrets-editor']);
    expect(statement(json, 'SecretsEditor2')).toEqual({
      Sid: 'SecretsEditor2',
      Effect: 'Allow',
      Action: 'secretsmanager:CreateSecret',
      Resource: '*',
      Condition: {
        'ForAllValues:StringEquals': { 'aws:TagKeys': 'entigo:zone' },
        StringEquals: { 'aws:RequestTag/entigo:zone': 'prod-1' },
      },
    });
    expect(statement(json, 'SecretsEditor2Tag').Condition).toEqual({
      'ForAllValues:StringEquals': { 'aws:TagKeys': 'entigo:zone' },
      Null: { 'aws:ResourceTag/entigo:zone': 'true' },
      StringEquals: { 'aws:RequestTag/entigo:zone': 'prod-1' },
    });
  });

  test('zoneNamePrefix false swaps it for a guard on secrets other services manage (rds!...)', () => {
    expect(statement(render(['rds-operator'], config({}, false)), 'GuardServiceManagedSecret')).toEqual({
      Sid: 'GuardServiceManagedSecret',
      Effect: 'Deny',
      Action: ['secretsmanager:CreateSecret', 'secretsmanager:TagResource'],
      Resource: 'arn:*:secretsmanager:*:*:secret:*!*',
      Condition: { Null: { 'aws:RequestTag/entigo:zone': 'false' } },
    });
    expect(parse(render(['rds-operator'], config({}, false))).Statement.map((s) => s.Sid)).not.toContain(
      'GuardSecretNamePrefix',
    );
  });

  test('zoneNamePrefix adds a guard limited to <zone>/ secrets', () => {
    expect(statement(render(['rds-operator'], config({}, true)), 'GuardSecretNamePrefix')).toEqual({
      Sid: 'GuardSecretNamePrefix',
      Effect: 'Deny',
      Action: ['secretsmanager:CreateSecret', 'secretsmanager:TagResource'],
      NotResource: 'arn:*:secretsmanager:*:*:secret:prod-1/*',
      Condition: { Null: { 'aws:RequestTag/entigo:zone': 'false' } },
    });
  });
});

describe('errors', () => {
  const thrown = (fn: () => unknown): ValidationError => {
    try {
      fn();
    } catch (err) {
      expect(err).toBeInstanceOf(ValidationError);
      return err as ValidationError;
    }
    throw new Error('did not throw');
  };

  test('an unknown preset is a ValidationError naming it', () => {
    const err = thrown(() => zonePolicy({ name: 'prod-1', access: ['nope'] }, config()));
    expect(err.diagnostics).toEqual([
      { file: 'zone "prod-1"', field: 'access', code: 'unknown-preset', message: 'unknown access preset "nope"' },
    ]);
  });

  test.each(['Prod-1', 'prod_1', 'prod-', '*', 'a/b', ''])(
    'zone name %j is refused (it would be a policy value)',
    (name) => {
      const err = thrown(() => zonePolicy({ name, access: ['rds-operator'] }, config()));
      expect(err.diagnostics.map((d) => [d.field, d.code])).toEqual([['name', 'invalid-value']]);
    },
  );

  test('an invalid zone tag key is refused', () => {
    for (const zoneTagKey of ['aws:zone', 'AWS:zone', 'zone*']) {
      const err = thrown(() => zonePolicy({ name: 'a', access: [] }, { ...config(), zoneTagKey }));
      expect(err.diagnostics.map((d) => [d.field, d.code])).toEqual([['zoneTagKey', 'invalid-value']]);
    }
  });
});

describe('untagging the zone key with its value (ec2:DeleteTags Key=K,Value=<own zone>)', () => {
  test('is denied even next to an Allow * policy, while other tags may still be removed', async () => {
    const { ALLOW_ALL, simulate } = await import('./simulate');
    const policy = parse(render(['rds-operator']));
    const arn = 'arn:aws:ec2:eu-north-1:123456789012:instance/i-0123456789abcdef0';
    const own = { 'aws:ResourceTag/entigo:zone': 'prod-1' };
    const deleteZoneTagWithValue = { ...own, 'aws:TagKeys': ['entigo:zone'], 'aws:RequestTag/entigo:zone': 'prod-1' };
    expect(await simulate([policy, ALLOW_ALL], 'ec2:DeleteTags', arn, deleteZoneTagWithValue)).toBe('ExplicitlyDenied');
    const deleteOtherTag = { ...own, 'aws:TagKeys': ['team'], 'aws:RequestTag/team': 'x' };
    expect(await simulate([policy, ALLOW_ALL], 'ec2:DeleteTags', arn, deleteOtherTag)).toBe('Allowed');
  });
});
