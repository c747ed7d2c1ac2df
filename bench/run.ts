import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { APPLY_DEFAULTS, measureApplyAtScale, renderApplyScale, type ApplyScaleResult } from './apply-scale';
import { MAP_TARGETS, measureAccessMap, type MapResult } from './access-map';
import { DRIFT_RATE_DEFAULTS, measureDriftRate, type DriftRateResult } from './drift-rate';
import { AUDIT_DEFAULTS, AUDIT_HEAP_LIMIT_MB, AUDIT_TARGETS, measureAudit, type AuditScaleResult } from './audit-scale';
import {
  DEPLOY_DEFAULTS,
  estimate,
  measureDeployAtScale,
  renderDeployScale,
  validateSynthSeconds,
  type DeployScaleResult,
} from './deploy-scale';
import { generateTree, type GeneratedTree } from './generate-tree';
import { RESULTS_PAGE, updateReadme } from './readme-results';
import { nodeBinary, OTHER_NODE_MAJORS } from '../scripts/node-versions';
import {
  equivalentRow,
  fileScores,
  MUTATION_TARGET_PERCENT,
  parseEquivalents,
  readReport,
  type FileScore,
} from './mutation-results';

/**
 * `npm run bench`: start-up, validate and synth cost at 200, 1,000 and 3,500 zones: the sizes
 * a small, a large and the largest supported organisation have.
 *
 * Every figure is measured in a child process, exactly as the pipeline runs it, and compared with
 * a bare `node -e 0` start measured in the same interleaved sequence, so machine noise (the other
 * core busy, CPU frequency, page cache) hits every command equally. Per size, each command runs
 * once untimed (which also checks that it exits 0 and warms the page cache), then `runs` rounds;
 * within a round the commands rotate so none is always first. The figure is the median.
 *
 *   node dist/bench/run.js [--quick] [--sizes 200,1000,3500] [--runs 7,5,3] [--no-naive]
 *                          [--jest] [--node-flags "--flag ..."] [--rss time|preload]
 *                          [--json FILE] [--md FILE] [--no-write] [--keep] [--no-map]
 *                          [--no-apply] [--apply-zones 100] [--apply-parallelism 10,50]
 *                          [--only apply|jest|synth|audit|deploy|drift|mutate] [--baseline DIR] [--no-audit]
 *                          [--report reports/mutation/mutation.json]
 *
 * Environment equivalents: BENCH_QUICK=1, BENCH_SIZES, BENCH_RUNS, BENCH_NO_NAIVE=1, BENCH_JEST=1,
 * BENCH_NO_APPLY=1, BENCH_NO_MAP=1. The apply run (bench/apply-scale.ts) applies one stack of `--apply-zones`
 * zones with the real terraform against the Identity Center emulator, once per parallelism.
 * Per size it also writes the access map and times it in headless Chromium (bench/access-map.ts).
 * `--only apply` (or `--only jest`) runs the apply part (or the test suite) alone and puts its
 * figures into the existing results file, keeping the other figures as they were measured (the
 * report notes when and at which commit each part was measured).
 * `--only synth` measures validate and synth alone on the machine's Node and on Node 22 and 24
 * (scripts/node-versions.ts), and with `--baseline DIR` (a checkout whose dist/ is built) also
 * that build in the same interleaved rounds, so the gain between the two is measured under equal
 * conditions.
 * `--only audit` (or the full run unless `--no-audit`) measures `zone-access audit` over 25,000 and
 * 100,000 CloudTrail events for 200 zones from the Logs Insights stand-in (bench/audit-scale.ts).
 * `--only mutate` measures nothing itself: it records the per-file scores of the StrykerJS report
 * (`--report`, default reports/mutation/mutation.json, written by `npm run mutate` or a partial
 * `npx stryker run --mutate <file>`); files the report does not cover keep their earlier figures.
 * The table goes to stdout, progress to stderr; results to bench/results/latest.{json,md}.
 * `--only deploy` (bench/deploy-scale.ts) measures `zone-access deploy` on one department's stack
 * against the emulator at Identity Center's documented 20 requests/s and extrapolates merge to
 * usable for a one-zone add / edit / remove and the scheduled full run to 200, 1,000 and 3,500 zones
 * (with the validate and synth figures of the results file).
 * Exits 0 whether or not the targets are met (each is printed as PASS or MISS).
 */

const REPO = resolve(__dirname, '..', '..');
const GNU_TIME = '/usr/bin/time';

/**
 * The build output the children run. It is copied into the temp folder first (with a link to
 * node_modules), so a rebuild of dist/ while the benchmark runs, by another developer in the same
 * tree, cannot change the code under measurement half-way.
 */
interface AppFiles {
  readonly root: string;
  readonly cli: string;
  readonly naive: string;
  readonly rssPreload: string;
}

function appFiles(root: string): AppFiles {
  return {
    root,
    cli: join(root, 'dist', 'cli', 'zone-access.js'),
    naive: join(root, 'dist', 'bench', 'naive-app.js'),
    rssPreload: join(root, 'dist', 'bench', 'rss-preload.js'),
  };
}

function snapshotApp(into: string, from = REPO): AppFiles {
  mkdirSync(into, { recursive: true });
  cpSync(join(from, 'dist'), join(into, 'dist'), { recursive: true });
  symlinkSync(join(REPO, 'node_modules'), join(into, 'node_modules'), 'dir');
  return appFiles(into);
}

type CommandKey = 'floor' | 'validate' | 'synth' | 'naive';

const LABELS: Record<CommandKey, string> = {
  floor: 'bare node start (node -e 0)',
  validate: 'zone-access validate',
  synth: 'zone-access synth',
  naive: 'naive root-import app (no cdktf-cli)',
};

export const TARGETS = {
  validateRatio200: 2.5,
  synthRatio200: 8,
  rssMB3500: 400,
  /** Per-zone marginal cost from 1,000→3,500 over that from 200→1,000: "roughly linear". */
  growthSlopeRatio: 1.5,
  jestSeconds: 90,
};

/** The parts `--only` measures alone into the existing results file. */
const ONLY_TARGETS = ['apply', 'jest', 'synth', 'audit', 'deploy', 'drift', 'mutate'] as const;
type OnlyTarget = (typeof ONLY_TARGETS)[number];

interface Options {
  sizes: number[];
  runs: number[];
  naive: boolean;
  jest: boolean;
  /** Measure the access map (file size, search time in Chromium) per size. */
  map: boolean;
  nodeFlags: string[];
  rss: 'time' | 'preload';
  json?: string;
  md?: string;
  keep: boolean;
  apply: { zones: number; parallelism: number[] } | undefined;
  /** Measure only the apply at scale, the jest suite, validate and synth per Node, the audit or the deployment, into the existing results file. */
  only?: OnlyTarget;
  /** `--only synth`: a checkout with a built dist/ to measure alongside this one. */
  baseline?: string;
  audit: boolean;
  /** `--only mutate`: the StrykerJS JSON report to record. */
  report: string;
}

interface Stat {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

interface CommandResult {
  label: string;
  argv: string[];
  wallMs: Stat;
  rssMB: Stat;
  /** User + system CPU time of the process (its threads included). */
  cpuMs: Stat;
  /** Median wall time / median bare node start of the same size. */
  wallRatio: number;
  rssRatio: number;
  /** CPU time ratio: less sensitive than wall time to other work on the machine. */
  cpuRatio: number;
}

interface StackResources {
  resource: number;
  data: number;
  total: number;
}

interface ResourceSummary {
  stacks: number;
  total: number;
  perStack: Record<string, StackResources>;
  /** `aws` / `entra` stacks → min and max resources (resource + data) per stack. */
  byKind: Record<string, { stacks: number; min: number; max: number }>;
}

interface SizeResult {
  zones: number;
  departments: number;
  accountsPerZone: number;
  presetsPerZone: number;
  runs: number;
  commands: Partial<Record<CommandKey, CommandResult>>;
  resources: ResourceSummary;
  naiveResources?: { total: number; matchesSynth: boolean };
}

interface Target {
  name: string;
  limit: string;
  value: string;
  pass: boolean | null;
  detail: string;
}

interface JestResult {
  wallSeconds: number;
  exitCode: number | null;
  summary: string[];
}

function log(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

function listOption(value: string | undefined): number[] | undefined {
  if (!value) return undefined;
  const list = value.split(',').map((v) => Number(v.trim()));
  if (list.some((n) => !Number.isInteger(n) || n <= 0))
    throw new Error(`expected a comma-separated list of positive integers, got "${value}"`);
  return list;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: process.env.BENCH_QUICK === '1' },
      sizes: { type: 'string', default: process.env.BENCH_SIZES },
      runs: { type: 'string', default: process.env.BENCH_RUNS },
      'no-naive': { type: 'boolean', default: process.env.BENCH_NO_NAIVE === '1' },
      jest: { type: 'boolean', default: process.env.BENCH_JEST === '1' },
      'no-map': { type: 'boolean', default: process.env.BENCH_NO_MAP === '1' },
      'node-flags': { type: 'string', default: '' },
      rss: { type: 'string' },
      json: { type: 'string' },
      md: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      'no-apply': { type: 'boolean', default: process.env.BENCH_NO_APPLY === '1' },
      'apply-zones': { type: 'string' },
      'apply-parallelism': { type: 'string' },
      only: { type: 'string' },
      baseline: { type: 'string' },
      report: { type: 'string' },
      'no-audit': { type: 'boolean', default: process.env.BENCH_NO_AUDIT === '1' },
    },
  });
  if (values.only !== undefined && !ONLY_TARGETS.includes(values.only as OnlyTarget)) {
    throw new Error(`--only takes one of ${ONLY_TARGETS.map((t) => `"${t}"`).join(', ')} (got "${values.only}")`);
  }
  if (values.baseline !== undefined && values.only !== 'synth') throw new Error('--baseline goes with --only synth');
  if (values.only === 'apply' && values['no-apply'])
    throw new Error('--only apply and --no-apply contradict each other');
  const sizes = listOption(values.sizes) ?? [200, 1000, 3500];
  const defaultRuns = (zones: number) =>
    values.quick ? (zones <= 200 ? 3 : zones <= 1000 ? 2 : 1) : zones <= 200 ? 7 : zones <= 1000 ? 5 : 3;
  const given = listOption(values.runs);
  const runs = sizes.map((zones, i) => given?.[Math.min(i, given.length - 1)] ?? defaultRuns(zones));
  const rss = (values.rss ?? (existsSync(GNU_TIME) ? 'time' : 'preload')) as Options['rss'];
  if (rss !== 'time' && rss !== 'preload') throw new Error('--rss must be time or preload');
  const results = join(REPO, 'bench', 'results');
  return {
    sizes,
    runs,
    naive: !values['no-naive'],
    jest: values.jest!,
    map: !values['no-map'],
    nodeFlags: values['node-flags']!.split(/\s+/).filter(Boolean),
    rss,
    ...(values['no-write']
      ? {}
      : { json: values.json ?? join(results, 'latest.json'), md: values.md ?? join(results, 'latest.md') }),
    keep: values.keep!,
    ...(values.only !== undefined ? { only: values.only as OnlyTarget } : {}),
    ...(values.baseline !== undefined ? { baseline: resolve(values.baseline) } : {}),
    audit: !values['no-audit'],
    report: resolve(values.report ?? join(REPO, 'reports', 'mutation', 'mutation.json')),
    apply: values['no-apply']
      ? undefined
      : {
          zones: listOption(values['apply-zones'])?.[0] ?? APPLY_DEFAULTS.zones,
          parallelism: listOption(values['apply-parallelism']) ?? [...APPLY_DEFAULTS.parallelism],
        },
  };
}

function stat(samples: number[]): Stat {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], samples };
}

interface Sample {
  wallMs: number;
  rssKB: number;
  cpuMs: number;
}

/** Runs `node <args>` once; wall clock around spawnSync, peak RSS and CPU from GNU time or the preload. */
function runOnce(
  args: string[],
  rss: Options['rss'],
  scratch: string,
  what: string,
  app: AppFiles,
  node = process.execPath,
): Sample {
  const rssFile = join(scratch, 'rss.txt');
  rmSync(rssFile, { force: true });
  const [file, argv, env] =
    rss === 'time'
      ? [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, node, ...args], process.env]
      : [node, ['-r', app.rssPreload, ...args], { ...process.env, ZONE_ACCESS_BENCH_RSS_FILE: rssFile }];
  const started = process.hrtime.bigint();
  const child = spawnSync(file, argv, {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.error) throw child.error;
  if (child.status !== 0) {
    throw new Error(
      `${what} exited with ${child.status ?? child.signal}:\n${child.stderr.toString().slice(-4000)}${child.stdout.toString().slice(-2000)}`,
    );
  }
  // GNU time prints "Command exited with non-zero status" first when it applies; the figure is last.
  const lines = readFileSync(rssFile, 'utf8').trim().split('\n');
  const [rssKB, user, system] = lines[lines.length - 1].split(' ').map(Number);
  if (![rssKB, user, system].every(Number.isFinite))
    throw new Error(`${what}: no peak RSS/CPU in ${rssFile}: ${lines.join(' | ')}`);
  // GNU time: seconds with 2 decimals; the preload: microseconds.
  const cpuMs = rss === 'time' ? (user + system) * 1000 : (user + system) / 1000;
  return { wallMs, rssKB, cpuMs };
}

/** Counts `resource` and `data` blocks of every synthesized stack under `<outDir>/stacks`. */
export function countResources(outDir: string): ResourceSummary {
  const stacksDir = join(outDir, 'stacks');
  const perStack: Record<string, StackResources> = {};
  const byKind: ResourceSummary['byKind'] = {};
  let total = 0;
  for (const name of readdirSync(stacksDir).sort()) {
    const file = join(stacksDir, name, 'cdk.tf.json');
    if (!existsSync(file)) continue;
    const json = JSON.parse(readFileSync(file, 'utf8')) as {
      resource?: Record<string, object>;
      data?: Record<string, object>;
    };
    const count = (blocks?: Record<string, object>) =>
      Object.values(blocks ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
    const resource = count(json.resource);
    const data = count(json.data);
    perStack[name] = { resource, data, total: resource + data };
    total += resource + data;
    const kind = name.split('-')[0];
    const k = (byKind[kind] ??= { stacks: 0, min: Infinity, max: 0 });
    k.stacks++;
    k.min = Math.min(k.min, resource + data);
    k.max = Math.max(k.max, resource + data);
  }
  return { stacks: Object.keys(perStack).length, total, perStack, byKind };
}

function measureSize(tree: GeneratedTree, runs: number, options: Options, scratch: string, app: AppFiles): SizeResult {
  const out = (key: string) => join(tree.root, `out-${key}`);
  const treeArgs = ['--zones', tree.zonesDir, '--config', tree.configPath];
  const commands: { key: CommandKey; args: string[]; prepare?: () => void }[] = [
    { key: 'floor', args: ['-e', '0'] },
    { key: 'validate', args: [...options.nodeFlags, app.cli, 'validate', ...treeArgs] },
    {
      key: 'synth',
      args: [...options.nodeFlags, app.cli, 'synth', ...treeArgs, '--out', out('synth')],
      prepare: () => rmSync(out('synth'), { recursive: true, force: true }),
    },
  ];
  if (options.naive) {
    commands.push({
      key: 'naive',
      args: [...options.nodeFlags, app.naive, ...treeArgs, '--out', out('naive')],
      prepare: () => rmSync(out('naive'), { recursive: true, force: true }),
    });
  }

  // Untimed first pass: every command must succeed on this tree (validate exit 0 in particular).
  for (const c of commands) {
    c.prepare?.();
    const s = runOnce(c.args, options.rss, scratch, `${c.key} (${tree.zones} zones, check run)`, app);
    log(`${tree.zones} zones: ${c.key} ok (check run ${s.wallMs.toFixed(0)} ms, ${(s.rssKB / 1024).toFixed(0)} MB)`);
  }
  const resources = countResources(out('synth'));
  const naiveTotal = options.naive ? countResources(out('naive')).total : undefined;

  const samples = new Map<CommandKey, Sample[]>(commands.map((c) => [c.key, []]));
  for (let round = 0; round < runs; round++) {
    const order = commands.map((_, i) => commands[(i + round) % commands.length]);
    for (const c of order) {
      c.prepare?.();
      samples.get(c.key)!.push(runOnce(c.args, options.rss, scratch, `${c.key} (${tree.zones} zones)`, app));
    }
    const last = order.map((c) => `${c.key} ${samples.get(c.key)!.at(-1)!.wallMs.toFixed(0)}`).join(', ');
    log(`${tree.zones} zones: round ${round + 1}/${runs}: ${last} ms`);
  }

  const floor = samples.get('floor')!;
  const floorWall = stat(floor.map((s) => s.wallMs)).median;
  const floorRss = stat(floor.map((s) => s.rssKB / 1024)).median;
  const floorCpu = stat(floor.map((s) => s.cpuMs)).median;
  const results: SizeResult['commands'] = {};
  for (const c of commands) {
    const list = samples.get(c.key)!;
    const wallMs = stat(list.map((s) => s.wallMs));
    const rssMB = stat(list.map((s) => s.rssKB / 1024));
    const cpuMs = stat(list.map((s) => s.cpuMs));
    results[c.key] = {
      label: LABELS[c.key],
      argv: [
        'node',
        ...c.args.map((a) =>
          a.startsWith(app.root) ? relative(app.root, a) : a.startsWith(scratch) ? `<tmp>/${relative(scratch, a)}` : a,
        ),
      ],
      wallMs,
      rssMB,
      cpuMs,
      wallRatio: wallMs.median / floorWall,
      rssRatio: rssMB.median / floorRss,
      cpuRatio: cpuMs.median / floorCpu,
    };
  }
  return {
    zones: tree.zones,
    departments: tree.departments,
    accountsPerZone: tree.accountsPerZone,
    presetsPerZone: tree.presetsPerZone,
    runs,
    commands: results,
    resources,
    ...(naiveTotal !== undefined
      ? { naiveResources: { total: naiveTotal, matchesSynth: naiveTotal === resources.total } }
      : {}),
  };
}

/**
 * The commit measured, and how many paths differed from it (other work in the tree) when dist/ was
 * copied. The files the bench itself writes are not counted: an earlier part's results are not a
 * change of what is measured.
 */
function sourceInfo(): { commit: string; uncommittedPaths: number } {
  const git = (...args: string[]) => spawnSync('git', args, { cwd: REPO, encoding: 'utf8' }).stdout?.trim() ?? '';
  const commit = git('rev-parse', '--short', 'HEAD') || 'unknown';
  const uncommittedPaths = git(
    'status',
    '--porcelain',
    '--untracked-files=no',
    '--',
    '.',
    ...BENCH_OUTPUTS.map((p) => `:!${p}`),
  )
    .split('\n')
    .filter(Boolean).length;
  return { commit, uncommittedPaths };
}

/** What `npm run bench` writes (repository-relative). */
const BENCH_OUTPUTS = ['bench/results', 'docs/benchmarks.md'];

function runJest(): JestResult {
  log('jest: running the suite (npx jest)...');
  const started = process.hrtime.bigint();
  const child = spawnSync('npx', ['jest'], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const text = `${child.stdout?.toString() ?? ''}\n${child.stderr?.toString() ?? ''}`;
  const summary = text
    .split('\n')
    .filter((l) => /^(Test Suites|Tests|Snapshots|Time):/.test(l.trim()))
    .map((l) => l.trim().replace(/\s+/g, ' '));
  log(`jest: exit ${child.status}, ${wallSeconds.toFixed(1)} s`);
  return { wallSeconds, exitCode: child.status, summary };
}

const fmtRatio = (r: number) => `${r.toFixed(r < 10 ? 2 : 1)}×`;

function evaluateTargets(
  sizes: SizeResult[],
  jest: JestResult | undefined,
  maps: readonly MapResult[] = [],
  apply?: ApplyScaleResult,
): Target[] {
  const targets: Target[] = [];
  const at = (zones: number) => sizes.find((s) => s.zones === zones);
  const s200 = at(200);
  const v200 = s200?.commands.validate;
  const y200 = s200?.commands.synth;
  targets.push(
    v200
      ? {
          name: 'validate, 200 zones',
          limit: `≤ ${TARGETS.validateRatio200}× bare node`,
          value: fmtRatio(v200.wallRatio),
          pass: v200.wallRatio <= TARGETS.validateRatio200,
          detail: `${v200.wallMs.median.toFixed(0)} ms vs ${s200!.commands.floor!.wallMs.median.toFixed(0)} ms bare node`,
        }
      : {
          name: 'validate, 200 zones',
          limit: `≤ ${TARGETS.validateRatio200}×`,
          value: 'n/a',
          pass: null,
          detail: 'size 200 not measured',
        },
  );
  targets.push(
    y200
      ? {
          name: 'synth, 200 zones × 3 accounts',
          limit: `≤ ${TARGETS.synthRatio200}× bare node`,
          value: fmtRatio(y200.wallRatio),
          pass: y200.wallRatio <= TARGETS.synthRatio200,
          detail:
            `${y200.wallMs.median.toFixed(0)} ms vs ${s200!.commands.floor!.wallMs.median.toFixed(0)} ms bare node` +
            (s200!.commands.naive
              ? `; naive root-import app (no cdktf-cli): ${fmtRatio(s200!.commands.naive.wallRatio)}`
              : ''),
        }
      : {
          name: 'synth, 200 zones × 3 accounts',
          limit: `≤ ${TARGETS.synthRatio200}×`,
          value: 'n/a',
          pass: null,
          detail: 'size 200 not measured',
        },
  );
  const [a, b, c] = [at(200), at(1000), at(3500)];
  for (const key of ['validate', 'synth'] as const) {
    const name = `${key}: growth 200 → 3,500 roughly linear`;
    if (!a || !b || !c) {
      targets.push({
        name,
        limit: `slope ratio ≤ ${TARGETS.growthSlopeRatio}`,
        value: 'n/a',
        pass: null,
        detail: 'needs sizes 200, 1000 and 3500',
      });
      continue;
    }
    const t = (s: SizeResult) => s.commands[key]!.wallMs.median;
    const slope1 = (t(b) - t(a)) / (b.zones - a.zones);
    const slope2 = (t(c) - t(b)) / (c.zones - b.zones);
    const ratio = slope2 / slope1;
    targets.push({
      name,
      limit: `per-zone cost 1,000→3,500 ≤ ${TARGETS.growthSlopeRatio}× that of 200→1,000`,
      value: `${ratio.toFixed(2)}`,
      pass: ratio <= TARGETS.growthSlopeRatio,
      detail: `${slope1.toFixed(2)} → ${slope2.toFixed(2)} ms/zone; ${t(a).toFixed(0)} / ${t(b).toFixed(0)} / ${t(c).toFixed(0)} ms at 200 / 1,000 / 3,500 (×${(t(c) / t(a)).toFixed(1)} for ×17.5 zones)`,
    });
  }
  if (c) {
    const peak = Math.max(c.commands.validate!.rssMB.median, c.commands.synth!.rssMB.median);
    targets.push({
      name: 'peak RSS, 3,500 zones (validate, synth)',
      limit: `≤ ${TARGETS.rssMB3500} MB`,
      value: `${peak.toFixed(0)} MB`,
      pass: peak <= TARGETS.rssMB3500,
      detail:
        `validate ${c.commands.validate!.rssMB.median.toFixed(0)} MB, synth ${c.commands.synth!.rssMB.median.toFixed(0)} MB` +
        (c.commands.naive ? `; naive ${c.commands.naive.rssMB.median.toFixed(0)} MB` : ''),
    });
  } else {
    targets.push({
      name: 'peak RSS, 3,500 zones (validate, synth)',
      limit: `≤ ${TARGETS.rssMB3500} MB`,
      value: 'n/a',
      pass: null,
      detail: 'size 3500 not measured',
    });
  }
  targets.push(...mapTargets(maps));
  targets.push(...applyTargets(apply));
  targets.push(jestTarget(jest));
  return targets;
}

const APPLY_TARGET = 'terraform apply, ';

/**
 * Apply `zones` zones × 3 accounts in one stack with conflicts and throttling on, at
 * each -parallelism; the figure is the time, the target that it completes with every zone in place.
 */
function applyTargets(apply: ApplyScaleResult | undefined): Target[] {
  if (!apply) return [];
  return apply.runs.map((r) => ({
    name: `${APPLY_TARGET}${apply.zones} zones × ${apply.accountsPerZone} accounts, -parallelism=${r.parallelism}`,
    limit: 'completes; the emulator holds every zone',
    value: `${r.applySeconds.toFixed(0)} s`,
    pass: r.ok,
    detail:
      `${r.permissionSets} permission sets, ${r.assignments} assignments; ${r.conflicts} conflicts and ${r.throttled} throttles of ${r.requests} requests absorbed by the provider's retries ` +
      `(conflicts on, throttling above ${apply.rateLimit.ratePerSecond} requests/s, max_retries ${apply.maxRetries})` +
      (apply.measured
        ? `; measured ${apply.measured.at.slice(0, 10)} at commit ${apply.measured.commit}, load average ${apply.measured.loadAverage.toFixed(2)} at start`
        : '') +
      (r.error ? `; ${r.error}` : ''),
  }));
}

/** The access map at 3,500 zones: file size and time to a search answer in Chromium. */
function mapTargets(maps: readonly MapResult[]): Target[] {
  const m = maps.find((r) => r.zones === 3500);
  const size = { name: 'access map file, 3,500 zones', limit: `≤ ${MAP_TARGETS.fileMB3500} MB` };
  const search = {
    name: 'access map: open + search answered, 3,500 zones (Chromium)',
    limit: `≤ ${MAP_TARGETS.searchMs3500} ms`,
  };
  if (!m)
    return [size, search].map((t) => ({
      ...t,
      value: 'n/a',
      pass: null,
      detail: 'size 3500 not measured (or --no-map)',
    }));
  const slowest = [...m.searches].sort((a, b) => b.ms - a.ms)[0];
  return [
    {
      ...size,
      value: `${(m.bytes / 1e6).toFixed(2)} MB`,
      pass: m.bytes <= MAP_TARGETS.fileMB3500 * 1e6,
      detail: `${m.bytes} bytes, rendered in ${m.renderMs.toFixed(0)} ms`,
    },
    {
      ...search,
      value: `${m.interactiveMs.toFixed(0)} ms`,
      pass: m.interactiveMs <= MAP_TARGETS.searchMs3500,
      detail: `load to ready ${m.loadMs} ms + slowest search ${slowest.ms.toFixed(0)} ms ("${slowest.query}": ${slowest.matches})`,
    },
  ];
}

/** A table as aligned text (stdout) or markdown; `numeric` columns are right-aligned. */
function table(header: string[], rows: string[][], markdown: boolean, numeric: readonly number[] = []): string {
  const right = (i: number) => numeric.includes(i);
  if (markdown) {
    const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
    return [line(header), line(header.map((_, i) => (right(i) ? '---:' : '---'))), ...rows.map(line)].join('\n') + '\n';
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (right(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
}

function render(report: BenchReport, markdown: boolean): string {
  const figures = report.sizes.flatMap((s) =>
    (['floor', 'validate', 'synth', 'naive'] as const).flatMap((key) => {
      const c = s.commands[key];
      if (!c) return [];
      return [
        [
          String(s.zones),
          c.label,
          c.wallMs.median.toFixed(0),
          `${c.wallMs.min.toFixed(0)}–${c.wallMs.max.toFixed(0)}`,
          fmtRatio(c.wallRatio),
          c.cpuMs.median.toFixed(0),
          fmtRatio(c.cpuRatio),
          c.rssMB.median.toFixed(0),
          fmtRatio(c.rssRatio),
          String(c.wallMs.samples.length),
        ],
      ];
    }),
  );
  const resources = report.sizes.map((s) => [
    String(s.zones),
    String(s.departments),
    String(s.resources.stacks),
    Object.entries(s.resources.byKind)
      .map(([k, v]) => `${k}-*: ${v.min === v.max ? v.min : `${v.min}–${v.max}`}`)
      .join(', '),
    String(s.resources.total),
    s.naiveResources ? (s.naiveResources.matchesSynth ? 'same total' : `differs (${s.naiveResources.total})`) : '–',
  ]);
  const targets = report.targets.map((t) => [
    t.pass === null ? 'n/a' : t.pass ? 'PASS' : 'MISS',
    t.name,
    t.value,
    t.limit,
    t.detail,
  ]);
  const h = (title: string) => (markdown ? `\n## ${title}\n\n` : `\n${title}\n`);
  const m = report.machine;
  const src = `commit ${report.source.commit}${report.source.uncommittedPaths ? ` + ${report.source.uncommittedPaths} uncommitted paths` : ''}`;
  const load = `load average ${m.loadAverage.start.map((l) => l.toFixed(2)).join(' / ')} at start, ${m.loadAverage.end.map((l) => l.toFixed(2)).join(' / ')} at end (1 / 5 / 15 min)`;
  let text = markdown
    ? `# Zone Access benchmarks (latest)\n\nGenerated by \`npm run bench\` (bench/run.ts) on ${report.generatedAt}, ${src}.\n\n` +
      `Machine: ${m.cpus} × ${m.cpuModel}, ${m.totalMemoryGB} GB RAM, Node ${m.node} (${m.platform}/${m.arch}); ${load}. ` +
      `Peak RSS and CPU time from ${report.rssSource}. Trees: ${report.sizes[0]?.accountsPerZone ?? 3} accounts and ${report.sizes[0]?.presetsPerZone ?? 2} presets per zone, 20 zones per department. ` +
      `Each figure is the median of the given number of interleaved runs; \`× node\` is the ratio to the bare \`node -e 0\` start measured alongside (wall time, CPU time, peak RSS). ` +
      'The targets are judged on wall time; CPU time (user + system, all threads) is given because it is less disturbed by other work on the machine.\n'
    : `Zone Access benchmarks (${src}): ${m.cpus} × ${m.cpuModel}, Node ${m.node}, ${report.generatedAt}; ${load}; RSS and CPU from ${report.rssSource}\n`;
  text += h('Targets') + table(['result', 'target', 'value', 'limit', 'detail'], targets, markdown);
  text +=
    h('Wall time, CPU time and peak RSS (median; × node = ratio to the bare node start)') +
    table(
      ['zones', 'command', 'wall ms', 'min–max', '× node', 'CPU ms', '× node', 'RSS MB', '× node', 'runs'],
      figures,
      markdown,
      [0, 2, 3, 4, 5, 6, 7, 8, 9],
    );
  text +=
    h('Resources per stack (resource + data blocks in cdk.tf.json)') +
    table(['zones', 'departments', 'stacks', 'per stack', 'total', 'naive app'], resources, markdown, [0, 1, 2, 4]);
  if (report.maps.length) {
    const rows = report.maps.map((m) => [
      String(m.zones),
      (m.bytes / 1e6).toFixed(2),
      m.renderMs.toFixed(0),
      String(m.loadMs),
      m.searches.map((q) => `${q.ms.toFixed(0)}`).join(' / '),
      m.interactiveMs.toFixed(0),
    ]);
    text +=
      h('Access map (5 members per zone, sign-in links; headless Chromium)') +
      table(
        [
          'zones',
          'MB',
          'render ms',
          'load ms',
          'search ms (zone / person / action / action+dept / account)',
          'open + slowest search ms',
        ],
        rows,
        markdown,
        [0, 1, 2, 3, 5],
      );
  }
  if (report.jest) {
    text +=
      h('jest') +
      `${markdown ? '' : '  '}\`npx jest\`: ${report.jest.wallSeconds.toFixed(1)} s wall, exit ${report.jest.exitCode}` +
      (report.jest.summary.length ? ` (${report.jest.summary.join('; ')})` : '') +
      '\n';
  }
  if (report.apply)
    text += h('terraform apply at scale (Identity Center emulator)') + renderApplyScale(report.apply, markdown);
  if (report.synthByNode)
    text +=
      h('validate and synth per Node (median; gain against the baseline build)') +
      renderSynthByNode(report.synthByNode, markdown);
  if (report.deploy)
    text +=
      h('zone-access deploy (Identity Center emulator), measured before extrapolation') +
      renderDeployScale(report.deploy, markdown);
  if (report.notes.length) text += h('Notes') + report.notes.map((n) => `- ${n}`).join('\n') + '\n';
  return text;
}

interface BenchReport {
  generatedAt: string;
  machine: {
    cpus: number;
    cpuModel: string;
    totalMemoryGB: number;
    node: string;
    platform: string;
    arch: string;
    loadAverage: { start: number[]; end: number[] };
  };
  rssSource: string;
  source: { commit: string; uncommittedPaths: number };
  options: { sizes: number[]; runs: number[]; naive: boolean; nodeFlags: string[] };
  targetLimits: typeof TARGETS;
  sizes: SizeResult[];
  maps: MapResult[];
  targets: Target[];
  jest?: JestResult;
  apply?: ApplyScaleResult;
  synthByNode?: SynthByNode;
  audit?: AuditScaleResult;
  deploy?: DeployScaleResult;
  drift?: DriftRateResult & { measured: Measured };
  /** Per mutated file, its latest recorded mutation score (`--only mutate`). */
  mutation?: Record<string, MutationRecord>;
  notes: string[];
}

/** `--only synth`: validate and synth per Node and build, median of interleaved rounds. */
interface SynthByNode {
  measured: Measured;
  builds: string[];
  sizes: {
    zones: number;
    runs: number;
    rows: {
      node: string;
      build: string;
      command: 'floor' | 'validate' | 'synth';
      wallMs: number;
      cpuMs: number;
      rssMB: number;
    }[];
  }[];
}

const SYNTH_NOTE = 'validate and synth per Node measured separately';

/** `--only synth`: validate and synth on each supported Node (and a baseline build), interleaved. */
async function synthOnly(options: Options): Promise<void> {
  const base = existingResults(options, 'synth');
  const loadAverage = loadavg()[0]!;
  const root = mkdtempSync(join(tmpdir(), 'zone-access-bench-'));
  const nodes = [process.execPath, ...OTHER_NODE_MAJORS.map((m) => nodeBinary(m))].map((bin) => ({
    bin,
    version: spawnSync(bin, ['--version'], { encoding: 'utf8' }).stdout.trim(),
  }));
  const builds = [{ name: `this build (${sourceInfo().commit})`, app: snapshotApp(join(root, 'app')) }];
  if (options.baseline) {
    const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: options.baseline,
      encoding: 'utf8',
    }).stdout?.trim();
    builds.push({
      name: `baseline ${commit || options.baseline}`,
      app: snapshotApp(join(root, 'baseline'), options.baseline),
    });
  }
  const result: SynthByNode = { measured: measuredSince(loadAverage), builds: builds.map((b) => b.name), sizes: [] };
  try {
    for (const [i, zones] of options.sizes.entries()) {
      const tree = generateTree(join(root, `zones-${zones}`), { zones });
      const treeArgs = ['--zones', tree.zonesDir, '--config', tree.configPath];
      const out = join(tree.root, 'out');
      const commands = nodes.flatMap((node) => [
        { node, build: builds[0], command: 'floor' as const, args: ['-e', '0'] },
        ...builds.flatMap((build) => [
          { node, build, command: 'validate' as const, args: [build.app.cli, 'validate', ...treeArgs] },
          { node, build, command: 'synth' as const, args: [build.app.cli, 'synth', ...treeArgs, '--out', out] },
        ]),
      ]);
      const samples = commands.map(() => [] as Sample[]);
      const runs = options.runs[i];
      // No untimed check run here (each command already fails the bench unless it exits 0): with
      // three Nodes and two builds, one more round at 3,500 zones would cost minutes. The rounds
      // rotate the order, so none is always first.
      for (let round = 0; round < runs; round++) {
        for (let k = 0; k < commands.length; k++) {
          const j = (k + round) % commands.length;
          const c = commands[j];
          rmSync(out, { recursive: true, force: true });
          samples[j].push(
            runOnce(
              c.args,
              options.rss,
              root,
              `${c.command} on ${c.node.version}, ${c.build.name} (${zones} zones)`,
              c.build.app,
              c.node.bin,
            ),
          );
        }
        log(`${zones} zones: round ${round + 1}/${runs} done`);
      }
      result.sizes.push({
        zones,
        runs,
        rows: commands.map((c, j) => ({
          node: c.node.version,
          build: c.build.name,
          command: c.command,
          wallMs: stat(samples[j].map((x) => x.wallMs)).median,
          cpuMs: stat(samples[j].map((x) => x.cpuMs)).median,
          rssMB: stat(samples[j].map((x) => x.rssKB / 1024)).median,
        })),
      });
    }
  } finally {
    if (!options.keep) rmSync(root, { recursive: true, force: true });
  }
  const report = withPart(base, {
    only: 'synth',
    note: SYNTH_NOTE,
    measured: result.measured,
    owns: () => false,
    targets: [],
  });
  writeReport({ ...report, synthByNode: result }, options);
}

function renderSynthByNode(part: SynthByNode, markdown: boolean): string {
  const [current, baseline] = part.builds;
  const rows = part.sizes.flatMap((s) => {
    const nodes = [...new Set(s.rows.map((r) => r.node))];
    return nodes.flatMap((node) =>
      (['validate', 'synth'] as const).map((command) => {
        const find = (build: string) =>
          s.rows.find((r) => r.node === node && r.build === build && r.command === command);
        const now = find(current)!;
        const before = baseline ? find(baseline) : undefined;
        const gain = (a: number, b: number) => `${(((a - b) / a) * 100).toFixed(0)} %`;
        return [
          String(s.zones),
          node,
          command,
          now.wallMs.toFixed(0),
          now.cpuMs.toFixed(0),
          now.rssMB.toFixed(0),
          before ? `${before.wallMs.toFixed(0)} / ${before.cpuMs.toFixed(0)}` : '–',
          before ? `${gain(before.wallMs, now.wallMs)} / ${gain(before.cpuMs, now.cpuMs)}` : '–',
          String(s.runs),
        ];
      }),
    );
  });
  return table(
    [
      'zones',
      'node',
      'command',
      'wall ms',
      'CPU ms',
      'RSS MB',
      baseline ? `${baseline}: wall / CPU ms` : 'baseline',
      'gain: wall / CPU',
      'runs',
    ],
    rows,
    markdown,
    [0, 3, 4, 5, 8],
  );
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.only === 'apply') return applyOnly(options);
  if (options.only === 'jest') return jestOnly(options);
  if (options.only === 'synth') return synthOnly(options);
  if (options.only === 'audit') return auditOnly(options);
  if (options.only === 'deploy') return deployOnly(options);
  if (options.only === 'drift') return driftOnly(options);
  if (options.only === 'mutate') return mutateOnly(options);
  const repoApp = appFiles(REPO);
  for (const file of [
    repoApp.cli,
    ...(options.naive ? [repoApp.naive] : []),
    ...(options.rss === 'preload' ? [repoApp.rssPreload] : []),
  ]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first (npm run bench does)`);
  }
  const loadStart = loadavg();
  const root = mkdtempSync(join(tmpdir(), 'zone-access-bench-'));
  const app = snapshotApp(join(root, 'app'));
  const source = sourceInfo();
  log(
    `trees in ${root}; sizes ${options.sizes.join(', ')}; runs ${options.runs.join(', ')}; RSS via ${options.rss === 'time' ? GNU_TIME : 'process.resourceUsage()'}`,
  );
  const sizes: SizeResult[] = [];
  const maps: MapResult[] = [];
  try {
    for (const [i, zones] of options.sizes.entries()) {
      const started = Date.now();
      const tree = generateTree(join(root, `zones-${zones}`), { zones });
      log(`${zones} zones: generated ${tree.departments} departments in ${Date.now() - started} ms`);
      sizes.push(measureSize(tree, options.runs[i], options, root, app));
      if (options.map) {
        const m = await measureAccessMap(tree, root);
        log(
          `${zones} zones: access map ${(m.bytes / 1e6).toFixed(2)} MB, open ${m.loadMs} ms, searches ${m.searches.map((q) => q.ms.toFixed(0)).join('/')} ms`,
        );
        maps.push(m);
      }
    }
  } finally {
    if (!options.keep) rmSync(root, { recursive: true, force: true });
    else log(`kept ${root}`);
  }
  const jest = options.jest ? runJest() : undefined;
  const apply = options.apply ? await measureApply(options.apply) : undefined;
  const audit = options.audit ? await measureAuditPart() : undefined;
  const report: BenchReport = {
    generatedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
      totalMemoryGB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      loadAverage: { start: loadStart, end: loadavg() },
    },
    rssSource: options.rss === 'time' ? "/usr/bin/time -f '%M %U %S'" : 'process.resourceUsage() (-r preload)',
    source,
    options: { sizes: options.sizes, runs: options.runs, naive: options.naive, nodeFlags: options.nodeFlags },
    targetLimits: TARGETS,
    sizes,
    maps,
    targets: [],
    ...(jest ? { jest } : {}),
    ...(apply ? { apply } : {}),
    ...(audit ? { audit } : {}),
    notes: [],
  };
  if (Math.max(...loadStart, ...report.machine.loadAverage.end) > cpus().length) {
    report.notes.push(
      `the machine was busy (load average above ${cpus().length}): wall-time ratios are inflated or noisy; compare CPU-time ratios`,
    );
  }
  report.targets = [...evaluateTargets(sizes, jest, maps, apply), ...auditTargets(audit)];
  writeReport(report, options);
}

/** The apply at scale, with when and where it was measured. */
async function measureApply(options: NonNullable<Options['apply']>): Promise<ApplyScaleResult> {
  const loadAverage = loadavg()[0]!;
  const result = await measureApplyAtScale({ ...APPLY_DEFAULTS, ...options });
  return { measured: measuredSince(loadAverage), ...result };
}

type Measured = NonNullable<ApplyScaleResult['measured']>;

/** When (now), at which commit and from which load a part measured on its own ran. */
function measuredSince(loadAverage: number): Measured {
  const { commit, uncommittedPaths } = sourceInfo();
  return {
    at: new Date().toISOString(),
    commit: uncommittedPaths ? `${commit} + ${uncommittedPaths} uncommitted paths` : commit,
    loadAverage,
  };
}

const APPLY_NOTE = 'terraform apply at scale measured separately';
const JEST_NOTE = 'jest suite measured separately';
const JEST_TARGET = 'jest suite (jest.config.js workers)';

function jestTarget(jest: JestResult | undefined): Target {
  return jest
    ? {
        name: JEST_TARGET,
        limit: `≤ ${TARGETS.jestSeconds} s`,
        value: `${jest.wallSeconds.toFixed(1)} s${jest.exitCode === 0 ? '' : ` (exit ${jest.exitCode})`}`,
        pass: jest.wallSeconds <= TARGETS.jestSeconds,
        detail: `exit ${jest.exitCode}; ${jest.summary.join('; ')}`,
      }
    : {
        name: JEST_TARGET,
        limit: `≤ ${TARGETS.jestSeconds} s`,
        value: 'n/a',
        pass: null,
        detail: 'not measured (run with --jest)',
      };
}

/** The results file an `--only <part>` run adds to (checked before anything is measured). */
function existingResults(options: Options, part: NonNullable<Options['only']>): BenchReport {
  if (!options.json || !options.md)
    throw new Error(`--only ${part} updates the results file; it cannot be combined with --no-write`);
  if (!existsSync(options.json))
    throw new Error(`${options.json} is missing: --only ${part} adds to the results of a full run`);
  return JSON.parse(readFileSync(options.json, 'utf8')) as BenchReport;
}

/** `base` with one part's targets and note replaced; every other figure stays as its run measured it. */
function withPart(
  base: BenchReport,
  part: {
    readonly only: NonNullable<Options['only']>;
    readonly note: string;
    readonly measured: Measured;
    readonly owns: (t: Target) => boolean;
    readonly targets: readonly Target[];
  },
): BenchReport {
  const { at, commit, loadAverage } = part.measured;
  return {
    ...base,
    maps: base.maps ?? [],
    targets: [...base.targets.filter((t) => !part.owns(t)), ...part.targets],
    notes: [
      ...base.notes.filter((n) => !n.startsWith(part.note)),
      `${part.note} (\`npm run bench -- --only ${part.only}\`) on ${at}, commit ${commit}, load average ${loadAverage.toFixed(2)} at start; the other figures are those of the run above`,
    ],
  };
}

/** `--only jest`: the test suite alone (needs a quiet machine to mean anything). */
function jestOnly(options: Options): void {
  const base = existingResults(options, 'jest');
  const loadAverage = loadavg()[0]!;
  const jest = runJest();
  const measured = measuredSince(loadAverage);
  const target = jestTarget(jest);
  const dated = {
    ...target,
    detail: `${target.detail}; measured ${measured.at.slice(0, 10)} at commit ${measured.commit}, load average ${loadAverage.toFixed(2)} at start`,
  };
  // Any earlier name of the jest row (e.g. "jest suite, 2 workers") is replaced too.
  const report = withPart(base, {
    only: 'jest',
    note: JEST_NOTE,
    measured,
    owns: (t) => t.name.startsWith('jest suite'),
    targets: [dated],
  });
  writeReport({ ...report, jest }, options);
}

const AUDIT_NOTE = 'audit over CloudTrail measured separately';
const AUDIT_TARGET = 'audit, ';

/** The audit at 25,000 and 100,000 events, with when and where it was measured. */
async function measureAuditPart(): Promise<AuditScaleResult> {
  const loadAverage = loadavg()[0]!;
  const cli = join(REPO, 'dist', 'cli', 'zone-access.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` first (npm run bench does)`);
  const result = await measureAudit({ cli, log });
  return { ...result, measured: measuredSince(loadAverage) };
}

/** Time and peak memory at 100,000 events, and that it completes in a heap the records alone would not fit in. */
function auditTargets(audit: AuditScaleResult | undefined): Target[] {
  if (!audit) return [];
  const big = audit.runs.find((r) => r.events === AUDIT_DEFAULTS.events[1] && r.heapLimitMB === undefined);
  const small = audit.runs.find((r) => r.events === AUDIT_DEFAULTS.events[0] && r.heapLimitMB === undefined);
  const limited = audit.runs.find((r) => r.heapLimitMB !== undefined);
  if (!big || !small || !limited) return [];
  const when = audit.measured
    ? `; measured ${audit.measured.at.slice(0, 10)} at commit ${audit.measured.commit}, load average ${audit.measured.loadAverage.toFixed(2)} at start`
    : '';
  const name = `${AUDIT_TARGET}${big.events.toLocaleString('en-US')} CloudTrail events, ${audit.zones} zones (Logs Insights stand-in)`;
  const same = limited.calls === big.calls && limited.signIns === big.signIns && limited.denied === big.denied;
  return [
    {
      name: `${name}: time`,
      limit: `≤ ${AUDIT_TARGETS.wallSeconds100k} s`,
      value: `${(big.wallMs / 1000).toFixed(1)} s`,
      pass: big.wallMs / 1000 <= AUDIT_TARGETS.wallSeconds100k,
      detail: `CPU ${(big.cpuMs / 1000).toFixed(1)} s (the rest is waiting for query results); ${big.queries} Logs Insights queries of at most 10,000 rows; ${big.calls} calls, ${big.signIns} sign-ins, ${big.denied} denied${when}`,
    },
    {
      name: `${name}: peak RSS`,
      limit: `≤ ${AUDIT_TARGETS.rssMB100k} MB`,
      value: `${big.rssMB.toFixed(0)} MB`,
      pass: big.rssMB <= AUDIT_TARGETS.rssMB100k,
      detail: `${small.events.toLocaleString('en-US')} events: ${small.rssMB.toFixed(0)} MB, ${(small.wallMs / 1000).toFixed(1)} s`,
    },
    {
      name: `${name}: stream not held`,
      limit: `completes with a ${AUDIT_HEAP_LIMIT_MB} MB heap, same result`,
      value: same ? 'yes' : 'no',
      pass: same,
      detail: `--max-old-space-size=${AUDIT_HEAP_LIMIT_MB}: ${(limited.wallMs / 1000).toFixed(1)} s, peak RSS ${limited.rssMB.toFixed(0)} MB; the 100,000 records are about 150 MB of JSON text`,
    },
  ];
}

/** `--only audit`: the audit over CloudTrail alone. */
async function auditOnly(options: Options): Promise<void> {
  const base = existingResults(options, 'audit');
  const audit = await measureAuditPart();
  const report = withPart(base, {
    only: 'audit',
    note: AUDIT_NOTE,
    measured: audit.measured!,
    owns: (t) => t.name.startsWith(AUDIT_TARGET),
    targets: auditTargets(audit),
  });
  writeReport({ ...report, audit }, options);
}

/** `--only apply`: the apply at scale alone. */
async function applyOnly(options: Options): Promise<void> {
  const base = existingResults(options, 'apply');
  const apply = await measureApply(options.apply!);
  const report = withPart(base, {
    only: 'apply',
    note: APPLY_NOTE,
    measured: apply.measured!,
    owns: (t) => t.name.startsWith(APPLY_TARGET),
    targets: applyTargets(apply),
  });
  writeReport({ ...report, apply }, options);
}

const DRIFT_NOTE = 'zone-access drift at the documented Identity Center rate measured separately';
const DRIFT_TARGET = 'drift, AWS side, ';
/**
 * The scheduled drift job's AWS session: configure-aws-credentials' default role-duration-seconds
 * (3,600) in the GitHub template; the credentials cannot be refreshed during the job.
 */
const DRIFT_LIMIT_MINUTES = 60;

/** `--only drift`: the AWS side of zone-access drift against the emulator at 20 requests/s, extrapolated to 3,500 zones. */
async function driftOnly(options: Options): Promise<void> {
  const base = existingResults(options, 'drift');
  const loadAverage = loadavg()[0]!;
  const result = await measureDriftRate(DRIFT_RATE_DEFAULTS);
  const measured = measuredSince(loadAverage);
  const e = result.extrapolated;
  log(
    `drift: ${result.requests} requests for ${result.zones} zones in ${result.seconds} s, ${result.throttled} throttled; ${e.zones} zones: ${e.minutes} min`,
  );
  const report = withPart(base, {
    only: 'drift',
    note: DRIFT_NOTE,
    measured,
    owns: (t) => t.name.startsWith(DRIFT_TARGET),
    targets: [
      {
        name: `${DRIFT_TARGET}${e.zones.toLocaleString('en-US')} zones at ${result.documentedTps} requests/s`,
        limit: `≤ ${DRIFT_LIMIT_MINUTES} min`,
        value: `${e.minutes} min`,
        pass: e.minutes <= DRIFT_LIMIT_MINUTES && result.throttled === 0,
        detail: `${result.requestsPerZone} Identity Center requests per zone (${result.accountsPerZone} accounts each), ${e.requests.toLocaleString('en-US')} in all, at the documented collective rate; measured on ${result.zones} zones against the emulator enforcing it: ${result.requests} requests in ${result.seconds} s, ${result.throttled} throttled; the limit is the scheduled job's AWS session (1 h); measured ${measured.at.slice(0, 10)} at commit ${measured.commit}, load average ${measured.loadAverage.toFixed(2)} at start`,
      },
    ],
  });
  writeReport({ ...report, drift: { ...result, measured } }, options);
}

const DEPLOY_NOTE = 'zone-access deploy (merge to usable) measured separately';
const DEPLOY_TARGET = 'merge to usable, ';
/** The job's AWS role session in the GitHub template (role-duration-seconds: 3600) bounds the scheduled run. */
const DEPLOY_LIMITS = { changeSeconds: 180, fullSeconds: 3600 };

/** `--only deploy`: merge to usable at 200, 1,000 and 3,500 zones (measured small, extrapolated). */
async function deployOnly(options: Options): Promise<void> {
  const base = existingResults(options, 'deploy');
  const loadAverage = loadavg()[0]!;
  const measurements = await measureDeployAtScale(DEPLOY_DEFAULTS);
  const measured = measuredSince(loadAverage);
  const estimates = estimate(
    measurements,
    DEPLOY_DEFAULTS.ratePerSecond,
    [200, 1000, 3500],
    validateSynthSeconds(options.json!),
  );
  const deploy: DeployScaleResult = {
    measured,
    ratePerSecond: DEPLOY_DEFAULTS.ratePerSecond,
    accountsPerZone: 3,
    measurements,
    estimates,
  };
  const report = withPart(base, {
    only: 'deploy',
    note: DEPLOY_NOTE,
    measured,
    owns: (t) => t.name.startsWith(DEPLOY_TARGET),
    targets: deployTargets(deploy),
  });
  writeReport({ ...report, deploy }, options);
}

/**
 * One row per size and change, and the scheduled run: estimates from the measured stacks (see
 * bench/deploy-scale.ts), each row saying what was measured and what is extrapolated.
 */
function deployTargets(d: DeployScaleResult): Target[] {
  const sizes = d.measurements.map((m) => m.zones).join(' and ');
  const basis =
    `extrapolated from zone-access deploy measured on stacks of ${sizes} zones × 3 accounts (real terraform + aws provider, emulator at ${d.ratePerSecond} requests/s, ` +
    `Identity Center's documented collective rate; conflicts on) with the measured requests per zone at that rate`;
  const when = d.measured
    ? `; measured ${d.measured.at.slice(0, 10)} at commit ${d.measured.commit}, load average ${d.measured.loadAverage.toFixed(2)} at start`
    : '';
  const rows: Target[] = [];
  for (const e of d.estimates) {
    const shape = `${e.departments} department${e.departments === 1 ? '' : 's'} of ≤ ${e.departmentZones} zones, ${e.stacks} stacks`;
    const vs =
      e.validateSynthSeconds !== undefined
        ? `validate + synth ${e.validateSynthSeconds.toFixed(1)} s (measured), `
        : 'validate + synth not in the results file, ';
    for (const k of ['add', 'edit', 'remove'] as const) {
      rows.push({
        name: `${DEPLOY_TARGET}${k} one zone, ${e.zones.toLocaleString('en-US')} zones`,
        limit: `≤ ${DEPLOY_LIMITS.changeSeconds} s`,
        value: `${e[k].toFixed(0)} s`,
        pass: e[k] <= DEPLOY_LIMITS.changeSeconds,
        detail: `${shape}; ${vs}one digest read per unchanged stack, the changed AWS stack planned without refresh and applied; ${basis}; the Entra stack's apply and SCIM's copy of a new group are not included (no azuread provider offline)${when}`,
      });
    }
    rows.push({
      name: `${DEPLOY_TARGET}scheduled full run (--all), ${e.zones.toLocaleString('en-US')} zones`,
      limit: `≤ ${DEPLOY_LIMITS.fullSeconds / 60} min`,
      value: `${(e.full / 60).toFixed(1)} min`,
      pass: e.full <= DEPLOY_LIMITS.fullSeconds,
      detail: `${shape}; ${e.fullRequests.toLocaleString('en-US')} Identity Center requests (refresh of every resource), departments 4 at a time, never faster than the requests at ${d.ratePerSecond}/s; AWS side only; ${basis}${when}`,
    });
  }
  return rows;
}

/** One file's mutation figures, with when and at which commit its report was written. */
interface MutationRecord extends Omit<FileScore, 'unlisted'> {
  readonly unlisted: number;
  readonly measured: Measured;
}

const MUTATE_NOTE = 'mutation scores recorded';
const MUTATE_TARGET = 'mutation score,';

function mutationTarget(r: MutationRecord): Target {
  const figures = `${r.killed} killed, ${r.timeout} timed out, ${r.survived} survived, ${r.noCoverage} not covered`;
  const lived = r.survived + r.noCoverage;
  const equivalents =
    lived === 0
      ? ''
      : `; ${r.listed} of ${lived} living listed as equivalent${r.unlisted ? ` (**${r.unlisted} not**)` : ''}`;
  return {
    name: `${MUTATE_TARGET} ${r.file}`,
    limit: `≥ ${MUTATION_TARGET_PERCENT} %, every survivor killed or listed`,
    value: r.score === null ? 'n/a' : `${r.score.toFixed(1)} %`,
    pass: r.score === null ? null : r.score >= MUTATION_TARGET_PERCENT && r.unlisted === 0,
    detail: `${figures}${equivalents}; measured ${r.measured.at.slice(0, 10)} at commit ${r.measured.commit}`,
  };
}

/**
 * `--only mutate`: the scores of a StrykerJS report, per mutated file, into the results file. A
 * partial run (`--mutate <file>`) updates its files only; the others keep their earlier record.
 */
function mutateOnly(options: Options): void {
  const base = existingResults(options, 'mutate');
  if (!existsSync(options.report))
    throw new Error(
      `${options.report} is missing: run \`npm run mutate\` (or \`npx stryker run --mutate <file>\`) first`,
    );
  const { report, writtenAt } = readReport(options.report);
  const equivalents = parseEquivalents(readFileSync(join(REPO, 'stryker', 'equivalent-mutants.md'), 'utf8'));
  const { commit, uncommittedPaths } = sourceInfo();
  const measured: Measured = {
    at: writtenAt.toISOString(),
    commit: uncommittedPaths ? `${commit} + ${uncommittedPaths} uncommitted paths` : commit,
    loadAverage: loadavg()[0]!,
  };
  const scores = fileScores(report, equivalents);
  for (const f of scores) {
    for (const m of f.unlisted)
      process.stderr.write(
        `not killed and not listed as equivalent (${m.status}, line ${m.line}):\n${equivalentRow(m)}\n`,
      );
  }
  const mutation: Record<string, MutationRecord> = { ...(base.mutation ?? {}) };
  for (const f of scores) mutation[f.file] = { ...f, unlisted: f.unlisted.length, measured };
  const files = Object.keys(mutation).sort();
  const report2 = withPart(base, {
    only: 'mutate',
    note: MUTATE_NOTE,
    measured,
    owns: (t) => t.name.startsWith(MUTATE_TARGET),
    targets: files.map((f) => mutationTarget(mutation[f]!)),
  });
  writeReport({ ...report2, mutation: Object.fromEntries(files.map((f) => [f, mutation[f]!])) }, options);
}

/** The table to stdout; with a results file, the JSON, the markdown and (default file) README's figures. */
function writeReport(report: BenchReport, options: Options): void {
  process.stdout.write(render(report, false));
  if (options.json && options.md) {
    mkdirSync(resolve(options.json, '..'), { recursive: true });
    writeFileSync(options.json, JSON.stringify(report, null, 2) + '\n');
    writeFileSync(options.md, render(report, true));
    log(`wrote ${relative(process.cwd(), options.json)} and ${relative(process.cwd(), options.md)}`);
    // README quotes the default results file only; a --json elsewhere is somebody's experiment.
    if (resolve(options.json) === join(REPO, 'bench', 'results', 'latest.json')) {
      updateReadme(join(REPO, RESULTS_PAGE), options.json);
      log(`updated the benchmark figures in ${RESULTS_PAGE}`);
    }
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  });
}
