import { ValidationError } from '../../model/diagnostics';
import type { AccessPreset, PlatformConfig, PresetStatement } from '../../model/types';
import { accessCatalog, BUILT_IN_PRESETS, isTaggingAction, isTagOnCreate } from '../../policies/catalog';

/** The catalog's edges: names, the reserved-name error, and which actions count as tag-on-create. */

const access = (presets: Record<string, AccessPreset>): Pick<PlatformConfig, 'access'> => ({
  access: { presets, managedPolicies: [], customerManagedPolicies: [] },
});
const preset = (name: string): AccessPreset => ({
  name,
  description: 'x',
  statements: [{ actions: ['sqs:ListQueues'], resources: ['*'], scope: 'none' }],
});

test('a config preset is named by its key in the config, whatever its object says', () => {
  const catalog = accessCatalog(access({ 'queue-lister': preset('something-else') }));
  expect(catalog.get('queue-lister')).toEqual({ ...preset('something-else'), name: 'queue-lister' });
  expect(catalog.has('something-else')).toBe(false);
});

test('names sorted as strings, config presets between the built-ins', () => {
  const builtIns = Object.keys(BUILT_IN_PRESETS);
  const middle = `${builtIns[0]}-zz`;
  const names = [...accessCatalog(access({ [middle]: preset(middle), 'a-first': preset('a-first') })).keys()];
  expect(names).toEqual([...builtIns, middle, 'a-first'].sort());
  expect(names[0]).toBe('a-first');
  expect(names.indexOf(middle)).toBe(names.indexOf(builtIns[0]!) + 1);
});

test('redefining a built-in preset: a ValidationError naming the config field', () => {
  const name = Object.keys(BUILT_IN_PRESETS)[0]!;
  let error: unknown;
  try {
    accessCatalog(access({ [name]: preset(name) }));
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).diagnostics).toEqual([
    {
      file: 'platform config',
      field: `access.presets.${name}`,
      code: 'reserved-preset',
      message: `access preset "${name}" is built in and cannot be redefined by the platform config`,
    },
  ]);
});

describe('tag-on-create companions', () => {
  const st = (actions: string[], tagOnCreate?: string[]): PresetStatement =>
    ({ actions, resources: ['*'], scope: 'request-tag', ...(tagOnCreate ? { tagOnCreate } : {}) }) as PresetStatement;

  test('a built-in statement names its own, in any case; nothing else counts, tagging-like or not', () => {
    const s = st(
      ['secretsmanager:CreateSecret', 'secretsmanager:TagResource', 'secretsmanager:UntagResource'],
      ['secretsmanager:TagResource'],
    );
    expect(isTagOnCreate(s, 'SECRETSMANAGER:tagresource')).toBe(true);
    expect(isTagOnCreate(s, 'secretsmanager:CreateSecret')).toBe(false);
    expect(isTagOnCreate(st(['sqs:CreateQueue', 'sqs:TagQueue'], []), 'sqs:TagQueue')).toBe(false);
  });

  test('a config statement: recognized by name', () => {
    expect(isTagOnCreate(st(['sqs:CreateQueue', 'sqs:TagQueue']), 'sqs:TagQueue')).toBe(true);
    expect(isTagOnCreate(st(['sqs:CreateQueue', 'sqs:TagQueue']), 'sqs:CreateQueue')).toBe(false);
  });

  test.each([
    ['sqs:TagQueue', true],
    ['secretsmanager:TagResource', true],
    ['rds:AddTagsToResource', true],
    ['ec2:CreateTags', true],
    ['logs:PutRetentionPolicyTags', true],
    ['s3:PutBucketTagging', true],
    ['route53:ChangeTagsForResource', true],
    ['ssm:AddTagsToResource', true],
    ['iot:UpdateThingTags', true],
    ['elasticache:SetTagging', true],
    ['dms:ReplicateTags', true],
    ['cloudfront:CreateStreamingDistributionWithTags', false],
    ['ec2:CreateTagsWithSomething', false],
    ['sqs:CreateQueue', false],
    ['sqs:UntagQueue', false],
    ['ec2:DeleteTags', false],
    ['s3:GetBucketTagging', false],
    ['sqs:ListQueueTags', false],
    ['rds:AddTagsToResourceX:y', false],
    ['sqs:Foo:TagQueue', false],
    ['sqs x:TagQueue', false],
    ['xTagResource', false],
    [':TagResource', false],
    ['sqs:tagqueue', true],
    ['Sqs:Tag', true],
    ['sqs:Tag Queue', false],
    ['ec2:CreateTag', false],
  ])('%s writes tags: %s', (action, expected) => {
    expect(isTaggingAction(action)).toBe(expected);
  });
});
