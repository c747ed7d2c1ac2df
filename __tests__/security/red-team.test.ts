import { loadTree } from '../../pipeline/load';
import { BUILT_IN_PRESETS } from '../../policies/catalog';
import { renderPolicy, zonePolicy, type PolicyDocument } from '../../policies/zone-policy';
import {
  ACCOUNT,
  ALLOW_ALL,
  arnOf,
  REGION,
  requestTagContext,
  resourceTagContext,
  simulate,
  type Context,
  type Outcome,
} from '../policies/simulate';
import { SAMPLE_CONFIG, SAMPLE_ZONES } from '../support/tree';

/**
 * A red-team pass: a member of zone `alpha` (holding every built-in preset, with the sample config)
 * tries to reach zone `beta`'s resources through each preset, on angles the per-preset proofs do not
 * take one by one. Each attempt is simulated on the policy as IAM receives it. The residual risks the
 * documentation states (what IAM cannot see) are pinned here too, so the text stays true: if AWS adds
 * a condition key for them, the attempt's outcome changes and this test says so.
 */

const { tree } = loadTree({ zonesDir: SAMPLE_ZONES, configPath: SAMPLE_CONFIG });
const config = tree!.config;
const K = config.zoneTagKey;
const policy: PolicyDocument = JSON.parse(
  renderPolicy(zonePolicy({ name: 'alpha', access: Object.keys(BUILT_IN_PRESETS) }, config)),
);
jest.setTimeout(60_000);

type Attempt = [
  title: string,
  action: string,
  resource: () => Promise<string>,
  context: () => Promise<Context>,
  expected: Outcome,
  withAllowAll?: boolean,
];

const on = (service: string, type: string, name: string) => () => arnOf(service, type, name);
const beta = (service: string, type: string) => () => resourceTagContext(service, type, K, 'beta');
const alpha = (service: string, type: string) => () => resourceTagContext(service, type, K, 'alpha');
const merge =
  (...parts: (() => Promise<Context>)[]) =>
  async () =>
    Object.assign({}, ...(await Promise.all(parts.map((p) => p()))));
const fixed = (c: Context) => async () => c;

const ATTEMPTS: Attempt[] = [
  // ecs-operator / ecs-deployer
  [
    "ECS Exec into beta's task on a cluster tagged alpha (the task part decides)",
    'ecs:ExecuteCommand',
    on('ecs', 'task', 'beta-task'),
    beta('ecs', 'task'),
    'ImplicitlyDenied',
  ],
  ["stop beta's task", 'ecs:StopTask', on('ecs', 'task', 'beta-task'), beta('ecs', 'task'), 'ImplicitlyDenied'],
  [
    "redeploy beta's service",
    'ecs:UpdateService',
    on('ecs', 'service', 'beta-svc'),
    beta('ecs', 'service'),
    'ImplicitlyDenied',
  ],
  [
    "move alpha's service onto beta's capacity provider",
    'ecs:UpdateService',
    on('ecs', 'service', 'alpha-svc'),
    merge(
      alpha('ecs', 'service'),
      fixed({ 'ecs:capacity-provider': [`arn:aws:ecs:${REGION}:${ACCOUNT}:capacity-provider/beta`] }),
    ),
    'ImplicitlyDenied',
  ],
  [
    "join beta's Service Connect namespace",
    'ecs:UpdateService',
    on('ecs', 'service', 'alpha-svc'),
    merge(
      alpha('ecs', 'service'),
      fixed({
        'ecs:namespace': `arn:aws:servicediscovery:${REGION}:${ACCOUNT}:namespace/ns-beta`,
        'ecs:enable-service-connect': 'true',
      }),
    ),
    'ImplicitlyDenied',
  ],
  [
    "put alpha's service into beta's subnets",
    'ecs:UpdateService',
    on('ecs', 'service', 'alpha-svc'),
    merge(alpha('ecs', 'service'), fixed({ 'ecs:subnet': ['subnet-beta'] })),
    'ImplicitlyDenied',
  ],
  // Residual, stated in ecs-deployer's documentation and README: loadBalancers carries no condition key.
  [
    "RESIDUAL: register alpha's tasks in beta's target group (loadBalancers has no key)",
    'ecs:UpdateService',
    on('ecs', 'service', 'alpha-svc'),
    alpha('ecs', 'service'),
    'Allowed',
  ],
  [
    "retag alpha's service into beta, next to Allow *",
    'ecs:TagResource',
    on('ecs', 'service', 'alpha-svc'),
    merge(alpha('ecs', 'service'), () => requestTagContext('ecs:TagResource', { [K]: 'beta' })),
    'ExplicitlyDenied',
    true,
  ],
  // lambda-invoker
  [
    'list every function (environment variables)',
    'lambda:ListFunctions',
    async () => '*',
    fixed({}),
    'ImplicitlyDenied',
  ],
  [
    "invoke beta's function through an alias ARN",
    'lambda:InvokeFunction',
    on('lambda', 'function', 'beta-fn:live'),
    beta('lambda', 'function'),
    'ImplicitlyDenied',
  ],
  [
    "read beta's function configuration",
    'lambda:GetFunctionConfiguration',
    on('lambda', 'function', 'beta-fn'),
    beta('lambda', 'function'),
    'ImplicitlyDenied',
  ],
  // logs-reader
  [
    "Logs Insights query over beta's log group",
    'logs:StartQuery',
    on('logs', 'log-group', 'beta-lg'),
    beta('logs', 'log-group'),
    'ImplicitlyDenied',
  ],
  [
    "results of a query on beta's log group",
    'logs:GetQueryResults',
    on('logs', 'log-group', 'beta-lg'),
    beta('logs', 'log-group'),
    'ImplicitlyDenied',
  ],
  [
    "a log record of beta's log group",
    'logs:GetLogRecord',
    on('logs', 'log-group', 'beta-lg'),
    beta('logs', 'log-group'),
    'ImplicitlyDenied',
  ],
  // rds-operator
  [
    "stop alpha's instance with a final snapshot (untagged new snapshot)",
    'rds:StopDBInstance',
    on('rds', 'snapshot', 'alpha-final'),
    fixed({}),
    'ImplicitlyDenied',
  ],
  [
    "reboot beta's cluster",
    'rds:RebootDBCluster',
    on('rds', 'cluster', 'beta-cl'),
    beta('rds', 'cluster'),
    'ImplicitlyDenied',
  ],
  // secrets-reader / secrets-editor
  [
    "read beta's secret value",
    'secretsmanager:GetSecretValue',
    on('secretsmanager', 'Secret', 'beta/db-AbCdEf'),
    beta('secretsmanager', 'Secret'),
    'ImplicitlyDenied',
  ],
  [
    "overwrite beta's secret value",
    'secretsmanager:PutSecretValue',
    on('secretsmanager', 'Secret', 'beta/db-AbCdEf'),
    beta('secretsmanager', 'Secret'),
    'ImplicitlyDenied',
  ],
  [
    "create a secret in beta's name space tagged alpha, next to Allow *",
    'secretsmanager:CreateSecret',
    on('secretsmanager', 'Secret', 'beta/new-AbCdEf'),
    () => requestTagContext('secretsmanager:CreateSecret', { [K]: 'alpha' }),
    'ExplicitlyDenied',
    true,
  ],
  [
    'claim an untagged legacy secret by tagging it alpha, next to Allow *',
    'secretsmanager:TagResource',
    on('secretsmanager', 'Secret', 'legacy/db-AbCdEf'),
    () => requestTagContext('secretsmanager:TagResource', { [K]: 'alpha' }),
    'ExplicitlyDenied',
    true,
  ],
  [
    "rotate alpha's secret with beta's function, next to Allow *",
    'secretsmanager:RotateSecret',
    on('secretsmanager', 'Secret', 'alpha/db-AbCdEf'),
    merge(
      alpha('secretsmanager', 'Secret'),
      fixed({ 'secretsmanager:RotationLambdaARN': `arn:aws:lambda:${REGION}:${ACCOUNT}:function:beta_rotate` }),
    ),
    'ExplicitlyDenied',
    true,
  ],
  // sqs-operator
  [
    "redrive into beta's queue (the move sends with the caller's permissions)",
    'sqs:SendMessage',
    on('sqs', 'queue', 'beta-q'),
    beta('sqs', 'queue'),
    'ImplicitlyDenied',
  ],
  [
    "receive beta's messages",
    'sqs:ReceiveMessage',
    on('sqs', 'queue', 'beta-q'),
    beta('sqs', 'queue'),
    'ImplicitlyDenied',
  ],
  // ssm-session
  [
    "shell on beta's instance",
    'ssm:StartSession',
    on('ec2', 'instance', 'i-0beta'),
    beta('ec2', 'instance'),
    'ImplicitlyDenied',
  ],
  [
    'session to an ECS task of beta through Session Manager',
    'ssm:StartSession',
    on('ecs', 'task', 'beta-task'),
    beta('ecs', 'task'),
    'ImplicitlyDenied',
  ],
  [
    "port forwarding to a remote host (beta's database) from alpha's instance",
    'ssm:StartSession',
    async () =>
      `arn:aws:ssm:${REGION}::document/AWS-StartPortForwardingSessionToRemoteHost`.replace('::', `:${ACCOUNT}:`),
    fixed({ 'aws:ResourceAccount': ACCOUNT }),
    'ImplicitlyDenied',
  ],
  [
    "another account's document named SSM-SessionManagerRunShell",
    'ssm:StartSession',
    async () => `arn:aws:ssm:${REGION}:210987654321:document/SSM-SessionManagerRunShell`,
    fixed({ 'aws:ResourceAccount': '210987654321' }),
    'ImplicitlyDenied',
  ],
  [
    'end a session of a beta member',
    'ssm:TerminateSession',
    on('ssm', 'session', 'bob-0123'),
    fixed({ 'ssm:resourceTag/aws:ssmmessages:session-id': 'AROAEXAMPLEBETA:bob@example.com' }),
    'ImplicitlyDenied',
  ],
  ['output of a command on any instance', 'ssm:GetCommandInvocation', async () => '*', fixed({}), 'ImplicitlyDenied'],
  // guards, whatever else is attached
  [
    "remove beta's zone tag from its instance, next to Allow *",
    'ec2:DeleteTags',
    on('ec2', 'instance', 'i-0beta'),
    merge(beta('ec2', 'instance'), fixed({ 'aws:TagKeys': [K] })),
    'ExplicitlyDenied',
    true,
  ],
  [
    "retag beta's queue into alpha, next to Allow *",
    'sqs:TagQueue',
    on('sqs', 'queue', 'beta-q'),
    merge(beta('sqs', 'queue'), () => requestTagContext('sqs:TagQueue', { [K]: 'alpha' })),
    'ExplicitlyDenied',
    true,
  ],
  // A second, fresh-eyes pass: angles the rows above and the per-preset proofs do not take.
  [
    'ECS Exec into an untagged task (the cluster part alone is not enough)',
    'ecs:ExecuteCommand',
    on('ecs', 'task', 'legacy-task'),
    fixed({}),
    'ImplicitlyDenied',
  ],
  [
    "describe beta's tasks (their container overrides, environment included)",
    'ecs:DescribeTasks',
    on('ecs', 'task', 'beta-task'),
    beta('ecs', 'task'),
    'ImplicitlyDenied',
  ],
  // Residual, stated in ecs-operator's documentation and README ("ARN-only conditions"): ECS Exec is
  // also authorized against the cluster, which zones may share; only the task part is the zone's.
  [
    "RESIDUAL: the cluster part of ECS Exec on beta's cluster (the task part still decides)",
    'ecs:ExecuteCommand',
    on('ecs', 'cluster', 'beta-cluster'),
    beta('ecs', 'cluster'),
    'Allowed',
  ],
  [
    'start an untagged RDS instance',
    'rds:StartDBInstance',
    on('rds', 'db', 'legacy-db'),
    fixed({}),
    'ImplicitlyDenied',
  ],
  [
    "stop beta's Aurora cluster",
    'rds:StopDBCluster',
    on('rds', 'cluster', 'beta-cl'),
    beta('rds', 'cluster'),
    'ImplicitlyDenied',
  ],
  [
    "rotate alpha's secret naming the function without an ARN (beta_rotate), next to Allow *",
    'secretsmanager:RotateSecret',
    on('secretsmanager', 'Secret', 'alpha/db-AbCdEf'),
    merge(alpha('secretsmanager', 'Secret'), fixed({ 'secretsmanager:RotationLambdaARN': 'beta_rotate' })),
    'ExplicitlyDenied',
    true,
  ],
  [
    "read an untagged secret in alpha's own name space (claiming it is a TagResource of its own)",
    'secretsmanager:GetSecretValue',
    on('secretsmanager', 'Secret', 'alpha/legacy-AbCdEf'),
    fixed({}),
    'ImplicitlyDenied',
  ],
  [
    "create a secret in alpha's name space tagged beta (hand it to beta), next to Allow *",
    'secretsmanager:CreateSecret',
    on('secretsmanager', 'Secret', 'alpha/gift-AbCdEf'),
    () => requestTagContext('secretsmanager:CreateSecret', { [K]: 'beta' }),
    'ExplicitlyDenied',
    true,
  ],
  [
    "redrive beta's dead-letter queue (StartMessageMoveTask with beta's queue as the source)",
    'sqs:StartMessageMoveTask',
    on('sqs', 'queue', 'beta-dlq'),
    beta('sqs', 'queue'),
    'ImplicitlyDenied',
  ],
  [
    "invoke beta's function through a version ARN",
    'lambda:InvokeFunction',
    on('lambda', 'function', 'beta-fn:3'),
    beta('lambda', 'function'),
    'ImplicitlyDenied',
  ],
  [
    "shell on beta's hybrid node (managed-instance)",
    'ssm:StartSession',
    on('ssm', 'managed-instance', 'mi-0beta'),
    beta('ssm', 'managed-instance'),
    'ImplicitlyDenied',
  ],
  [
    "connection status of beta's instance",
    'ssm:GetConnectionStatus',
    on('ec2', 'instance', 'i-0beta'),
    beta('ec2', 'instance'),
    'ImplicitlyDenied',
  ],
  [
    'end a session that carries no session-id tag',
    'ssm:TerminateSession',
    on('ssm', 'session', 'someone-0123'),
    fixed({}),
    'ImplicitlyDenied',
  ],
  // Tag keys in condition keys are matched ignoring case (aws:ResourceTag/Entigo:Zone is
  // aws:ResourceTag/entigo:zone), so a second, differently-cased zone tag would make a resource ambiguous.
  [
    "tag beta's queue with a differently-cased zone key (Entigo:Zone=alpha), next to Allow *",
    'sqs:TagQueue',
    on('sqs', 'queue', 'beta-q'),
    merge(beta('sqs', 'queue'), fixed({ 'aws:TagKeys': ['Entigo:Zone'], 'aws:RequestTag/Entigo:Zone': 'alpha' })),
    'ExplicitlyDenied',
    true,
  ],
  [
    "remove beta's zone tag under a differently-cased key (ENTIGO:ZONE), next to Allow *",
    'secretsmanager:UntagResource',
    on('secretsmanager', 'Secret', 'beta/db-AbCdEf'),
    merge(beta('secretsmanager', 'Secret'), fixed({ 'aws:TagKeys': ['ENTIGO:ZONE'] })),
    'ExplicitlyDenied',
    true,
  ],
  // UpdateService's blue/green lifecycle hooks and load balancer advanced configuration, RunTask's
  // task role override and RotateSecret's external rotation all name a role, which needs iam:PassRole.
  [
    "pass beta's task role (ECS lifecycle hooks, task role overrides, external rotation)",
    'iam:PassRole',
    on('iam', 'role', 'beta-task-role'),
    beta('iam', 'role'),
    'ImplicitlyDenied',
  ],
  [
    "hand alpha's own function to beta (retag it beta), next to Allow *",
    'lambda:TagResource',
    on('lambda', 'function', 'alpha-fn'),
    merge(alpha('lambda', 'function'), () => requestTagContext('lambda:TagResource', { [K]: 'beta' })),
    'ExplicitlyDenied',
    true,
  ],
];

describe('red team: alpha (every built-in preset, sample config) against beta', () => {
  // A rest parameter: jest hands a `done` callback to a function declaring more parameters than a row has.
  test.each(ATTEMPTS)('%s', async (...[, action, resource, context, expected, withAllowAll]: Attempt) => {
    expect(
      await simulate(withAllowAll ? [policy, ALLOW_ALL] : [policy], action, await resource(), await context()),
    ).toBe(expected);
  });

  test('the own zone still works on the same angles (redeploy, exec, shell, rotate with its own function)', async () => {
    const own = async (action: string, resource: string, context: Context) =>
      simulate([policy], action, resource, context);
    expect(
      await own(
        'ecs:UpdateService',
        await arnOf('ecs', 'service', 'alpha-svc'),
        await resourceTagContext('ecs', 'service', K, 'alpha'),
      ),
    ).toBe('Allowed');
    expect(
      await own(
        'ecs:ExecuteCommand',
        await arnOf('ecs', 'task', 'alpha-task'),
        await resourceTagContext('ecs', 'task', K, 'alpha'),
      ),
    ).toBe('Allowed');
    expect(
      await own('ssm:StartSession', `arn:aws:ssm:${REGION}:${ACCOUNT}:document/SSM-SessionManagerRunShell`, {
        'aws:ResourceAccount': ACCOUNT,
      }),
    ).toBe('Allowed');
    expect(
      await own('secretsmanager:RotateSecret', await arnOf('secretsmanager', 'Secret', 'alpha/db-AbCdEf'), {
        ...(await resourceTagContext('secretsmanager', 'Secret', K, 'alpha')),
        'secretsmanager:RotationLambdaARN': `arn:aws:lambda:${REGION}:${ACCOUNT}:function:alpha_rotate`,
      }),
    ).toBe('Allowed');
  });

  test('the own zone still works on the fresh angles (ECS Exec, start, rotate, read, create, redrive, invoke, shell)', async () => {
    const own = async (action: string, resource: string, context: Context) =>
      simulate([policy], action, resource, context);
    const tagged = (service: string, type: string) => resourceTagContext(service, type, K, 'alpha');
    expect(await own('ecs:ExecuteCommand', await arnOf('ecs', 'task', 'alpha-task'), await tagged('ecs', 'task'))).toBe(
      'Allowed',
    );
    expect(await own('ecs:DescribeTasks', await arnOf('ecs', 'task', 'alpha-task'), await tagged('ecs', 'task'))).toBe(
      'Allowed',
    );
    expect(await own('rds:StartDBInstance', await arnOf('rds', 'db', 'alpha-db'), await tagged('rds', 'db'))).toBe(
      'Allowed',
    );
    expect(
      await own('rds:StopDBCluster', await arnOf('rds', 'cluster', 'alpha-cl'), await tagged('rds', 'cluster')),
    ).toBe('Allowed');
    expect(
      await own(
        'secretsmanager:GetSecretValue',
        await arnOf('secretsmanager', 'Secret', 'alpha/db-AbCdEf'),
        await tagged('secretsmanager', 'Secret'),
      ),
    ).toBe('Allowed');
    expect(
      await own(
        'secretsmanager:CreateSecret',
        await arnOf('secretsmanager', 'Secret', 'alpha/new-AbCdEf'),
        await requestTagContext('secretsmanager:CreateSecret', { [K]: 'alpha' }),
      ),
    ).toBe('Allowed');
    expect(
      await own('sqs:StartMessageMoveTask', await arnOf('sqs', 'queue', 'alpha-dlq'), await tagged('sqs', 'queue')),
    ).toBe('Allowed');
    expect(
      await own(
        'lambda:InvokeFunction',
        await arnOf('lambda', 'function', 'alpha-fn:3'),
        await tagged('lambda', 'function'),
      ),
    ).toBe('Allowed');
    expect(
      await own(
        'ssm:StartSession',
        await arnOf('ssm', 'managed-instance', 'mi-0alpha'),
        await tagged('ssm', 'managed-instance'),
      ),
    ).toBe('Allowed');
    expect(
      await own('ssm:GetConnectionStatus', await arnOf('ec2', 'instance', 'i-0alpha'), await tagged('ec2', 'instance')),
    ).toBe('Allowed');
  });
});
