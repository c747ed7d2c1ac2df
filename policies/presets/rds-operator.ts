import { definePreset } from './define';

/** Reboot, start and stop the zone's RDS instances and Aurora clusters. */
export default definePreset({
  summary: 'Describe RDS instances and clusters; reboot, start and stop those of the zone.',
  doc:
    'Reboot, start and stop are authorized against the `db` and `cluster` resources, both of which carry ' +
    "`aws:ResourceTag/<key>`, so they are limited to the zone's instances and clusters. (`rds:ResourceTag/...` " +
    'is not an RDS condition key; it would deny every reboot.) `DescribeDBInstances`/`DescribeDBClusters` ' +
    'without an identifier are authorized against a wildcard resource with no tags, so they stay unscoped: they ' +
    'return metadata (endpoints, status, tags) of every instance, never data or credentials. ' +
    '`StopDBInstance` with `DBSnapshotIdentifier` (SQL Server) is also authorized on the new snapshot, which has ' +
    'no zone tag: denied.',
  links: [
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonrds.html',
    'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAM.SpecifyingCustomTags.html',
  ],
  statements: [
    {
      scope: 'none',
      actions: ['rds:DescribeDBClusters', 'rds:DescribeDBInstances'],
      why: 'without an identifier they are authorized against an untagged wildcard resource; metadata only',
    },
    {
      scope: 'resource-tag',
      actions: [
        'rds:RebootDBCluster',
        'rds:RebootDBInstance',
        'rds:StartDBCluster',
        'rds:StartDBInstance',
        'rds:StopDBCluster',
        'rds:StopDBInstance',
      ],
    },
  ],
  taggable: [
    { type: 'db', tag: 'rds:AddTagsToResource', untag: 'rds:RemoveTagsFromResource', create: 'rds:CreateDBInstance' },
    {
      type: 'cluster',
      tag: 'rds:AddTagsToResource',
      untag: 'rds:RemoveTagsFromResource',
      create: 'rds:CreateDBCluster',
    },
  ],
  notGranted: ['rds:CreateDBSnapshot', 'rds:DeleteDBCluster', 'rds:DeleteDBInstance', 'rds:ModifyDBInstance'],
});
