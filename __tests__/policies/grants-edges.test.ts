import type { AccessPreset, PlatformConfig } from '../../model/types';
import { actionGrants } from '../../policies/grants';

/**
 * The grants of a preset list are computed once per config object and preset list: the cache must
 * never hand one zone the grants of another zone's list, however the preset names are split.
 */

const preset = (name: string, action: string): AccessPreset => ({
  name,
  description: name,
  statements: [{ actions: [action], resources: ['*'], scope: 'resource-tag' }],
});

const config = (): Pick<PlatformConfig, 'access'> => ({
  access: {
    presets: {
      ab: preset('ab', 'sqs:PurgeQueue'),
      c: preset('c', 'sqs:ReceiveMessage'),
      a: preset('a', 'sqs:SendMessage'),
      bc: preset('bc', 'sqs:DeleteMessage'),
    },
    managedPolicies: [],
    customerManagedPolicies: [],
  },
});

const actions = (g: ReturnType<typeof actionGrants>) => [...g.values()].map((e) => e.action);

test('two preset lists that concatenate to the same text get their own grants', () => {
  const cfg = config();
  // Asked in both orders, so whichever list fills the cache first, the other must not read it.
  expect(actions(actionGrants({ access: ['ab', 'c'] }, cfg))).toEqual(['sqs:PurgeQueue', 'sqs:ReceiveMessage']);
  expect(actions(actionGrants({ access: ['a', 'bc'] }, cfg))).toEqual(['sqs:DeleteMessage', 'sqs:SendMessage']);
  const other = config();
  expect(actions(actionGrants({ access: ['a', 'bc'] }, other))).toEqual(['sqs:DeleteMessage', 'sqs:SendMessage']);
  expect(actions(actionGrants({ access: ['ab', 'c'] }, other))).toEqual(['sqs:PurgeQueue', 'sqs:ReceiveMessage']);
});

test('a list and the same names joined by a comma are different lists', () => {
  const cfg = config();
  expect(actions(actionGrants({ access: ['a', 'c'] }, cfg))).toEqual(['sqs:ReceiveMessage', 'sqs:SendMessage']);
  expect(() => actionGrants({ access: ['a,c'] }, cfg)).toThrow(/unknown access preset "a,c"/);
});

test('each config object has its own catalog: a preset of one config is unknown to another', () => {
  const cfg = config();
  expect(actions(actionGrants({ access: ['a'] }, cfg))).toEqual(['sqs:SendMessage']);
  const empty: Pick<PlatformConfig, 'access'> = {
    access: { presets: {}, managedPolicies: [], customerManagedPolicies: [] },
  };
  expect(() => actionGrants({ access: ['a'] }, empty)).toThrow(/unknown access preset "a"/);
});

describe('grant labels', () => {
  const labels = (statements: AccessPreset['statements']) => {
    const cfg: Pick<PlatformConfig, 'access'> = {
      access: {
        presets: { p: { name: 'p', description: 'p', statements } },
        managedPolicies: [],
        customerManagedPolicies: [],
      },
    };
    return Object.fromEntries([...actionGrants({ access: ['p'] }, cfg).entries()].map(([k, g]) => [k, g.grants]));
  };

  test('no resources means every resource, as `*` does: the label has no "on"', () => {
    expect(labels([{ actions: ['sqs:PurgeQueue'], resources: [], scope: 'resource-tag' }])).toEqual({
      'sqs:purgequeue': ['resource-tag'],
    });
  });

  test('resources are named sorted, `*` among others included', () => {
    expect(
      labels([
        {
          actions: ['sqs:PurgeQueue'],
          resources: ['arn:aws:sqs:*:*:b-*', 'arn:aws:sqs:*:*:a-*'],
          scope: 'resource-tag',
        },
      ]),
    ).toEqual({
      'sqs:purgequeue': ['resource-tag on arn:aws:sqs:*:*:a-*, arn:aws:sqs:*:*:b-*'],
    });
    expect(
      labels([{ actions: ['sqs:PurgeQueue'], resources: ['arn:aws:sqs:*:*:b-*', '*'], scope: 'resource-tag' }]),
    ).toEqual({
      'sqs:purgequeue': ['resource-tag on *, arn:aws:sqs:*:*:b-*'],
    });
  });

  test('actions come sorted whatever order the presets list them in', () => {
    const actions = [
      'sqs:SendMessage',
      'sqs:ReceiveMessage',
      'sqs:PurgeQueue',
      'sqs:GetQueueUrl',
      'sqs:DeleteMessage',
      'sqs:ChangeMessageVisibility',
    ];
    const cfg: Pick<PlatformConfig, 'access'> = {
      access: {
        presets: {
          p: { name: 'p', description: 'p', statements: [{ actions, resources: ['*'], scope: 'resource-tag' }] },
        },
        managedPolicies: [],
        customerManagedPolicies: [],
      },
    };
    expect([...actionGrants({ access: ['p'] }, cfg).values()].map((g) => g.action)).toEqual([...actions].sort());
  });
});
