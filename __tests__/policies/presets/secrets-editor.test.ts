import { actionsByScope, policyFor, provePreset } from './prove-preset';

provePreset('secrets-editor');

describe('secrets-editor', () => {
  test('is secrets-reader plus writes of the zone and creating into the zone', () => {
    const editor = actionsByScope('secrets-editor');
    const reader = actionsByScope('secrets-reader');
    expect(editor.none).toEqual(reader.none);
    expect(editor.resourceTag).toEqual(expect.arrayContaining(reader.resourceTag));
    expect(editor).toEqual({
      none: ['secretsmanager:ListSecrets'],
      resourceTag: [
        // Rotation: the caller needs to be allowed to invoke the rotation function (functions of the zone).
        'lambda:InvokeFunction',
        'secretsmanager:DeleteSecret',
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
        'secretsmanager:ListSecretVersionIds',
        'secretsmanager:PutSecretValue',
        'secretsmanager:RotateSecret',
        'secretsmanager:UpdateSecret',
      ],
      requestTag: ['secretsmanager:CreateSecret'],
      tagOnCreate: ['secretsmanager:TagResource'],
    });
  });

  test('its guards go to every zone, whatever its presets: GuardSecretNamePrefix by default, GuardServiceManagedSecret when opted out; GuardSecretRotationFunction', () => {
    for (const access of [['secrets-editor'], ['rds-operator'], []]) {
      const on = policyFor('prod', access, true).Statement.map((s) => s.Sid);
      const off = policyFor('prod', access, false).Statement.map((s) => s.Sid);
      expect({
        access,
        on: on.filter((s) => s.startsWith('GuardS')),
        off: off.filter((s) => s.startsWith('GuardS')),
      }).toEqual({
        access,
        on: ['GuardSecretNamePrefix', 'GuardSecretRotationFunction'],
        off: ['GuardServiceManagedSecret', 'GuardSecretRotationFunction'],
      });
    }
  });
});
