import { run, type AuditDeps } from '../../cli/audit';
import { runCommand } from '../../cli/args';
import * as auditCommand from '../../cli/audit';
import { EXIT } from '../../cli/io';
import type { AuditReport } from '../../audit/contract';
import { startCloudTrailStandIn, type StandIn } from '../support/cloudtrail-server';
import { captureIO } from '../support/tree';
import { A, auditRecords, auditTree, BULK_CALLS, NOW, roleArn } from './fixture';

/**
 * `zone-access audit` end to end in-process: the real SDK v3 CloudTrail, CloudWatch Logs and STS
 * clients, pointed at the local stand-ins by the SDK's own endpoint settings (AWS_ENDPOINT_URL and
 * AWS_ENDPOINT_URL_<SERVICE>), with static credentials from the environment.
 */

const SAVED = { ...process.env };
let standIn: StandIn;

function sdkEnv(url: string, serviceSpecific: boolean): void {
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: 'AKIDBASEEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'base-secret',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    ...(serviceSpecific
      ? { AWS_ENDPOINT_URL_CLOUDTRAIL: url, AWS_ENDPOINT_URL_STS: url, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: url }
      : { AWS_ENDPOINT_URL: url }),
  });
}

beforeAll(async () => {
  const records = auditRecords();
  standIn = await startCloudTrailStandIn({
    records,
    logGroups: { 'org-trail': records },
    roles: [roleArn(A.pay), roleArn(A.shared), roleArn(A.lab)],
  });
});
afterAll(async () => {
  process.env = SAVED;
  await standIn.close();
});
beforeEach(() => standIn.log.splice(0));

const FAST: AuditDeps = { now: () => NOW, logs: { pollMs: 20 } };

async function audit(args: string[], tree = auditTree(), deps: AuditDeps = FAST) {
  const c = captureIO(tree.root);
  const code = await runCommand(
    'audit',
    { usage: auditCommand.usage, run: (a, io) => run(a, io, deps) },
    ['--zones', tree.zonesDir, '--config', tree.configPath, ...args],
    c.io,
  );
  return { code, out: c.out(), err: c.err() };
}

const zoneOf = (report: AuditReport, name: string) => report.zones.find((z) => z.zone === name)!;

describe('zone-access audit --source lookup-events (CloudTrail stand-in)', () => {
  beforeAll(() => sdkEnv(standIn.url, true));

  it('maps sessions and sign-ins to zones and people, in every listed account, through the assumed audit role', async () => {
    const r = await audit(['--format', 'json']);
    expect(r.err).not.toMatch(/error/);
    expect(r.code).toBe(EXIT.ok);
    const report = JSON.parse(r.out) as AuditReport;
    expect(report.version).toBe(1);
    expect(report.source).toEqual({
      kind: 'lookup-events',
      accounts: [A.pay, A.shared, A.lab],
      regions: ['eu-north-1'],
      assumedRole: 'audit/ZoneAccessAudit',
    });

    // Every account was read with credentials of the role assumed in it.
    const lookups = standIn.log.filter((e) => e.operation === 'LookupEvents');
    expect(new Set(lookups.map((e) => e.account))).toEqual(new Set([A.pay, A.shared, A.lab]));
    expect(
      standIn.log
        .filter((e) => e.operation === 'AssumeRole')
        .map((e) => e.body!.RoleArn)
        .sort(),
    ).toEqual([A.pay, A.shared, A.lab].map(roleArn));
    // More events than one page: the pay account took ceil(127 / 50) pages, each request ≤ 50, never throttled.
    expect(lookups.filter((e) => e.account === A.pay)).toHaveLength(3);
    expect(lookups.every((e) => (e.body!.MaxResults as number) <= 50)).toBe(true);
    expect(standIn.log.some((e) => e.outcome === 'ThrottlingException')).toBe(false);

    const payA = zoneOf(report, 'pay-a');
    const alice = payA.people.find((p) => p.person === 'alice@example.com')!;
    expect(alice).toMatchObject({ signIns: 1, calls: 2, denied: 1, days: ['2026-11-10'] });
    const bob = payA.people.find((p) => p.person === 'bob@example.com')!;
    expect(bob.actions).toEqual([
      {
        action: 'rds:DescribeDBInstances',
        calls: BULK_CALLS,
        denied: 0,
        resources: expect.any(Array),
        moreResources: 20,
      },
    ]);
    // 25 databases: 20 listed, the calls on the other 5 (4 each) counted.
    expect(bob.actions[0]!.resources).toHaveLength(20);

    // alice in two zones on one day: each zone counts its own sign-in and calls.
    const payB = zoneOf(report, 'pay-b');
    expect(payB.people).toEqual([expect.objectContaining({ signIns: 1, calls: 2, denied: 1, days: ['2026-11-10'] })]);

    // Every denied call, with its code, in time order.
    expect(payA.deniedCalls).toEqual([
      expect.objectContaining({
        person: 'alice@example.com',
        action: 'rds:DeleteDBInstance',
        errorCode: 'AccessDenied',
        account: A.pay,
      }),
    ]);
    expect(payB.deniedCalls).toEqual([
      expect.objectContaining({
        action: 'ec2:DescribeInstances',
        errorCode: 'Client.UnauthorizedOperation',
        account: A.shared,
      }),
    ]);

    // The lab role in an account lab does not list: reported apart, not as lab's activity.
    const lab = zoneOf(report, 'lab');
    expect(lab.unlistedAccounts).toEqual([{ account: A.pay, events: 1, people: ['dave@example.com'] }]);
    expect(lab.people.map((p) => p.person)).toEqual(['erin@example.com']);

    // A permission set that is no zone's: counted, never attributed.
    expect(report.summary.otherPermissionSets).toEqual({ AdministratorAccess: 2 });
    expect(report.summary.signIns).toBe(2);

    // Unused access by preset: rds-operator used (DescribeDBInstances), so not a removal candidate.
    expect(payA.presets.find((p) => p.preset === 'rds-operator')).toMatchObject({
      removalCandidate: false,
      used: ['rds:DescribeDBInstances'],
    });
    expect(payA.presets.find((p) => p.preset === 'secrets-reader')).toMatchObject({
      removalCandidate: false,
      used: ['secretsmanager:GetSecretValue'],
    });
    expect(lab.presets).toEqual([expect.objectContaining({ preset: 'logs-reader', used: ['logs:DescribeLogGroups'] })]);
    expect(r.err).toMatch(/lookup-events 111111111111\/eu-north-1: 127 events, 3 pages, done/);
  });

  it('--zone and --person narrow the report; human and markdown formats say the same', async () => {
    const r = await audit(['--zone', 'pay-b', '--person', 'ALICE@example.com']);
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toContain(
      'zone pay-b (department payments, permission set zone-pay-b, accounts 111111111111, 222222222222)',
    );
    expect(r.out).toMatch(/alice@example\.com\s+1\s+1\s+2\s+1/);
    expect(r.out).toMatch(/Client\.UnauthorizedOperation/);
    expect(r.out).not.toContain('zone pay-a');
    expect(r.out).toContain('evidence for an access review, limited to what CloudTrail records');
    // Only the zone's accounts were read.
    expect(new Set(standIn.log.filter((e) => e.operation === 'LookupEvents').map((e) => e.account))).toEqual(
      new Set([A.pay, A.shared]),
    );

    // lookup-events reads the listed accounts of the zones asked for: pay-a's account shows lab's role there.
    const md = await audit(['--zone', 'lab', '--zone', 'pay-a', '--format', 'markdown']);
    expect(md.out).toContain('## Zone `lab`');
    expect(md.out).toContain('### Accounts the zone does not list');
    expect(md.out).toContain('> This is evidence for an access review');
  });

  it('names a preset none of whose actions was called as a removal candidate', async () => {
    const r = await audit(['--zone', 'pay-a', '--person', 'bob@example.com', '--format', 'markdown']);
    expect(r.out).toContain(
      '- [ ] Remove `secrets-reader`? secrets-reader: none of its 4 actions was called: candidate to remove',
    );
    expect(r.out).toContain('- rds-operator: 7 of 8 actions not called:');
  });

  it("throttling beyond the pacing (a stricter service) is absorbed by the SDK's adaptive retries", async () => {
    const strict = await startCloudTrailStandIn({
      records: auditRecords(),
      roles: [roleArn(A.pay)],
      lookupRatePerSecond: 1,
    });
    try {
      sdkEnv(strict.url, true);
      const r = await audit(['--zone', 'pay-a', '--format', 'json']);
      expect(r.code).toBe(EXIT.ok);
      expect(strict.log.some((e) => e.outcome === 'ThrottlingException')).toBe(true);
      const payA = (JSON.parse(r.out) as AuditReport).zones[0]!;
      expect(payA.people.find((p) => p.person === 'bob@example.com')!.calls).toBe(BULK_CALLS);
    } finally {
      sdkEnv(standIn.url, true);
      await strict.close();
    }
  });

  it('an account whose audit role cannot be assumed is a clear error naming the role', async () => {
    const tree = auditTree({ roleName: 'NoSuchRole' });
    const r = await audit(['--zone', 'lab'], tree);
    expect(r.code).toBe(EXIT.failed);
    expect(r.err).toContain(
      `zone-access audit: error: lookup-events ${A.lab}/eu-north-1: access denied: the credentials need sts:AssumeRole on arn:aws:iam::${A.lab}:role/NoSuchRole`,
    );
    expect(r.err).not.toMatch(/\n\s+at /);
  });
});

describe('zone-access audit --source logs:<group> (Logs Insights stand-in)', () => {
  beforeAll(() => sdkEnv(standIn.url, false));

  it('gives the same audit as lookup-events, paging by time window when a query fills the result cap', async () => {
    const viaLogs = await audit(['--source', 'logs:org-trail', '--format', 'json'], auditTree(), {
      ...FAST,
      logs: { pollMs: 10, pageSize: 40 },
    });
    expect(viaLogs.err).not.toMatch(/error/);
    expect(viaLogs.code).toBe(EXIT.ok);
    const report = JSON.parse(viaLogs.out) as AuditReport;
    expect(report.source).toEqual({ kind: 'logs', logGroup: 'org-trail', region: 'eu-north-1' });
    const starts = standIn.log.filter((e) => e.operation === 'StartQuery');
    expect(starts.length).toBeGreaterThan(3);
    expect(starts.every((e) => e.body!.limit === 40)).toBe(true);
    expect(standIn.log.some((e) => /Throttling|LimitExceeded/.test(e.outcome))).toBe(false);
    expect(viaLogs.err).toMatch(/window full, continuing from/);

    sdkEnv(standIn.url, true);
    const viaLookup = JSON.parse((await audit(['--format', 'json'])).out) as AuditReport;
    sdkEnv(standIn.url, false);
    // The same people, actions, denied calls and unused access; only the source and record counts differ.
    expect(report.zones).toEqual(viaLookup.zones);
  });

  it('an unknown log group is a clear error', async () => {
    const r = await audit(['--source', 'logs:no-such-group']);
    expect(r.code).toBe(EXIT.failed);
    expect(r.err).toContain(
      'zone-access audit: error: logs no-such-group (eu-north-1): ResourceNotFoundException: The specified log group does not exist: no-such-group',
    );
  });
});

describe('zone-access audit: the command', () => {
  it('is listed by zone-access --help and prints its usage with --help', async () => {
    const { helpText, main } = await import('../../cli/zone-access');
    expect(helpText()).toMatch(/\n {2}audit +read CloudTrail: who used which zone/);
    const c = captureIO();
    expect(await main(['audit', '--help'], c.io)).toBe(EXIT.ok);
    expect(c.out()).toContain(
      'usage: zone-access audit [--zone Z]... [--person UPN] [--since 30d|DATE] [--until DATE]',
    );
  });
});

describe('zone-access audit: bad input', () => {
  it.each([
    [['--zone', 'nope'], /no zone named nope in .* \(zones: lab, pay-a, pay-b\)/],
    [['--since', '2027-01-01'], /--since 2027-01-01 is in the future/],
    [['--since', 'yesterday'], /--since "yesterday" is not a duration \(30d, 12h\) or a date/],
    [['--since', '120d'], /more than 90 days ago: CloudTrail event history \(lookup-events\) keeps 90 days/],
    [['--since', '2026-11-20', '--until', '2026-11-10'], /is not before --until 2026-11-10/],
    [['--source', 's3:bucket'], /--source must be lookup-events or logs:<log group>/],
    [['--format', 'csv'], /--format must be one of human, json, markdown/],
  ])('%j is a usage error (exit 2) with a clear message', async (args, message) => {
    const r = await audit(args as string[]);
    expect(r.code).toBe(EXIT.usage);
    expect(r.err).toMatch(message as RegExp);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.out).toBe('');
  });

  it('--since 120d is accepted for the logs source (no 90-day limit)', async () => {
    sdkEnv(standIn.url, false);
    const r = await audit(['--since', '120d', '--source', 'logs:org-trail', '--zone', 'lab'], auditTree(), {
      ...FAST,
      logs: { pollMs: 5, windowDays: 60 },
    });
    expect(r.code).toBe(EXIT.ok);
  });
});
