import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { ZoneTree } from '../../model/types';
import { loadTree } from '../../pipeline/load';
import { writeTree, type TreeSpec } from '../support/tree';

export const REPORT_FIXTURES = join(__dirname, '..', 'fixtures', 'report');
/** The day the fixture reports are made for (`--at`): the golden files must not depend on today. */
export const REPORT_AT = '2026-06-30';

/** Loads a tree or fails the test with its diagnostics. */
export function mustLoad(zonesDir: string, configPath: string): ZoneTree {
  const { tree, diagnostics } = loadTree({ zonesDir, configPath, at: REPORT_AT });
  if (!tree) throw new Error(`tree ${zonesDir} is invalid:\n${JSON.stringify(diagnostics, null, 2)}`);
  return tree;
}

/** A tree written from a spec and loaded. */
export function treeOf(spec: TreeSpec): ZoneTree {
  const { zonesDir, configPath } = writeTree(spec);
  return mustLoad(zonesDir, configPath);
}

/** A checkout-shaped folder (`zones/`, `config/platform.yaml`), as `report --base/--head` expects. */
export function writeCheckout(spec: TreeSpec): string {
  const { root, configPath } = writeTree(spec);
  mkdirSync(join(root, 'config'));
  renameSync(configPath, join(root, 'config', 'platform.yaml'));
  return root;
}

/** The fixture checkouts `base/` and `head/`, loaded. */
export function fixtureTrees(): { base: ZoneTree; head: ZoneTree } {
  const side = (name: string) =>
    mustLoad(join(REPORT_FIXTURES, name, 'zones'), join(REPORT_FIXTURES, name, 'config', 'platform.yaml'));
  return { base: side('base'), head: side('head') };
}
