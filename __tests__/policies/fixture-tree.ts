import { join } from 'node:path';
import { loadTree } from '../../pipeline/load';
import { synthesizeTree } from '../../pipeline/synthesize';
import type { ZoneTree } from '../../model/types';
import { baseConfig, makeTempDir, writeTree, zoneDoc } from '../support/tree';
import { readSynthesizedPolicies, type SynthesizedPolicy } from './synthesized-policies';

/**
 * The isolation matrix's input: zones in three departments (so three AWS stacks), every built-in
 * preset and one platform-config preset, each preset in at least two zones, and two zones whose
 * names are prefixes of each other (`prod`, `prod-1`).
 */
export const ZONE_TAG_KEY = 'entigo:zone';

/** A config preset over another service, with all three scopes and a tag-on-create companion. */
export const EXTRA_PRESETS = {
  'sqs-operator': {
    description: 'List queues; read attributes of and purge queues of the zone; create queues tagged with the zone.',
    statements: [
      { actions: ['sqs:ListQueues'], resources: ['*'], scope: 'none' },
      { actions: ['sqs:PurgeQueue', 'sqs:GetQueueAttributes'], resources: ['*'], scope: 'resource-tag' },
      { actions: ['sqs:CreateQueue', 'sqs:TagQueue'], resources: ['*'], scope: 'request-tag' },
    ],
  },
};

export const FIXTURE_ZONES: Record<string, { department: string; access: string[] }> = {
  'alpha-1': { department: 'alpha', access: ['rds-operator'] },
  'alpha-2': { department: 'alpha', access: ['secrets-reader'] },
  'beta-1': { department: 'beta', access: ['secrets-editor'] },
  'beta-2': { department: 'beta', access: ['sqs-operator', 'secrets-reader'] },
  prod: { department: 'gamma', access: ['rds-operator', 'secrets-editor', 'secrets-reader', 'sqs-operator'] },
  'prod-1': { department: 'gamma', access: ['secrets-editor', 'rds-operator', 'sqs-operator'] },
};

export interface SynthesizedFixture {
  readonly tree: ZoneTree;
  readonly outDir: string;
  readonly policies: Map<string, SynthesizedPolicy>;
}

/** Writes the fixture tree (zone files + platform config YAML), loads it, synthesizes it, reads the policies back. */
export function synthesizeFixture(options: { zoneNamePrefix?: boolean } = {}): SynthesizedFixture {
  const zones: Record<string, Record<string, unknown>> = {};
  for (const [name, z] of Object.entries(FIXTURE_ZONES)) {
    zones[join(z.department, `${name}.yaml`)] = zoneDoc(name, z.department, { access: z.access });
  }
  const paths = writeTree({
    config: baseConfig({
      zoneTagKey: ZONE_TAG_KEY,
      access: { presets: EXTRA_PRESETS },
      secrets: { zoneNamePrefix: options.zoneNamePrefix ?? false },
    }),
    zones,
  });
  const { tree, diagnostics } = loadTree({ zonesDir: paths.zonesDir, configPath: paths.configPath });
  if (!tree) throw new Error(`fixture tree does not load:\n${JSON.stringify(diagnostics, null, 2)}`);
  const outDir = makeTempDir('synth-');
  synthesizeTree(tree, outDir);
  return { tree, outDir, policies: readSynthesizedPolicies(outDir, ZONE_TAG_KEY) };
}
