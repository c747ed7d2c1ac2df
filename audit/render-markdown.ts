import type { AuditReport } from './contract';
import { count, periodLabel, presetLine, resourcesText, sourceLabel, summaryLine } from './render-text';

/** An access review ticket: one section per zone, with the removal candidates as a checklist. */
export function renderMarkdown(report: AuditReport): string {
  const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  const out: string[] = [
    '# Zone access review',
    '',
    `Period: ${periodLabel(report)}  `,
    `Source: ${sourceLabel(report.source)}${report.filters.person ? `  \nPerson: ${report.filters.person}` : ''}`,
    '',
    summaryLine(report) + '.',
    '',
    `> ${report.coverage}`,
    '',
  ];
  for (const z of report.zones) {
    out.push(
      `## Zone \`${z.zone}\``,
      '',
      `Department ${z.department}, permission set \`${z.permissionSet}\`, accounts ${z.accounts.map((a) => `\`${a}\``).join(', ') || 'none'}.`,
      '',
    );
    if (z.people.length === 0) out.push('No sign-ins or calls in the period.', '');
    else {
      out.push(
        '| person | sign-ins | days | calls | denied | last seen |',
        '| --- | ---: | ---: | ---: | ---: | --- |',
      );
      for (const p of z.people)
        out.push(`| ${cell(p.person)} | ${p.signIns} | ${p.days.length} | ${p.calls} | ${p.denied} | ${p.lastSeen} |`);
      out.push('');
      const actions = z.people.flatMap((p) => p.actions.map((a) => ({ p, a })));
      if (actions.length > 0) {
        out.push(
          '### Actions',
          '',
          '| person | action | calls | denied | resources |',
          '| --- | --- | ---: | ---: | --- |',
        );
        for (const { p, a } of actions)
          out.push(
            `| ${cell(p.person)} | \`${a.action}\` | ${a.calls} | ${a.denied} | ${cell(resourcesText(a.resources, a.moreResources))} |`,
          );
        out.push('');
      }
    }
    if (z.deniedCalls.length > 0) {
      out.push(
        `### Denied calls (${z.deniedCalls.length})`,
        '',
        '| time | person | action | error | account | region | resources |',
        '| --- | --- | --- | --- | --- | --- | --- |',
      );
      for (const d of z.deniedCalls)
        out.push(
          `| ${d.time} | ${cell(d.person)} | \`${d.action}\` | ${d.errorCode} | ${d.account ?? ''} | ${d.region ?? ''} | ${cell(d.resources.join(', '))} |`,
        );
      out.push('');
    }
    if (z.unlistedAccounts.length > 0) {
      out.push('### Accounts the zone does not list', '');
      for (const u of z.unlistedAccounts)
        out.push(
          `- **${u.account}**: ${count(u.events, 'record')} by ${u.people.join(', ')}: the zone's permission set is used there although the zone file does not list the account.`,
        );
      out.push('');
    }
    if (z.presets.length > 0) {
      out.push('### Unused access', '');
      for (const p of z.presets)
        out.push(p.removalCandidate ? `- [ ] Remove \`${p.preset}\`? ${presetLine(p)}` : `- ${presetLine(p)}`);
      out.push('');
    }
  }
  return out.join('\n');
}
