import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { consoleLink, renderAccessMap } from '../../portal';
import { humanDuration } from '../../portal/access-map-data';
import { jsonForScript } from '../../portal/access-map';
import { helpText } from '../../cli/zone-access';
import { baseConfig, makeTempDir, REPO_ROOT, zoneDoc } from '../support/tree';
import { cli, portalConfig, sampleTree, START_URL, treeOf } from './support';

/** The HTML without the embedded data: the page's own markup, style and script. */
function chrome(html: string): string {
  return html.replace(/<script type="application\/json" id="map-data">[\s\S]*?<\/script>/, '');
}

describe('the access map (rendered HTML)', () => {
  it('is listed in the help', () => {
    expect(helpText()).toMatch(/\n {2}map +write the access map/);
  });

  it('sign-in links use the access portal shortcut format, with the relay state as destination', () => {
    expect(consoleLink(START_URL, '111111111111', 'zone-a')).toBe(
      `${START_URL}/#/console?account_id=111111111111&role_name=zone-a`,
    );
    expect(
      consoleLink(
        START_URL,
        '111111111111',
        'zone-a',
        'https://console.aws.amazon.com/rds/home?region=eu-north-1#databases:',
      ),
    ).toBe(
      `${START_URL}/#/console?account_id=111111111111&role_name=zone-a&destination=https%3A%2F%2Fconsole.aws.amazon.com%2Frds%2Fhome%3Fregion%3Deu-north-1%23databases%3A`,
    );
    const data = renderAccessMap(sampleTree()).data;
    const prod = data.zones.find((z) => z.name === 'payments-prod-1')!;
    expect(prod.accounts).toEqual([
      {
        id: '111111111111',
        label: 'payments-prod',
        profile: 'payments-prod-1.payments-prod',
        link: 'https://d-9067a1b2c3.awsapps.com/start/#/console?account_id=111111111111&role_name=zone-payments-prod-1&destination=https%3A%2F%2Fconsole.aws.amazon.com%2Frds%2Fhome',
      },
    ]);
  });

  it("expands each zone's presets into actions, shared between zones with the same presets", () => {
    const data = renderAccessMap(sampleTree()).data;
    const prod = data.zones.find((z) => z.name === 'payments-prod-1')!;
    const actions = data.actionSets[prod.actionSet].map(([a, g]) => [a, g.map((i) => data.grantLabels[i])]);
    expect(actions).toContainEqual(['rds:RebootDBInstance', ['resources tagged entigo:zone=<zone>']]);
    expect(actions).toContainEqual(['rds:DescribeDBInstances', ['any resource (cannot be limited to the zone)']]);
    expect(actions).toContainEqual(['secretsmanager:CreateSecret', ['creating resources tagged entigo:zone=<zone>']]);
    expect(actions).toHaveLength(19);
    expect(prod).toMatchObject({
      session: '4 h',
      relayState: 'https://console.aws.amazon.com/rds/home',
      tags: [['cost-center', '4411']],
      owners: ['alice@example.com'],
    });
    expect(humanDuration('PT1H30M')).toBe('1 h 30 min');
  });

  it('is self-contained: no external scripts, styles, images or fonts, and a CSP that forbids loading any', () => {
    const { html } = renderAccessMap(sampleTree());
    const page = chrome(html);
    expect(page).not.toMatch(/<[a-z]+\b[^<>]*\s(src|href)\s*=\s*(?!["']?data:)/i);
    expect(page).not.toMatch(/@import|url\(/i);
    expect(page).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[A-Za-z0-9+/=]+&#39;; script-src &#39;sha256-/,
    );
    expect(page.match(/<script/g)).toHaveLength(1);
  });

  it('zone text cannot become markup: a description with </script> and <img onerror> stays inside the data', () => {
    const evil = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> & \u2028';
    const { tree } = treeOf({
      config: portalConfig(),
      zones: { 'pay/pay-a.yaml': zoneDoc('pay-a', 'pay', { description: evil.replace('\u2028', '') }) },
    });
    const { html, data } = renderAccessMap(tree);
    expect(html.match(/<script/g)).toHaveLength(2); // the data element and the page script, nothing else
    expect(html).not.toContain('<img');
    expect(JSON.parse(jsonForScript(evil))).toBe(evil);
    expect(jsonForScript(evil)).not.toMatch(/[<\u2028]/);
    expect(data.zones[0].description).toBe(evil.replace('\u2028', ''));
  });

  it('without identityCenter.startUrl: a warning naming the key, no links, every zone still there', () => {
    const { tree } = treeOf({
      config: baseConfig(),
      zones: { 'pay/pay-a.yaml': zoneDoc('pay-a', 'pay'), 'ops/ops-b.yaml': zoneDoc('ops-b', 'ops') },
    });
    const map = renderAccessMap(tree);
    expect(map.warnings).toEqual([expect.stringContaining('identityCenter.startUrl is not set in')]);
    expect(map.data.zones.map((z) => z.name)).toEqual(['ops-b', 'pay-a']);
    expect(map.data.zones.flatMap((z) => z.accounts).every((a) => a.link === undefined)).toBe(true);
    expect(map.html).toContain(
      '<p class="warning" id="link-warning">No sign-in links: identityCenter.startUrl is not set in',
    );
  });
});

describe('zone-access map', () => {
  it('writes <out>/index.html and says where; --out is required', async () => {
    const out = makeTempDir('map-');
    const r = await cli(['map', '--out', out, '--at', '2026-12-01'], REPO_ROOT);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(r.err).toMatch(new RegExp(`^wrote ${out}/index.html \\(4 zones, \\d+ KiB\\)\\n$`));
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe(
      renderAccessMap(sampleTree(), { at: '2026-12-01' }).html,
    );
    expect((await cli(['map'], REPO_ROOT)).code).toBe(2);
  });

  it('without a start URL: the map is written (exit 0) and stderr names the missing key', async () => {
    const { zonesDir, configPath } = treeOf({
      config: baseConfig(),
      zones: { 'pay/pay-a.yaml': zoneDoc('pay-a', 'pay') },
    });
    const out = makeTempDir('map-');
    const r = await cli(['map', '--zones', zonesDir, '--config', configPath, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.err).toContain(`warning: no sign-in links: identityCenter.startUrl is not set in ${configPath}`);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('"name":"pay-a"');
  });

  it('an invalid tree: exit 1, nothing written', async () => {
    const { zonesDir, configPath } = treeOf({ config: portalConfig(), zones: {} });
    const out = join(makeTempDir('map-'), 'site');
    require('node:fs').writeFileSync(join(zonesDir, 'bad.yaml'), 'zone: [\n');
    const r = await cli(['map', '--zones', zonesDir, '--config', configPath, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('no map was written');
    expect(require('node:fs').existsSync(out)).toBe(false);
  });
});
