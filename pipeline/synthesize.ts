import { App } from 'cdktf';
import type { ZoneTree } from '../model/types';
import { addZoneStacks, type ZoneStacks } from '../stacks/zone-stacks';

/** An app configured for reproducible output: no stack traces, no machine-specific context. */
export function createApp(outDir?: string): App {
  return new App({ ...(outDir ? { outdir: outDir } : {}), stackTraces: false, skipValidation: false, hclOutput: false });
}

/**
 * validated tree → stacks → Terraform JSON in `<outDir>/stacks/<stack>/cdk.tf.json`. Without an
 * `outDir`, cdktf's own choice applies (`CDKTF_OUTDIR` from cdktf-cli, else `cdktf.out`).
 */
export function synthesizeTree(tree: ZoneTree, outDir?: string): ZoneStacks {
  return withoutTokenCreationStacks(() => {
    const app = createApp(outDir);
    const stacks = addZoneStacks(app, tree);
    app.synth();
    return stacks;
  });
}

/**
 * cdktf records a full, formatted stack trace for every token it creates (`creationStack`, shown
 * only when a token fails to resolve), whatever `stackTraces` says. Formatting those traces was a
 * sixth of synth time for 200 zones. They are captured into plain `{ stack }` objects, never into
 * Errors, so while `fn` runs such captures format to nothing; real Errors keep their stack traces.
 */
export function withoutTokenCreationStacks<T>(fn: () => T): T {
  const previous = Error.prepareStackTrace;
  Error.prepareStackTrace = (target: unknown, frames: NodeJS.CallSite[]) => {
    if (!(target instanceof Error)) return '';
    return previous ? previous(target, frames) : `${String(target)}${frames.map((f) => `\n    at ${String(f)}`).join('')}`;
  };
  try {
    return fn();
  } finally {
    Error.prepareStackTrace = previous;
  }
}
