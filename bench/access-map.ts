import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ZoneTree } from '../model/types';
import { loadTree } from '../pipeline/load';
import { renderAccessMap } from '../portal/access-map';
import { openBrowser } from '../scripts/chromium';
import type { GeneratedTree } from './generate-tree';

/**
 * The access map's budget at scale (people open it on ordinary laptops): the file's size, and how soon the page answers a
 * search in headless Chromium (Debian's, as the tests use it).
 *
 * The generated zone files carry no members and the generated config no start URL, so both are
 * added to the loaded tree in memory: every zone gets `MEMBERS_PER_ZONE` members (half with an
 * expiry and a reason) and every account a sign-in link, as in a real tree that uses them.
 */

export const MAP_TARGETS = { fileMB3500: 5, searchMs3500: 1000 };
const MEMBERS_PER_ZONE = 5;
const START_URL = 'https://d-9067a1b2c3.awsapps.com/start';

export interface MapResult {
  readonly zones: number;
  readonly bytes: number;
  readonly renderMs: number;
  /** Navigation start → the page has rendered its first zones and listens to the search box. */
  readonly loadMs: number;
  /** Per query: typing it (one input event) → results drawn (after the next frame). */
  readonly searches: readonly { readonly query: string; readonly matches: string; readonly ms: number }[];
  /** loadMs + the slowest search: from opening the file to an answer on screen. */
  readonly interactiveMs: number;
}

/** The tree as a real one with members in files and a start URL would be. */
function realistic(tree: ZoneTree): ZoneTree {
  return {
    ...tree,
    config: { ...tree.config, identityCenter: { ...tree.config.identityCenter, startUrl: START_URL } },
    zones: tree.zones.map((zone, i) => ({
      ...zone,
      members: Array.from({ length: MEMBERS_PER_ZONE }, (_, k) => ({
        user: `person-${String((i * 3 + k) % 5000).padStart(4, '0')}@example.com`,
        ...(k % 2 === 0 ? { until: '2027-06-30', reason: 'project work' } : {}),
      })).sort((a, b) => (a.user < b.user ? -1 : 1)),
    })),
  };
}

export async function measureAccessMap(generated: GeneratedTree, scratch: string): Promise<MapResult> {
  const { tree: loaded, diagnostics } = loadTree({ zonesDir: generated.zonesDir, configPath: generated.configPath });
  if (!loaded) throw new Error(`the generated tree is invalid: ${diagnostics[0]?.message}`);
  const tree = realistic(loaded);
  const started = process.hrtime.bigint();
  const { html } = renderAccessMap(tree, { at: '2027-01-01' });
  const renderMs = Number(process.hrtime.bigint() - started) / 1e6;
  const dir = join(scratch, `map-${generated.zones}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'index.html');
  writeFileSync(file, html);

  const last = tree.zones[tree.zones.length - 1];
  const queries = [
    last.name, // one zone
    last.members[0].user, // a person
    'secretsmanager:getsecretvalue', // an action most zones grant
    `rebootdb ${last.department}`, // "who can reboot a database in this department?"
    last.accounts[0].id, // an account
  ];
  const browser = await openBrowser();
  try {
    const page = await browser.newPage();
    const navStart = Date.now();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'commit' });
    await page.waitForSelector('body[data-ready="1"]', { timeout: 60_000 });
    const loadMs = Date.now() - navStart;
    const searches: { query: string; matches: string; ms: number }[] = [];
    for (const query of queries) {
      // In the page (no DOM types here): set the query as typing would, then wait until the
      // browser has laid out and painted the results in the next frame.
      const ms = (await page.evaluate(`(async (q) => {
        const input = document.getElementById('q');
        const t0 = performance.now();
        input.value = q;
        input.dispatchEvent(new Event('input'));
        await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
        return performance.now() - t0;
      })(${JSON.stringify(query)})`)) as number;
      searches.push({ query, matches: (await page.locator('#status').textContent()) ?? '', ms });
    }
    const outside = browser.requests.map((r) => r.url()).filter((u) => !u.startsWith('file:'));
    if (outside.length > 0) throw new Error(`the map made requests: ${outside.join(', ')}`);
    return {
      zones: tree.zones.length,
      bytes: Buffer.byteLength(html),
      renderMs,
      loadMs,
      searches,
      interactiveMs: loadMs + Math.max(...searches.map((s) => s.ms)),
    };
  } finally {
    await browser.close();
  }
}
