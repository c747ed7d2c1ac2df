import { App } from 'cdktf';
import type { ZoneTree } from '../model/types';
import { addZoneStacks, type ZoneStacks } from '../stacks/zone-stacks';

/** An app configured for reproducible output: no stack traces, no machine-specific context. */
export function createApp(outDir?: string): App {
  return new App({
    ...(outDir ? { outdir: outDir } : {}),
    stackTraces: false,
    skipValidation: false,
    hclOutput: false,
  });
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
 * cdktf captures a full stack trace (`Error.stackTraceLimit = Infinity`) for every token it creates
 * (`creationStack`, shown only when a token fails to resolve), whatever `stackTraces` says. It
 * captures into plain `{ stack }` objects, never into Errors, so while `fn` runs such captures are
 * skipped altogether: V8 neither walks the stack nor builds call sites, and `creationStack` is
 * empty. Real Errors keep their stack traces. (Skipping only the formatting with a custom
 * `Error.prepareStackTrace` still walks the stack: synth of 3,500 zones 12.1 s vs 9.5 s.)
 */
export function withoutTokenCreationStacks<T>(fn: () => T): T {
  const original = Error.captureStackTrace;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- the signature Node declares
  Error.captureStackTrace = function captureStackTrace(target: object, below?: Function): void {
    if (target instanceof Error) original.call(Error, target, below);
  } as typeof Error.captureStackTrace;
  try {
    return fn();
  } finally {
    Error.captureStackTrace = original;
  }
}
