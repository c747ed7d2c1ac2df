import { loadTree, resolveTreeOptions } from '../pipeline/load';
import { parseOptions, TREE_OPTIONS } from './args';
import { formatHuman } from './format-diagnostics';
import { EXIT, type CliIO } from './io';

export const usage = 'zone-access synth [--zones DIR] [--config FILE] [--out DIR]';

/** Validates the tree and, only if every file is valid, writes Terraform JSON per stack. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const values = parseOptions(args, { ...TREE_OPTIONS, out: { type: 'string', default: 'cdktf.out' } });
  const started = process.hrtime.bigint();
  const { tree, diagnostics } = loadTree(resolveTreeOptions(io.cwd, values.zones, values.config));
  if (!tree) {
    io.stderr.write(formatHuman(diagnostics, 'nothing was synthesized'));
    return EXIT.failed;
  }
  io.stderr.write(`validated ${tree.zones.length} zones; synthesizing...\n`);
  // Loaded only now: validation must stay free of cdktf's and the providers' start-up cost.
  const { synthesizeTree } = await import('../pipeline/synthesize');
  const { resolve } = await import('node:path');
  const outDir = resolve(io.cwd, values.out!);
  const stacks = synthesizeTree(tree, outDir);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const names = [...stacks.shards.values()].flatMap((p) => [p.entra.node.id, p.aws.node.id]).sort();
  io.stderr.write(`wrote ${names.length} stacks (${names.join(', ')}) for ${tree.zones.length} zones to ${outDir}/stacks in ${seconds.toFixed(2)} s\n`);
  return EXIT.ok;
}
