import { definePreset } from './define';

/** Stop the zone's ECS tasks and open ECS Exec shells in them (redeploying is `ecs-deployer`). */
export default definePreset({
  summary:
    'List clusters, services and tasks; describe services and tasks, stop tasks and run ECS Exec in tasks of the zone.',
  doc:
    'Services and tasks carry `aws:ResourceTag/<key>`; tasks get the zone tag from their service with ' +
    "`propagateTags: SERVICE` (or from the task definition), which the zone's services must set. " +
    '`UpdateService` is not here: it can also point a service at resources IAM cannot judge (load balancers, ' +
    'placement), so redeploying is the separate `ecs-deployer` preset, which documents that. `ExecuteCommand` is authorized against both the cluster and the task: the task ' +
    "must be the zone's, the cluster (often shared between zones) is not scoped. `ListClusters` and " +
    '`ListServices` have no resource type, and `ListTasks` is authorized against container instances, which ' +
    'Fargate tasks do not have: unscoped, they return ARNs only. The task role needs the `ssmmessages` ' +
    "permissions for ECS Exec; that is the task's, not the caller's.",
  links: [
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerservice.html',
    'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs-exec.html',
  ],
  statements: [
    {
      scope: 'none',
      actions: ['ecs:ListClusters', 'ecs:ListServices', 'ecs:ListTasks'],
      why: 'no resource type (ListTasks: container instances, absent on Fargate); ARNs only',
    },
    // ExecuteCommand's task part must be the zone's; on `*` (not only task ARNs) it shares the zone
    // statement with the others and saves its own (inline policy size), and a zone-tagged cluster
    // matching it too grants nothing the unscoped cluster statement below does not.
    {
      scope: 'resource-tag',
      actions: ['ecs:DescribeServices', 'ecs:DescribeTasks', 'ecs:ExecuteCommand', 'ecs:StopTask'],
    },
    {
      scope: 'none',
      actions: ['ecs:ExecuteCommand'],
      resources: ['arn:aws:ecs:*:*:cluster/*'],
      why: 'ECS Exec is also authorized against the cluster, which zones may share; the task part is zone-scoped',
    },
  ],
  taggable: [
    { type: 'service', tag: 'ecs:TagResource', untag: 'ecs:UntagResource', create: 'ecs:CreateService' },
    { type: 'task', tag: 'ecs:TagResource', untag: 'ecs:UntagResource' },
    { type: 'cluster', tag: 'ecs:TagResource', untag: 'ecs:UntagResource', create: 'ecs:CreateCluster' },
  ],
  notGranted: [
    'ecs:CreateService',
    'ecs:DeleteService',
    'ecs:RegisterTaskDefinition',
    'ecs:RunTask',
    'ecs:UpdateTaskProtection',
  ],
});
