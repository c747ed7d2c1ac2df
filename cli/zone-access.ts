#!/usr/bin/env node
import { UsageError } from './args';
import { EXIT, processIO, type CliIO } from './io';

/**
 * `zone-access <command>`: each command lives in its own module and is loaded only when chosen, so
 * `validate` never pays for cdktf, the providers or the AWS SDK.
 */
interface Command {
  readonly summary: string;
  readonly load: () => Promise<{ run(args: string[], io: CliIO): Promise<number>; usage: string }>;
}

const COMMANDS: Record<string, Command> = {
  validate: { summary: 'check zone files and the platform config', load: () => import('./validate') },
  synth: { summary: 'write Terraform JSON for every stack (only if everything is valid)', load: () => import('./synth') },
  report: { summary: 'compare two zone trees: access gained or lost per zone, and replacement warnings', load: () => import('./report') },
  'await-sync': {
    summary: 'wait until SCIM has copied every zone group into the Identity Store',
    load: async () => {
      const m = await import('./await-sync');
      return { run: (args, io) => m.run(args, io), usage: m.AWAIT_SYNC_USAGE };
    },
  },
};

export function helpText(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return (
    'usage: zone-access <command> [options]\n\ncommands:\n' +
    Object.entries(COMMANDS)
      .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
      .join('\n') +
    '\n\nexit codes: 0 ok, 1 invalid input or failed check, 2 usage error\n'
  );
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(helpText());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr.write(`zone-access: unknown command "${name}"\n\n${helpText()}`);
    return EXIT.usage;
  }
  const module = await command.load();
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(`usage: ${module.usage}\n`);
    return EXIT.ok;
  }
  try {
    return await module.run(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`zone-access ${name}: ${err.message}\nusage: ${module.usage}\n`);
      return EXIT.usage;
    }
    throw err;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`zone-access: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 70;
    },
  );
}
