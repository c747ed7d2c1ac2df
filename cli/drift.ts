import { formatHuman } from './format-diagnostics';
import { parseAt, parseOptions, TREE_OPTIONS, UsageError } from './args';
import type { CliIO } from './io';
import type { LiveDeps } from '../live/connect';
import type { Side } from '../live/finding';
import { DRIFT_FORMATS, type DriftFormat } from '../live/render';

export const usage = `zone-access drift [--zones DIR] [--config FILE] [--at YYYY-MM-DD] [--only aws|entra] [--format human|json|markdown|github] [--rate N]

Compares what exists in IAM Identity Center, the Identity Store and Entra ID with what the zone
files (evaluated at --at, default today) would deploy, and reports each difference with its zone,
what the files say, what exists and what to do. Read-only: docs/drift-and-doctor.md lists the
permissions (examples/security/drift-reader-policy.json and the Graph application permissions).

  --only aws|entra   read one side only
  --format F         human (default), json, markdown (a job summary), github (annotations)
  --rate N           requests per second per side (default 20, IAM Identity Center's documented limit)

AWS: the SDK's standard configuration (credential chain, AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SSO_ADMIN,
AWS_ENDPOINT_URL_IDENTITYSTORE, AWS_MAX_ATTEMPTS), adaptive retries; region identityCenter.region.
Entra: the credentials of await-sync --provision (ARM_USE_OIDC + ARM_CLIENT_ID + ARM_TENANT_ID, else
DefaultAzureCredential), ZONE_ACCESS_GRAPH_ENDPOINT for another Graph endpoint.
Exit codes: 0 in sync; 1 drift found; 2 nothing compared: the live state could not be read (the
reason is printed), the files are invalid, or the command line is wrong.`;

/** Exit codes of drift (and doctor): 2 also for a bad command line, as every command. */
export const DRIFT_EXIT = { inSync: 0, drift: 1, unreadable: 2 } as const;

export async function run(args: string[], io: CliIO, deps: LiveDeps = {}): Promise<number> {
  const values = parseOptions(args, {
    ...TREE_OPTIONS,
    only: { type: 'string' },
    format: { type: 'string', default: 'human' },
    rate: { type: 'string' },
  });
  const format = values.format as DriftFormat;
  if (!DRIFT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${DRIFT_FORMATS.join(', ')}`);
  if (values.only !== undefined && values.only !== 'aws' && values.only !== 'entra')
    throw new UsageError(`--only must be aws or entra (got "${values.only}")`);
  const rate = values.rate === undefined ? undefined : Number(values.rate);
  if (rate !== undefined && !(rate > 0 && rate <= 1000))
    throw new UsageError(`--rate must be a number of requests per second between 0 and 1000 (got "${values.rate}")`);
  const sides: Side[] = values.only ? [values.only as Side] : ['entra', 'aws'];
  const err = (line: string): void => void io.stderr.write(`${line}\n`);

  const { loadTree, resolveTreeOptions } = await import('../pipeline/load');
  const { tree, diagnostics } = loadTree(resolveTreeOptions(io.cwd, values.zones, values.config, parseAt(values.at)));
  if (!tree) {
    io.stderr.write(formatHuman(diagnostics, 'nothing was compared'));
    return DRIFT_EXIT.unreadable;
  }

  const { runDrift } = await import('../live/drift');
  const { LiveReadError } = await import('../live/errors');
  const { renderDrift } = await import('../live/render');
  try {
    const result = await runDrift({ tree, sides, env: io.env, err, ...(rate !== undefined ? { rate } : {}), deps });
    err(
      `requests: ${Object.entries(result.requests)
        .map(([s, n]) => `${s} ${n}`)
        .join(', ')}`,
    );
    io.stdout.write(renderDrift(format, { at: tree.at, sides, zones: tree.zones.length, findings: result.findings }));
    return result.findings.length === 0 ? DRIFT_EXIT.inSync : DRIFT_EXIT.drift;
  } catch (e) {
    if (!(e instanceof LiveReadError)) throw e;
    err(`error: ${e.message}`);
    err(`hint: ${e.hint()}`);
    return DRIFT_EXIT.unreadable;
  }
}
