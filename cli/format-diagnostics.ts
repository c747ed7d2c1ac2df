import { formatDiagnostic, isError, type Diagnostic } from '../model/diagnostics';

export const OUTPUT_FORMATS = ['human', 'json', 'github'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** `1 zone`, `2 zones`: a number and its noun, in the right number. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}

/** Human-readable: one `file:line:col: field: message [code]` block per problem, then a count and what it meant. */
export function formatHuman(diagnostics: readonly Diagnostic[], consequence?: string): string {
  const files = new Set(diagnostics.map((d) => d.file)).size;
  const errors = diagnostics.filter(isError).length;
  const warnings = diagnostics.length - errors;
  const counted = [
    ...(errors > 0 || warnings === 0 ? [`${errors} problem${errors === 1 ? '' : 's'}`] : []),
    ...(warnings > 0 ? [`${warnings} warning${warnings === 1 ? '' : 's'}`] : []),
  ];
  const count = `${counted.join(' and ')} in ${files} file${files === 1 ? '' : 's'}`;
  return `${diagnostics.map(formatDiagnostic).join('\n')}\n\n${count}${consequence ? `; ${consequence}` : ''}.\n`;
}

/** Machine-readable: a stable JSON document. */
export function formatJson(diagnostics: readonly Diagnostic[], summary: Record<string, unknown>): string {
  return JSON.stringify({ valid: !diagnostics.some(isError), ...summary, problems: diagnostics }, null, 2) + '\n';
}

/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=zone-access: field [code]::message`), which show
 * inline on the pull request's diff. Properties and message are escaped as the runner expects.
 */
export function formatGithub(diagnostics: readonly Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const props = [`file=${escapeProperty(d.file)}`];
      if (d.line !== undefined) props.push(`line=${d.line}`, `col=${d.column ?? 1}`);
      // The title names the field and the stable code (the code alone for a problem of a whole file).
      props.push(`title=${escapeProperty(`zone-access: ${d.field ? `${d.field} [${d.code}]` : d.code}`)}`);
      const message = d.hint ? `${d.message} (hint: ${d.hint})` : d.message;
      return `::${isError(d) ? 'error' : 'warning'} ${props.join(',')}::${escapeData(message)}\n`;
    })
    .join('');
}

function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
