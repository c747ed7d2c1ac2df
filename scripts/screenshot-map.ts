import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadTree } from '../pipeline/load';
import { renderAccessMap } from '../portal/access-map';
import { openBrowser } from './chromium';

/**
 * `npm run docs:screenshot`: the README's picture of the access map, taken from the sample tree in
 * headless Chromium, with a search typed in as a person would.
 *
 *   node dist/scripts/screenshot-map.js [--query TEXT] [--out docs/access-map.png]
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => {
    const i = args.indexOf(name);
    return i === -1 ? fallback : args[i + 1];
  };
  const repo = resolve(__dirname, '..', '..');
  const out = resolve(option('--out', join(repo, 'docs', 'access-map.png')));
  const query = option('--query', 'reboot payments');
  const { tree, diagnostics } = loadTree({
    zonesDir: join(repo, 'zones'),
    configPath: join(repo, 'config', 'platform.yaml'),
  });
  if (!tree) throw new Error(`the sample tree is invalid: ${JSON.stringify(diagnostics)}`);

  const dir = mkdtempSync(join(tmpdir(), 'zone-access-map-'));
  const file = join(dir, 'index.html');
  writeFileSync(file, renderAccessMap(tree, { at: option('--at', '2026-11-30') }).html);
  const browser = await openBrowser({ width: 1280, height: 820 });
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-ready="1"]');
    if (query) await page.locator('#q').pressSequentially(query);
    await page.screenshot({ path: out });
    const outside = browser.requests.map((r) => r.url()).filter((u) => !u.startsWith('file:'));
    if (outside.length > 0) throw new Error(`the map made requests: ${outside.join(', ')}`);
  } finally {
    await browser.close();
    rmSync(dir, { recursive: true, force: true });
  }
  process.stderr.write(`wrote ${out}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
