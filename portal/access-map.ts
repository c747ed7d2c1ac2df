import { createHash } from 'node:crypto';
import type { ZoneTree } from '../model/types';
import { accessMapData, type AccessMapData } from './access-map-data';
import { MAP_SCRIPT, MAP_STYLE } from './access-map-page';

/**
 * The access map: one self-contained HTML file (inline style, inline script, data as embedded
 * JSON). It loads nothing at view time, and its Content-Security-Policy says so to the browser:
 * `default-src 'none'`, with only this page's own style and script allowed, by hash.
 */

export interface AccessMapOptions {
  /** The day membership expiry is judged on, `YYYY-MM-DD`; the tree's `at` by default. */
  readonly at?: string;
}

export interface RenderedAccessMap {
  readonly html: string;
  readonly data: AccessMapData;
  /** Problems that left parts out (a missing start URL: no sign-in links), for stderr. */
  readonly warnings: readonly string[];
}

export function renderAccessMap(tree: ZoneTree, options: AccessMapOptions = {}): RenderedAccessMap {
  const data = accessMapData(tree, options.at ?? tree.at);
  const warnings = data.linkProblem ? [`no sign-in links: ${data.linkProblem}`] : [];
  const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  const csp = `default-src 'none'; style-src ${sha(MAP_STYLE)}; script-src ${sha(MAP_SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;
  const title = `Zone Access map: ${tree.zones.length} zone${tree.zones.length === 1 ? '' : 's'}`;
  const html = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    '<link rel="icon" href="data:,">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${MAP_STYLE}</style>`,
    '</head>',
    '<body>',
    '<header class="top">',
    `<h1>Zone Access map<span class="sub">${escapeHtml(`${tree.zones.length} zones in ${data.departments.length} departments · membership as of ${data.at}`)}</span></h1>`,
    '<input id="q" type="search" autocomplete="off" spellcheck="false" autofocus aria-label="Search" placeholder="Search: person, zone, account, action or tag value (e.g. reboot payments-prod-1)">',
    '<p id="status" role="status">This map needs JavaScript.</p>',
    '</header>',
    '<main>',
    ...(data.linkProblem
      ? [`<p class="warning" id="link-warning">No sign-in links: ${escapeHtml(data.linkProblem)}</p>`]
      : []),
    '<div id="zones"></div>',
    '<button id="more" type="button" hidden>Show more</button>',
    '</main>',
    `<script type="application/json" id="map-data">${jsonForScript(data)}</script>`,
    `<script>${MAP_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { html, data, warnings };
}

/** Text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * JSON safe inside a `<script>` element: no `<` at all (so neither `</script>` nor `<!--` can end or
 * change the element), and the two line separators JavaScript source once rejected.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
