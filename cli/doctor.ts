import { parseArgs } from 'node:util';
import { formatHuman } from './format-diagnostics';
import { parseAt, TREE_OPTIONS, UsageError } from './args';
import type { CliIO } from './io';
import type { LiveDeps } from '../live/connect';

export const usage = `zone-access doctor <person> [<zone>] [--zones DIR] [--config FILE] [--at YYYY-MM-DD] [--rate N]

Walks the chain from a person (user principal name or Entra object id) to a working role in each
of the person's zones (or in <zone>): the zone files -> the Entra user -> membership of the zone
group (direct or through an access package assignment, with its expiry) -> the group's app role
assignment on the Identity Center application -> group, user and membership in the Identity Store
-> the permission set provisioned in each account -> the account assignment -> sign-in link and CLI
profile. Prints each link with a check mark, or the first broken one with its remedy.
Credentials and endpoints as zone-access drift (zone-access docs/drift-and-doctor.md).
Exit codes: 0 every link holds; 1 a link is broken; 2 the live state could not be read, the files
are invalid, or the command line is wrong.`;

export async function run(args: string[], io: CliIO, deps: LiveDeps = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      options: { ...TREE_OPTIONS, rate: { type: 'string' } },
      strict: true,
      allowPositionals: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length < 1 || positionals.length > 2)
    throw new UsageError('give a person (user principal name or object id) and optionally a zone');
  const [person, zoneName] = positionals as [string, string | undefined];
  const rate = values.rate === undefined ? undefined : Number(values.rate);
  if (rate !== undefined && !(rate > 0 && rate <= 1000))
    throw new UsageError(`--rate must be a number of requests per second between 0 and 1000 (got "${values.rate}")`);
  const err = (line: string): void => void io.stderr.write(`${line}\n`);

  const { loadTree, resolveTreeOptions } = await import('../pipeline/load');
  const { tree, diagnostics } = loadTree(resolveTreeOptions(io.cwd, values.zones, values.config, parseAt(values.at)));
  if (!tree) {
    io.stderr.write(formatHuman(diagnostics, 'nothing was checked'));
    return 2;
  }
  if (zoneName !== undefined && !tree.zones.some((z) => z.name === zoneName)) {
    throw new UsageError(
      `no zone "${zoneName}" in the zone files (zones: ${tree.zones.map((z) => z.name).join(', ') || 'none'})`,
    );
  }

  const { connectAws, connectGraph } = await import('../live/connect');
  const { doctor, renderDoctor } = await import('../live/doctor');
  const { LiveReadError } = await import('../live/errors');
  const state = { side: 'entra' as 'aws' | 'entra' };
  try {
    const { graph } = await connectGraph(io.env, err, deps, rate);
    const result = await doctor(tree, person, zoneName, graph, async () => {
      state.side = 'aws';
      return connectAws(tree.config.identityCenter.region, io.env, rate);
    });
    io.stdout.write(renderDoctor(person, result));
    return result.ok ? 0 : 1;
  } catch (e) {
    // Reads past the Identity Center connection are AWS's; the ones before are Graph's.
    const failure =
      e instanceof LiveReadError
        ? e
        : new LiveReadError(isAwsError(e) ? 'aws' : state.side === 'aws' && !isGraphError(e) ? 'aws' : 'entra', e);
    err(`error: ${failure.message}`);
    err(`hint: ${failure.hint()}`);
    return 2;
  }
}

function isGraphError(e: unknown): boolean {
  return (
    (e as { name?: string }).name === 'GraphError' ||
    /Credential|Authentication/.test(String((e as { name?: string }).name))
  );
}

function isAwsError(e: unknown): boolean {
  return (
    typeof (e as { $metadata?: unknown }).$metadata === 'object' ||
    (e as { name?: string }).name === 'CredentialsProviderError'
  );
}
