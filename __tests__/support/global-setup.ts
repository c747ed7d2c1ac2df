import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * One temp root per test run (every helper puts its folders under it), and a note of the cdktf
 * `Testing.app()` folders that already existed, so teardown removes only what this run left.
 */
export default function globalSetup(): void {
  const root = mkdtempSync(join(tmpdir(), 'zone-access-tests-'));
  process.env.ZONE_ACCESS_TEST_TMP = root;
  process.env.ZONE_ACCESS_CDKTF_TMP_BEFORE = JSON.stringify(cdktfTempDirs());
}

export function cdktfTempDirs(): string[] {
  return readdirSync(tmpdir()).filter((name) => name.startsWith('cdktf.outdir.'));
}
