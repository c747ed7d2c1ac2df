import { definePreset } from './define';

/**
 * What `ecs:UpdateService` can change, by AWS's condition key for it (service reference, actions table:
 * the action's keys plus those of its `service` resource type, in the actions table and the resource types table). `absent`: a request that sets the key
 * is not allowed, because the value names or switches on a resource of its own (which may be another
 * zone's); otherwise the reason the key needs no condition. A test compares these keys with AWS's data,
 * so a key AWS adds fails it until it is decided here.
 */
export const UPDATE_SERVICE_KEYS: Readonly<Record<string, 'absent' | string>> = Object.freeze({
  'ecs:task-definition': 'absent', // another zone's task definition (and its task role)
  'ecs:capacity-provider': 'absent', // another zone's EC2 capacity: tasks next to its tasks and instance role
  'ecs:namespace': 'absent', // another zone's Service Connect namespace: receive its traffic
  'ecs:enable-service-connect': 'absent', // switches on Service Connect (a namespace)
  'ecs:enable-vpc-lattice': 'absent', // switches on VPC Lattice (target groups, an infrastructure role)
  'ecs:enable-ebs-volumes': 'absent', // switches on managed EBS volumes (from a snapshot, with a role)
  'ecs:subnet': 'absent', // another zone's subnets; the whole network configuration (security groups need subnets)
  'ecs:auto-assign-public-ip': 'part of the network configuration, which needs ecs:subnet (absent)',
  'ecs:enable-execute-command': "ECS Exec on the zone's own tasks, which ExecuteCommand still scopes to the zone",
  'ecs:enable-ecs-managed-tags': "tags on the service's own tasks",
  'ecs:propagate-tags': "tags on the service's own tasks; without them the tasks leave the zone's reach, not another's",
  'ecs:task-cpu': "size of the service's own tasks",
  'ecs:task-memory': "size of the service's own tasks",
  'ecs:cluster': "the service's own cluster (UpdateService cannot move a service)",
  'aws:ResourceTag/${TagKey}': 'the zone scope of the statement',
  'ecs:ResourceTag/${TagKey}': "the service's own tags, the same as aws:ResourceTag",
});

const absent = Object.fromEntries(
  Object.entries(UPDATE_SERVICE_KEYS)
    .filter(([, v]) => v === 'absent')
    .map(([k]) => [k, 'true']),
);

/** Redeploy and scale the zone's ECS services, with the residual risk of what IAM cannot see. */
export default definePreset({
  summary:
    'Redeploy and scale ECS services of the zone (UpdateService); see its documentation for what IAM cannot check.',
  doc:
    '`UpdateService` is one API for redeploying (`forceNewDeployment`), scaling and reconfiguring a service. ' +
    'It is allowed only on services tagged with the zone, and only when the request sets none of the condition ' +
    'keys that name or switch on another resource: task definition, capacity provider, Service Connect ' +
    '(namespace), VPC Lattice, managed EBS volumes, subnets (so no network configuration: security groups need ' +
    'subnets). A plain redeploy or a new desired count sets none of them. **Residual risk:** some fields of ' +
    "the request have no condition key at all, so IAM cannot judge them: `loadBalancers` (register the zone's " +
    "tasks in another zone's target group and receive its traffic), `serviceRegistries` (register them in " +
    "another zone's Cloud Map service) and placement constraints/strategies (on a shared EC2 cluster, place them " +
    'on instances another zone uses). Give this preset only to zones trusted with that, or keep those services ' +
    'in accounts or clusters of their own; `ecs-operator` (stop tasks, ECS Exec) does not include it.',
  links: [
    'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerservice.html',
    'https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_UpdateService.html',
  ],
  statements: [
    {
      scope: 'resource-tag',
      actions: ['ecs:UpdateService'],
      condition: { Null: absent },
      why: 'only requests that name no other resource (no task definition, capacity provider, namespace, subnets, Lattice, EBS)',
    },
  ],
  taggable: [{ type: 'service', tag: 'ecs:TagResource', untag: 'ecs:UntagResource', create: 'ecs:CreateService' }],
  notGranted: ['ecs:CreateService', 'ecs:DeleteService', 'ecs:RegisterTaskDefinition'],
});
