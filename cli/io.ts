/**
 * What a CLI command may touch. Commands take this instead of using `process` directly so tests
 * can run them in-process and read what they printed.
 */
export interface CliIO {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

/** Exit codes shared by every command. */
export const EXIT = {
  ok: 0,
  /** The input is invalid, or the command's check failed (e.g. groups not synced in time). */
  failed: 1,
  /** The command line itself is wrong. */
  usage: 2,
} as const;

export function processIO(): CliIO {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
