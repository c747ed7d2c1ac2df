import type { AccessReport } from './diff';

/**
 * The report as a stable JSON document (2-space indented, trailing newline). Keys come in a fixed
 * order and every list is sorted, so the same two trees always give the same bytes: safe to diff,
 * cache or post-process with `jq`.
 */
export function renderJson(report: AccessReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
