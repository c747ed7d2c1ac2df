import { actionsByScope, provePreset } from './prove-preset';

provePreset('secrets-reader');

test('secrets-reader: list unscoped; read values and metadata of secrets of the zone', () => {
  expect(actionsByScope('secrets-reader')).toEqual({
    none: ['secretsmanager:ListSecrets'],
    resourceTag: [
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetSecretValue',
      'secretsmanager:ListSecretVersionIds',
    ],
    requestTag: [],
    tagOnCreate: [],
  });
});
