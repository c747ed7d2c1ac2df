import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TerraformOutput } from 'cdktf';
import type { ZoneTree } from '../../model/types';
import { loadTree } from '../../pipeline/load';
import { createApp, synthesizeTree } from '../../pipeline/synthesize';
import { addZoneStacks } from '../../stacks/zone-stacks';
import { makeTempDir, SAMPLE_CONFIG, SAMPLE_ZONES } from '../support/tree';

/**
 * The zone stacks skip cdktf's cross-stack discovery pass (stacks/zone-stacks.ts), which is only
 * correct while no stack references another stack's resources. Every `${type.name...}` reference
 * in a stack's JSON must therefore name a resource or data source of that same stack.
 */
function foreignReferences(stackJson: Record<string, any>): string[] {
  const defined = new Set<string>();
  for (const [type, byName] of Object.entries(stackJson.resource ?? {}))
    for (const name of Object.keys(byName as object)) defined.add(`${type}.${name}`);
  for (const [type, byName] of Object.entries(stackJson.data ?? {}))
    for (const name of Object.keys(byName as object)) defined.add(`data.${type}.${name}`);
  const refs = JSON.stringify(stackJson).match(/\$\{(data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+/g) ?? [];
  // A dynamic block's iterator (`${<block>.value}`, named after the block) is not a reference.
  const iterators = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v !== 'object' || v === null) return;
    const dyn = (v as { dynamic?: unknown }).dynamic;
    if (typeof dyn === 'object' && dyn !== null) for (const k of Object.keys(dyn)) iterators.add(k);
    for (const x of Object.values(v)) walk(x);
  };
  walk(stackJson);
  return [...new Set(refs.map((r) => r.slice(2)))].filter(
    (r) => !defined.has(r) && !r.startsWith('var.') && !r.startsWith('local.') && !iterators.has(r.split('.')[0]!),
  );
}

function synthesizedStacks(outDir: string): Map<string, Record<string, any>> {
  const out = new Map<string, Record<string, any>>();
  for (const name of readdirSync(join(outDir, 'stacks')))
    out.set(name, JSON.parse(readFileSync(join(outDir, 'stacks', name, 'cdk.tf.json'), 'utf8')));
  return out;
}

let tree: ZoneTree;
let stacks: Map<string, Record<string, any>>;

beforeAll(() => {
  const loaded = loadTree({ zonesDir: SAMPLE_ZONES, configPath: SAMPLE_CONFIG });
  if (!loaded.tree) throw new Error('sample tree invalid');
  tree = loaded.tree;
  const outDir = makeTempDir('isolation-');
  synthesizeTree(tree, outDir);
  stacks = synthesizedStacks(outDir);
});

test('no zone stack references a resource of another stack', () => {
  expect(stacks.size).toBeGreaterThan(0);
  for (const [name, json] of stacks) expect({ name, foreign: foreignReferences(json) }).toEqual({ name, foreign: [] });
});

test('the check sees a cross-stack reference', () => {
  const app = createApp(makeTempDir('isolation-bad-'));
  const zoneStacks = addZoneStacks(app, tree);
  const [pair] = zoneStacks.shards.values();
  const [zone] = zoneStacks.zones.values();
  new TerraformOutput(pair.aws, 'leak', { value: zone.group.objectId });
  app.synth();
  const json = synthesizedStacks(app.outdir).get(pair.aws.node.id)!;
  expect(foreignReferences(json)).toEqual([expect.stringMatching(/^azuread_group\./)]);
});
