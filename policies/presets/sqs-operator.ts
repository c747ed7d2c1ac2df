import { definePreset } from './define';

/** Purge and redrive the zone's queues and read their attributes. */
export default definePreset({
  summary: 'List queues; read attributes of, purge and redrive (message move tasks) queues of the zone.',
  doc:
    'Every queue action is authorized against the `queue` resource, which carries `aws:ResourceTag/<key>`: ' +
    "only queues tagged with the zone. A redrive (`StartMessageMoveTask`) is carried out with the caller's " +
    'permissions: it receives and deletes messages on the source (dead-letter) queue and sends them to the ' +
    'destination, so the preset also grants `ReceiveMessage`, `DeleteMessage` and `SendMessage` — on the ' +
    "zone's queues only; a redrive into another zone's queue is denied. `ListQueues` has no resource type " +
    'and cannot be scoped: it returns the URLs of every queue. Queues encrypted with a customer-managed KMS ' +
    'key also need `kms:Decrypt`/`kms:GenerateDataKey` through the key policy, not granted here.',
  links: [
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonsqs.html',
    'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-dead-letter-queue-redrive.html',
  ],
  statements: [
    { scope: 'none', actions: ['sqs:ListQueues'], why: 'ListQueues has no resource type; queue URLs only' },
    {
      scope: 'resource-tag',
      actions: [
        'sqs:CancelMessageMoveTask',
        'sqs:DeleteMessage',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:ListDeadLetterSourceQueues',
        'sqs:ListMessageMoveTasks',
        'sqs:PurgeQueue',
        'sqs:ReceiveMessage',
        'sqs:SendMessage',
        'sqs:StartMessageMoveTask',
      ],
    },
  ],
  taggable: [{ type: 'queue', tag: 'sqs:TagQueue', untag: 'sqs:UntagQueue', create: 'sqs:CreateQueue' }],
  notGranted: ['sqs:AddPermission', 'sqs:CreateQueue', 'sqs:DeleteQueue', 'sqs:SetQueueAttributes'],
});
