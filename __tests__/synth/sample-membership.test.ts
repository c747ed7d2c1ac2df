import { Testing } from 'cdktf';
import { loadTree } from '../../pipeline/load';
import { addZoneStacks } from '../../stacks/zone-stacks';
import { evaluateMembers } from '../support/azuread-group-members';
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

const types = (json: Record<string, any>) =>
  Object.keys(json.resource ?? {})
    .filter((t) => /group_member|access_package/.test(t))
    .sort();

describe('sample membership modes', () => {
  const onDay = synthAt('2027-03-31');
  const dayAfter = synthAt('2027-04-01');

  /** Each group's `members` as Terraform evaluates it (absent: not managed), by group address. */
  const DIRECTORY = {
    'bob@example.com': 'b0b00000-0000-4000-8000-000000000003',
    'carol@example.com': 'ca401000-0000-4000-8000-000000000004',
  };
  const membersByGroup = (json: Record<string, any>) =>
    Object.fromEntries(
      Object.entries<Record<string, any>>(json.resource.azuread_group).map(([name, g]) => [
        name.split('_group_')[0],
        evaluateMembers(g.members, json, DIRECTORY),
      ]),
    );

  it("entra (logistics): no membership resources, the groups' members not managed", () => {
    expect(types(onDay.get('entra-logistics')!)).toEqual([]);
    expect(Object.values(membersByGroup(onDay.get('entra-logistics')!)).every((m) => m === undefined)).toBe(true);
  });

  it("file (payments): each group's members are exactly its zone file's, until their last day", () => {
    expect(types(onDay.get('entra-payments')!)).toEqual([]);
    expect(membersByGroup(onDay.get('entra-payments')!)).toEqual({
      'payments-prod-1': [DIRECTORY['bob@example.com'], DIRECTORY['carol@example.com']],
      // No members: the empty set, so anyone added by hand is removed.
      'payments-staging-1': [],
    });
    // carol's until is 2027-03-31: on 2027-04-01 she is left out, bob stays.
    expect(membersByGroup(dayAfter.get('entra-payments')!)).toEqual({
      'payments-prod-1': [DIRECTORY['bob@example.com']],
      'payments-staging-1': [],
    });
  });

  it("access-package (research): the department catalog and the zone's package, links and policy", () => {
    expect(types(onDay.get('entra-research')!)).toEqual([
      'azuread_access_package',
      'azuread_access_package_assignment_policy',
      'azuread_access_package_catalog',
      'azuread_access_package_resource_catalog_association',
      'azuread_access_package_resource_package_association',
    ]);
    const policy = Object.values(
      onDay.get('entra-research')!.resource.azuread_access_package_assignment_policy,
    )[0] as Record<string, any>;
    expect(policy).toMatchObject({
      duration_in_days: 30,
      assignment_review_settings: { review_frequency: 'quarterly' },
    });
    expect(Object.values(membersByGroup(onDay.get('entra-research')!)).every((m) => m === undefined)).toBe(true);
  });
});
