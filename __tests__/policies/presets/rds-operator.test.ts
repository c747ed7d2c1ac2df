import { actionsByScope, provePreset } from './prove-preset';

provePreset('rds-operator');

test('rds-operator: describe unscoped; reboot, start and stop instances and clusters of the zone', () => {
  expect(actionsByScope('rds-operator')).toEqual({
    none: ['rds:DescribeDBClusters', 'rds:DescribeDBInstances'],
    resourceTag: [
      'rds:RebootDBCluster',
      'rds:RebootDBInstance',
      'rds:StartDBCluster',
      'rds:StartDBInstance',
      'rds:StopDBCluster',
      'rds:StopDBInstance',
    ],
    requestTag: [],
    tagOnCreate: [],
  });
});
