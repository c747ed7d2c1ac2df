import type { Zone } from '../model/types';
import { parseOptions, UsageError } from './args';
import { formatHuman } from './format-diagnostics';
import { EXIT, type CliIO } from './io';

export const AUDIT_FORMATS = ['human', 'json', 'markdown'] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export const usage = `zone-access audit [--zone Z]... [--person UPN] [--since 30d|DATE] [--until DATE]
       [--source lookup-events|logs:<log group>] [--format human|json|markdown] [--zones DIR] [--config FILE]

Reads CloudTrail and reports, per zone: who signed in (Identity Center's AssumeRoleWithSAML into the
zone's AWSReservedSSO_<permission set>_* role), what each person called (service:action, resources,
counts), every denied call, use of the zone's role in accounts the zone does not list, and, per
preset, the granted actions nobody called (a preset with none called is a candidate to remove).
Evidence for an access review, limited to what CloudTrail records (zone-access docs/audit.md).

  --zone Z         only zone Z (repeatable); default every zone
  --person UPN     only this person (the Identity Center user name, case-insensitive)
  --since          30d (default), 12h, a date (2026-11-01) or a time (2026-11-01T08:00:00Z)
  --until          a date (inclusive) or a time; default now
  --source         lookup-events (default): CloudTrail event history in every account the zones list
                   and every region of audit.regions (default identityCenter.region), assuming
                   audit.roleName in each account; 90 days, management events, 2 requests per second
                   per account and region. logs:<log group>: CloudWatch Logs Insights over a trail
                   delivered to that log group (a name in identityCenter.region, or its ARN).
  --format         human (default), json (versioned contract), markdown (an access review ticket)

AWS credentials, region and endpoints come from the SDK's standard configuration (AWS_PROFILE,
AWS_ACCESS_KEY_ID, AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_CLOUDTRAIL, ...). Progress goes to stderr.
Exit codes: 0 audit printed; 1 invalid tree, or CloudTrail could not be read (credentials,
permissions); 2 bad command line.`;

/** Speed knobs for tests; the CLI passes none. */
export interface AuditDeps {
  readonly now?: () => Date;
  readonly lookupEvents?: {
    readonly minIntervalMs?: number;
    readonly progressEveryPages?: number;
    readonly maxAttempts?: number;
  };
  readonly logs?: {
    readonly pageSize?: number;
    readonly pollMs?: number;
    readonly windowDays?: number;
    readonly maxAttempts?: number;
  };
}

export async function run(args: string[], io: CliIO, deps: AuditDeps = {}): Promise<number> {
  const values = parseOptions(args, {
    zone: { type: 'string', multiple: true },
    person: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    source: { type: 'string', default: 'lookup-events' },
    format: { type: 'string', default: 'human' },
    zones: { type: 'string' },
    config: { type: 'string' },
  });
  const format = values.format as AuditFormat;
  if (!AUDIT_FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${AUDIT_FORMATS.join(', ')} (got "${values.format}")`);
  const sourceText = values.source!;
  const logGroup = sourceText.startsWith('logs:') ? sourceText.slice('logs:'.length) : undefined;
  if (sourceText !== 'lookup-events' && !logGroup) {
    throw new UsageError(
      `--source must be lookup-events or logs:<log group> (e.g. logs:aws-cloudtrail-logs-org), got "${sourceText}"`,
    );
  }
  if (values.person !== undefined && values.person.trim() === '') throw new UsageError('--person is empty');

  const { parsePeriod, PeriodError, lookupEventsProblem } = await import('../audit/period');
  const now = deps.now?.() ?? new Date();
  let period;
  try {
    period = parsePeriod(values.since, values.until, now);
  } catch (e) {
    if (e instanceof PeriodError) throw new UsageError(e.message);
    throw e;
  }
  if (!logGroup) {
    const problem = lookupEventsProblem(period, now);
    if (problem) throw new UsageError(problem);
  }

  const loader = await import('../pipeline/load');
  const { tree, diagnostics } = loader.loadTree(loader.resolveTreeOptions(io.cwd, values.zones, values.config));
  if (!tree) {
    io.stderr.write(formatHuman(diagnostics, 'nothing was audited'));
    return EXIT.failed;
  }
  let selected: readonly Zone[] | undefined;
  if (values.zone && values.zone.length > 0) {
    const byName = new Map(tree.zones.map((z) => [z.name, z]));
    const unknown = [...new Set(values.zone)].filter((z) => !byName.has(z));
    if (unknown.length > 0) {
      const known = tree.zones.map((z) => z.name);
      throw new UsageError(
        `no zone named ${unknown.join(', ')} in ${values.zones ?? loader.DEFAULT_ZONES_DIR} (zones: ${known.slice(0, 20).join(', ') || 'none'}${known.length > 20 ? `, … ${known.length} in all` : ''})`,
      );
    }
    selected = [...new Set(values.zone)].sort().map((z) => byName.get(z)!);
  }
  const zones = selected ?? tree.zones;
  const config = tree.config;

  const [{ AuditAggregator }, { SourceError }] = await Promise.all([
    import('../audit/aggregate'),
    import('../audit/source'),
  ]);
  let source;
  if (logGroup) {
    const { logsInsightsSource } = await import('../audit/source-logs-insights');
    source = logsInsightsSource({ logGroup, region: config.identityCenter.region, period, ...deps.logs });
  } else {
    const { lookupEventsSource } = await import('../audit/source-lookup-events');
    const accounts = [...new Set(zones.flatMap((z) => z.accounts.map((a) => a.id)))].sort();
    const regions = config.audit?.regions ?? [config.identityCenter.region];
    const roleName = config.audit?.roleName;
    if (!roleName && accounts.length > 1) {
      io.stderr.write(
        `zone-access audit: warning: audit.roleName is not set, so only the account of the current credentials is read; ` +
          `the zones list ${accounts.length} accounts (${accounts.join(', ')}). Set audit.roleName in ${config.source.file} (zone-access docs/audit.md), or use --source logs:<log group>\n`,
      );
    }
    const partition = /^arn:(aws[a-z-]*):/.exec(config.identityCenter.instanceArn)?.[1] ?? 'aws';
    source = lookupEventsSource({
      accounts,
      regions,
      ...(roleName ? { roleName } : {}),
      partition,
      period,
      ...deps.lookupEvents,
    });
  }

  const aggregator = new AuditAggregator({
    allZones: tree.zones,
    ...(selected ? { zones: selected } : {}),
    config,
    period,
    source: source.info,
    ...(values.person !== undefined ? { person: values.person.trim() } : {}),
  });
  try {
    await source.read(
      { record: (r) => aggregator.add(r), skip: () => aggregator.skip() },
      (line) => void io.stderr.write(`zone-access audit: ${line}\n`),
    );
  } catch (e) {
    if (e instanceof SourceError) {
      io.stderr.write(`zone-access audit: error: ${e.message}\n`);
      return EXIT.failed;
    }
    throw e;
  }
  const report = aggregator.report();
  const render =
    format === 'json'
      ? (await import('../audit/render-json')).renderJson
      : format === 'markdown'
        ? (await import('../audit/render-markdown')).renderMarkdown
        : (await import('../audit/render-human')).renderHuman;
  io.stdout.write(render(report));
  return EXIT.ok;
}
