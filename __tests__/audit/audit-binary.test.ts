import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startCloudTrailStandIn, type StandIn } from '../support/cloudtrail-server';
import { makeTempDir, REPO_ROOT } from '../support/tree';
import { A, auditRecords, auditTree, roleArn } from './fixture';

/**
 * The built binary, as a user runs it: the SDK's configuration comes from the process environment
 * only (no test seams), and failures are one clear line, never a stack trace.
 */

const BIN = join(REPO_ROOT, 'dist', 'cli', 'zone-access.js');

/** An environment with no AWS configuration at all: no keys, no profile files, no instance metadata. */
function bareEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  const home = makeTempDir('home-');
  return {
    ...env,
    HOME: home,
    AWS_CONFIG_FILE: join(home, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'none'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...extra,
  };
}

function cli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'audit', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (err += d));
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

let standIn: StandIn;
beforeAll(async () => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build"`);
  const records = auditRecords();
  standIn = await startCloudTrailStandIn({
    records,
    logGroups: { 'org-trail': records },
    roles: [roleArn(A.pay), roleArn(A.shared), roleArn(A.lab)],
  });
});
afterAll(() => standIn.close());

describe('zone-access audit (built binary)', () => {
  it('without credentials: exit 1 and one sentence saying how to provide them', async () => {
    const t = auditTree();
    const r = await cli(
      ['--zones', t.zonesDir, '--config', t.configPath, '--zone', 'lab'],
      bareEnv({ AWS_ENDPOINT_URL: standIn.url }),
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain(
      'zone-access audit: error: no AWS credentials found: set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)',
    );
    expect(r.err).not.toMatch(/\n\s+at |internal error/);
    expect(r.out).toBe('');
  });

  it('with AWS_ENDPOINT_URL_* and static keys in the environment: the audit over the logs source', async () => {
    const t = auditTree();
    const r = await cli(
      [
        '--zones',
        t.zonesDir,
        '--config',
        t.configPath,
        '--source',
        'logs:org-trail',
        '--since',
        '2026-11-10',
        '--until',
        '2026-11-14',
        '--format',
        'json',
      ],
      bareEnv({
        AWS_ACCESS_KEY_ID: 'AKIDBASEEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'x',
        AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: standIn.url,
      }),
    );
    expect(r.err).not.toMatch(/error/);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as { summary: { calls: number; signIns: number } };
    expect(report.summary).toMatchObject({ signIns: 2 });
    expect(r.err).toMatch(/querying logs org-trail \(eu-north-1\) with Logs Insights/);
  });
});
