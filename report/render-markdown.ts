import type {
  AccessReport,
  AccountRef,
  DepartmentChangeKind,
  DepartmentReport,
  FieldChange,
  Grant,
  SetDelta,
  ZoneChangeKind,
  ZoneReport,
  ZoneSetting,
} from './diff';
import { isEmptyReport } from './diff';
import { membershipDetails, peopleHeadline } from './render-people';

/**
 * The report as GitHub/GitLab-flavoured Markdown, for a pull request comment or a job summary:
 * a headline, one table row per zone, the replacement warnings, then the details per zone.
 *
 * Every value that comes from an input file is shown as inline code, so nothing in a description
 * or a tag can turn into markup.
 */

/** First line of every report; CI scripts use it to find and update their earlier comment. */
export const REPORT_MARKER = '<!-- zone-access-report -->';

/** Lists longer than this are folded into a `<details>` block. */
const FOLD_AFTER = 8;
const MAX_VALUE_LENGTH = 120;

const CHANGE_LABEL: Record<ZoneChangeKind, string> = {
  added: '🆕 added',
  removed: '🗑️ removed',
  changed: '✏️ changed',
  moved: '🚚 moved',
  renamed: '🏷️ renamed',
};

const DEPARTMENT_LABEL: Record<DepartmentChangeKind, string> = {
  declared: '🆕 declared',
  emptied: '🗑️ emptied',
  retired: '🗑️ retired',
  undeclared: '➖ undeclared',
};

const GRANT_LABEL: Record<string, string> = {
  'resource-tag': 'resources of the zone',
  'request-tag': 'creating resources tagged with the zone',
  none: 'any resource',
};

export function renderMarkdown(report: AccessReport): string {
  const out: string[] = [REPORT_MARKER, '## Zone Access: access changes', ''];
  const { summary } = report;
  if (isEmptyReport(report)) {
    out.push(`No access changes: ${count(summary.head, 'zone')} compared, none added, removed or changed.`);
    return out.join('\n') + '\n';
  }

  out.push(peopleHeadline(report), '', headline(report), '');

  if (report.departments.length > 0) out.push(...departmentSection(report.departments), '');

  if (report.zones.length > 0) {
    out.push('| Change | Zone | Department | Accounts | Actions | Also |', '|---|---|---|---|---|---|');
    for (const z of report.zones) out.push(tableRow(z));
    out.push('');
  }

  const replacing = report.zones.filter((z) => z.replacements.length > 0);
  if (replacing.length > 0) {
    out.push('### ⚠️ Replacements', '');
    out.push(
      '> These changes **replace** resources instead of updating them in place. Replacing a permission set ends every active session and re-creates its roles in each account.',
      '',
    );
    for (const z of replacing) {
      for (const r of z.replacements)
        out.push(
          `- ⚠️ **${code(z.zone)}**${z.previous && z.previous.zone !== z.zone ? ` (was ${code(z.previous.zone)})` : ''}: ${text(r.message)}`,
        );
    }
    out.push('');
  }

  if (report.platform.length > 0) {
    out.push('### Platform config', '');
    out.push('These values of `config/platform.yaml` changed; they can affect every zone.', '');
    for (const f of report.platform)
      out.push(`- ${f.unsafe ? '⛔ ' : ''}${fieldChange(f)}${f.unsafe ? `. **Unsafe**: ${text(f.unsafe)}` : ''}`);
    out.push('');
  }

  if (report.zones.length > 0) {
    out.push('### Details', '');
    for (const z of report.zones) out.push(...details(z), '');
  }
  out.push(
    `<sub>Compared ${count(summary.base, 'zone')} (base) with ${count(summary.head, 'zone')} (head). Unchanged zones are not listed.</sub>`,
  );
  return out.join('\n') + '\n';
}

function departmentSection(departments: readonly DepartmentReport[]): string[] {
  const out = ['### Departments', ''];
  for (const d of departments) {
    const revoked = d.zonesRevoked.length
      ? ` Revokes ${count(d.zonesRevoked.length, 'zone')} (${d.zonesRevoked.map(code).join(', ')}) in ${count(d.accountsRevoked.length, 'account')} (${d.accountsRevoked.map(account).join(', ')}).`
      : '';
    out.push(
      `- ${d.unsafe ? '⛔ ' : ''}**${code(d.department)}** ${DEPARTMENT_LABEL[d.change]}.${revoked} Next: ${text(d.action)}.`,
    );
  }
  return out;
}

function headline(report: AccessReport): string {
  const s = report.summary;
  const parts = (
    [
      [s.added, 'added'],
      [s.removed, 'removed'],
      [s.changed, 'changed'],
      [s.moved, 'moved'],
      [s.renamed, 'renamed'],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${n} ${label}`);
  const zones = report.zones.length;
  let line = zones > 0 ? `**${count(zones, 'zone')} affected**: ${parts.join(', ')}.` : '**No zone changed.**';
  if (s.departmentRevocations > 0)
    line += ` **${count(s.departmentRevocations, 'department')} revoking access** (see Departments).`;
  if (s.unsafe > 0) line += ` ⛔ **${count(s.unsafe, 'department')} would keep deployed access** (see Departments).`;
  if (report.platform.length > 0) line += ` Platform config: ${count(report.platform.length, 'value')} changed.`;
  const unsafeConfig = report.platform.filter((f) => f.unsafe).length;
  if (unsafeConfig > 0)
    line += ` ⛔ **${count(unsafeConfig, 'platform change')} unsafe as made** (see Platform config).`;
  if (s.replacements > 0) line += ` ⚠️ **${count(s.replacements, 'zone')} with replacements** (see below).`;
  return line;
}

function tableRow(z: ZoneReport): string {
  const zone = z.previous && z.previous.zone !== z.zone ? `${code(z.previous.zone)} → ${code(z.zone)}` : code(z.zone);
  const department =
    z.previous && z.previous.department !== z.department ? `${z.previous.department} → ${z.department}` : z.department;
  const also: string[] = [];
  if (z.membership.added.length || z.membership.removed.length) {
    also.push(`people ${plusMinus({ gained: z.membership.added, lost: z.membership.removed })}`);
  }
  if (z.presets.gained.length || z.presets.lost.length) also.push(`presets ${plusMinus(z.presets)}`);
  if (z.policies.gained.length || z.policies.lost.length) also.push(`policies ${plusMinus(z.policies)}`);
  if (z.rescoped.length) also.push(`${count(z.rescoped.length, 'action')} rescoped`);
  if (z.inPlace.length && z.change !== 'added' && z.change !== 'removed')
    also.push(z.inPlace.map((f) => f.field).join(', '));
  if (z.replacements.length) also.push('⚠️ replacement');
  return `| ${[CHANGE_LABEL[z.change], zone, department, plusMinus(z.accounts), plusMinus(z.actions), also.join('; ') || ' '].map(cell).join(' | ')} |`;
}

function details(z: ZoneReport): string[] {
  const title = z.previous && z.previous.zone !== z.zone ? `${code(z.previous.zone)} → ${code(z.zone)}` : code(z.zone);
  const where =
    z.previous && z.previous.department !== z.department ? `${z.previous.department} → ${z.department}` : z.department;
  const out = [
    `#### ${title} · ${z.change}`,
    '',
    `Department ${where}; permission set ${code(z.permissionSet)}; stacks ${code(z.stacks.entra)}, ${code(z.stacks.aws)}.`,
    '',
  ];
  const gained = z.change === 'added' ? 'granted' : 'gained';
  const lost = z.change === 'removed' ? 'revoked' : 'lost';

  out.push(...list(`Accounts ${gained}`, z.accounts.gained.map(account)));
  out.push(...list(`Accounts ${lost}`, z.accounts.lost.map(account)));
  out.push(...list(`Presets ${gained}`, z.presets.gained.map(code)));
  out.push(...list(`Presets ${lost}`, z.presets.lost.map(code)));
  out.push(...list(`Actions ${gained}`, z.actions.gained.map(code)));
  out.push(...list(`Actions ${lost}`, z.actions.lost.map(code)));
  out.push(
    ...subList(
      'Scope changed',
      z.rescoped.map((r) => `${code(r.action)}: ${grants(r.base)} → ${grants(r.head)}`),
    ),
  );
  out.push(...list(`Policies ${gained}`, z.policies.gained.map(code)));
  out.push(...list(`Policies ${lost}`, z.policies.lost.map(code)));
  out.push(...subList('Changed in place', z.inPlace.map(fieldChange)));
  out.push(...subList('Settings', z.settings.map(setting)));
  out.push(...membershipDetails(z, code, account));
  for (const r of z.replacements) out.push(`- ⚠️ **Replacement** (${r.reason}): ${text(r.message)}`);
  return out;
}

/** `- **Label (n):** a, b, c`, folded when long. */
function list(label: string, items: readonly string[]): string[] {
  if (items.length === 0) return [];
  if (items.length <= FOLD_AFTER) return [`- **${label} (${items.length}):** ${items.join(', ')}`];
  return [
    `- <details><summary><b>${label} (${items.length})</b></summary>`,
    '',
    `  ${items.join(', ')}`,
    '',
    '  </details>',
  ];
}

/** `- **Label (n):**` with one nested item per entry. */
function subList(label: string, items: readonly string[]): string[] {
  if (items.length === 0) return [];
  return [`- **${label} (${items.length}):**`, ...items.map((item) => `  - ${item}`)];
}

function fieldChange(f: FieldChange): string {
  const tooLong = [f.base, f.head].some(
    (v) => v !== undefined && typeof v !== 'string' && JSON.stringify(v).length > MAX_VALUE_LENGTH,
  );
  const values = tooLong
    ? ': changed'
    : f.base === undefined && f.head === undefined
      ? ''
      : f.base === undefined
        ? `: set to ${value(f.head)}`
        : f.head === undefined
          ? `: ${value(f.base)} removed`
          : `: ${value(f.base)} → ${value(f.head)}`;
  return `${code(f.field)}${values}${f.note ? ` (${text(f.note)})` : ''}`;
}

function setting(s: ZoneSetting): string {
  return `${code(s.field)}: ${s.value === undefined ? '(none)' : value(s.value)}`;
}

function account(a: AccountRef): string {
  return a.name ? `${code(a.id)} (${a.name})` : code(a.id);
}

function grants(gs: readonly Grant[]): string {
  return gs
    .map((g) => {
      const [scope, on] = g.split(' on ');
      return `${GRANT_LABEL[scope] ?? scope}${on ? ` (${on})` : ''}`;
    })
    .join(' + ');
}

function plusMinus(d: SetDelta<unknown>): string {
  const parts = [d.gained.length ? `+${d.gained.length}` : '', d.lost.length ? `−${d.lost.length}` : ''].filter(
    Boolean,
  );
  return parts.join(' ') || ' ';
}

function value(v: unknown): string {
  if (typeof v === 'string') return code(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string'))
    return v.length ? v.map((x) => code(x as string)).join(', ') : '(none)';
  if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) return '(none)';
  return code(JSON.stringify(v));
}

/** Inline code that survives backticks in the value, on one line, shortened when very long. */
export function code(s: string): string {
  const short = s.length > MAX_VALUE_LENGTH ? `${s.slice(0, MAX_VALUE_LENGTH - 1)}…` : s;
  const clean = short.replace(/[\r\n\t]+/g, ' ');
  const longestRun = Math.max(0, ...(clean.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** Plain prose: Markdown and HTML punctuation escaped, so `AWSReservedSSO_x_*` stays literal. */
function text(s: string): string {
  return s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

/** A table cell: pipes escaped (GFM removes the backslash, also inside code spans). */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|');
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
