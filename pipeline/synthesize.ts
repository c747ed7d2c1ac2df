import { App } from 'cdktf';
import type { ZoneTree } from '../model/types';
import { addZoneStacks, type ZoneStacks } from '../stacks/zone-stacks';

/** An app configured for reproducible output: no stack traces, no machine-specific context. */
export function createApp(outDir?: string): App {
  return new App({ ...(outDir ? { outdir: outDir } : {}), stackTraces: false, skipValidation: false, hclOutput: false });
}

/** validated tree → stacks → Terraform JSON in `<outDir>/stacks/<stack>/cdk.tf.json`. */
export function synthesizeTree(tree: ZoneTree, outDir: string): ZoneStacks {
  const app = createApp(outDir);
  const stacks = addZoneStacks(app, tree);
  app.synth();
  return stacks;
}
