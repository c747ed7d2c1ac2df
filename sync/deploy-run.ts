import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { digestRecord, stackDigest, WORK_DIR } from './deploy-digest';
import {
  addCounts,
  isApplyComplete,
  NO_CHANGES,
  parseJsonStream,
  tail,
  type ResourceCounts,
  type TerraformRunner,
} from './deploy-terraform';

/**
 * The deployment run behind `zone-access deploy`: every stack of a cdktf output folder, each after
 * the stacks it depends on (cdktf's manifest: entra-app-roles, then each department's Entra stack,
 * then its AWS stack), several departments at once, each stack on its own so that one failure
 * stops nothing but the stack that failed.
 */

export interface DeployStack {
  readonly name: string;
  readonly dir: string;
  readonly dependencies: readonly string[];
}

/** The stacks of `<outDir>/manifest.json`, in name order. */
export function readManifest(outDir: string): DeployStack[] {
  const file = join(outDir, 'manifest.json');
  if (!existsSync(file)) throw new Error(`${file} does not exist: run \`zone-access synth --out ${outDir}\` first`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as {
    stacks?: Record<string, { dependencies?: string[]; workingDirectory?: string }>;
  };
  return Object.entries(manifest.stacks ?? {})
    .map(([name, s]) => ({
      name,
      dir: join(outDir, s.workingDirectory ?? join('stacks', name)),
      dependencies: s.dependencies ?? [],
    }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** What the plan of one stack is, for the step that runs between plan and apply. */
export interface PlannedStack {
  readonly stack: string;
  readonly dir: string;
  /** `terraform show -json <plan>`. */
  readonly plan: unknown;
}

export type StackOutcome =
  | { readonly stack: string; readonly status: 'skipped'; readonly reason: string }
  | { readonly stack: string; readonly status: 'applied'; readonly counts: ResourceCounts; readonly seconds: number }
  | {
      readonly stack: string;
      readonly status: 'failed';
      readonly step: string;
      readonly message: string;
      readonly seconds: number;
    };

export interface DeployOptions {
  readonly stacks: readonly DeployStack[];
  readonly terraform: TerraformRunner;
  /** Plan and apply every stack, refreshing state (the scheduled run); otherwise only changed stacks, without refresh. */
  readonly all: boolean;
  /** Only these stacks (always planned, whatever their digest); default: every stack. */
  readonly only?: readonly string[];
  /** Stacks run at once (departments in parallel); init, and waits for SCIM, run one at a time. */
  readonly concurrency: number;
  /**
   * Runs between `terraform show -json` of an Entra stack's plan and its `terraform apply`: what must
   * happen in Entra before the plan can be applied. A rejection fails that stack (nothing applied).
   */
  readonly beforeApply?: (planned: PlannedStack) => Promise<void>;
  /**
   * Waits until SCIM has synced `groups` (display names), which the apply of `entraStack` just
   * created or renamed, before `awsStack` is planned (resolves false, having said why, when they did
   * not arrive). Runs one at a time.
   */
  readonly awaitSync?: (awsStack: string, entraStack: string, groups: readonly string[]) => Promise<boolean>;
  /** One progress line on stderr. */
  readonly progress: (line: string) => void;
  /** Heartbeat while a stack applies (default 60 s). */
  readonly heartbeatMs?: number;
  readonly now?: () => number;
}

export async function deployStacks(opts: DeployOptions): Promise<StackOutcome[]> {
  const now = opts.now ?? Date.now;
  const byName = new Map(opts.stacks.map((s) => [s.name, s]));
  const selected = opts.only ? new Set(opts.only) : undefined;
  const initLock = serial();
  const waitLock = serial();
  const outcomes = new Map<string, StackOutcome>();
  /** Entra stacks whose apply changed something in this run → the groups it created or renamed. */
  const changedEntra = new Map<string, readonly string[]>();
  const say = (stack: string, text: string): void => opts.progress(`[${stack}] ${text}`);
  // A digest record's configuration has no provider, so its init never touches the plugin cache
  // and needs no lock. On a merge every record is read up front, READ_CONCURRENCY at a time, so an
  // unchanged stack costs nothing when its turn comes.
  const records = new Map(opts.stacks.map((s) => [s.name, digestRecord(s.dir, opts.terraform)] as const));
  const recordedDigests = new Map<string, Promise<string | undefined>>();
  if (!opts.all && !selected) {
    const limit = limiter(Math.max(opts.concurrency, READ_CONCURRENCY));
    for (const s of opts.stacks) {
      const read = limit(() => records.get(s.name)!.read());
      read.catch(() => undefined);
      recordedDigests.set(s.name, read);
    }
  }

  async function runStack(stack: DeployStack): Promise<StackOutcome> {
    const started = now();
    const seconds = (): number => Math.round((now() - started) / 100) / 10;
    const fail = (step: string, message: string): StackOutcome => {
      say(stack.name, `FAILED at ${step} after ${seconds()} s:\n${indent(message)}`);
      return { stack: stack.name, status: 'failed', step, message, seconds: seconds() };
    };
    const isEntra = stack.name.startsWith('entra-');
    const record = records.get(stack.name)!;
    let digest: string;
    try {
      digest = stackDigest(stack.dir);
    } catch (e) {
      return fail('digest', (e as Error).message);
    }

    // An AWS stack reads what its Entra stack made (the groups, via SCIM; with an ExternalId issuer
    // also the Entra stack's outputs): when that changed in this run, it is planned too.
    const dependencyChanged = stack.name.startsWith('aws-')
      ? stack.dependencies.find((d) => changedEntra.has(d))
      : undefined;
    const forced = opts.all || selected !== undefined || dependencyChanged !== undefined;
    if (!forced) {
      let recorded: string | undefined;
      try {
        recorded = await recordedDigests.get(stack.name)!;
      } catch (e) {
        return fail('reading the digest record', (e as Error).message);
      }
      if (recorded === digest) {
        say(stack.name, `unchanged since its last successful apply (${digest.slice(0, 12)}): skipped`);
        return { stack: stack.name, status: 'skipped', reason: 'unchanged' };
      }
      say(
        stack.name,
        recorded
          ? `changed since its last successful apply (${recorded.slice(0, 12)} → ${digest.slice(0, 12)})`
          : 'no successful apply recorded',
      );
    } else if (dependencyChanged && !opts.all && !selected) {
      say(stack.name, `planned because ${dependencyChanged} changed in this run`);
    }

    // The groups this AWS stack looks up must be in the Identity Store before it is planned: the
    // ones its Entra stack just created or renamed (the others were there for its last apply).
    const newGroups = dependencyChanged ? (changedEntra.get(dependencyChanged) ?? []) : [];
    if (opts.awaitSync && newGroups.length > 0) {
      const synced = await waitLock(() => opts.awaitSync!(stack.name, dependencyChanged!, newGroups));
      if (!synced)
        return fail(
          'await-sync',
          `${newGroups.length === 1 ? 'the group' : 'groups'} ${newGroups.join(', ')} of ${dependencyChanged} did not arrive in the Identity Store (see above)`,
        );
    }

    const init = await initLock(() => opts.terraform.run(stack.dir, ['init', '-input=false', '-no-color']));
    if (init.code !== 0) return fail('init', tail(init.stdout + init.stderr));

    const work = join(stack.dir, WORK_DIR);
    mkdirSync(work, { recursive: true });
    const planFile = join(WORK_DIR, 'plan.tfplan');
    say(stack.name, `plan${opts.all ? '' : ' (-refresh=false: the scheduled --all run refreshes)'}`);
    const plan = await opts.terraform.run(stack.dir, [
      'plan',
      '-input=false',
      '-json',
      '-detailed-exitcode',
      `-out=${planFile}`,
      ...(opts.all ? [] : ['-refresh=false']),
    ]);
    const planned = parseJsonStream(plan.stdout);
    if (plan.code !== 0 && plan.code !== 2)
      return fail(
        'plan',
        [...planned.errors, planned.errors.length ? '' : tail(plan.stdout + plan.stderr)].join('\n').trim(),
      );
    const counts = planned.summary ?? NO_CHANGES;

    let applied: ResourceCounts = NO_CHANGES;
    let groups: string[] = [];
    if (plan.code === 2) {
      say(stack.name, `plan: ${counts.add} to add, ${counts.change} to change, ${counts.remove} to destroy`);
      if (isEntra) {
        const show = await opts.terraform.run(stack.dir, ['show', '-json', '-no-color', planFile]);
        if (show.code !== 0) return fail('show', tail(show.stdout + show.stderr));
        let json: unknown;
        try {
          json = JSON.parse(show.stdout);
        } catch (e) {
          return fail('show', `terraform show -json printed no JSON: ${(e as Error).message}`);
        }
        groups = groupsToSync(json);
        try {
          await opts.beforeApply?.({ stack: stack.name, dir: stack.dir, plan: json });
        } catch (e) {
          return fail('before apply', (e as Error).message);
        }
      }
      let done = 0;
      const total = counts.add + counts.change + counts.remove;
      const heartbeat = setInterval(
        () => say(stack.name, `applying: ${done} of ${total} changes done (${seconds()} s)`),
        opts.heartbeatMs ?? 60_000,
      );
      heartbeat.unref?.();
      const apply = await opts.terraform
        .run(stack.dir, ['apply', '-input=false', '-json', planFile], (line) => {
          if (isApplyComplete(line)) done++;
        })
        .finally(() => clearInterval(heartbeat));
      const result = parseJsonStream(apply.stdout);
      if (apply.code !== 0) {
        const partly = result.summary ? ` (${describe(result.summary)} before it stopped)` : '';
        return fail(
          'apply',
          `${[...result.errors, result.errors.length ? '' : tail(apply.stdout + apply.stderr)].join('\n').trim()}${partly}`,
        );
      }
      applied = result.summary ?? counts;
      if (isEntra && total > 0) changedEntra.set(stack.name, groups);
    } else {
      say(stack.name, 'plan: no changes');
    }

    try {
      await record.write(digest);
    } catch (e) {
      return fail(
        'recording the digest',
        `${(e as Error).message}\n(the stack itself was applied; the next run plans it again)`,
      );
    }
    say(stack.name, `applied: ${describe(applied)} in ${seconds()} s`);
    return { stack: stack.name, status: 'applied', counts: applied, seconds: seconds() };
  }

  // A stack starts when every stack it depends on has finished, whatever their outcome: a failed
  // Entra stack does not hold back its AWS stack (its removals still go through), and a failed
  // department holds back no other.
  const pending = opts.stacks.filter((s) => !selected || selected.has(s.name));
  const running = new Set<Promise<void>>();
  const finished = new Set<string>();
  const ready = (s: DeployStack): boolean =>
    s.dependencies.every((d) => finished.has(d) || !byName.has(d) || (selected !== undefined && !selected.has(d)));
  while (pending.length > 0 || running.size > 0) {
    let started = false;
    while (running.size < Math.max(1, opts.concurrency)) {
      const i = pending.findIndex(ready);
      if (i < 0) break;
      const [stack] = pending.splice(i, 1);
      started = true;
      const task: Promise<void> = runStack(stack!)
        .catch((e: unknown): StackOutcome => ({
          stack: stack!.name,
          status: 'failed',
          step: 'deploy',
          message: String((e as Error)?.message ?? e),
          seconds: 0,
        }))
        .then((outcome) => {
          outcomes.set(stack!.name, outcome);
          finished.add(stack!.name);
          running.delete(task);
        });
      running.add(task);
    }
    if (running.size === 0) {
      if (!started && pending.length > 0)
        throw new Error(`the manifest's dependencies form a cycle among ${pending.map((s) => s.name).join(', ')}`);
      continue;
    }
    await Promise.race(running);
  }
  return opts.stacks.filter((s) => outcomes.has(s.name)).map((s) => outcomes.get(s.name)!);
}

/**
 * The display names of the groups a plan creates (or replaces) or renames: SCIM must copy them into
 * the Identity Store before the AWS stack can find them. A membership change keeps the group.
 */
export function groupsToSync(plan: unknown): string[] {
  type Change = {
    type?: string;
    change?: {
      actions?: string[];
      before?: { display_name?: unknown } | null;
      after?: { display_name?: unknown } | null;
    };
  };
  const changes = (plan as { resource_changes?: Change[] }).resource_changes ?? [];
  const names = new Set<string>();
  for (const c of changes) {
    if (c.type !== 'azuread_group') continue;
    const actions = c.change?.actions ?? [];
    const name = c.change?.after?.display_name;
    if (typeof name !== 'string') continue;
    if (actions.includes('create') || (actions.includes('update') && c.change?.before?.display_name !== name))
      names.add(name);
  }
  return [...names].sort();
}

export function describe(c: ResourceCounts): string {
  return `${c.add} added, ${c.change} changed, ${c.remove} destroyed`;
}

export function totalCounts(outcomes: readonly StackOutcome[]): ResourceCounts {
  return outcomes.reduce((sum, o) => (o.status === 'applied' ? addCounts(sum, o.counts) : sum), NO_CHANGES);
}

/** Digest records read at once on a merge (each read is a short `terraform init` + `output`). */
const READ_CONCURRENCY = 8;

/** Runs the functions given to it at most `n` at a time, in call order. */
function limiter(n: number): <T>(fn: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: (() => void)[] = [];
  return <T>(fn: () => Promise<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const start = (): void => {
        running++;
        fn()
          .then(resolve, reject)
          .finally(() => {
            running--;
            queue.shift()?.();
          });
      };
      if (running < n) start();
      else queue.push(start);
    });
}

/** Runs the functions given to it one at a time, in call order. */
function serial(): <T>(fn: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const next = last.then(fn, fn);
    last = next.catch(() => undefined);
    return next;
  };
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}
