import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadTree } from '../../pipeline/load';
import { synthesizeTree } from '../../pipeline/synthesize';
import { formatDiagnostic } from '../../model/diagnostics';
import { makeTempDir } from '../support/tree';

/** Every file synthesis wrote, by path relative to the out dir (`stacks/aws-pay/cdk.tf.json`, `manifest.json`). */
export type SynthFiles = ReadonlyMap<string, Buffer>;

/** Loads the tree (failing the test with every diagnostic if it is invalid) and synthesizes it into a fresh folder. */
export function synthFiles(paths: { zonesDir: string; configPath: string }): SynthFiles {
  const { tree, diagnostics } = loadTree(paths);
  if (!tree) throw new Error(`tree is invalid:\n${diagnostics.map(formatDiagnostic).join('\n')}`);
  const outDir = makeTempDir('synth-');
  synthesizeTree(tree, outDir);
  return readAll(outDir);
}

export function readAll(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath, entry.name);
    files.set(relative(dir, full), readFileSync(full));
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** Stack name → parsed `cdk.tf.json`. */
export function stacksOf(files: SynthFiles): Map<string, StackJson> {
  const out = new Map<string, StackJson>();
  for (const [path, bytes] of files) {
    const m = /^stacks\/([^/]+)\/cdk\.tf\.json$/.exec(path);
    if (m) out.set(m[1], JSON.parse(bytes.toString('utf8')) as StackJson);
  }
  return out;
}

export interface StackJson {
  resource?: Record<string, Record<string, Block>>;
  data?: Record<string, Record<string, Block>>;
  [section: string]: unknown;
}

export interface Block {
  '//'?: { metadata?: { path?: string } };
  [attribute: string]: unknown;
}

/** One resource or data source: its Terraform address, its construct path and its body as canonical JSON. */
export interface Addressed {
  readonly stack: string;
  /** `resource.<type>.<name>` or `data.<type>.<name>` */
  readonly address: string;
  /** Construct path from the block's metadata: `<stack>/<zone>/<construct>`. */
  readonly path: string;
  readonly body: string;
}

/** `<stack> <address>` → the block, for every resource and data source of every stack. */
export function addressesOf(files: SynthFiles): Map<string, Addressed> {
  const out = new Map<string, Addressed>();
  for (const [stack, json] of stacksOf(files)) {
    // Check blocks (one level: check.<name>) belong to the construct that made them, as resources do.
    for (const [name, block] of Object.entries(
      (json.check ?? {}) as Record<string, { '//'?: { metadata?: { path?: string } } }>,
    )) {
      const path = block['//']?.metadata?.path;
      if (!path) throw new Error(`${stack} check.${name} has no construct path in its metadata`);
      out.set(`${stack} check.${name}`, { stack, address: `check.${name}`, path, body: JSON.stringify(block) });
    }
    for (const kind of ['resource', 'data'] as const) {
      for (const [type, blocks] of Object.entries(json[kind] ?? {})) {
        for (const [name, block] of Object.entries(blocks)) {
          const address = `${kind}.${type}.${name}`;
          const path = block['//']?.metadata?.path;
          if (!path) throw new Error(`${stack} ${address} has no construct path in its metadata`);
          out.set(`${stack} ${address}`, { stack, address, path, body: JSON.stringify(block) });
        }
      }
    }
    // Outputs (the Entra stack's zone_<zone>_group_object_id) belong to the construct that made
    // them; cdktf records that in the stack metadata as a tree of construct ids → output name.
    const outputPaths = new Map<string, string>();
    const walk = (node: unknown, path: string[]): void => {
      if (typeof node === 'string') outputPaths.set(node, path.join('/'));
      else if (node && typeof node === 'object') for (const [k, v] of Object.entries(node)) walk(v, [...path, k]);
    };
    walk((json['//'] as { outputs?: unknown } | undefined)?.outputs, []);
    for (const [name, block] of Object.entries((json.output ?? {}) as Record<string, unknown>)) {
      const path = outputPaths.get(name);
      if (!path) throw new Error(`${stack} output.${name} has no construct path in the stack metadata`);
      out.set(`${stack} output.${name}`, { stack, address: `output.${name}`, path, body: JSON.stringify(block) });
    }
  }
  return out;
}

/** Everything of a stack but its resources, data sources, checks and outputs (providers, backend, metadata). */
export function stackFrame(json: StackJson): string {
  const { resource: _resource, data: _data, output: _output, check: _check, ...rest } = json;
  const { outputs: _outputs, ...meta } = (rest['//'] ?? {}) as Record<string, unknown>;
  return JSON.stringify({ ...rest, '//': meta });
}

export interface ResourceDiff {
  readonly added: Addressed[];
  readonly removed: Addressed[];
  /** Same address, different body. */
  readonly changed: { before: Addressed; after: Addressed }[];
  /** Stacks whose non-resource part (provider, backend, metadata) differs, or that appeared/disappeared. */
  readonly framesChanged: string[];
}

/** Compares two syntheses resource by resource. */
export function diffResources(before: SynthFiles, after: SynthFiles): ResourceDiff {
  const a = addressesOf(before);
  const b = addressesOf(after);
  const added = [...b].filter(([k]) => !a.has(k)).map(([, v]) => v);
  const removed = [...a].filter(([k]) => !b.has(k)).map(([, v]) => v);
  const changed = [...a]
    .filter(([k, v]) => b.has(k) && b.get(k)!.body !== v.body)
    .map(([k, v]) => ({ before: v, after: b.get(k)! }));
  const sa = stacksOf(before);
  const sb = stacksOf(after);
  const framesChanged = [...new Set([...sa.keys(), ...sb.keys()])]
    .filter((s) => !sa.has(s) || !sb.has(s) || stackFrame(sa.get(s)!) !== stackFrame(sb.get(s)!))
    .sort();
  return { added, removed, changed, framesChanged };
}

/** Zone name a construct path belongs to (`aws-pay/billing/permission-set` → `billing`). */
export function zoneOfPath(path: string): string {
  // `entra-app-roles/roles/<zone>`: the app roles stack keeps every zone's role under one construct.
  const parts = path.split('/');
  return parts[0] === 'entra-app-roles' ? parts[2] : parts[1];
}

/** Every construct path a diff touches (both sides of a change). */
export function touchedPaths(diff: ResourceDiff): string[] {
  return [
    ...diff.added.map((x) => x.path),
    ...diff.removed.map((x) => x.path),
    ...diff.changed.flatMap((c) => [c.before.path, c.after.path]),
  ].sort();
}
