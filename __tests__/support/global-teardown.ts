import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cdktfTempDirs } from './global-setup';

export default function globalTeardown(): void {
  const root = process.env.ZONE_ACCESS_TEST_TMP;
  if (root) rmSync(root, { recursive: true, force: true });
  const before = new Set<string>(JSON.parse(process.env.ZONE_ACCESS_CDKTF_TMP_BEFORE ?? '[]'));
  for (const name of cdktfTempDirs()) {
    if (!before.has(name)) rmSync(join(tmpdir(), name), { recursive: true, force: true });
  }
}
