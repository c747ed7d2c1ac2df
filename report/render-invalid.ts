import { formatDiagnostic, isError, type Diagnostic } from '../model/diagnostics';
import { REPORT_MARKER } from './render-markdown';

/**
 * The report when a tree cannot be compared. CI posts whatever `report` prints, so an invalid tree
 * must give a report that says so, and why, rather than an empty comment next to a failed check.
 * The base being invalid has its own cause: the target branch's files fail this version's checks,
 * usually a rule added by an upgrade of zone-access (possibly the upgrade this change makes).
 */

export interface InvalidSide {
  readonly label: 'base' | 'head';
  readonly zonesDir: string;
  readonly configPath: string;
  readonly diagnostics: readonly Diagnostic[];
}

const WHAT: Record<InvalidSide['label'], string> = {
  base: 'the target branch',
  head: 'this change',
};

const WHY: Record<InvalidSide['label'], string> = {
  base:
    'The target branch was valid when it was merged, so its files most likely break a rule that is new in the zone-access version this run uses ' +
    '(an upgrade, perhaps in this very change). Fix those files, on the target branch or in this change, and the report will compare the trees again.',
  head: 'Fix the problems below (validate shows them on the changed lines too); the report compares the trees once this change is valid.',
};

export function renderInvalidMarkdown(sides: readonly InvalidSide[]): string {
  const out = [REPORT_MARKER, '## Zone Access: access changes', ''];
  const named = sides.map((s) => `the ${s.label} tree (${WHAT[s.label]})`).join(' and ');
  out.push(
    `⛔ **No comparison was made: ${named} ${sides.length === 1 ? 'is' : 'are'} invalid**, so what this change grants or revokes is not known yet.`,
    '',
  );
  for (const side of sides) {
    const errors = side.diagnostics.filter(isError);
    const files = new Set(errors.map((d) => d.file)).size;
    out.push(
      `### The ${side.label} tree: ${errors.length} problem${errors.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}`,
      '',
      WHY[side.label],
      '',
      fenced(side.diagnostics.map(formatDiagnostic).join('\n')),
      '',
    );
  }
  return out.join('\n');
}

export function renderInvalidJson(sides: readonly InvalidSide[]): string {
  return (
    JSON.stringify(
      {
        version: 1,
        invalid: sides.map((s) => ({
          side: s.label,
          zonesDir: s.zonesDir,
          configPath: s.configPath,
          problems: s.diagnostics,
        })),
      },
      null,
      2,
    ) + '\n'
  );
}

/** A fenced block no input text can close early: the fence is longer than any backtick run inside. */
function fenced(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text}\n${fence}`;
}
