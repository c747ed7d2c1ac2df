import { spawn } from 'node:child_process';

/**
 * Running terraform for `zone-access deploy`: one command at a time per stack, its output kept (and
 * its `-json` UI stream parsed) so progress, errors and resource counts can be reported per stack
 * while several stacks run at once.
 */

export interface TerraformResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface TerraformRunner {
  /** Runs `terraform -chdir=<dir> <args>`; `onLine` sees each stdout line as it arrives. */
  run(dir: string, args: readonly string[], onLine?: (line: string) => void): Promise<TerraformResult>;
}

/** The real terraform (first on PATH, or `binary`), in `env`. A missing binary is exit code 127. */
export function terraformRunner(env: NodeJS.ProcessEnv, binary = 'terraform'): TerraformRunner {
  return {
    run: (dir, args, onLine) =>
      new Promise((resolve) => {
        const child = spawn(binary, [`-chdir=${dir}`, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        let pending = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          stdout += chunk;
          if (!onLine) return;
          pending += chunk;
          const lines = pending.split('\n');
          pending = lines.pop()!;
          for (const line of lines) onLine(line);
        });
        child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        child.on('error', (err: NodeJS.ErrnoException) =>
          resolve({ code: err.code === 'ENOENT' ? 127 : 1, stdout, stderr: `${stderr}${err.message}\n` }),
        );
        child.on('close', (code, signal) => {
          if (onLine && pending) onLine(pending);
          resolve({
            code: code ?? (signal ? 128 : 1),
            stdout,
            stderr: signal ? `${stderr}terraform was stopped by ${signal}\n` : stderr,
          });
        });
      }),
  };
}

/** Resources added, changed and destroyed, as terraform's `change_summary` message counts them. */
export interface ResourceCounts {
  readonly add: number;
  readonly change: number;
  readonly remove: number;
}

export const NO_CHANGES: ResourceCounts = { add: 0, change: 0, remove: 0 };

export function addCounts(a: ResourceCounts, b: ResourceCounts): ResourceCounts {
  return { add: a.add + b.add, change: a.change + b.change, remove: a.remove + b.remove };
}

/** What a `-json` UI stream said (https://developer.hashicorp.com/terraform/internals/machine-readable-ui). */
export interface JsonStream {
  /** The last `change_summary` (plan: planned; apply: applied). */
  readonly summary?: ResourceCounts;
  /** Error diagnostics: summary, detail and resource address, as terraform printed them. */
  readonly errors: string[];
  /** `apply_complete` messages seen (resources done so far). */
  readonly completed: number;
}

interface UiMessage {
  type?: string;
  '@level'?: string;
  '@message'?: string;
  changes?: { add?: number; change?: number; remove?: number };
  diagnostic?: { severity?: string; summary?: string; detail?: string; address?: string };
}

export function parseJsonStream(stdout: string): JsonStream {
  let summary: ResourceCounts | undefined;
  const errors: string[] = [];
  let completed = 0;
  for (const line of stdout.split('\n')) {
    const m = parseLine(line);
    if (!m) continue;
    if (m.type === 'change_summary' && m.changes) {
      summary = { add: m.changes.add ?? 0, change: m.changes.change ?? 0, remove: m.changes.remove ?? 0 };
    } else if (m.type === 'diagnostic' && m.diagnostic?.severity === 'error') {
      const d = m.diagnostic;
      errors.push(
        [
          `Error: ${d.summary ?? ''}`,
          d.address ? `  (${d.address})` : '',
          d.detail ? `\n  ${d.detail.replace(/\n/g, '\n  ')}` : '',
        ].join(''),
      );
    } else if (m.type === 'apply_complete') {
      completed++;
    }
  }
  return { ...(summary ? { summary } : {}), errors, completed };
}

export function isApplyComplete(line: string): boolean {
  return parseLine(line)?.type === 'apply_complete';
}

function parseLine(line: string): UiMessage | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    return JSON.parse(line) as UiMessage;
  } catch {
    return undefined;
  }
}

/** The planned actions of `terraform show -json <plan>`: resources to create, update, delete. */
export function countPlannedChanges(plan: unknown): ResourceCounts {
  const changes = (plan as { resource_changes?: { change?: { actions?: string[] } }[] }).resource_changes ?? [];
  let add = 0;
  let change = 0;
  let remove = 0;
  for (const c of changes) {
    const actions = c.change?.actions ?? [];
    if (actions.includes('create')) add++;
    if (actions.includes('delete')) remove++;
    if (actions.includes('update')) change++;
  }
  return { add, change, remove };
}

/** The last lines of a failed command's output, for the log (terraform's human errors are at the end). */
export function tail(text: string, lines = 30): string {
  const all = text.trimEnd().split('\n');
  return (all.length > lines ? [`… (${all.length - lines} earlier lines)`, ...all.slice(-lines)] : all).join('\n');
}
