import type { AuditReport } from './contract';

/** The versioned JSON contract (contract.ts), 2-space indented, one trailing newline. */
export function renderJson(report: AuditReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}
