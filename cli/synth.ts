import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { sortDiagnostics } from '../model/diagnostics';
import { loadTree, resolveTreeOptions } from '../pipeline/load';
import { parseAt, parseOptions, TREE_OPTIONS } from './args';
import { count, formatHuman } from './format-diagnostics';
import { EXIT, type CliIO } from './io';

export const usage = `zone-access synth [--zones DIR] [--config FILE] [--at YYYY-MM-DD] [--out DIR]

Validates as zone-access validate does and, only if every file is valid, writes the Terraform JSON
of every stack (entra-app-roles, then entra-<shard> and aws-<shard> per department or shard) to
DIR/stacks/<stack>/cdk.tf.json, with cdktf's manifest.json in DIR. Nothing is written from invalid
input. zone-access deploy applies them in the right order (zone-access docs/deploy.md).

  --at DATE   the day membership is evaluated on (default today, UTC): members past their until
              are left out of the groups
  --out DIR   where to write (default: cdktf.out)
Exit codes: 0 written (warnings allowed); 1 a problem in some file, or writing failed; 2 bad command line.`;

/** Validates the tree and, only if every file is valid, writes Terraform JSON per stack. */
export async function run(args: string[], io: CliIO): Promise<number> {
  const values = parseOptions(args, { ...TREE_OPTIONS, out: { type: 'string', default: 'cdktf.out' } });
  const started = process.hrtime.bigint();
  const loaded = loadTree(resolveTreeOptions(io.cwd, values.zones, values.config, parseAt(values.at)));
  const tree = loaded.tree;
  const diagnostics = tree
    ? sortDiagnostics([...loaded.diagnostics, ...(loaded.configWarnings ?? [])])
    : loaded.diagnostics;
  if (!tree) {
    io.stderr.write(formatHuman(diagnostics, 'nothing was synthesized'));
    return EXIT.failed;
  }
  if (diagnostics.length > 0) io.stderr.write(formatHuman(diagnostics));
  io.stderr.write(`validated ${count(tree.zones.length, 'zone')}; synthesizing...\n`);
  // Loaded only now: validation must stay free of cdktf's and the providers' start-up cost.
  const { synthesizeTree } = await import('../pipeline/synthesize');
  const outDir = resolve(io.cwd, values.out!);
  const before = existingStacks(outDir);
  let stacks: Awaited<ReturnType<typeof synthesizeTree>>;
  try {
    stacks = synthesizeTree(tree, outDir);
  } catch (err) {
    io.stderr.write(`zone-access synth: synthesis into ${outDir} failed: ${(err as Error).message}\n`);
    return EXIT.failed;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const names = [
    stacks.appRoles.node.id,
    ...[...stacks.shards.values()].flatMap((p) => [p.entra.node.id, p.aws.node.id]),
  ].sort();
  io.stderr.write(
    `wrote ${count(names.length, 'stack')} (${names.join(', ')}) for ${count(tree.zones.length, 'zone')} to ${outDir}/stacks in ${seconds.toFixed(2)} s\n`,
  );
  // Left alone on purpose (a local backend keeps its state there), but never to be applied again.
  const stale = before.filter((name) => !names.includes(name));
  if (stale.length > 0) {
    io.stderr.write(
      `warning: ${outDir}/stacks also holds ${stale.join(', ')}, which this tree no longer produces; ` +
        'destroy them (terraform destroy in each) or delete the folders, and deploy only the stacks listed in manifest.json\n',
    );
  }
  return EXIT.ok;
}

function existingStacks(outDir: string): string[] {
  try {
    return readdirSync(join(outDir, 'stacks'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return [];
  }
}
