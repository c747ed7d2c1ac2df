import type { AuditSourceInfo } from './contract';
import { parseRecord } from './records';
import { createPacer, describeAwsError, sleep, SourceError, type AuditSource, type RecordSink } from './source';
import type { Period } from './period';

/**
 * `--source logs:<log group>`: CloudWatch Logs Insights over a trail delivered to CloudWatch Logs
 * (an organization trail: one log group for every account). One query per time window.
 *
 * Limits (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/cloudwatch_limits_cwl.html,
 * https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_StartQuery.html,
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax-Limit.html):
 * - a query returns at most 10,000 rows (`limit`), so a window that fills the cap is continued
 *   from its last timestamp (rows already seen at that second are skipped by event id);
 * - `startTime`/`endTime` are whole seconds, both inclusive;
 * - StartQuery and GetQueryResults are rate-limited (5 transactions per second per account and
 *   region): one query runs at a time, results are polled at most every 250 ms backing off to once a second, and no two requests are
 *   closer than 200 ms; the SDK's adaptive retry mode absorbs throttling and
 *   `LimitExceededException` (too many concurrent queries);
 * - queries time out after 60 minutes: a window of at most `windowDays` days keeps each query small.
 *
 * Each page (at most 10,000 records) is folded into the sink and dropped before the next query.
 */

/** Logs Insights' largest `limit`. */
export const INSIGHTS_RESULT_CAP = 10_000;

/**
 * Only Identity Center role sessions and sign-ins: the filter runs in Logs Insights, so other
 * principals' events never leave the service. `@message` is the whole CloudTrail record.
 */
export const INSIGHTS_QUERY = [
  'fields @timestamp, @message, eventID',
  '| filter userIdentity.sessionContext.sessionIssuer.userName like /^AWSReservedSSO_/ or (eventName = "AssumeRoleWithSAML" and requestParameters.roleArn like /AWSReservedSSO_/)',
  '| sort @timestamp asc',
].join('\n');

export interface LogsInsightsOptions {
  /** A log group name, or its ARN (`arn:aws:logs:<region>:<account>:log-group:<name>`, the region is then taken from it). */
  readonly logGroup: string;
  /** Region of the log group when `logGroup` is a name. */
  readonly region: string;
  readonly period: Period;
  /** Rows per query; Logs Insights' cap (10,000) unless a test asks for less. */
  readonly pageSize?: number;
  /** Longest window of one query. Default 7 days. */
  readonly windowDays?: number;
  /** Longest pause between two GetQueryResults polls (the first comes after 250 ms, then doubling). Default 1000 ms. */
  readonly pollMs?: number;
  /** Give up on one query after this long. Default 60 min (Logs Insights' own timeout). */
  readonly queryTimeoutMs?: number;
  readonly maxAttempts?: number;
}

/** 5 transactions per second per operation, account and region. */
export const LOGS_MIN_INTERVAL_MS = 200;

const LOG_GROUP_ARN = /^arn:(aws[a-z-]*):logs:([a-z0-9-]+):(\d{12}):log-group:([^:]+)(:\*)?$/;

export function logsInsightsSource(options: LogsInsightsOptions): AuditSource {
  const arn = LOG_GROUP_ARN.exec(options.logGroup);
  const region = arn ? arn[2] : options.region;
  const info: AuditSourceInfo = { kind: 'logs', logGroup: options.logGroup, region };
  return {
    info,
    async read(sink: RecordSink, progress: (line: string) => void): Promise<void> {
      const sdk = await import('@aws-sdk/client-cloudwatch-logs');
      const client = new sdk.CloudWatchLogsClient({
        region,
        maxAttempts: options.maxAttempts ?? 5,
        retryMode: 'adaptive',
      });
      const cap = options.pageSize ?? INSIGHTS_RESULT_CAP;
      const windowS = Math.round((options.windowDays ?? 7) * 86_400);
      const pollMs = options.pollMs ?? 1000;
      const timeoutMs = options.queryTimeoutMs ?? 60 * 60_000;
      const where = `logs ${options.logGroup} (${region})`;
      // Whole seconds, both ends inclusive; the aggregator drops what lies outside the exact period.
      const first = Math.floor(options.period.since.getTime() / 1000);
      const end = Math.ceil(options.period.until.getTime() / 1000);
      let queries = 0;
      let rows = 0;
      const paced = createPacer(LOGS_MIN_INTERVAL_MS);

      const runQuery = async (startS: number, endS: number) => {
        const started = await paced(() =>
          client.send(
            new sdk.StartQueryCommand({
              ...(arn
                ? { logGroupIdentifiers: [options.logGroup.replace(/:\*$/, '')] }
                : { logGroupName: options.logGroup }),
              startTime: startS,
              endTime: endS,
              queryString: INSIGHTS_QUERY,
              limit: cap,
            }),
          ),
        );
        queries++;
        const queryId = started.queryId!;
        const deadline = Date.now() + timeoutMs;
        // Small queries finish in well under a second: poll after 250 ms, then back off to pollMs.
        for (let polls = 0; ; polls++) {
          await sleep(Math.min(pollMs, 250 * 2 ** polls));
          const out = await paced(() => client.send(new sdk.GetQueryResultsCommand({ queryId })));
          const status = out.status;
          if (status === 'Complete') return out.results ?? [];
          if (status === 'Failed' || status === 'Cancelled' || status === 'Timeout' || status === 'Unknown') {
            throw new SourceError(`${where}: query ${queryId} ended with status ${status}`);
          }
          if (Date.now() > deadline) {
            await client.send(new sdk.StopQueryCommand({ queryId })).catch(() => undefined);
            throw new SourceError(
              `${where}: query ${queryId} did not finish in ${Math.round(timeoutMs / 60_000)} min; narrow --since`,
            );
          }
        }
      };

      progress(`querying ${where} with Logs Insights, ${cap.toLocaleString('en-US')} rows per query`);
      try {
        for (let windowStart = first; windowStart <= end;) {
          const windowEnd = Math.min(end, windowStart + windowS - 1);
          let startS = windowStart;
          // Event ids already folded whose timestamp is in second `seenSecond` (the overlap of a continued window).
          let seenSecond = -1;
          let seen = new Set<string>();
          for (;;) {
            const results = await runQuery(startS, windowEnd);
            let lastMs = -1;
            let fresh = 0;
            const nextSeen = new Set<string>();
            for (const row of results) {
              let message: string | undefined;
              let id: string | undefined;
              let ts: string | undefined;
              for (const f of row) {
                if (f.field === '@message') message = f.value;
                else if (f.field === 'eventID') id = f.value;
                else if (f.field === '@timestamp') ts = f.value;
              }
              const ms = ts ? Date.parse(`${ts.replace(' ', 'T')}Z`) : NaN;
              if (!Number.isNaN(ms)) lastMs = Math.max(lastMs, ms);
              const second = Math.floor(ms / 1000);
              if (id !== undefined && second === seenSecond && seen.has(id)) continue;
              fresh++;
              rows++;
              if (id !== undefined) nextSeen.add(`${second}:${id}`);
              const record = message ? parseRecord(message) : undefined;
              if (record) sink.record(record);
              else sink.skip();
            }
            if (results.length < cap || lastMs < 0) break;
            const lastSecond = Math.floor(lastMs / 1000);
            if (fresh === 0) {
              throw new SourceError(
                `${where}: more than ${cap.toLocaleString('en-US')} events in the second ${new Date(lastSecond * 1000).toISOString()}; ` +
                  'Logs Insights cannot page within one second (its result cap is per query)',
              );
            }
            // Continue the window at the last second (inclusive), skipping the ids already folded there.
            const carry = new Set<string>();
            for (const k of nextSeen) if (k.startsWith(`${lastSecond}:`)) carry.add(k.slice(k.indexOf(':') + 1));
            if (seenSecond === lastSecond) for (const id of seen) carry.add(id);
            seen = carry;
            seenSecond = lastSecond;
            startS = lastSecond;
            progress(
              `${where}: ${rows.toLocaleString('en-US')} records after ${queries} queries; window full, continuing from ${new Date(lastSecond * 1000).toISOString()}`,
            );
          }
          progress(
            `${where}: ${rows.toLocaleString('en-US')} records up to ${new Date(Math.min(windowEnd + 1, end) * 1000).toISOString()} (${queries} quer${queries === 1 ? 'y' : 'ies'})`,
          );
          windowStart = windowEnd + 1;
        }
      } catch (err) {
        if (err instanceof SourceError) throw err;
        throw new SourceError(
          describeAwsError(err, where, 'logs:StartQuery and logs:GetQueryResults on the log group'),
        );
      } finally {
        client.destroy();
      }
      progress(
        `${where}: ${rows.toLocaleString('en-US')} records, ${queries} quer${queries === 1 ? 'y' : 'ies'}, done`,
      );
    },
  };
}
