import { join, relative, resolve } from 'node:path';
import { stackNames } from '../model/names';
import type { ZoneTree } from '../model/types';
import {
  deployStacks,
  describe,
  readManifest,
  totalCounts,
  type DeployOptions,
  type PlannedStack,
  type StackOutcome,
} from '../sync/deploy-run';
import { terraformRunner, type TerraformRunner } from '../sync/deploy-terraform';
import { parseOptions, UsageError } from './args';
import { parseDuration } from './await-sync';
import { formatHuman } from './format-diagnostics';
import { EXIT, type CliIO } from './io';
import type { ReleaseOptions } from '../sync/release-access-packages';

export const usage = `zone-access deploy [--stacks-dir cdktf.out] [--all] [--stack NAME] [--concurrency 4] [--timeout 20m] [--zones DIR] [--config FILE]

Applies the stacks \`zone-access synth\` wrote, with terraform, in the order of cdktf's manifest:
entra-app-roles first, each department's Entra stack before its AWS stack, departments in
parallel. Each stack: terraform init, plan -out, (Entra stacks: show -json and the step before
apply), apply of that plan, then its digest is recorded next to its state. On a merge (no --all)
only stacks whose configuration differs from the digest of their last successful apply are
planned, without refreshing state; an AWS stack whose Entra stack changed waits for SCIM first
(await-sync for that department's groups only; provisioning on demand when entra.provisioningJobId
and entra.provisioningRuleId are set). A failed stack stops nothing else; the run fails at the end
and names each failed stack with the command to rerun it. See docs/deploy.md.

  --stacks-dir DIR    the synth output folder: manifest.json and stacks/ (default: cdktf.out)
  --all               plan (with refresh) and apply every stack, whatever its digest: the scheduled run
  --stack NAME        only this stack, whatever its digest (repeatable): rerun a failed stack
  --concurrency N     stacks run at once, 1-16 (default 4); init and SCIM waits run one at a time
  --timeout DURATION  how long each SCIM wait may take (default 20m)
  --zones DIR         zone files folder, for the SCIM waits (default: zones)
  --config FILE       platform config, for the SCIM waits (default: config/platform.yaml)

Terraform comes from PATH, with its usual environment (credentials, TF_PLUGIN_CACHE_DIR, ...).
Progress goes to stderr, the summary to stdout.
Exit codes: 0 every stack applied or unchanged; 1 a stack failed (each named, with its rerun
command) or the synth output is missing; 2 bad command line.`;

export const DEPLOY_USAGE = usage;

/**
 * The step between an Entra stack's plan and its apply, given that plan (`terraform show -json`):
 * Graph refuses to delete an access package that still has assignments, so the remaining
 * assignments of every package the plan destroys (a zone removed or moved, a department retired or
 * switched to another mode) are removed first, with the credentials and request window of
 * `await-sync --provision` (sync/release-access-packages.ts). A plan that destroys no package asks
 * Graph nothing. A package that cannot be released fails that stack, unapplied; the others go on.
 */
export async function beforeApplyEntra(planned: PlannedStack, io: CliIO, options: ReleaseOptions = {}): Promise<void> {
  // Loaded here: only Entra stacks need Graph (and @azure/identity).
  const { releaseAccessPackages } = await import('../sync/release-access-packages');
  const result = await releaseAccessPackages(planned.plan, {
    env: io.env,
    log: (line) => void io.stderr.write(`${planned.stack}: ${line}\n`),
    ...options,
  });
  if (result.failed.length > 0) {
    const which = result.failed.map((f) => `${f.packageId} (${f.reason})`).join('; ');
    throw new Error(
      `${result.failed.length} of ${result.packages.length} access package(s) the plan destroys still have assignments, so the apply could not delete them: ${which}`,
    );
  }
}

/** Seams for tests; the CLI dispatcher calls `run(args, io)` without them. */
export interface DeployDeps {
  readonly terraform?: TerraformRunner;
  /** Replaces `beforeApplyEntra`. */
  readonly beforeApply?: (planned: PlannedStack) => Promise<void>;
  /** Replaces the SCIM wait (default: `zone-access await-sync` for the stack's departments). */
  readonly awaitSync?: DeployOptions['awaitSync'];
  readonly heartbeatMs?: number;
}

export async function run(args: string[], io: CliIO, deps: DeployDeps = {}): Promise<number> {
  const values = parseOptions(args, {
    'stacks-dir': { type: 'string' },
    all: { type: 'boolean' },
    stack: { type: 'string', multiple: true },
    concurrency: { type: 'string' },
    timeout: { type: 'string' },
    zones: { type: 'string' },
    config: { type: 'string' },
  });
  const concurrency = values.concurrency === undefined ? 4 : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) {
    throw new UsageError(`--concurrency must be a whole number from 1 to 16 (got "${values.concurrency}")`);
  }
  const timeout = values.timeout ?? '20m';
  if (parseDuration(timeout) === undefined)
    throw new UsageError(`--timeout "${timeout}" is not a duration (examples: 20m, 90s, 1h)`);
  if (values.all && values.stack)
    throw new UsageError('--all and --stack contradict each other: --all applies every stack');

  const err = (line: string): void => void io.stderr.write(`${line}\n`);
  const stacksDirArg = values['stacks-dir'] ?? 'cdktf.out';
  const outDir = resolve(io.cwd, stacksDirArg);
  let stacks;
  try {
    stacks = readManifest(outDir);
  } catch (e) {
    err(`zone-access deploy: ${(e as Error).message}`);
    return EXIT.failed;
  }
  if (values.stack) {
    const unknown = values.stack.filter((s) => !stacks.some((x) => x.name === s));
    if (unknown.length > 0)
      throw new UsageError(
        `no stack ${unknown.join(', ')} in ${join(stacksDirArg, 'manifest.json')} (stacks: ${stacks.map((s) => s.name).join(', ')})`,
      );
  }

  // The rerun command repeats the options that locate the inputs, so it works where this ran.
  const located = [
    ...(values['stacks-dir'] !== undefined ? ['--stacks-dir', stacksDirArg] : []),
    ...(values.zones !== undefined ? ['--zones', values.zones] : []),
    ...(values.config !== undefined ? ['--config', values.config] : []),
  ];

  let tree: ZoneTree | undefined;
  const awaitSync: DeployOptions['awaitSync'] =
    deps.awaitSync ??
    (async (awsStack, entraStack, groups) => {
      const loader = await import('../pipeline/load');
      if (!tree) {
        const loaded = loader.loadTree(loader.resolveTreeOptions(io.cwd, values.zones, values.config));
        if (!loaded.tree) {
          io.stderr.write(formatHuman(loaded.diagnostics, 'no group was awaited'));
          return false;
        }
        tree = loaded.tree;
      }
      const config = tree.config;
      const departments = [...new Set([...tree.departments, ...tree.zones.map((z) => z.department)])].filter(
        (d) => stackNames(d, config).aws === awsStack,
      );
      if (departments.length === 0) return true;
      const provision = config.entra.provisioningJobId && config.entra.provisioningRuleId;
      err(
        `[${awsStack}] waiting for SCIM: ${groups.join(', ')}, which ${entraStack} just created or renamed${provision ? ' (provisioning on demand)' : ''}`,
      );
      const awaitArgs = [
        ...(values.zones !== undefined ? ['--zones', values.zones] : []),
        ...(values.config !== undefined ? ['--config', values.config] : []),
        '--stacks',
        join(outDir, 'stacks'),
        '--timeout',
        timeout,
        ...departments.flatMap((d) => ['--department', d]),
        ...groups.flatMap((g) => ['--group', g]),
        ...(provision ? ['--provision'] : []),
      ];
      const { run: awaitRun, usage: awaitUsage } = await import('./await-sync');
      const { runCommand } = await import('./args');
      // await-sync's report goes to stderr with the rest of the progress; stdout is the summary's.
      const code = await runCommand('await-sync', { usage: awaitUsage, run: awaitRun }, awaitArgs, {
        ...io,
        stdout: io.stderr,
      });
      return code === EXIT.ok;
    });

  const started = Date.now();
  const changedOnly = !values.all && !values.stack;
  err(
    `deploy: ${stacks.length} stacks in ${relative(io.cwd, outDir) || '.'}; ` +
      (values.all
        ? 'planning (with refresh) and applying every stack (--all)'
        : values.stack
          ? `only ${values.stack.join(', ')}`
          : 'only stacks changed since their last successful apply (without refresh; the scheduled --all run refreshes)') +
      `, ${concurrency} at a time`,
  );
  const outcomes = await deployStacks({
    stacks,
    terraform: deps.terraform ?? terraformRunner(io.env),
    all: values.all === true,
    ...(values.stack ? { only: values.stack } : {}),
    concurrency,
    beforeApply: deps.beforeApply ?? ((planned) => beforeApplyEntra(planned, io)),
    awaitSync,
    progress: err,
    ...(deps.heartbeatMs !== undefined ? { heartbeatMs: deps.heartbeatMs } : {}),
  });
  io.stdout.write(summary(outcomes, located, (Date.now() - started) / 1000, changedOnly));
  return outcomes.some((o) => o.status === 'failed') ? EXIT.failed : EXIT.ok;
}

/** The end-of-run summary: counts, one line per stack, and the rerun command of each failed stack. */
export function summary(
  outcomes: readonly StackOutcome[],
  located: readonly string[],
  seconds: number,
  changedOnly = true,
): string {
  const applied = outcomes.filter((o) => o.status === 'applied');
  const skipped = outcomes.filter((o) => o.status === 'skipped');
  const failed = outcomes.filter((o) => o.status === 'failed');
  const width = Math.max(0, ...outcomes.map((o) => o.stack.length));
  const lines = [
    `deploy: ${applied.length} applied, ${skipped.length} skipped as unchanged, ${failed.length} failed; ` +
      `resources: ${describe(totalCounts(outcomes))} (${seconds.toFixed(1)} s)`,
    ...outcomes.map((o) => {
      const name = o.stack.padEnd(width);
      if (o.status === 'applied') return `  applied  ${name}  ${describe(o.counts)} (${o.seconds} s)`;
      if (o.status === 'skipped') return `  skipped  ${name}  unchanged since its last successful apply`;
      return `  FAILED   ${name}  at ${o.step}: ${o.message.split('\n')[0]}`;
    }),
  ];
  if (failed.length > 0) {
    lines.push(
      '',
      `${failed.length} stack${failed.length === 1 ? '' : 's'} failed (errors above, under [<stack>]). Each keeps its previous digest, so the next ` +
        `deployment run${changedOnly ? '' : ' on a merge'} plans it again; to rerun one now:`,
      ...failed.map((o) => `  npx --no zone-access deploy ${[...located, '--stack', o.stack].join(' ')}`),
    );
  }
  return `${lines.join('\n')}\n`;
}
