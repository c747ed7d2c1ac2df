import { sortDiagnostics } from '../model/diagnostics';
import { platformConfigWarnings } from '../model/load-platform-config';
import { loadTree, resolveTreeOptions } from '../pipeline/load';
import { parseAt, parseOptions, TREE_OPTIONS, UsageError } from './args';
import { count, formatGithub, formatHuman, formatJson, OUTPUT_FORMATS, type OutputFormat } from './format-diagnostics';
import { EXIT, type CliIO } from './io';

export const usage =
  'zone-access validate [--zones DIR] [--config FILE] [--at YYYY-MM-DD] [--format human|json|github]';

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
    ? sortDiagnostics([...loaded.diagnostics, ...platformConfigWarnings(tree.config)])
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
