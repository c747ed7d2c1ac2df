/**
 * The cdktf app entry (`cdktf.json` → `node dist/main.js`): the same code path as
 * `zone-access synth`, for people who drive deployments with cdktf-cli (`cdktf diff`, `cdktf deploy`).
 * ZONE_ACCESS_ZONES and ZONE_ACCESS_CONFIG override the default input paths.
 */
import { formatHuman } from './cli/format-diagnostics';
import { loadTree, resolveTreeOptions } from './pipeline/load';
import { synthesizeTree } from './pipeline/synthesize';

const { tree, diagnostics } = loadTree(
  resolveTreeOptions(process.cwd(), process.env.ZONE_ACCESS_ZONES, process.env.ZONE_ACCESS_CONFIG),
);
if (!tree) {
  process.stderr.write(formatHuman(diagnostics, 'nothing was synthesized'));
  process.exit(1);
}
// cdktf-cli passes the output folder through CDKTF_OUTDIR, which App reads itself.
synthesizeTree(tree);
