import { arnOf, resourceTagContext, simulate } from '../simulate';
import { actionsByScope, policyFor, provePreset } from './prove-preset';

provePreset('sqs-operator');

describe('sqs-operator', () => {
  test('list unscoped; purge, redrive and read the attributes of queues of the zone', () => {
    expect(actionsByScope('sqs-operator')).toEqual({
      none: ['sqs:ListQueues'],
      resourceTag: [
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
      requestTag: [],
      tagOnCreate: [],
    });
  });

  test("a redrive works between the zone's queues and never into or out of another zone's", async () => {
    const policy = policyFor('prod', ['sqs-operator']);
    const on = async (action: string, queue: string, zone: string | undefined) =>
      simulate(
        [policy],
        action,
        await arnOf('sqs', 'queue', queue),
        await resourceTagContext('sqs', 'queue', 'entigo:zone', zone),
      );
    // What a redrive from the dead-letter queue to the source queue is authorized as.
    const redrive = async (dlqZone: string | undefined, targetZone: string | undefined) => [
      await on('sqs:StartMessageMoveTask', 'orders-dlq', dlqZone),
      await on('sqs:ReceiveMessage', 'orders-dlq', dlqZone),
      await on('sqs:DeleteMessage', 'orders-dlq', dlqZone),
      await on('sqs:SendMessage', 'orders', targetZone),
    ];
    expect(await redrive('prod', 'prod')).toEqual(['Allowed', 'Allowed', 'Allowed', 'Allowed']);
    expect(await redrive('prod', 'prod-1')).toContain('ImplicitlyDenied');
    expect(await redrive('prod-1', 'prod')).toContain('ImplicitlyDenied');
    expect(await redrive(undefined, 'prod')).toContain('ImplicitlyDenied');
  });
});
