import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadTree, resolveTreeOptions } from '../pipeline/load';
import { replaceBlock, sectionsOutsideBlock } from '../portal/config-block';
import { MissingConfigKeyError } from '../portal/links';
import { renderProfiles } from '../portal/profiles';
import { parseAt, parseOptions, TREE_OPTIONS, UsageError } from './args';
import { formatHuman } from './format-diagnostics';
import { EXIT, type CliIO } from './io';
import { writeFileAtomic } from './write-atomic';

export const usage = `zone-access profiles [--zones DIR] [--config FILE] [--user UPN] [--department D] [--write FILE] [--at YYYY-MM-DD]

Prints AWS CLI v2 configuration for the zones: one [sso-session zone-access] (identityCenter.startUrl
and identityCenter.region) and one [profile <zone>.<account>] per zone and account, between marker
comments. Then: aws sso login --sso-session zone-access; aws --profile <zone>.<account> ...

  --user UPN        only the zones UPN is a member of (members: of departments in membership: file;
                    other departments keep all their zones, with a note on stderr)
  --department D    only the zones of department D (repeatable)
  --write FILE      replace the block between the markers in FILE (e.g. ~/.aws/config), or append it;
                    everything else in FILE is kept byte for byte; refused when the markers are unbalanced
  --at DATE         judge membership expiry on DATE instead of today (UTC)
Exit codes: 0 printed or written; 1 invalid tree, startUrl not set, or FILE refused; 2 bad command line.`;

/** `zone-access profiles`: the zones as AWS CLI profiles, printed or merged into a config file. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const values = parseOptions(args, {
    ...TREE_OPTIONS,
    user: { type: 'string' },
    department: { type: 'string', multiple: true },
    write: { type: 'string' },
  });
  const at = parseAt(values.at);
  if (values.user !== undefined && values.user.trim() === '') throw new UsageError('--user must not be empty');

  const { tree, diagnostics } = loadTree(resolveTreeOptions(io.cwd, values.zones, values.config, at));
  if (!tree) {
    io.stderr.write(formatHuman(diagnostics, 'no profiles were written'));
    return EXIT.failed;
  }
  if (diagnostics.length > 0) io.stderr.write(formatHuman(diagnostics)); // warnings only
  const departments = values.department ?? [];
  const known = new Set(tree.departments);
  const unknown = departments.filter((d) => !known.has(d));
  if (unknown.length > 0) {
    throw new UsageError(
      `unknown department${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} (departments: ${[...known].join(', ') || 'none'})`,
    );
  }

  let rendered: ReturnType<typeof renderProfiles>;
  try {
    rendered = renderProfiles(tree, { user: values.user, departments });
  } catch (err) {
    if (!(err instanceof MissingConfigKeyError)) throw err;
    io.stderr.write(`zone-access profiles: ${err.message}\n`);
    return EXIT.failed;
  }
  for (const note of rendered.notes) io.stderr.write(`note: ${note}\n`);
  for (const warning of rendered.warnings) io.stderr.write(`warning: ${warning}\n`);
  if (rendered.profiles.length === 0) io.stderr.write('note: no zone matched; the block holds only the sso-session\n');

  if (values.write === undefined) {
    io.stdout.write(rendered.text);
    return EXIT.ok;
  }
  return writeInto(resolve(io.cwd, values.write), values.write, rendered, io);
}

function writeInto(path: string, shown: string, rendered: ReturnType<typeof renderProfiles>, io: CliIO): number {
  let existing = '';
  try {
    existing = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      io.stderr.write(`zone-access profiles: cannot read ${shown}: ${(err as Error).message}\n`);
      return EXIT.failed;
    }
  }
  const result = replaceBlock(existing, rendered.text);
  if (!result.ok) {
    io.stderr.write(`zone-access profiles: ${shown}: ${result.message}\n`);
    return EXIT.failed;
  }
  const ours = new Set(['sso-session zone-access', ...rendered.profiles.map((p) => `profile ${p}`)]);
  const clashes = [...new Set(sectionsOutsideBlock(existing).filter((s) => ours.has(s)))];
  if (clashes.length > 0) {
    io.stderr.write(
      `warning: ${shown} also defines ${clashes.map((c) => `[${c}]`).join(', ')} outside the zone-access block; the AWS CLI merges both, remove the old ones\n`,
    );
  }
  const count = `${rendered.profiles.length} profile${rendered.profiles.length === 1 ? '' : 's'}`;
  if (result.text === existing) {
    io.stderr.write(`${shown} is up to date (${count})\n`);
    return EXIT.ok;
  }
  try {
    writeFileAtomic(path, result.text);
  } catch (err) {
    io.stderr.write(`zone-access profiles: cannot write ${shown}: ${(err as Error).message}\n`);
    return EXIT.failed;
  }
  io.stderr.write(
    `${result.action === 'replaced' ? 'updated' : 'added'} the zone-access block in ${shown} (${count})\n`,
  );
  return EXIT.ok;
}
