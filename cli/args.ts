import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isRealDate, todayUtc } from '../model/dates';

type ParsedValues<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: false }>>['values'];

/** A command-line mistake: reported with the command's usage and exit code 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Strict option parsing: unknown flags and stray positionals are usage errors, not ignored. */
export function parseOptions<T extends Options>(args: string[], options: T): ParsedValues<T> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** The options every tree-reading command shares. */
export const TREE_OPTIONS = {
  zones: { type: 'string' },
  config: { type: 'string' },
  at: { type: 'string' },
} as const;

/**
 * `--at YYYY-MM-DD`: the day every date-dependent result is computed for (membership expiry and
 * its warnings). Default: today, UTC. A bad date is a usage error.
 */
export function parseAt(value: string | undefined): string {
  if (value === undefined) return todayUtc();
  if (!isRealDate(value)) throw new UsageError(`--at must be a date, YYYY-MM-DD (got "${value}")`);
  return value;
}
