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
});
