import { sortDiagnostics } from '../model/diagnostics';
import { loadTree, resolveTreeOptions } from '../pipeline/load';
import { parseAt, parseOptions, TREE_OPTIONS, UsageError } from './args';
import { count, formatGithub, formatHuman, formatJson, OUTPUT_FORMATS, type OutputFormat } from './format-diagnostics';
import { EXIT, type CliIO } from './io';

export const usage = `zone-access validate [--zones DIR] [--config FILE] [--at YYYY-MM-DD] [--format human|json|github]

Checks every zone file under DIR (default: zones) and the platform config (default:
config/platform.yaml) and lists every problem of every file, each with its file, line, field and
what is right. Warnings (a member whose access ends soon, a risk the config accepts) do not fail it.
Reads only the files: nothing in AWS or Entra.

  --at DATE    judge members' until on DATE instead of today (UTC): an entry past it is left out
               (warning), one ending within the department's noticeDays is warned about
  --format F   human (default): problems on stderr, "ok: ..." on stdout; json: one document on stdout
               ({ valid, zones, departments, at, problems }); github: workflow annotations on stdout
Exit codes: 0 valid (warnings allowed); 1 a problem in some file; 2 bad command line.`;

/** Checks every zone file and the platform config; never loads cdktf or the providers. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const values = parseOptions(args, { ...TREE_OPTIONS, format: { type: 'string', default: 'human' } });
  const format = values.format as OutputFormat;
  if (!OUTPUT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${OUTPUT_FORMATS.join(', ')}`);

  const options = resolveTreeOptions(io.cwd, values.zones, values.config, parseAt(values.at));
  const loaded = loadTree(options);
  const tree = loaded.tree;
  // Accepted-by-default risks of a valid config (e.g. groups bound by display name) are warned about here.
  const diagnostics = tree
    ? sortDiagnostics([...loaded.diagnostics, ...(loaded.configWarnings ?? [])])
    : loaded.diagnostics;
  const summary = tree ? { zones: tree.zones.length, departments: tree.departments.length, at: tree.at } : {};

  if (format === 'json') io.stdout.write(formatJson(diagnostics, summary));
  else if (format === 'github') io.stdout.write(formatGithub(diagnostics));
  else if (diagnostics.length > 0) io.stderr.write(formatHuman(diagnostics));

  if (!tree) return EXIT.failed;
  if (format === 'human') {
    const zones = tree.zones.length;
    io.stdout.write(
      `ok: ${count(zones, 'zone')} in ${count(tree.departments.length, 'department')} ${zones === 1 ? 'is' : 'are'} valid\n`,
    );
  }
  return EXIT.ok;
}
