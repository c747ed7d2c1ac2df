import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run as deploy } from '../cli/deploy';
import {
  startIdentityCenterEmulator,
  type IdentityCenterEmulator,
} from '../__tests__/support/identity-center/emulator';
import { applyEnv, writeEmulatorOverride } from '../__tests__/support/terraform-apply';
import { groupDisplayName, stackNames } from '../model/names';
import { loadTree } from '../pipeline/load';
import { synthesizeTree } from '../pipeline/synthesize';
import { accountId, departmentName, generateTree, zoneFileYaml, zoneName } from './generate-tree';

/**
 * Merge to usable (`npm run bench -- --only deploy`): how long after the deployment job starts a
 * one-zone change (add, edit, remove) is applied in AWS (assignments SUCCEEDED, or gone), and how
 * long the scheduled `deploy --all` takes, at 200, 1,000 and 3,500 zones.
 *
 * Measured: `zone-access deploy` itself (digest records, init, plan -out, apply, the real terraform
 * and aws provider) on one department's AWS stack of `sizes` zones × 3 accounts, against the
 * Identity Center emulator at IAM Identity Center's documented rate, a collective 20 transactions
 * per second (https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html#ssothrottlelimits),
 * with ConflictException on concurrent provisioning into one account and the provider's default
 * retries: per change, the wall time and the Identity Center requests; for the scheduled run, the
 * same; and the cost of an unchanged stack (its digest read).
 *
 * Extrapolated (the CPU on this machine does not allow applying 3,500 zones for each figure): the
 * changed department has up to 300 zones (departments of 50-300 zones, as the issue sets them);
 * every extra zone in it costs the larger of the measured time per zone and its measured requests
 * at 20/s; every other stack of the organisation costs one digest read (a quarter of it: reads run
 * 8 at a time, counted as 4); validate and synth come
 * from the same results file (measured at that size by the main bench run). Not included: the Entra
 * stack's apply and SCIM's copy of a new group (the offline mirror has no azuread provider; provisioning
 * on demand takes Entra seconds to minutes), said so in each row.
 */

export interface DeployScaleOptions {
  /** Zones in the measured department's stack, two sizes for the per-zone slope. */
  readonly sizes: readonly [number, number];
  readonly ratePerSecond: number;
}

export const DEPLOY_DEFAULTS: DeployScaleOptions = { sizes: [4, 12], ratePerSecond: 20 };

/** One deploy run: wall time and Identity Center requests (throttled ones included). */
export interface DeployStep {
  readonly seconds: number;
  readonly requests: number;
  readonly throttled: number;
  readonly ok: boolean;
}

export interface DeployMeasurement {
  readonly zones: number;
  readonly initial: DeployStep;
  readonly add: DeployStep;
  readonly edit: DeployStep;
  readonly remove: DeployStep;
  /** A run where the stack is unchanged: the digest read alone. */
  readonly unchanged: DeployStep;
  /** `deploy --all`: refresh plan, nothing to apply. */
  readonly full: DeployStep;
}

export interface DeployEstimate {
  readonly zones: number;
  readonly departments: number;
  readonly departmentZones: number;
  readonly stacks: number;
  readonly validateSynthSeconds?: number;
  readonly add: number;
  readonly edit: number;
  readonly remove: number;
  readonly full: number;
  readonly fullRequests: number;
}

export interface DeployScaleResult {
  readonly measured?: { readonly at: string; readonly commit: string; readonly loadAverage: number };
  readonly ratePerSecond: number;
  readonly accountsPerZone: number;
  readonly measurements: DeployMeasurement[];
  readonly estimates: DeployEstimate[];
}

function log(message: string): void {
  process.stderr.write(`[bench:deploy] ${message}\n`);
}

export async function measureDeployAtScale(
  options: DeployScaleOptions = DEPLOY_DEFAULTS,
): Promise<DeployMeasurement[]> {
  const out: DeployMeasurement[] = [];
  for (const zones of options.sizes) out.push(await measureOne(zones, options.ratePerSecond));
  return out;
}

async function measureOne(zones: number, ratePerSecond: number): Promise<DeployMeasurement> {
  const root = mkdtempSync(join(tmpdir(), 'zone-access-deploy-'));
  let emulator: IdentityCenterEmulator | undefined;
  try {
    const generated = generateTree(join(root, 'tree'), { zones, zonesPerDepartment: zones, accountsPerZone: 3 });
    const department = departmentName(0);
    const extra = zoneName(department, 9999);
    const extraFile = join(generated.zonesDir, department, `${extra}.yaml`);
    const synthInto = (n: number): { stack: string; dir: string } => {
      const { tree, diagnostics } = loadTree({ zonesDir: generated.zonesDir, configPath: generated.configPath });
      if (!tree || diagnostics.length > 0)
        throw new Error(`generated tree is invalid: ${JSON.stringify(diagnostics.slice(0, 3))}`);
      const dir = join(root, `synth-${n}`);
      synthesizeTree(tree, dir);
      const stack = stackNames(tree.zones[0]!.department, tree.config).aws;
      return { stack, dir };
    };
    const first = synthInto(0);
    const { tree } = loadTree({ zonesDir: generated.zonesDir, configPath: generated.configPath });
    const config = tree!.config;
    // SCIM's part: every zone's group, and the one the add brings, are in the identity store.
    emulator = await startIdentityCenterEmulator({
      instanceArn: config.identityCenter.instanceArn,
      identityStoreId: config.identityCenter.identityStoreId,
      groups: [
        ...tree!.zones.map((z) => groupDisplayName(z, config)),
        groupDisplayName({ name: extra, department } as never, config),
      ].map((displayName) => ({ displayName })),
      conflicts: true,
      rateLimit: { ratePerSecond },
    });
    // The deploy folder CI would have: manifest.json and the stack (its local state stays between runs).
    const work = join(root, 'cdktf.out');
    const stackDir = join(work, 'stacks', first.stack);
    mkdirSync(stackDir, { recursive: true });
    writeFileSync(
      join(work, 'manifest.json'),
      JSON.stringify({ stacks: { [first.stack]: { dependencies: [], workingDirectory: `stacks/${first.stack}` } } }),
    );
    writeEmulatorOverride(stackDir, emulator, { maxRetries: 25 });
    let synths = 0;
    const resynth = (): void => {
      const s = synthInto(++synths);
      copyFileSync(join(s.dir, 'stacks', s.stack, 'cdk.tf.json'), join(stackDir, 'cdk.tf.json'));
    };
    const step = async (what: string, args: string[] = []): Promise<DeployStep> => {
      const before = emulator!.log.length;
      const started = Date.now();
      const io = { stdout: sink(), stderr: sink(), env: applyEnv(root), cwd: root };
      const code = await deploy(['--stacks-dir', work, ...args], io, { awaitSync: async () => true });
      const seconds = (Date.now() - started) / 1000;
      const entries = emulator!.log.slice(before);
      const result = {
        seconds,
        requests: entries.length,
        throttled: entries.filter((e) => e.outcome === 'ThrottlingException').length,
        ok: code === 0,
      };
      log(
        `${zones} zones, ${what}: ${result.ok ? 'ok' : 'FAILED'} in ${seconds.toFixed(1)} s, ${result.requests} requests (${result.throttled} throttled)`,
      );
      if (!result.ok)
        throw new Error(
          `deploy (${what}) failed at ${zones} zones:\n${io.stdout.text()}\n${io.stderr.text().slice(-3000)}`,
        );
      return result;
    };

    resynth();
    const initial = await step('initial apply');
    writeFileSync(
      extraFile,
      zoneFileYaml(extra, department, [accountId(0), accountId(1), accountId(2)], ['secrets-reader']),
    );
    resynth();
    const add = await step('add one zone');
    writeFileSync(
      extraFile,
      zoneFileYaml(extra, department, [accountId(0), accountId(1), accountId(3)], ['secrets-reader']),
    );
    resynth();
    const edit = await step('edit one zone (an account replaced)');
    unlinkSync(extraFile);
    resynth();
    const remove = await step('remove one zone');
    const unchanged = await step('unchanged');
    const full = await step('scheduled run (--all)', ['--all']);
    return { zones, initial, add, edit, remove, unchanged, full };
  } finally {
    await emulator?.close();
    rmSync(root, { recursive: true, force: true });
  }
}

function sink(): NodeJS.WritableStream & { text(): string } {
  let text = '';
  return { write: (s: string) => ((text += s), true), text: () => text } as unknown as NodeJS.WritableStream & {
    text(): string;
  };
}

/** Organisation shapes: zones → departments of at most 300 zones (the issue's 50-300). */
export function organisation(zones: number): { departments: number; departmentZones: number } {
  const departments = Math.max(1, Math.ceil(zones / 300));
  return { departments, departmentZones: Math.ceil(zones / departments) };
}

/**
 * Extrapolation from the two measured sizes (see the file comment). `validateSynth`: seconds of
 * `validate` + `synth` per organisation size, from the main bench run.
 */
export function estimate(
  measurements: readonly DeployMeasurement[],
  ratePerSecond: number,
  sizes: readonly number[],
  validateSynth: ReadonlyMap<number, number>,
): DeployEstimate[] {
  const [a, b] = [...measurements].sort((x, y) => x.zones - y.zones);
  if (!a || !b || a.zones === b.zones) throw new Error('the extrapolation needs two measured sizes');
  const dz = b.zones - a.zones;
  /** Seconds per extra zone: the measured slope, or its requests at the documented rate if larger. */
  const perZone = (k: 'add' | 'edit' | 'remove' | 'full'): number =>
    Math.max((b[k].seconds - a[k].seconds) / dz, (b[k].requests - a[k].requests) / dz / ratePerSecond, 0);
  const at = (k: 'add' | 'edit' | 'remove' | 'full', zones: number): number =>
    b[k].seconds + perZone(k) * Math.max(0, zones - b.zones);
  const fullRequestsPerZone = Math.max(0, (b.full.requests - a.full.requests) / dz);
  return sizes.map((zones) => {
    const { departments, departmentZones } = organisation(zones);
    const stacks = 2 * departments + 1;
    // Every other stack's digest is read and the stack skipped: deploy reads 8 at a time; counted
    // as 4 at a time (a CI runner has few cores, and each read starts terraform twice).
    const others = ((stacks - 1) * b.unchanged.seconds) / 4;
    const vs = validateSynth.get(zones);
    const front = (vs ?? 0) + others;
    const fullRequests = Math.round(b.full.requests + fullRequestsPerZone * (zones - b.zones));
    // The scheduled run: departments four at a time (deploy's default), never faster than its requests at the rate.
    const full =
      (vs ?? 0) +
      Math.max(fullRequests / ratePerSecond, (departments * at('full', departmentZones)) / Math.min(4, departments));
    return {
      zones,
      departments,
      departmentZones,
      stacks,
      ...(vs !== undefined ? { validateSynthSeconds: vs } : {}),
      add: front + at('add', departmentZones),
      edit: front + at('edit', departmentZones),
      remove: front + at('remove', departmentZones),
      full,
      fullRequests,
    };
  });
}

export function renderDeployScale(result: DeployScaleResult, markdown: boolean): string {
  const head = [
    'zones in stack',
    'initial s',
    'add s / req',
    'edit s / req',
    'remove s / req',
    'unchanged s',
    '--all s / req',
  ];
  const f = (s: DeployStep) => `${s.seconds.toFixed(1)} / ${s.requests}`;
  const rows = result.measurements.map((m) => [
    String(m.zones),
    m.initial.seconds.toFixed(1),
    f(m.add),
    f(m.edit),
    f(m.remove),
    m.unchanged.seconds.toFixed(1),
    f(m.full),
  ]);
  const intro = `zone-access deploy of one AWS stack (zones × ${result.accountsPerZone} accounts), real terraform + aws provider, emulator at ${result.ratePerSecond} requests/s with conflicts`;
  if (markdown)
    return `${intro}.\n\n| ${head.join(' | ')} |\n| ${head.map(() => '---').join(' | ')} |\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`;
  return `  ${intro}\n${[head, ...rows].map((r) => `  ${r.join('  ')}`).join('\n')}\n`;
}

/** The validate + synth medians (seconds) per size of a bench results file. */
export function validateSynthSeconds(resultsFile: string): Map<number, number> {
  const report = JSON.parse(readFileSync(resultsFile, 'utf8')) as {
    sizes?: { zones: number; commands?: Record<string, { wallMs?: { median?: number } }> }[];
  };
  const out = new Map<number, number>();
  for (const s of report.sizes ?? []) {
    const v = s.commands?.validate?.wallMs?.median;
    const y = s.commands?.synth?.wallMs?.median;
    if (v !== undefined && y !== undefined) out.set(s.zones, (v + y) / 1000);
  }
  return out;
}
