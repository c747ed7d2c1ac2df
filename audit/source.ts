import type { AuditSourceInfo } from './contract';
import type { CloudTrailRecord } from './records';

/** Where records go as a source reads them: one at a time, never collected. */
export interface RecordSink {
  record(record: CloudTrailRecord): void;
  /** A row that was not a CloudTrail record. */
  skip(): void;
}

export interface AuditSource {
  readonly info: AuditSourceInfo;
  /** Reads every record of the period into `sink`; progress lines go to `progress`. */
  read(sink: RecordSink, progress: (line: string) => void): Promise<void>;
}

/** A failure the user can fix (permissions, log group, credentials): printed without a stack. */
export class SourceError extends Error {}

/** Waits `ms` milliseconds (tests pass a faster clock through the sources' options). */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Spaces calls to one rate-limited API: each starts at least `intervalMs` after the previous one
 * ended, so requests reach the service at least that far apart whatever the latency (credential
 * fetches included). Serial use only.
 */
export function createPacer(intervalMs: number): <T>(call: () => Promise<T>) => Promise<T> {
  let last = -Infinity;
  return async <T>(call: () => Promise<T>): Promise<T> => {
    const wait = last + intervalMs - Date.now();
    if (wait > 0) await sleep(wait);
    try {
      return await call();
    } finally {
      last = Date.now();
    }
  };
}

/**
 * A clear sentence for an SDK failure: missing credentials, access denied, throttling that retries
 * did not absorb, an unreachable endpoint. `where` names the account/region or the log group.
 */
export function describeAwsError(err: unknown, where: string, permission: string): string {
  const e = err as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const name = e?.name ?? '';
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(e?.message ?? '')) {
    return (
      'no AWS credentials found: set AWS_PROFILE (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), run `aws sso login`, ' +
      'or run where an instance or container role is available'
    );
  }
  if (/AccessDenied|UnauthorizedOperation|not authorized/i.test(name) || /not authorized/i.test(e?.message ?? '')) {
    return `${where}: access denied: the credentials need ${permission} (docs/audit.md lists the read-only policy): ${e.message ?? name}`;
  }
  if (/Throttl|LimitExceeded|TooManyRequests/i.test(name)) {
    return `${where}: still throttled after the SDK's retries (${name}); run again later or narrow --since`;
  }
  if (e?.code === 'ECONNREFUSED' || e?.code === 'ENOTFOUND' || /ECONNREFUSED|ENOTFOUND/.test(e?.message ?? '')) {
    return `${where}: cannot reach the endpoint (${e.message ?? e.code})`;
  }
  return `${where}: ${name || 'error'}: ${e?.message ?? String(err)}`;
}
