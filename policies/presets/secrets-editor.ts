import type { PolicyStatement } from '../zone-policy';
import { definePreset, type GuardContext } from './define';
import reader from './secrets-reader';

/**
 * `secrets.zoneNamePrefix`: the zone tag only goes onto secrets named `<zone>/...`, so an untagged
 * legacy secret can only be claimed by the zone its name already points at (see the doc below).
 */
function secretNamePrefixGuard({ zone, key, config }: GuardContext): PolicyStatement[] {
  if (!config.secrets.zoneNamePrefix) return [];
  return [
    {
      Sid: 'GuardSecretNamePrefix',
      Effect: 'Deny',
      Action: ['secretsmanager:CreateSecret', 'secretsmanager:TagResource'],
      NotResource: `arn:*:secretsmanager:*:*:secret:${zone}/*`,
      Condition: { Null: { [`aws:RequestTag/${key}`]: 'false' } },
    },
  ];
}

/** Everything secrets-reader allows, plus changing, rotating, deleting and creating the zone's secrets. */
export default definePreset({
  summary: 'Everything secrets-reader allows; change, rotate and delete secrets of the zone; create secrets tagged with the zone.',
  doc:
    'Writes are scoped like reads (`aws:ResourceTag/<key>` on the `Secret`). Creating requires the zone tag ' +
    'and no other tag. Per the `CreateSecret` API reference a create with tags is also authorized as ' +
    '`secretsmanager:TagResource` on the new secret, which has no zone tag yet; so `TagResource` is allowed ' +
    'only when it sets exactly the own zone on a secret without a zone tag. **Residual risk:** the same ' +
    '`TagResource` can claim an *existing* untagged secret; IAM has no key that tells tag-on-create from a later ' +
    'tag. With `secrets.zoneNamePrefix: true` every zone gets `GuardSecretNamePrefix`: the zone tag only goes ' +
    'onto secrets named `<zone>/...`. `RotateSecret` can also (re)configure rotation (`RotationLambdaARN`); ' +
    'not restricted here.',
  links: [
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecretsmanager.html',
    'https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html',
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
  ],
  taggable: reader.taggable,
  notGranted: [
    'secretsmanager:CancelRotateSecret',
    'secretsmanager:DeleteResourcePolicy',
    'secretsmanager:PutResourcePolicy',
    'secretsmanager:RestoreSecret',
    'secretsmanager:UpdateSecretVersionStage',
  ],
  guards: secretNamePrefixGuard,
});
