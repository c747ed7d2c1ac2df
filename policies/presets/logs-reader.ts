import { definePreset } from './define';

/** Read and query the zone's CloudWatch Logs log groups. */
export default definePreset({
  summary: 'List log groups; read, filter and query (Logs Insights) log groups of the zone.',
  doc:
    'Reading is authorized against the `log-group` resource (and `log-stream` for `GetLogEvents`, judged by its ' +
    "log group's tags), both of which carry `aws:ResourceTag/<key>`: only log groups tagged with the zone. A " +
    "Logs Insights query over several log groups needs every one of them to be the zone's. A query whose string " +
    'selects its log groups with `SOURCE` (a name prefix, or every log group) is authorized in a way AWS does ' +
    "not document: against each log group it reads (then only the zone's) or against a wildcard ARN that " +
    'carries no tag (then denied); not verified against AWS here. ' +
    '`DescribeLogGroups` has no resource type and cannot be scoped: it lists the names and settings of every ' +
    'log group (no events). `StopQuery` and `DescribeQueries` have no resource type either; they are not ' +
    'granted (a started query runs to its end). Live Tail is not granted.',
  links: [
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatchlogs.html',
    'https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/iam-access-control-overview-cwl.html',
  ],
  statements: [
    {
      scope: 'none',
      actions: ['logs:DescribeLogGroups'],
      why: 'DescribeLogGroups has no resource type; names and settings only',
    },
    {
      scope: 'resource-tag',
      actions: [
        'logs:DescribeLogStreams',
        'logs:FilterLogEvents',
        'logs:GetLogEvents',
        'logs:GetLogGroupFields',
        'logs:GetLogRecord',
        'logs:GetQueryResults',
        'logs:StartQuery',
      ],
    },
  ],
  taggable: [
    { type: 'log-group', tag: 'logs:TagResource', untag: 'logs:UntagResource', create: 'logs:CreateLogGroup' },
    // The older log-group-only tagging APIs, still callable.
    { type: 'log-group', tag: 'logs:TagLogGroup', untag: 'logs:UntagLogGroup' },
  ],
  notGranted: [
    'logs:CreateExportTask',
    'logs:DeleteLogGroup',
    'logs:PutLogEvents',
    'logs:PutRetentionPolicy',
    'logs:StartLiveTail',
  ],
});
