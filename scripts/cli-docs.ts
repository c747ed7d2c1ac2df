import { COMMANDS } from '../cli/zone-access';
import type { CommandModule } from '../cli/args';

/**
 * docs/cli.md's command table, rendered from the commands themselves: each command's summary (the
 * dispatcher's table) and the usage line its `--help` prints, so the page cannot list a flag the
 * command does not take. `npm run schemas` writes it; a test fails when the page differs.
 */
export function commandTable(): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  const rows = Object.entries(COMMANDS).map(([name, command]) => {
    // Each command is the module cli/<name>.ts, as the dispatcher loads it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const module = require(`../cli/${name}`) as CommandModule;
    // The synopsis: the usage text's first paragraph on one line (what follows it is prose).
    const synopsis = module.usage.split('\n\n')[0].replace(/\s*\n\s*/g, ' ');
    return `| \`${name}\` | \`${cell(synopsis)}\` | ${cell(command.summary)} |`;
  });
  return ['| command | usage | what it does |', '|---|---|---|', ...rows].join('\n');
}
