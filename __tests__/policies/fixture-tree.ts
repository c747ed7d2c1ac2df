import { join } from 'node:path';
import { loadTree } from '../../pipeline/load';
import { BUILT_IN_PRESETS } from '../../policies/catalog';
import { synthesizeTree } from '../../pipeline/synthesize';
import type { ZoneTree } from '../../model/types';
import { baseConfig, makeTempDir, writeTree, zoneDoc } from '../support/tree';
import type { MatrixExtras } from './isolation-matrix';
import { readSynthesizedPolicies, type SynthesizedPolicy } from './synthesized-policies';

/**
 * The isolation matrix's input, derived from the catalog: one zone per preset holding only that
 * preset (what a preset grants alone), and two zones holding every preset whose names are prefixes
 * of each other (`prod`, `prod-1`); zones in three departments (so three AWS stacks). So every
 * preset is in at least three zones, and adding a preset file adds its zone here.
 */
export const ZONE_TAG_KEY = 'entigo:zone';

/**
 * A config preset over another service, with all three scopes. (No tag-on-create companion: the
 * config loader rejects tagging actions in request-tag statements, see model/preset-rules.ts.)
 */
export const EXTRA_PRESETS = {
  'queue-operator': {
    description: 'List queues; read attributes of and purge queues of the zone; create queues tagged with the zone.',
    statements: [
      { actions: ['sqs:ListQueues'], resources: ['*'], scope: 'none' },
      { actions: ['sqs:PurgeQueue', 'sqs:GetQueueAttributes'], resources: ['*'], scope: 'resource-tag' },
      { actions: ['sqs:CreateQueue'], resources: ['*'], scope: 'request-tag' },
    ],
  },
};

/** What the matrix covers for the config preset (built-in presets bring their own in their files). */
export const EXTRA_MATRIX: MatrixExtras = {
  taggable: [
    { service: 'sqs', type: 'queue', tag: 'sqs:TagQueue', untag: 'sqs:UntagQueue', create: 'sqs:CreateQueue' },
  ],
  notGranted: ['sqs:DeleteQueue', 'sqs:ReceiveMessage', 'sqs:SendMessage', 'sqs:SetQueueAttributes'],
};

/** Zone name -> department and presets, for every preset of `presetNames` (sorted). */
export function fixtureZones(presetNames: readonly string[]): Record<string, { department: string; access: string[] }> {
  const zones: Record<string, { department: string; access: string[] }> = {};
  [...presetNames].sort().forEach((name, i) => {
    const department = i % 2 === 0 ? 'alpha' : 'beta';
    zones[`${department}-${Math.floor(i / 2) + 1}`] = { department, access: [name] };
  });
  zones.prod = { department: 'gamma', access: [...presetNames] };
  zones['prod-1'] = { department: 'gamma', access: [...presetNames].reverse() };
  return zones;
}

/** The fixture's zones: built-in presets (from policies/presets/) plus the config preset. */
export const FIXTURE_ZONES = fixtureZones([...Object.keys(BUILT_IN_PRESETS), ...Object.keys(EXTRA_PRESETS)]);

export interface SynthesizedFixture {
  readonly tree: ZoneTree;
  readonly outDir: string;
  readonly policies: Map<string, SynthesizedPolicy>;
}

/**
 * Writes the fixture tree (zone files + platform config YAML), loads it, synthesizes it, reads the
 * policies back. `zoneNamePrefix` undefined: the config says nothing about secrets (the default).
 */
export function synthesizeFixture(options: { zoneNamePrefix?: boolean } = {}): SynthesizedFixture {
  const zones: Record<string, Record<string, unknown>> = {};
  for (const [name, z] of Object.entries(FIXTURE_ZONES)) {
    zones[join(z.department, `${name}.yaml`)] = zoneDoc(name, z.department, { access: z.access });
  }
  const paths = writeTree({
    config: baseConfig({
      zoneTagKey: ZONE_TAG_KEY,
      access: { presets: EXTRA_PRESETS },
      ...(options.zoneNamePrefix === undefined ? {} : { secrets: { zoneNamePrefix: options.zoneNamePrefix } }),
    }),
    zones,
  });
  const { tree, diagnostics } = loadTree({ zonesDir: paths.zonesDir, configPath: paths.configPath });
  if (!tree) throw new Error(`fixture tree does not load:\n${JSON.stringify(diagnostics, null, 2)}`);
  const outDir = makeTempDir('synth-');
  synthesizeTree(tree, outDir);
  return { tree, outDir, policies: readSynthesizedPolicies(outDir, ZONE_TAG_KEY) };
}
