import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isRealDate, todayUtc } from '../model/dates';
import { EXIT, type CliIO } from './io';

type ParsedValues<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: false }>
>['values'];

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

/** What every command module exports: its usage text and `run`, which parses with `parseOptions`. */
export interface CommandModule {
  readonly usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

/**
 * The one way a command runs (the dispatcher and tests use it): `--help`/`-h` prints the usage to
 * stdout (exit 0); a `UsageError` from parsing or from checking the values prints
 * `zone-access <name>: <message>` and the usage to stderr (exit 2). Commands never handle either.
 */
export async function runCommand(name: string, command: CommandModule, args: string[], io: CliIO): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`usage: ${command.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`zone-access ${name}: ${err.message}\nusage: ${command.usage}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}
