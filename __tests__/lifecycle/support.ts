import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';
import { groupDisplayName, permissionSetName } from '../../model/names';
import type { ZoneTree } from '../../model/types';
import { loadTree } from '../../pipeline/load';
import { synthesizeTree } from '../../pipeline/synthesize';
import { renderedZonePolicy } from '../../policies/zone-policy';
import type { EmulatorState, IdentityCenterEmulator } from '../support/identity-center/emulator';
import type { PlannedChange } from '../support/terraform-apply';
import { makeTempDir } from '../support/tree';

/**
 * A zone tree on disk that a lifecycle test edits between phases (zone files written, changed and
 * deleted; whole department folders removed), and what the emulator must hold for it.
 */
export class EditableTree {
  readonly root = makeTempDir('lifecycle-tree-');
  readonly zonesDir = join(this.root, 'zones');
  readonly configPath = join(this.root, 'platform.yaml');
  private synths = 0;

  writeConfig(config: Record<string, unknown>): void {
    writeFileSync(this.configPath, stringify(config));
  }

  writeZone(department: string, zone: Record<string, unknown>): void {
    const file = join(this.zonesDir, department, `${String(zone.zone)}.yaml`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, stringify({ department, ...zone }));
  }

  removeZone(department: string, zone: string): void {
    rmSync(join(this.zonesDir, department, `${zone}.yaml`));
  }

  removeFolder(department: string): void {
    rmSync(join(this.zonesDir, department), { recursive: true });
  }

  /** Loads (must be valid) and synthesizes into a fresh folder. */
  synth(): { tree: ZoneTree; outDir: string; stacks: string[] } {
    const { tree, diagnostics } = loadTree({ zonesDir: this.zonesDir, configPath: this.configPath });
    if (!tree || diagnostics.length > 0)
      throw new Error(`the lifecycle tree is invalid:\n${JSON.stringify(diagnostics, null, 2)}`);
    const outDir = join(this.root, `out-${++this.synths}`);
    const { shards } = synthesizeTree(tree, outDir);
    return { tree, outDir, stacks: [...shards.values()].map((p) => p.aws.node.id).sort() };
  }
}

/** What the emulator must hold for a tree: its permission sets and assignments, nothing else. */
type PermissionSetView = Omit<EmulatorState['permissionSets'][number], 'arn' | 'inlinePolicy'> & {
  inlinePolicy?: unknown;
};
export interface StateView {
  readonly permissionSets: readonly PermissionSetView[];
  readonly assignments: readonly string[];
}

/** `department`: only that department's zones (each department's stack has an emulator of its own). */
export function expectedState(tree: ZoneTree, emulator: IdentityCenterEmulator, department?: string): StateView {
  const { config } = tree;
  const zones = tree.zones
    .filter((z) => department === undefined || z.department === department)
    .sort((a, b) => permissionSetName(a, config).localeCompare(permissionSetName(b, config)));
  return {
    permissionSets: zones.map((z) => ({
      name: permissionSetName(z, config),
      description: z.description ?? `Zone ${z.name}`,
      ...(z.relayState ? { relayState: z.relayState } : {}),
      sessionDuration: z.sessionDuration,
      tags: Object.fromEntries(
        Object.entries({ ...z.tags, [config.zoneTagKey]: z.name }).sort(([a], [b]) => a.localeCompare(b)),
      ),
      inlinePolicy: normalizedPolicy(renderedZonePolicy(z, config)),
      managedPolicies: [...z.managedPolicies].sort(),
      customerManagedPolicies: z.customerManagedPolicies.map((r) => `${r.path}${r.name}`).sort(),
      ...(z.permissionsBoundary
        ? {
            permissionsBoundary:
              z.permissionsBoundary.kind === 'managed'
                ? z.permissionsBoundary.arn
                : `${z.permissionsBoundary.path}${z.permissionsBoundary.name}`,
          }
        : {}),
    })),
    assignments: zones
      .flatMap((z) =>
        z.accounts.map(
          (a) => `${permissionSetName(z, config)} ${a.id} GROUP ${emulator.groupId(groupDisplayName(z, config))}`,
        ),
      )
      .sort(),
  };
}

/** The emulator's state in the same shape (ARNs dropped, policies parsed so whitespace is not compared). */
export function actualState(emulator: IdentityCenterEmulator): StateView & { inProgress: number } {
  const s = emulator.state();
  return {
    permissionSets: s.permissionSets.map(({ arn: _arn, inlinePolicy, ...rest }) => ({
      ...rest,
      ...(inlinePolicy !== undefined ? { inlinePolicy: normalizedPolicy(inlinePolicy) } : {}),
    })),
    assignments: [...s.assignments],
    inProgress: s.inProgress,
  };
}

function normalizedPolicy(json: string): unknown {
  return JSON.parse(json);
}

/**
 * Which zone each resource of a synthesized stack belongs to, from cdktf's construct path metadata
 * (`<stack>/<zone>/...`), keyed by the plan's resource address.
 */
export function zoneOfAddress(outDir: string, stack: string): Map<string, string> {
  const json = JSON.parse(readFileSync(join(outDir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as Record<
    string,
    Record<string, Record<string, { '//'?: { metadata?: { path?: string } } }>>
  >;
  const map = new Map<string, string>();
  for (const kind of ['resource', 'data'] as const) {
    for (const [type, byName] of Object.entries(json[kind] ?? {})) {
      for (const [name, body] of Object.entries(byName)) {
        const zone = body['//']?.metadata?.path?.split('/')[1];
        if (zone) map.set(`${kind === 'data' ? 'data.' : ''}${type}.${name}`, zone);
      }
    }
  }
  return map;
}

/** `<action> <type> <zone>` per planned change, sorted; the zone read from the given address maps. */
export function describeChanges(changes: readonly PlannedChange[], ...maps: Map<string, string>[]): string[] {
  return changes
    .map(
      (c) =>
        `${c.action} ${c.type} ${maps.map((m) => m.get(c.address)).find((z) => z !== undefined) ?? `?${c.address}`}`,
    )
    .sort();
}
