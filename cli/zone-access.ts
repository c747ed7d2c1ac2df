#!/usr/bin/env node
import { runCommand, type CommandModule } from './args';
import { didYouMean } from '../model/suggest';
import { EXIT, processIO, type CliIO } from './io';
import { packageJson } from './package-info';

/**
 * `zone-access <command>`: each command lives in its own module and is loaded only when chosen, so
 * `validate` never pays for cdktf, the providers or the AWS SDK.
 */
interface Command {
  readonly summary: string;
  readonly load: () => Promise<CommandModule>;
}

export const COMMANDS: Record<string, Command> = {
  init: {
    summary: 'write a zones-only repository: package.json, platform config to fill, a sample zone, CI',
    load: () => import('./init'),
  },
  validate: { summary: 'check zone files and the platform config', load: () => import('./validate') },
  synth: {
    summary: 'write Terraform JSON for every stack (only if everything is valid)',
    load: () => import('./synth'),
  },
  report: {
    summary: 'compare two zone trees: access gained or lost per zone, and replacement warnings',
    load: () => import('./report'),
  },
  profiles: {
    summary: 'print AWS CLI profiles for the zones (or merge them into ~/.aws/config)',
    load: () => import('./profiles'),
  },
  map: {
    summary: 'write the access map: one self-contained HTML page of who can do what where',
    load: () => import('./map'),
  },
  audit: {
    summary: 'read CloudTrail: who used which zone, what was denied, which granted access nobody used',
    load: () => import('./audit'),
  },
  'await-sync': {
    summary: 'wait until SCIM has copied every zone group into the Identity Store',
    load: () => import('./await-sync'),
  },
  drift: {
    summary: 'compare Identity Center, the Identity Store and Entra with what the zone files would deploy',
    load: () => import('./drift'),
  },
  doctor: {
    summary: 'walk the chain from a person to a zone role and name the first broken link',
    load: () => import('./doctor'),
  },
  deploy: {
    summary: 'apply the synthesized stacks with terraform: changed ones only, or --all; every department attempted',
    load: () => import('./deploy'),
  },
  'release-access-packages': {
    summary: 'before an Entra apply: remove the assignments of the access packages its plan destroys',
    load: () => import('./release-access-packages'),
  },
};

export function helpText(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return (
    'usage: zone-access <command> [options]\n\ncommands:\n' +
    Object.entries(COMMANDS)
      .map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`)
      .join('\n') +
    "\n\n  --version  print the version of zone-access\n\n`zone-access <command> --help` prints a command's options.\nexit codes: 0 ok, 1 invalid input or failed check, 2 usage error\n"
  );
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(helpText());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout.write(`${packageJson().version}\n`);
    return EXIT.ok;
  }
  const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr.write(
      `zone-access: unknown command "${name}"${didYouMean(name, Object.keys(COMMANDS))}\n\n${helpText()}`,
    );
    return EXIT.usage;
  }
  return runCommand(name, await command.load(), args, io);
}

if (require.main === module) {
  main(process.argv.slice(2), processIO()).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(
        `zone-access: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exitCode = 70;
    },
  );
}
