import type { AuditSourceInfo } from './contract';
import { parseRecord } from './records';
import { createPacer, describeAwsError, SourceError, type AuditSource, type RecordSink } from './source';
import type { Period } from './period';

/**
 * `--source lookup-events`: CloudTrail event history (LookupEvents) in every account and region.
 * No setup; 90 days; management events only.
 *
 * LookupEvents returns at most 50 events a page and "the rate of lookup requests is limited to two
 * per second, per account, per Region" (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html):
 * each account and region gets its own pacer (a request at least 500 ms after the previous one
 * ended), and the SDK's adaptive retry mode absorbs any throttling left. Several accounts and regions are read at once.
 */

/** Page size: LookupEvents' maximum. */
export const LOOKUP_PAGE_SIZE = 50;
/** Two requests per second per account and region. */
export const LOOKUP_MIN_INTERVAL_MS = 500;

export interface LookupEventsOptions {
  readonly accounts: readonly string[];
  readonly regions: readonly string[];
  /** `audit.roleName`: assumed in each account; unset: the current credentials are used once per region. */
  readonly roleName?: string;
  /** `aws`, `aws-cn`, `aws-us-gov`: for the role ARN. */
  readonly partition: string;
  readonly period: Period;
  /** Pause between the end of one request to an account and region and the next. Default 500 ms. */
  readonly minIntervalMs?: number;
  /** Accounts × regions read at once. Default 4. */
  readonly concurrency?: number;
  /** Progress line every this many pages per account and region. Default 20. */
  readonly progressEveryPages?: number;
  /** SDK attempts per request (adaptive retry mode). Default 5. */
  readonly maxAttempts?: number;
}

interface Target {
  readonly account?: string;
  readonly region: string;
}

export function lookupEventsSource(options: LookupEventsOptions): AuditSource {
  const targets: Target[] = options.roleName
    ? options.accounts.flatMap((account) => options.regions.map((region) => ({ account, region })))
    : options.regions.map((region) => ({ region }));
  const info: AuditSourceInfo = {
    kind: 'lookup-events',
    accounts: options.roleName ? [...options.accounts] : [],
    regions: [...options.regions],
    ...(options.roleName ? { assumedRole: options.roleName } : {}),
  };
  return {
    info,
    async read(sink: RecordSink, progress: (line: string) => void): Promise<void> {
      const { CloudTrailClient, LookupEventsCommand } = await import('@aws-sdk/client-cloudtrail');
      const { fromTemporaryCredentials } = options.roleName
        ? await import('@aws-sdk/credential-providers')
        : { fromTemporaryCredentials: undefined };
      progress(
        `reading CloudTrail event history (LookupEvents) in ${options.roleName ? `${options.accounts.length} account${options.accounts.length === 1 ? '' : 's'}` : "the current credentials' account"} × ` +
          `${options.regions.length} region${options.regions.length === 1 ? '' : 's'}, at most 2 requests per second per account and region`,
      );
      const every = options.progressEveryPages ?? 20;
      const interval = options.minIntervalMs ?? LOOKUP_MIN_INTERVAL_MS;

      const readTarget = async (t: Target): Promise<void> => {
        const where = t.account ? `${t.account}/${t.region}` : t.region;
        const roleArn = t.account ? `arn:${options.partition}:iam::${t.account}:role/${options.roleName}` : undefined;
        const client = new CloudTrailClient({
          region: t.region,
          maxAttempts: options.maxAttempts ?? 5,
          retryMode: 'adaptive',
          ...(roleArn && fromTemporaryCredentials
            ? {
                credentials: fromTemporaryCredentials({
                  params: { RoleArn: roleArn, RoleSessionName: 'zone-access-audit', DurationSeconds: 3600 },
                  clientConfig: { region: t.region },
                }),
              }
            : {}),
        });
        let token: string | undefined;
        let pages = 0;
        let events = 0;
        const paced = createPacer(interval);
        try {
          do {
            const next = token;
            const out = await paced(() =>
              client.send(
                new LookupEventsCommand({
                  StartTime: options.period.since,
                  EndTime: options.period.until,
                  MaxResults: LOOKUP_PAGE_SIZE,
                  ...(next ? { NextToken: next } : {}),
                }),
              ),
            );
            pages++;
            for (const e of out.Events ?? []) {
              events++;
              const record = e.CloudTrailEvent ? parseRecord(e.CloudTrailEvent) : undefined;
              if (record) sink.record(record);
              else sink.skip();
            }
            token = out.NextToken || undefined;
            if (token && pages % every === 0)
              progress(`lookup-events ${where}: ${events} events, ${pages} pages so far`);
          } while (token);
        } catch (err) {
          const permission = roleArn
            ? `sts:AssumeRole on ${roleArn} and cloudtrail:LookupEvents`
            : 'cloudtrail:LookupEvents';
          throw new SourceError(describeAwsError(err, `lookup-events ${where}`, permission));
        } finally {
          client.destroy();
        }
        progress(
          `lookup-events ${where}: ${events} event${events === 1 ? '' : 's'}, ${pages} page${pages === 1 ? '' : 's'}, done`,
        );
      };

      const queue = [...targets];
      const workers = Array.from({ length: Math.min(options.concurrency ?? 4, queue.length) }, async () => {
        try {
          for (let t = queue.shift(); t; t = queue.shift()) await readTarget(t);
        } catch (err) {
          queue.length = 0; // one failure ends the audit: the other workers take nothing new
          throw err;
        }
      });
      await Promise.all(workers);
    },
  };
}
