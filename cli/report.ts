import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DEFAULT_CONFIG_PATH, DEFAULT_ZONES_DIR, loadTree } from '../pipeline/load';
import { diffTrees } from '../report/diff';
import { renderJson } from '../report/render-json';
import { renderInvalidJson, renderInvalidMarkdown, type InvalidSide } from '../report/render-invalid';
import { renderMarkdown } from '../report/render-markdown';
import { parseAt, parseOptions, UsageError } from './args';
import { formatHuman } from './format-diagnostics';
import { EXIT, type CliIO } from './io';

export const REPORT_FORMATS = ['markdown', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const usage = `zone-access report --base DIR --head DIR [--format markdown|json] [--at YYYY-MM-DD]
       [--base-zones DIR] [--base-config FILE] [--head-zones DIR] [--head-config FILE]

Compares two zone trees (e.g. main's and a pull request's) and prints, per zone, what is added,
removed or changed: accounts and actions (expanded from the presets) gained or lost, attributes
changed in place, and a warning for every change that replaces resources (renaming a zone, moving
it to another stack, a new permission set name). Unchanged zones are not listed.

Both trees are evaluated on the same day, --at (default today, UTC): members whose until has
passed are not members on either side.
DIR is a checkout holding zones/ and config/platform.yaml. --*-zones and --*-config override those
paths (relative to the current directory).
Exit codes: 0 report printed (also when there are changes); 1 a tree is invalid (the report printed
then says which and why, and stderr lists the problems), or a change the pipeline cannot apply
safely: a department deleted from the config while it still had zones (its access would stay
deployed: retire it first), entra.appRoles switched in one run (set entra.retiredAppRoles first);
2 bad command line.`;

/** `zone-access report`: a reviewer's view of what a change to the zone tree grants and revokes. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const values = parseOptions(args, {
    base: { type: 'string' },
    head: { type: 'string' },
    format: { type: 'string', default: 'markdown' },
    at: { type: 'string' },
    'base-zones': { type: 'string' },
    'base-config': { type: 'string' },
    'head-zones': { type: 'string' },
    'head-config': { type: 'string' },
  });
  if (values.base === undefined || values.head === undefined) {
    const missing = [values.base === undefined ? '--base' : '', values.head === undefined ? '--head' : ''].filter(
      Boolean,
    );
    throw new UsageError(`${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} required`);
  }
  const format = values.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}`);
  const at = parseAt(values.at);

  // Paths as the user gave them, resolved against the command's directory; shown relative to the
  // process's own directory, so messages read `base/zones/x/y.yaml`.
  const shown = (p: string) => relative(process.cwd(), resolve(io.cwd, p)) || '.';
  const sides = [
    { label: 'base', dir: values.base, zones: values['base-zones'], config: values['base-config'] },
    { label: 'head', dir: values.head, zones: values['head-zones'], config: values['head-config'] },
  ].map((side) => {
    const options = {
      zonesDir: shown(side.zones ?? join(side.dir, DEFAULT_ZONES_DIR)),
      configPath: shown(side.config ?? join(side.dir, DEFAULT_CONFIG_PATH)),
      at,
    };
    return { ...side, options, ...loadTree(options) };
  });
  // The first pull request of a repository: its base checkout exists but has neither zones/ nor a
  // platform config, so every zone of the head is new. Anything less is still an invalid base.
  const [baseSide, headSide] = sides;
  if (
    !baseSide.tree &&
    headSide.tree &&
    existsSync(resolve(io.cwd, baseSide.dir)) &&
    !existsSync(baseSide.options.zonesDir) &&
    !existsSync(baseSide.options.configPath)
  ) {
    io.stderr.write(`zone-access report: ${baseSide.dir} has no zone tree yet; treating the base as empty\n`);
    baseSide.tree = { config: headSide.tree.config, zones: [], departments: [], at };
    baseSide.diagnostics = [];
  }

  let invalid = false;
  const invalidSides: InvalidSide[] = [];
  for (const side of sides) {
    if (side.tree) continue;
    invalid = true;
    invalidSides.push({
      label: side.label as InvalidSide['label'],
      zonesDir: side.options.zonesDir,
      configPath: side.options.configPath,
      diagnostics: side.diagnostics,
    });
    io.stderr.write(
      `zone-access report: the ${side.label} tree (${side.options.zonesDir}, ${side.options.configPath}) is invalid:\n` +
        formatHuman(side.diagnostics, 'no report was made') +
        '\n',
    );
  }
  const [base, head] = sides;
  if (invalid || !base.tree || !head.tree) {
    // Still a report on stdout: CI posts it, and it must say why there is no comparison.
    io.stdout.write(format === 'json' ? renderInvalidJson(invalidSides) : renderInvalidMarkdown(invalidSides));
    return EXIT.failed;
  }

  const report = diffTrees(base.tree, head.tree);
  io.stdout.write(format === 'json' ? renderJson(report) : renderMarkdown(report));
  const unsafe = report.departments.filter((d) => d.unsafe);
  for (const d of unsafe) {
    io.stderr.write(`zone-access report: department ${d.department}: ${d.action}\n`);
  }
  const unsafeConfig = report.platform.filter((f) => f.unsafe);
  for (const f of unsafeConfig) io.stderr.write(`zone-access report: ${f.field}: ${f.unsafe}\n`);
  // A change the pipeline cannot apply safely fails the check, report printed or not.
  return unsafe.length + unsafeConfig.length > 0 ? EXIT.failed : EXIT.ok;
}
