import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ZoneTree } from '../../model/types';
import { renderAccessMap } from '../../portal';
import { openBrowser, type OpenBrowser, type Page } from '../../scripts/chromium';
import { baseConfig, makeTempDir, zoneDoc } from '../support/tree';
import { portalConfig, sampleTree, treeOf } from './support';

/**
 * The access map as a person uses it: Debian's Chromium opens the file from disk, someone types
 * into the search box, and the tests look at what is visible. Every request the page makes is
 * recorded (and anything but the page's own file is aborted): the map must make none.
 */

let browser: OpenBrowser;
beforeAll(async () => {
  browser = await openBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function open(tree: ZoneTree, at = '2026-06-01'): Promise<{ page: Page; url: string; requests: string[] }> {
  const dir = makeTempDir('map-');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'index.html');
  writeFileSync(file, renderAccessMap(tree, { at }).html);
  const url = pathToFileURL(file).href;
  const page = await browser.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]');
  expect(errors).toEqual([]);
  return { page, url, requests };
}

/** Names of the zone cards on screen. */
const visibleZones = (page: Page) => page.locator('article.zone:visible h3').allTextContents();

async function search(page: Page, text: string) {
  await page.fill('#q', '');
  await page.locator('#q').pressSequentially(text);
}

describe('the access map in Chromium', () => {
  it('shows every zone of the sample tree, and search narrows by zone, action, person, account and tag value', async () => {
    const { page, url, requests } = await open(sampleTree());
    expect(await page.locator('#status').textContent()).toBe('4 zones');
    expect(await visibleZones(page)).toEqual([
      'logistics-prod-1',
      'payments-prod-1',
      'payments-staging-1',
      'research-sandbox',
    ]);
    expect(await page.locator('h2.dept').allTextContents()).toEqual(['logistics', 'payments', 'research']);

    // "who can reboot a database of zone payments-prod-1?"
    await search(page, 'reboot payments-prod-1');
    expect(await visibleZones(page)).toEqual(['payments-prod-1']);
    expect(await page.locator('#status').textContent()).toBe('1 of 4 zones match');
    const card = page.locator('article.zone[data-zone="payments-prod-1"]');
    expect(await card.locator('ul.matching li code').allTextContents()).toEqual([
      'rds:RebootDBCluster',
      'rds:RebootDBInstance',
    ]);
    expect(await card.locator('ul.matching li .grant').first().textContent()).toBe(
      'resources tagged entigo:zone=payments-prod-1',
    );
    // the full list is drawn when opened
    expect(await card.locator('details.actions li').count()).toBe(0);
    await card.locator('details.actions summary').click();
    expect(await card.locator('details.actions summary').textContent()).toBe('All 19 actions');
    // The list is drawn by the details element's toggle event, which fires after the click returns.
    await card.locator('details.actions li code').nth(18).waitFor();
    expect(await card.locator('details.actions li code').count()).toBe(19);
    expect(await card.locator('details.actions li code').first().textContent()).toBe('lambda:InvokeFunction');
    expect(await card.locator('ul.people li').first().textContent()).toBe(
      'alice@example.comowner (manages the members)',
    );

    await search(page, 'rds:RebootDBInstance');
    expect(await visibleZones(page)).toEqual(['payments-prod-1', 'payments-staging-1', 'research-sandbox']);
    await search(page, 'secretsmanager:CreateSecret');
    expect(await visibleZones(page)).toEqual(['payments-prod-1', 'research-sandbox']);

    await search(page, 'ALICE@example.com');
    expect(await visibleZones(page)).toEqual(['payments-prod-1']);
    expect(await page.locator('ul.people li.hit').count()).toBe(1);

    await search(page, '555555555555');
    expect(await visibleZones(page)).toEqual(['payments-staging-1']);

    await search(page, '4411');
    expect(await visibleZones(page)).toEqual(['payments-prod-1']);

    await search(page, 'no-such-thing');
    expect(await visibleZones(page)).toEqual([]);
    expect(await page.locator('#status').textContent()).toBe('0 of 4 zones match');

    await search(page, '');
    expect(await visibleZones(page)).toHaveLength(4);
    expect(requests).toEqual([url]);
    await page.close();
  });

  it('each account has a sign-in link through the access portal and the aws --profile line', async () => {
    const { page } = await open(sampleTree());
    await search(page, 'payments-prod-1');
    const row = page.locator('article.zone[data-zone="payments-prod-1"] table.accounts tr').nth(1);
    expect(await row.locator('a.signin').getAttribute('href')).toBe(
      'https://d-9067a1b2c3.awsapps.com/start/#/console?account_id=111111111111&role_name=zone-payments-prod-1&destination=https%3A%2F%2Fconsole.aws.amazon.com%2Frds%2Fhome',
    );
    expect(await row.locator('code').textContent()).toBe('aws --profile payments-prod-1.payments-prod');
    expect(await row.locator('a.signin').getAttribute('rel')).toBe('noopener noreferrer');
    await page.close();
  });

  it('a description with <script> and <img onerror> shows as text and runs nothing', async () => {
    const evil = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"><b>bold</b>';
    const { tree } = treeOf({
      config: portalConfig(),
      zones: { 'pay/pay-a.yaml': zoneDoc('pay-a', 'pay', { description: evil }) },
    });
    const { page, url, requests } = await open(tree);
    expect(await page.locator('article.zone .desc').textContent()).toBe(evil);
    expect(await page.locator('article.zone b, article.zone img, body script:not([id])').count()).toBe(1); // only the page's own script
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await search(page, '<b>bold');
    expect(await visibleZones(page)).toEqual(['pay-a']);
    expect(requests).toEqual([url]);
    await page.close();
  });

  it('without identityCenter.startUrl: the warning names the key, zones still render, no sign-in links', async () => {
    const { tree } = treeOf({
      config: baseConfig(),
      zones: { 'pay/pay-a.yaml': zoneDoc('pay-a', 'pay'), 'ops/ops-b.yaml': zoneDoc('ops-b', 'ops') },
    });
    const { page } = await open(tree);
    expect(await page.locator('#link-warning').textContent()).toMatch(
      /^No sign-in links: identityCenter\.startUrl is not set in /,
    );
    expect(await visibleZones(page)).toEqual(['ops-b', 'pay-a']);
    expect(await page.locator('a.signin').count()).toBe(0);
    expect(await page.locator('.nolink').first().textContent()).toContain('identityCenter.startUrl');
    await page.close();
  });

  it('shows members with their expiry (expired ones struck through), and finds zones by member', async () => {
    const { tree } = treeOf({
      config: portalConfig({
        departments: { pay: { membership: 'file' }, ops: {}, res: { membership: 'access-package' } },
      }),
      zones: {
        'res/res-a.yaml': zoneDoc('res-a', 'res', { owners: ['olga@example.com'] }),
        'pay/pay-a.yaml': zoneDoc('pay-a', 'pay', {
          owners: ['olga@example.com'],
          members: ['bob@example.com', { user: 'carol@example.com', until: '2026-03-31', reason: 'audit' }],
        }),
        'pay/pay-b.yaml': zoneDoc('pay-b', 'pay', { members: [{ user: 'bob@example.com', until: '2026-01-31' }] }),
        'ops/ops-a.yaml': zoneDoc('ops-a', 'ops'),
      },
    });
    const { page } = await open(tree, '2026-02-15');
    const people = (zone: string) => page.locator(`article.zone[data-zone="${zone}"] ul.people li`).allTextContents();
    expect(await people('pay-a')).toEqual([
      'olga@example.comowner (manages the members)',
      'bob@example.commember',
      'carol@example.commember, until 2026-03-31 (audit)',
    ]);
    expect(await people('pay-b')).toEqual(['bob@example.commember, expired 2026-01-31']);
    expect(await page.locator('article.zone[data-zone="pay-b"] ul.people li span.expired').textContent()).toBe(
      'bob@example.com',
    );
    expect(await people('ops-a')).toEqual(['members: managed by the owners in Entra ID (not in the zone files)']);
    expect(await people('res-a')).toEqual([
      'olga@example.comowner (manages the members)',
      "members: people request the zone's access package (Entra ID Governance)",
    ]);
    await search(page, 'carol');
    expect(await visibleZones(page)).toEqual(['pay-a']);
    expect(await page.locator('ul.people li.hit').allTextContents()).toEqual([
      'carol@example.commember, until 2026-03-31 (audit)',
    ]);
    await search(page, 'bob@');
    expect(await visibleZones(page)).toEqual(['pay-a', 'pay-b']);
    await page.close();
  });

  it('shows 50 zones at a time, with a button for more; search covers all of them', async () => {
    const zones: Record<string, Record<string, unknown>> = {};
    for (let i = 0; i < 130; i++)
      zones[`d/z-${String(i).padStart(3, '0')}.yaml`] = zoneDoc(`z-${String(i).padStart(3, '0')}`, 'd');
    const { tree } = treeOf({ config: portalConfig(), zones });
    const { page } = await open(tree);
    expect(await page.locator('article.zone').count()).toBe(50);
    expect(await page.locator('#status').textContent()).toBe('130 zones; showing the first 50');
    await page.click('#more');
    expect(await page.locator('article.zone').count()).toBe(100);
    expect(await page.locator('#more').textContent()).toBe('Show 30 more');
    await page.click('#more');
    expect(await page.locator('article.zone').count()).toBe(130);
    expect(await page.locator('#more').isHidden()).toBe(true);
    await search(page, 'z-129');
    expect(await visibleZones(page)).toEqual(['z-129']);
    await page.close();
  });
});
