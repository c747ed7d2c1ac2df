import { definePreset } from './define';

/** Read the values of the zone's secrets. */
export default definePreset({
  summary: 'List secrets; read the values and metadata of secrets of the zone.',
  doc:
    'Reading a secret (`GetSecretValue`, `DescribeSecret`, `ListSecretVersionIds`) is authorized against the ' +
    "`Secret` resource, which carries `aws:ResourceTag/<key>`: only the zone's secrets. `ListSecrets` has no " +
    'resource type at all, so it cannot be scoped; it returns names and metadata of every secret, never values. ' +
    'Secrets encrypted with a customer-managed KMS key also need `kms:Decrypt` through the key policy, which is ' +
    'not granted here.',
  links: [
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_awssecretsmanager.html',
    'https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_GetSecretValue.html',
  ],
  statements: [
    { scope: 'none', actions: ['secretsmanager:ListSecrets'], why: 'ListSecrets has no resource type; metadata only' },
    {
      scope: 'resource-tag',
      actions: [
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
        'secretsmanager:ListSecretVersionIds',
      ],
    },
  ],
  taggable: [
    {
      type: 'Secret',
      tag: 'secretsmanager:TagResource',
      untag: 'secretsmanager:UntagResource',
      create: 'secretsmanager:CreateSecret',
    },
  ],
  notGranted: ['secretsmanager:CancelRotateSecret', 'secretsmanager:PutResourcePolicy', 'secretsmanager:RestoreSecret'],
});
