/**
 * The cdktf app entry (`cdktf.json` → `node dist/main.js`): the same code path as
 * `zone-access synth`, for people who drive deployments with cdktf-cli (`cdktf diff`, `cdktf deploy`).
 * ZONE_ACCESS_ZONES and ZONE_ACCESS_CONFIG override the default input paths; ZONE_ACCESS_AT
 * (YYYY-MM-DD, default today UTC) is the day membership is evaluated for, like `--at`.
 */
import { formatHuman } from './cli/format-diagnostics';
import { isRealDate, todayUtc } from './model/dates';
import { loadTree, resolveTreeOptions } from './pipeline/load';
import { synthesizeTree } from './pipeline/synthesize';

const at = process.env.ZONE_ACCESS_AT || todayUtc();
if (!isRealDate(at)) {
  process.stderr.write(`ZONE_ACCESS_AT must be a date, YYYY-MM-DD (got "${at}"); nothing was synthesized\n`);
  process.exit(2);
}
const { tree, diagnostics } = loadTree(
  resolveTreeOptions(process.cwd(), process.env.ZONE_ACCESS_ZONES, process.env.ZONE_ACCESS_CONFIG, at),
);
if (!tree) {
  process.stderr.write(formatHuman(diagnostics, 'nothing was synthesized'));
  process.exit(1);
}
if (diagnostics.length > 0) process.stderr.write(formatHuman(diagnostics));
// cdktf-cli passes the output folder through CDKTF_OUTDIR, which App reads itself.
synthesizeTree(tree);
