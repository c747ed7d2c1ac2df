import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CloudTrailRecord } from '../audit/records';
import { callRecord, signInRecord, startCloudTrailStandIn } from '../__tests__/support/cloudtrail-server';
import { permissionSetName } from '../model/names';
import { loadTree } from '../pipeline/load';
import { actionGrants } from '../policies/grants';
import { generateTree } from './generate-tree';

/**
 * `zone-access audit` over a month of CloudTrail for 200 zones, from the Logs Insights stand-in
 * (the source an organisation trail uses): time and peak memory of the audit process (a child,
 * measured with GNU time) at 25,000 and 100,000 events, and the 100,000 again with the heap limited
 * to AUDIT_HEAP_LIMIT_MB, which it can only finish if it does not hold the stream. The audit folds
 * each page of results into counters and drops it, so memory grows with people and actions (and
 * resources, capped per person and action), not with events.
 */

export const AUDIT_DEFAULTS = { zones: 200, events: [25_000, 100_000], people: 400 } as const;
/**
 * The heap the audit must fit in at 100,000 events: the records alone are about 150 MB of JSON
 * text, so an audit that held the stream could not finish within it.
 */
export const AUDIT_HEAP_LIMIT_MB = 128;
export const AUDIT_TARGETS = { wallSeconds100k: 60, rssMB100k: 300 } as const;

export interface AuditRun {
  readonly events: number;
  /** `--max-old-space-size` the audit ran with, when limited. */
  readonly heapLimitMB?: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly rssMB: number;
  readonly queries: number;
  readonly calls: number;
  readonly signIns: number;
  readonly denied: number;
}

export interface AuditScaleResult {
  readonly zones: number;
  readonly people: number;
  readonly runs: readonly AuditRun[];
  readonly measured?: { readonly at: string; readonly commit: string; readonly loadAverage: number };
}

/** Deterministic pseudo-random numbers (mulberry32), so every run audits the same events. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const MEMBERS_PER_ZONE = 5;
const SINCE = Date.parse('2026-11-01T00:00:00Z');
const DAYS = 30;

/** `count` records of the zones' members: 2 % sign-ins, 1 % denied calls, 1 % of another permission set, the rest calls of granted actions. */
export function auditEvents(zonesDir: string, configPath: string, count: number): CloudTrailRecord[] {
  const { tree } = loadTree({ zonesDir, configPath });
  if (!tree) throw new Error('the generated tree is invalid');
  const random = prng(count);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  // Each zone has MEMBERS_PER_ZONE people from a pool of AUDIT_DEFAULTS.people (each person in a few
  // zones), as in an organisation: the distinct (zone, person, action) combinations, which the
  // audit keeps, are bounded and mostly seen within the first 25,000 events.
  const zones = tree.zones.map((z, i) => ({
    ps: permissionSetName(z, tree.config),
    accounts: z.accounts.map((a) => a.id),
    actions: [...actionGrants(z, tree.config).values()].map((g) => g.action),
    members: Array.from(
      { length: MEMBERS_PER_ZONE },
      (_, k) => `user${(i * MEMBERS_PER_ZONE + k * 37) % AUDIT_DEFAULTS.people}@example.com`,
    ),
  }));
  const records: CloudTrailRecord[] = [];
  for (let i = 0; i < count; i++) {
    const z = pick(zones);
    const person = pick(z.members);
    const account = pick(z.accounts);
    const time = new Date(SINCE + Math.floor(random() * DAYS * 86_400_000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const roll = random();
    if (roll < 0.02) {
      records.push(signInRecord({ account, permissionSet: z.ps, person, time }));
      continue;
    }
    const permissionSet = roll < 0.03 ? 'AdministratorAccess' : z.ps;
    const [service, name] = pick(z.actions).split(':') as [string, string];
    records.push(
      callRecord({
        account,
        permissionSet,
        person,
        time,
        source: `${service}.amazonaws.com`,
        name,
        ...(roll > 0.99 ? { errorCode: 'AccessDenied' } : {}),
        resources: [`arn:aws:${service}:eu-north-1:${account}:thing/${z.ps}-${Math.floor(random() * 20)}`],
      }),
    );
  }
  return records;
}

export async function measureAudit(options: {
  readonly cli: string;
  readonly zones?: number;
  readonly events?: readonly number[];
  readonly log?: (m: string) => void;
}): Promise<AuditScaleResult> {
  const log = options.log ?? (() => undefined);
  const root = mkdtempSync(join(tmpdir(), 'zone-access-bench-audit-'));
  const zones = options.zones ?? AUDIT_DEFAULTS.zones;
  try {
    const tree = generateTree(join(root, 'tree'), { zones });
    const runs: AuditRun[] = [];
    const counts = options.events ?? AUDIT_DEFAULTS.events;
    const plan = [
      ...counts.map((events) => ({ events, heapLimitMB: undefined as number | undefined })),
      { events: Math.max(...counts), heapLimitMB: AUDIT_HEAP_LIMIT_MB },
    ];
    for (const { events: count, heapLimitMB } of plan) {
      const records = auditEvents(tree.zonesDir, tree.configPath, count);
      const standIn = await startCloudTrailStandIn({ logGroups: { 'org-trail': records } });
      try {
        const rssFile = join(root, 'rss.txt');
        rmSync(rssFile, { force: true });
        const env: NodeJS.ProcessEnv = {};
        for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
        Object.assign(env, {
          AWS_ACCESS_KEY_ID: 'AKIDBENCH',
          AWS_SECRET_ACCESS_KEY: 'x',
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_CONFIG_FILE: join(root, 'none'),
          AWS_SHARED_CREDENTIALS_FILE: join(root, 'none'),
          AWS_ENDPOINT_URL: standIn.url,
        });
        const args = [
          'audit',
          '--zones',
          tree.zonesDir,
          '--config',
          tree.configPath,
          '--source',
          'logs:org-trail',
          '--since',
          '2026-11-01',
          '--until',
          '2026-11-30',
          '--format',
          'json',
        ];
        const timed = existsSync('/usr/bin/time');
        const node = [...(heapLimitMB ? [`--max-old-space-size=${heapLimitMB}`] : []), options.cli];
        const started = process.hrtime.bigint();
        // Asynchronous: the stand-in answers from this process while the audit runs.
        const child = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
          const p = timed
            ? spawn('/usr/bin/time', ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...node, ...args], { env })
            : spawn(process.execPath, [...node, ...args], { env });
          let stdout = '';
          let stderr = '';
          p.stdout.on('data', (d: Buffer) => (stdout += d));
          p.stderr.on('data', (d: Buffer) => (stderr += d));
          p.on('close', (status) => resolve({ status, stdout, stderr }));
        });
        const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
        if (child.status !== 0 && heapLimitMB) {
          // Out of memory under the limit: recorded as a miss, not a broken benchmark.
          log(
            `audit: ${count} events with a ${heapLimitMB} MB heap failed (exit ${child.status}): ${child.stderr.slice(-300)}`,
          );
          runs.push({
            events: count,
            heapLimitMB,
            wallMs,
            cpuMs: NaN,
            rssMB: NaN,
            queries: 0,
            calls: -1,
            signIns: -1,
            denied: -1,
          });
          continue;
        }
        if (child.status !== 0) throw new Error(`audit exited with ${child.status}: ${child.stderr.slice(-2000)}`);
        const [rssKB, user, system] = timed
          ? readFileSync(rssFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number)
          : [NaN, NaN, NaN];
        const report = JSON.parse(child.stdout) as { summary: { calls: number; signIns: number; denied: number } };
        const run: AuditRun = {
          events: count,
          ...(heapLimitMB ? { heapLimitMB } : {}),
          wallMs,
          cpuMs: (user! + system!) * 1000,
          rssMB: rssKB! / 1024,
          queries: standIn.log.filter((e) => e.operation === 'StartQuery').length,
          calls: report.summary.calls,
          signIns: report.summary.signIns,
          denied: report.summary.denied,
        };
        log(
          `audit: ${count} events, ${zones} zones${heapLimitMB ? `, heap limit ${heapLimitMB} MB` : ''}: ${(wallMs / 1000).toFixed(1)} s, CPU ${(run.cpuMs / 1000).toFixed(1)} s, peak RSS ${run.rssMB.toFixed(0)} MB, ${run.queries} queries`,
        );
        runs.push(run);
      } finally {
        await standIn.close();
      }
    }
    return { zones, people: AUDIT_DEFAULTS.people, runs };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
