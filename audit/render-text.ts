import type { AuditReport, AuditSourceInfo, ZoneAudit } from './contract';

/** Wording both text formats share, so the human and Markdown outputs say the same things. */

/** `1 record`, `2 records`. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

export function sourceLabel(source: AuditSourceInfo): string {
  if (source.kind === 'logs') return `CloudWatch Logs Insights over ${source.logGroup} (${source.region})`;
  const accounts =
    source.accounts.length > 0
      ? `${source.accounts.length} account${source.accounts.length === 1 ? '' : 's'} (role ${source.assumedRole})`
      : "the current credentials' account";
  return `CloudTrail event history (LookupEvents) in ${accounts}, region${source.regions.length === 1 ? '' : 's'} ${source.regions.join(', ')}`;
}

export function periodLabel(report: AuditReport): string {
  return `${report.period.since} to ${report.period.until}`;
}

export function summaryLine(report: AuditReport): string {
  const s = report.summary;
  const other = Object.values(s.otherPermissionSets).reduce((a, b) => a + b, 0);
  return (
    `${count(s.records, 'record')} read; ${s.zoneRecords} of zone roles: ${count(s.signIns, 'sign-in')}, ${count(s.calls, 'call')} (${s.denied} denied) by ` +
    count(s.people, 'person', 'people') +
    (other ? `; ${other} of other Identity Center permission sets (not zones)` : '') +
    (s.unlistedAccountRecords ? `; ${s.unlistedAccountRecords} in accounts their zone does not list` : '')
  );
}

export function presetLine(p: ZoneAudit['presets'][number]): string {
  if (p.removalCandidate) return `${p.preset}: none of its ${p.granted.length} actions was called: candidate to remove`;
  if (p.unused.length === 0) return `${p.preset}: all ${p.granted.length} actions called`;
  return `${p.preset}: ${p.unused.length} of ${p.granted.length} actions not called: ${p.unused.join(', ')}`;
}

export function resourcesText(resources: readonly string[], more: number): string {
  if (resources.length === 0 && more === 0) return '';
  return resources.join(', ') + (more ? ` (+${more} calls on further resources)` : '');
}

/** Pads columns; the last column is not padded. */
export function columns(rows: readonly (readonly string[])[], indent = '  '): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map(
    (r) =>
      indent +
      r
        .map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd(),
  );
}
