import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startIdentityCenterEmulator, type RateLimit } from '../__tests__/support/identity-center/emulator';
import { applyEnv, StackWorkspace } from '../__tests__/support/terraform-apply';
import { groupDisplayName, permissionSetName } from '../model/names';
import { loadTree } from '../pipeline/load';
import { synthesizeTree } from '../pipeline/synthesize';
import { generateTree } from './generate-tree';

/**
 * Apply at scale (the pipeline must finish with AWS throttling and conflicting on): `zones` zones × 3 accounts in ONE AWS stack, applied with the
 * real terraform and aws provider against the Identity Center emulator with its AWS behaviour
 * switched on: ConflictException for concurrent provisioning of a permission set into an account,
 * and ThrottlingException above `rateLimit` requests per second. Once per `-parallelism` value,
 * each on a fresh emulator and state; the apply must succeed and leave exactly every zone's
 * permission set and assignments behind.
 *
 *   node dist/bench/apply-scale.js [--zones 100] [--parallelism 10,50] [--rate 20]
 */

export interface ApplyScaleOptions {
  readonly zones: number;
  readonly parallelism: readonly number[];
  readonly rateLimit: RateLimit;
  /** The provider's `max_retries` (its default is 25). */
  readonly maxRetries: number;
}

export interface ApplyScaleRun {
  readonly parallelism: number;
  readonly applySeconds: number;
  readonly ok: boolean;
  readonly error?: string;
  readonly permissionSets: number;
  readonly assignments: number;
  readonly requests: number;
  readonly throttled: number;
  readonly conflicts: number;
}

export interface ApplyScaleResult {
  /** When and at which commit it ran, and the 1-minute load average then (set by bench/run.ts). */
  readonly measured?: { readonly at: string; readonly commit: string; readonly loadAverage: number };
  readonly zones: number;
  readonly accountsPerZone: number;
  readonly rateLimit: RateLimit;
  readonly maxRetries: number;
  readonly runs: ApplyScaleRun[];
}

export const APPLY_DEFAULTS: ApplyScaleOptions = {
  zones: 100,
  parallelism: [10, 50],
  rateLimit: { ratePerSecond: 20 },
  maxRetries: 25,
};

function log(message: string): void {
  process.stderr.write(`[bench:apply] ${message}\n`);
}

export async function measureApplyAtScale(options: ApplyScaleOptions = APPLY_DEFAULTS): Promise<ApplyScaleResult> {
  const root = mkdtempSync(join(tmpdir(), 'zone-access-apply-'));
  try {
    const generated = generateTree(join(root, 'tree'), {
      zones: options.zones,
      zonesPerDepartment: options.zones,
      accountsPerZone: 3,
    });
    const { tree, diagnostics } = loadTree({ zonesDir: generated.zonesDir, configPath: generated.configPath });
    if (!tree || diagnostics.length > 0)
      throw new Error(`generated tree is invalid: ${JSON.stringify(diagnostics.slice(0, 3))}`);
    const outDir = join(root, 'out');
    const { shards } = synthesizeTree(tree, outDir);
    const stacks = [...shards.values()].map((p) => p.aws.node.id);
    if (stacks.length !== 1) throw new Error(`expected one AWS stack, got ${stacks.join(', ')}`);
    const expectedAssignments = tree.zones.reduce((n, z) => n + z.accounts.length, 0);

    const runs: ApplyScaleRun[] = [];
    for (const parallelism of options.parallelism) {
      const emulator = await startIdentityCenterEmulator({
        instanceArn: tree.config.identityCenter.instanceArn,
        identityStoreId: tree.config.identityCenter.identityStoreId,
        groups: tree.zones.map((z) => ({ displayName: groupDisplayName(z, tree.config) })),
        conflicts: true,
        rateLimit: options.rateLimit,
      });
      try {
        const dir = join(root, `p${parallelism}`);
        // An hour: at -parallelism 10 a 100-zone apply spends most of it waiting on status polls.
        const workspace = new StackWorkspace(stacks[0]!, join(dir, stacks[0]!), applyEnv(dir), 3_600_000);
        workspace.sync(outDir, emulator, { maxRetries: options.maxRetries });
        await workspace.init();
        log(`${options.zones} zones, ${expectedAssignments} assignments: apply -parallelism=${parallelism} ...`);
        const started = Date.now();
        let error: string | undefined;
        try {
          await workspace.apply(parallelism);
        } catch (e) {
          error = (e as Error).message
            .split('\n')
            .filter((l) => /Error|error/.test(l))
            .slice(0, 5)
            .join(' | ');
        }
        const applySeconds = (Date.now() - started) / 1000;
        const state = emulator.state();
        const wanted = new Set(tree.zones.map((z) => permissionSetName(z, tree.config)));
        const ok =
          error === undefined &&
          state.permissionSets.length === wanted.size &&
          state.permissionSets.every((p) => wanted.has(p.name)) &&
          state.assignments.length === expectedAssignments;
        const run: ApplyScaleRun = {
          parallelism,
          applySeconds,
          ok,
          ...(error ? { error } : {}),
          permissionSets: state.permissionSets.length,
          assignments: state.assignments.length,
          requests: emulator.log.length,
          throttled: emulator.log.filter((e) => e.outcome === 'ThrottlingException').length,
          conflicts: emulator.log.filter((e) => e.outcome === 'ConflictException').length,
        };
        log(
          `-parallelism=${parallelism}: ${ok ? 'ok' : 'FAILED'} in ${applySeconds.toFixed(1)} s; ${run.requests} requests, ${run.throttled} throttled, ${run.conflicts} conflicts${error ? `; ${error}` : ''}`,
        );
        runs.push(run);
      } finally {
        await emulator.close();
      }
    }
    return {
      zones: options.zones,
      accountsPerZone: 3,
      rateLimit: options.rateLimit,
      maxRetries: options.maxRetries,
      runs,
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export function renderApplyScale(result: ApplyScaleResult, markdown: boolean): string {
  const head = [
    '-parallelism',
    'apply s',
    'result',
    'permission sets',
    'assignments',
    'requests',
    'throttled',
    'conflicts',
  ];
  const rows = result.runs.map((r) => [
    String(r.parallelism),
    r.applySeconds.toFixed(1),
    r.ok ? 'ok' : `FAILED${r.error ? `: ${r.error}` : ''}`,
    String(r.permissionSets),
    String(r.assignments),
    String(r.requests),
    String(r.throttled),
    String(r.conflicts),
  ]);
  const intro = `${result.zones} zones × ${result.accountsPerZone} accounts in one stack; emulator: conflicts on, throttling above ${result.rateLimit.ratePerSecond} requests/s; provider max_retries ${result.maxRetries}`;
  if (markdown)
    return `${intro}.\n\n| ${head.join(' | ')} |\n| ${head.map(() => '---').join(' | ')} |\n${rows.map((r) => `| ${r.join(' | ')} |`).join('\n')}\n`;
  return `  ${intro}\n${[head, ...rows].map((r) => `  ${r.join('  ')}`).join('\n')}\n`;
}

if (require.main === module) {
  const { values } = parseArgs({
    options: {
      zones: { type: 'string' },
      parallelism: { type: 'string' },
      rate: { type: 'string' },
      'max-retries': { type: 'string' },
    },
  });
  const options: ApplyScaleOptions = {
    zones: values.zones ? Number(values.zones) : APPLY_DEFAULTS.zones,
    parallelism: values.parallelism ? values.parallelism.split(',').map(Number) : APPLY_DEFAULTS.parallelism,
    rateLimit: values.rate ? { ratePerSecond: Number(values.rate) } : APPLY_DEFAULTS.rateLimit,
    maxRetries: values['max-retries'] ? Number(values['max-retries']) : APPLY_DEFAULTS.maxRetries,
  };
  measureApplyAtScale(options).then(
    (r) => {
      process.stdout.write(renderApplyScale(r, false));
      if (r.runs.some((run) => !run.ok)) process.exitCode = 1;
    },
    (e: unknown) => {
      process.stderr.write(`bench:apply: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
