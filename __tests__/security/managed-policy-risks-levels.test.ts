import type { IamAction } from '../../model/iam-data';
import { crossZoneActions, exampleActions } from '../../model/managed-policy-risks';

/**
 * Which access levels reach other zones' resources, with synthetic action records (service
 * `zz-synthetic`, which AWS does not have): today every Permissions management and Tagging action
 * AWS lists is also Write, so only such records show that each level counts on its own.
 */

const action = (name: string, accessLevels: IamAction['accessLevels']): IamAction => ({
  id: `zz-synthetic:${name}`,
  service: 'zz-synthetic',
  name,
  description: '',
  accessLevels,
  resourceTypes: [{ name: 'thing', required: true }],
  conditionKeys: [],
});
const SYNTHETIC = [
  action('PermissionsOnly', ['Permissions management']),
  action('TaggingOnly', ['Tagging']),
  action('ListAndWrite', ['List', 'Write']),
  action('ListOnly', ['List']),
];

jest.mock('../../model/iam-data', () => {
  const actual = jest.requireActual('../../model/iam-data');
  return {
    ...actual,
    expandActionPattern: (p: string) => (p === 'zz-synthetic:*' ? SYNTHETIC : actual.expandActionPattern(p)),
  };
});

test('permission and tag changes count on their own; a List that also writes counts; a plain List does not', () => {
  expect(
    crossZoneActions({ Statement: { Effect: 'Allow', Action: 'zz-synthetic:*', Resource: '*' } }).map((a) => a.name),
  ).toEqual(['ListAndWrite', 'PermissionsOnly', 'TaggingOnly']);
});

describe('example actions: data reads are recognized by the verb the name starts with', () => {
  const a = (id: string): IamAction => {
    const [service, name] = id.split(':') as [string, string];
    return {
      id,
      service,
      name,
      description: '',
      accessLevels: ['Read'],
      resourceTypes: [{ name: 'x', required: true }],
      conditionKeys: [],
    };
  };
  const preferred = new Set(['logs', 'rds']);

  test('StartQuery is a data read; a name that only contains a verb is not', () => {
    expect(exampleActions([a('logs:DescribeGetters'), a('logs:StartQuery')], preferred, 3)).toEqual([
      'logs:StartQuery',
    ]);
    expect(exampleActions([a('rds:DescribeGetters'), a('rds:ListReadReplicas')], preferred, 3)).toEqual([]);
  });
});
