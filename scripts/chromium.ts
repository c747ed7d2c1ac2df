import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page, type Request } from 'playwright-core';

/**
 * Debian's Chromium, headless, driven by playwright-core (a devDependency): how the tests, the
 * benchmark and the README screenshot look at the access map as a person would. `.ci/run` installs
 * the package when it is missing. Never imported by the library or the CLI.
 */
export const CHROMIUM = process.env.ZONE_ACCESS_CHROMIUM ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface OpenBrowser {
  readonly context: BrowserContext;
  /** Every request any page of the context made, in order. */
  readonly requests: Request[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * A fresh Chromium profile (its own `--user-data-dir`), with every request recorded and every
 * request that is not for a `file:` URL aborted, so a page that tried to reach the network shows
 * up in `requests` instead of reaching it.
 */
export async function openBrowser(viewport = { width: 1280, height: 900 }): Promise<OpenBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium), as .ci/run does`,
    );
  }
  const userDataDir = mkdtempSync(join(process.env.ZONE_ACCESS_TEST_TMP ?? tmpdir(), 'chromium-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport,
  });
  const requests: Request[] = [];
  context.on('request', (r) => requests.push(r));
  await context.route('**/*', (route) =>
    route.request().url().startsWith('file:') ? route.continue() : route.abort(),
  );
  return {
    context,
    requests,
    newPage: () => context.newPage(),
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export type { Page };
