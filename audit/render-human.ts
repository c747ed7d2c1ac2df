import type { AuditReport } from './contract';
import { columns, count, periodLabel, presetLine, resourcesText, sourceLabel, summaryLine } from './render-text';

/** The terminal view: per zone, who signed in and did what, what was denied, what nobody used. */
export function renderHuman(report: AuditReport): string {
  const out: string[] = [`zone-access audit, ${periodLabel(report)}`, `source: ${sourceLabel(report.source)}`];
  if (report.filters.person) out.push(`person: ${report.filters.person}`);
  out.push(summaryLine(report), '');
  for (const z of report.zones) {
    out.push(
      `zone ${z.zone} (department ${z.department}, permission set ${z.permissionSet}, accounts ${z.accounts.join(', ') || 'none'})`,
    );
    if (z.people.length === 0) out.push('  no sign-ins or calls in the period');
    else {
      out.push(
        ...columns([
          ['person', 'sign-ins', 'days', 'calls', 'denied', 'last seen'],
          ...z.people.map((p) => [
            p.person,
            String(p.signIns),
            String(p.days.length),
            String(p.calls),
            String(p.denied),
            p.lastSeen,
          ]),
        ]),
      );
      const rows = z.people.flatMap((p) =>
        p.actions.map((a) => [
          p.person,
          a.action,
          String(a.calls),
          a.denied ? `${a.denied} denied` : '',
          resourcesText(a.resources, a.moreResources),
        ]),
      );
      if (rows.length > 0)
        out.push('  actions:', ...columns([['person', 'action', 'calls', 'denied', 'resources'], ...rows], '    '));
    }
    if (z.deniedCalls.length > 0) {
      out.push(
        `  denied calls (${z.deniedCalls.length}):`,
        ...columns(
          [
            ['time', 'person', 'action', 'error', 'account', 'region', 'resources'],
            ...z.deniedCalls.map((d) => [
              d.time,
              d.person,
              d.action,
              d.errorCode,
              d.account ?? '',
              d.region ?? '',
              d.resources.join(', '),
            ]),
          ],
          '    ',
        ),
      );
    }
    for (const u of z.unlistedAccounts) {
      out.push(
        `  warning: used in account ${u.account}, which the zone does not list: ${count(u.events, 'record')} by ${u.people.join(', ')} (a leftover assignment?)`,
      );
    }
    if (z.presets.length > 0) out.push('  unused access:', ...z.presets.map((p) => `    ${presetLine(p)}`));
    out.push('');
  }
  out.push(report.coverage, '');
  return out.join('\n');
}
