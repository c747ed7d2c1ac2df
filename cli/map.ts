import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadTree, resolveTreeOptions } from '../pipeline/load';
import { renderAccessMap } from '../portal/access-map';
import { parseAt, parseOptions, TREE_OPTIONS, UsageError } from './args';
import { formatHuman } from './format-diagnostics';
import { EXIT, type CliIO } from './io';
import { writeFileAtomic } from './write-atomic';

/** The file `map` writes inside `--out`. */
export const MAP_FILE = 'index.html';

export const usage = `zone-access map [--zones DIR] [--config FILE] --out DIR [--at YYYY-MM-DD]

Writes DIR/${MAP_FILE}: the access map, one self-contained HTML page (no network, no external files)
with departments, zones, accounts, the actions each zone grants, owners, members and their expiry,
session durations, a sign-in link per zone and account, and a search box (person, zone, account,
action, tag value). Open it from disk or publish the folder.

Without identityCenter.startUrl the map is written without sign-in links, and a warning names the key.
  --at DATE   judge membership expiry on DATE instead of today (UTC)
Exit codes: 0 written; 1 invalid tree or cannot write; 2 bad command line.`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const values = parseOptions(args, { ...TREE_OPTIONS, out: { type: 'string' } });
  if (values.out === undefined) throw new UsageError('--out is required');
  const at = parseAt(values.at);

  const { tree, diagnostics } = loadTree(resolveTreeOptions(io.cwd, values.zones, values.config, at));
  if (!tree) {
    io.stderr.write(formatHuman(diagnostics, 'no map was written'));
    return EXIT.failed;
  }
  if (diagnostics.length > 0) io.stderr.write(formatHuman(diagnostics)); // warnings only
  const map = renderAccessMap(tree);
  for (const warning of map.warnings) io.stderr.write(`warning: ${warning}\n`);
  const outDir = resolve(io.cwd, values.out);
  const file = join(outDir, MAP_FILE);
  try {
    mkdirSync(outDir, { recursive: true });
    // Readable by others: the folder is meant to be published (a web server, CI pages).
    writeFileAtomic(file, map.html, { mode: 0o644 });
  } catch (err) {
    io.stderr.write(`zone-access map: cannot write ${file}: ${(err as Error).message}\n`);
    return EXIT.failed;
  }
  const kb = Math.round(Buffer.byteLength(map.html) / 1024);
  io.stderr.write(`wrote ${file} (${tree.zones.length} zones, ${kb} KiB)\n`);
  return EXIT.ok;
}
