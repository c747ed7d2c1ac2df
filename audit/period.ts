import { isRealDate } from '../model/dates';

/**
 * `--since 30d|12h|YYYY-MM-DD|<ISO time>` and `--until YYYY-MM-DD|<ISO time>`: the period the audit
 * reads, as instants. A date means its start (since) or its end (until, inclusive), UTC.
 */

export const DEFAULT_SINCE = '30d';
/** LookupEvents reaches back 90 days (https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html). */
export const LOOKUP_EVENTS_MAX_DAYS = 90;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** A bad `--since`/`--until`: the CLI prints it as a usage error. */
export class PeriodError extends Error {}

export interface Period {
  /** Inclusive. */
  readonly since: Date;
  /** Exclusive. */
  readonly until: Date;
}

function parseInstant(option: string, value: string, end: boolean): Date {
  if (isRealDate(value)) return new Date(Date.parse(`${value}T00:00:00Z`) + (end ? DAY_MS : 0));
  if (ISO_TIME.test(value) && !Number.isNaN(Date.parse(value))) return new Date(Date.parse(value));
  throw new PeriodError(
    `${option} "${value}" is not ${option === '--since' ? 'a duration (30d, 12h) or ' : ''}a date (2026-11-01) or a time with a zone (2026-11-01T08:00:00Z)`,
  );
}

export function parsePeriod(
  sinceText: string | undefined,
  untilText: string | undefined,
  now: Date = new Date(),
): Period {
  // An --until after now is cut at now (there are no events yet), before a duration counts back from it.
  const untilGiven = untilText === undefined ? now : parseInstant('--until', untilText, true);
  const until = untilGiven.getTime() > now.getTime() ? now : untilGiven;
  const raw = sinceText ?? DEFAULT_SINCE;
  const rel = /^(\d{1,4})([dh])$/.exec(raw);
  let since: Date;
  if (rel) {
    const n = Number(rel[1]);
    if (n === 0) throw new PeriodError(`--since "${raw}" is an empty period; use at least 1${rel[2]}`);
    since = new Date(until.getTime() - n * (rel[2] === 'd' ? DAY_MS : HOUR_MS));
  } else {
    since = parseInstant('--since', raw, false);
  }
  if (since.getTime() > now.getTime())
    throw new PeriodError(`--since ${raw} is in the future (now is ${now.toISOString()})`);
  if (since.getTime() >= until.getTime())
    throw new PeriodError(`--since ${raw} is not before --until ${untilText ?? 'now'}: the period is empty`);
  return { since, until };
}

/** Why LookupEvents cannot serve the period, or `undefined` when it can. */
export function lookupEventsProblem(period: Period, now: Date = new Date()): string | undefined {
  const oldest = now.getTime() - LOOKUP_EVENTS_MAX_DAYS * DAY_MS;
  if (period.since.getTime() >= oldest) return undefined;
  return (
    `--since ${period.since.toISOString()} is more than ${LOOKUP_EVENTS_MAX_DAYS} days ago: CloudTrail event history (lookup-events) ` +
    `keeps ${LOOKUP_EVENTS_MAX_DAYS} days; use --since ${LOOKUP_EVENTS_MAX_DAYS}d or less, or --source logs:<log group> for a trail delivered to CloudWatch Logs`
  );
}
