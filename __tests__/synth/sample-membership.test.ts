import { Testing } from 'cdktf';
import { loadTree } from '../../pipeline/load';
import { addZoneStacks } from '../../stacks/zone-stacks';
import { SAMPLE_CONFIG, SAMPLE_ZONES } from '../support/tree';

/**
 * The sample tree shows the three membership modes: logistics `entra`, payments `file` (members in
 * payments-prod-1.yaml), research `access-package`. Synthesized on fixed days, since file-mode
 * output depends on the day.
 */
function synthAt(at: string): Map<string, Record<string, any>> {
  const { tree, diagnostics } = loadTree({ zonesDir: SAMPLE_ZONES, configPath: SAMPLE_CONFIG, at });
  if (!tree) throw new Error(`sample tree invalid at ${at}: ${JSON.stringify(diagnostics, null, 2)}`);
  const app = Testing.app({ stackTraces: false });
  const stacks = addZoneStacks(app, tree);
  const out = new Map<string, Record<string, any>>();
  for (const pair of stacks.shards.values()) out.set(pair.entra.node.id, JSON.parse(Testing.synth(pair.entra)));
  return out;
}

const types = (json: Record<string, any>) => Object.keys(json.resource ?? {}).filter((t) => /group_member|access_package/.test(t)).sort();

describe('sample membership modes', () => {
  const onDay = synthAt('2027-03-31');
  const dayAfter = synthAt('2027-04-01');

  it('entra (logistics): no membership resources', () => {
    expect(types(onDay.get('entra-logistics')!)).toEqual([]);
  });

  it('file (payments): one group member per member of payments-prod-1, until its last day', () => {
    const members = (m: Map<string, Record<string, any>>) => Object.keys(m.get('entra-payments')!.resource.azuread_group_member ?? {}).sort();
    expect(members(onDay)).toEqual([
      expect.stringMatching(/^payments-prod-1_membership_member-bob-example-com-/),
      expect.stringMatching(/^payments-prod-1_membership_member-carol-example-com-/),
    ]);
    // carol's until is 2027-03-31: on 2027-04-01 she is left out, bob stays with the same address.
    expect(members(dayAfter)).toEqual([members(onDay)[0]]);
  });

  it('access-package (research): the department catalog and the zone\'s package, links and policy', () => {
    expect(types(onDay.get('entra-research')!)).toEqual([
      'azuread_access_package',
      'azuread_access_package_assignment_policy',
      'azuread_access_package_catalog',
      'azuread_access_package_resource_catalog_association',
      'azuread_access_package_resource_package_association',
    ]);
    const policy = Object.values(onDay.get('entra-research')!.resource.azuread_access_package_assignment_policy)[0] as Record<string, any>;
    expect(policy).toMatchObject({ duration_in_days: 30, assignment_review_settings: { review_frequency: 'quarterly' } });
  });
});
