import { main } from '../../cli/zone-access';
import { loadTree } from '../../pipeline/load';
import type { ZoneTree } from '../../model/types';
import { baseConfig, captureIO, SAMPLE_CONFIG, SAMPLE_ZONES, writeTree, type TreeSpec } from '../support/tree';

export const START_URL = 'https://d-1234567890.awsapps.com/start';

/** A platform config with the access portal URL set (the base config has none). */
export function portalConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base = baseConfig(overrides);
  return { ...base, identityCenter: { ...(base.identityCenter as object), startUrl: START_URL } };
}

export function loadOrThrow(paths: { zonesDir: string; configPath: string }): ZoneTree {
  const { tree, diagnostics } = loadTree(paths);
  if (!tree) throw new Error(`invalid test tree: ${JSON.stringify(diagnostics, null, 2)}`);
  return tree;
}

export function sampleTree(): ZoneTree {
  return loadOrThrow({ zonesDir: SAMPLE_ZONES, configPath: SAMPLE_CONFIG });
}

export function treeOf(spec: TreeSpec): { tree: ZoneTree; zonesDir: string; configPath: string; root: string } {
  const paths = writeTree(spec);
  return { ...paths, tree: loadOrThrow(paths) };
}

export async function cli(args: string[], cwd = process.cwd()) {
  const { io, out, err } = captureIO(cwd);
  const code = await main(args, io);
  return { code, out: out(), err: err() };
}
