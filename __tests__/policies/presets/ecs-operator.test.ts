import { ALLOW_ALL, arnOf, resourceTagContext, simulate, type Context } from '../simulate';
import { actionsByScope, definitionOf, policyFor, provePreset } from './prove-preset';

provePreset('ecs-operator');

const K = 'entigo:zone';

describe('ecs-operator', () => {
  const policy = policyFor('prod', ['ecs-operator']);
  const on = async (action: string, type: string, name: string, zone: string | undefined, extra: Context = {}) =>
    simulate([policy], action, await arnOf('ecs', type, name), {
      ...(await resourceTagContext('ecs', type, K, zone)),
      ...extra,
    });

  test('lists unscoped; describe services and tasks, stop tasks, ECS Exec of the zone; no UpdateService (ecs-deployer)', () => {
    expect(actionsByScope('ecs-operator')).toEqual({
      none: ['ecs:ExecuteCommand', 'ecs:ListClusters', 'ecs:ListServices', 'ecs:ListTasks'],
      resourceTag: ['ecs:DescribeServices', 'ecs:DescribeTasks', 'ecs:ExecuteCommand', 'ecs:StopTask'],
      requestTag: [],
      tagOnCreate: [],
    });
    // The only unscoped ExecuteCommand is on clusters.
    const unscopedExec = definitionOf('ecs-operator').statements.filter(
      (s) => s.scope === 'none' && s.actions.includes('ecs:ExecuteCommand'),
    );
    expect(unscopedExec.map((s) => s.resources)).toEqual([['arn:aws:ecs:*:*:cluster/*']]);
  });

  test('UpdateService is not granted, not even on a zone service (it is ecs-deployer, which states what IAM cannot check)', async () => {
    expect(await on('ecs:UpdateService', 'service', 'web', 'prod')).toBe('ImplicitlyDenied');
  });

  test('ECS Exec: any cluster (shared), but only tasks of the zone', async () => {
    expect(await on('ecs:ExecuteCommand', 'cluster', 'shared', undefined)).toBe('Allowed');
    expect(await on('ecs:ExecuteCommand', 'task', 'abc', 'prod')).toBe('Allowed');
    for (const zone of ['prod-1', 'PROD', undefined])
      expect({ zone, r: await on('ecs:ExecuteCommand', 'task', 'abc', zone) }).toEqual({ zone, r: 'ImplicitlyDenied' });
  });

  test('the zone tag of a service or task cannot be removed or changed, even next to Allow *', async () => {
    const untag = { 'aws:TagKeys': [K] };
    for (const type of ['service', 'task', 'cluster']) {
      const arn = await arnOf('ecs', type, 'x');
      expect(
        await simulate([policy, ALLOW_ALL], 'ecs:UntagResource', arn, {
          ...(await resourceTagContext('ecs', type, K, 'prod')),
          ...untag,
        }),
      ).toBe('ExplicitlyDenied');
    }
  });
});
