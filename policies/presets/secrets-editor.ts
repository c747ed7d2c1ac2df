import type { PolicyStatement } from '../policy-document';
import { definePreset, type GuardContext } from './define';
import reader from './secrets-reader';

/**
 * Where a zone may put its tag on a secret (by create or `TagResource`). IAM cannot tell the
 * `TagResource` half of a `CreateSecret` with tags from a later `TagResource` on an existing untagged
 * secret, so the secret's name is what keeps a zone from claiming secrets that are not its own:
 * - `secrets.zoneNamePrefix: true` (default): only secrets named `<zone>/...` (`GuardSecretNamePrefix`);
 *   an untagged legacy secret or one another service manages (`rds!...`) is out of reach.
 * - `false` (opt-out, docs/security.md "Untagged secrets"): never a secret another AWS service manages. Their names start
 *   with the service's id and a `!` (`rds!db-...`), a character `CreateSecret` does not accept in names,
 *   so `*!*` matches those secrets only (`GuardServiceManagedSecret`).
 * Both are denies keyed on `aws:RequestTag`, so they hold whatever else the zone's role is allowed.
 */
function secretNameGuard({ zone, key, config }: GuardContext): PolicyStatement[] {
  const action = ['secretsmanager:CreateSecret', 'secretsmanager:TagResource'];
  const condition = { Null: { [`aws:RequestTag/${key}`]: 'false' } };
  if (config.secrets.zoneNamePrefix) {
    return [
      {
        Sid: 'GuardSecretNamePrefix',
        Effect: 'Deny',
        Action: action,
        NotResource: `arn:*:secretsmanager:*:*:secret:${zone}/*`,
        Condition: condition,
      },
    ];
  }
  return [
    {
      Sid: 'GuardServiceManagedSecret',
      Effect: 'Deny',
      Action: action,
      Resource: 'arn:*:secretsmanager:*:*:secret:*!*',
      Condition: condition,
    },
  ];
}

/**
 * `RotateSecret` may (re)configure rotation with `RotationLambdaARN`. Only a function of the own zone:
 * the key is an ARN, not a tag, so "of the zone" is a naming convention, `<zone>_...` (zone names
 * have no `_`, so `prod_` never matches `prod-1_...`), in the caller's own account
 * (`${aws:PrincipalAccount}`, the account the permission set's role is in). A deny in every zone's
 * policy, so it also holds next to a managed policy that grants `RotateSecret`. A request without
 * the key (rotate with what the secret already has) is not affected. `StringNotLike`, not `ArnNotLike`:
 * IAM allows policy variables in both, but the simulator the tests use does not resolve them in ARN
 * operators, and a string match is what a test can prove.
 */
function rotationFunctionGuard({ zone }: GuardContext): PolicyStatement[] {
  const key = 'secretsmanager:RotationLambdaARN';
  return [
    {
      Sid: 'GuardSecretRotationFunction',
      Effect: 'Deny',
      Action: 'secretsmanager:RotateSecret',
      Resource: '*',
      Condition: {
        Null: { [key]: 'false' },
        StringNotLike: { [key]: `arn:aws*:lambda:*:\${aws:PrincipalAccount}:function:${zone}_*` },
      },
    },
  ];
}

/** Everything secrets-reader allows, plus changing, rotating, deleting and creating the zone's secrets. */
export default definePreset({
  summary:
    'Everything secrets-reader allows; change, rotate and delete secrets of the zone; create secrets tagged with the zone.',
  doc:
    'Writes are scoped like reads (`aws:ResourceTag/<key>` on the `Secret`). Creating requires the zone tag ' +
    'and no other tag. Per the `CreateSecret` API reference a create with tags is also authorized as ' +
    '`secretsmanager:TagResource` on the new secret, which has no zone tag yet; so `TagResource` is allowed ' +
    'only when it sets exactly the own zone on a secret without a zone tag. IAM has no key that tells that ' +
    'from a later `TagResource` on an *existing* untagged secret, so the name decides: by default ' +
    '(`secrets.zoneNamePrefix: true`) every zone gets `GuardSecretNamePrefix` and the zone tag only goes onto ' +
    'secrets named `<zone>/...`; an untagged `legacy/db-master` or an RDS-managed `rds!db-...` secret cannot be ' +
    'claimed. With the opt-out (`false`) any untagged secret can be claimed except those another AWS service ' +
    'manages (`GuardServiceManagedSecret`, names with `!`). `RotateSecret` can also (re)configure rotation: ' +
    '`GuardSecretRotationFunction` (every zone) allows `RotationLambdaARN` only for a function named `<zone>_...` in ' +
    "the caller's own account (the key is an ARN, not a tag: a naming convention). Per the `RotateSecret` API " +
    'reference the caller also needs `lambda:InvokeFunction` on the rotation function, granted here on functions ' +
    'tagged with the zone, so the function must be both named and tagged for the zone. Managed external rotation ' +
    '(`ExternalSecretRotationRoleArn`) needs `iam:PassRole`, not granted.',
  links: [
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecretsmanager.html',
    'https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html',
    'https://docs.aws.amazon.com/secretsmanager/latest/userguide/service-linked-secrets.html',
    'https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_RotateSecret.html',
  ],
  statements: [
    ...reader.statements.filter((s) => s.scope === 'none'),
    {
      scope: 'resource-tag',
      actions: [
        ...reader.statements.filter((s) => s.scope === 'resource-tag').flatMap((s) => s.actions),
        'secretsmanager:DeleteSecret',
        'secretsmanager:PutSecretValue',
        'secretsmanager:RotateSecret',
        'secretsmanager:UpdateSecret',
      ],
    },
    { scope: 'request-tag', actions: ['secretsmanager:CreateSecret'], tagOnCreate: ['secretsmanager:TagResource'] },
    {
      scope: 'resource-tag',
      actions: ['lambda:InvokeFunction'],
      why: 'the caller of RotateSecret needs lambda:InvokeFunction on the rotation function (RotateSecret API reference); functions of the zone only',
    },
  ],
  taggable: reader.taggable,
  notGranted: [
    'secretsmanager:CancelRotateSecret',
    'secretsmanager:DeleteResourcePolicy',
    'secretsmanager:PutResourcePolicy',
    'secretsmanager:RestoreSecret',
    'secretsmanager:UpdateSecretVersionStage',
  ],
  guards: (context) => [...secretNameGuard(context), ...rotationFunctionGuard(context)],
});
