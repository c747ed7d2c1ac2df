import type { Finding, Side } from './finding';

/** How `zone-access drift` prints its findings. */
export const DRIFT_FORMATS = ['human', 'json', 'markdown', 'github'] as const;
export type DriftFormat = (typeof DRIFT_FORMATS)[number];

export interface DriftReport {
  readonly at: string;
  readonly sides: readonly Side[];
  readonly zones: number;
  readonly findings: readonly Finding[];
}

const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

function summary(r: DriftReport): string {
  const zones = new Set(r.findings.map((f) => f.zone)).size;
  const read = r.sides.map((s) => (s === 'aws' ? 'AWS' : 'Entra')).join(' and ');
  return r.findings.length === 0
    ? `in sync: ${plural(r.zones, 'zone')}, ${read} read, files evaluated at ${r.at}`
    : `drift: ${plural(r.findings.length, 'difference')} in ${plural(zones, 'zone')} (${read} read, files evaluated at ${r.at})`;
}

export function renderDrift(format: DriftFormat, r: DriftReport): string {
  switch (format) {
    case 'json':
      return (
        JSON.stringify(
          { inSync: r.findings.length === 0, at: r.at, read: r.sides, zones: r.zones, findings: r.findings },
          null,
          2,
        ) + '\n'
      );
    case 'markdown':
      return markdown(r);
    case 'github':
      return github(r);
    default:
      return human(r);
  }
}

function human(r: DriftReport): string {
  const lines: string[] = [];
  let zone: string | undefined;
  for (const f of r.findings) {
    if (f.zone !== zone) {
      zone = f.zone;
      lines.push(`${lines.length ? '\n' : ''}zone ${f.zone}${f.file ? ` (${f.file})` : ''}`);
    }
    lines.push(
      `  ✗ ${f.side} ${f.kind}: ${f.subject}`,
      `      files: ${f.files}`,
      `      live:  ${f.live}`,
      `      fix:   ${f.fix}`,
    );
  }
  lines.push(`${lines.length ? '\n' : ''}${summary(r)}`);
  return lines.join('\n') + '\n';
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function markdown(r: DriftReport): string {
  const lines = ['## Zone Access drift', '', summary(r) + '.'];
  if (r.findings.length > 0) {
    lines.push(
      '',
      '| Zone | Side | Kind | Subject | Files say | Exists | What to do |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const f of r.findings) {
      lines.push(
        `| ${cell(f.zone)} | ${f.side} | ${f.kind} | ${cell(f.subject)} | ${cell(f.files)} | ${cell(f.live)} | ${cell(f.fix)} |`,
      );
    }
  }
  return lines.join('\n') + '\n';
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands: one `::error` per finding, on the zone file when there is one. */
function github(r: DriftReport): string {
  return (
    r.findings
      .map((f) => {
        const props = [
          ...(f.file ? [`file=${escapeProperty(f.file)}`] : []),
          `title=${escapeProperty(`zone-access drift: ${f.zone} ${f.side} ${f.kind}`)}`,
        ];
        return `::error ${props.join(',')}::${escapeData(`${f.subject}: files say ${f.files}; exists: ${f.live}; fix: ${f.fix}`)}\n`;
      })
      .join('') + `::notice title=zone-access drift::${escapeData(summary(r))}\n`
  );
}
