import { Testing } from 'cdktf';
import type { Diagnostic } from '../../model/diagnostics';
import type { ZoneTree } from '../../model/types';
import { loadTree } from '../../pipeline/load';
import { addZoneStacks } from '../../stacks/zone-stacks';
import { checkStack } from '../support/azuread-provider-rules';
import { baseConfig, writeTree, zoneDoc } from '../support/tree';

/**
 * Who owns a zone group, who reviews it, and the provisioning rule id, as the Entra stacks emit them.
 */

const OWNER_ID = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';
const JOB = 'AWSSCIM.0123456789abcdef0123456789abcdef.01234567-89ab-cdef-0123-456789abcdef';

function load(
  config: Record<string, unknown>,
  zones: Record<string, Record<string, unknown>>,
): { tree?: ZoneTree; diagnostics: readonly Diagnostic[]; zonesDir: string } {
  const { zonesDir, configPath } = writeTree({ config, zones });
  return { ...loadTree({ zonesDir, configPath, at: '2026-06-30' }), zonesDir };
}

function entraStack(tree: ZoneTree, department: string): Record<string, any> {
  const { shards } = addZoneStacks(Testing.app({ stackTraces: false }), tree);
  return JSON.parse(Testing.synth(shards.get(`aws-${department}`)!.entra));
}

describe("access-package mode: the zone's owners approve; only the pipeline identity owns the group", () => {
  const owners = ['alice@example.com', OWNER_ID];
  const config = baseConfig({
    departments: {
      pkg: { membership: 'access-package', accessPackage: { review: 'quarterly' } },
      ent: {},
      fil: { membership: 'file' },
    },
  });
  const { tree } = load(config, {
    'pkg/p.yaml': zoneDoc('p', 'pkg', { owners }),
    'ent/e.yaml': zoneDoc('e', 'ent', { owners }),
    'fil/f.yaml': zoneDoc('f', 'fil', { owners }),
  });

  it("the group's owners are the pipeline identity alone; the owners are the approvers and reviewers", () => {
    const stack = entraStack(tree!, 'pkg');
    const [group] = Object.values<Record<string, any>>(stack.resource.azuread_group);
    expect(group!.owners).toEqual([expect.stringMatching(/^\$\{data\.azuread_client_config\.[^.]+\.object_id\}$/)]);
    const [policy] = Object.values<Record<string, any>>(stack.resource.azuread_access_package_assignment_policy);
    const approvers = JSON.stringify(policy!.approval_settings);
    expect(approvers).toContain(OWNER_ID);
    expect(JSON.stringify(policy!.assignment_review_settings)).toContain(OWNER_ID);
    // No owner lookup for the group: owners are not looked up to own it.
    expect(stack.data.azuread_user).toBeUndefined();
    expect(checkStack(stack).errors).toEqual([]);
  });

  it.each(['ent', 'fil'])("in %s mode the zone's owners still own the group, with the pipeline identity", (dept) => {
    const stack = entraStack(tree!, dept);
    const [group] = Object.values<Record<string, any>>(stack.resource.azuread_group);
    // The owner given by id, the one given by UPN (resolved by a lookup that tolerates a deleted
    // account), and the pipeline identity.
    expect(group!.owners).toMatch(
      new RegExp(
        `^\\$\\{concat\\(\\["${OWNER_ID}"\\], \\[ for key, val in toset\\(data\\.azuread_users\\.[^.]+\\.users\\): lower\\(val\\.object_id\\)\\], \\[data\\.azuread_client_config\\.[^.]+\\.object_id\\]\\)\\}$`,
      ),
    );
    expect(checkStack(stack).errors).toEqual([]);
  });
});

describe('a review needs reviewers', () => {
  it('review on, approval off, no owners: refused in validate with file and line, every zone at once', () => {
    const config = baseConfig({
      departments: { pkg: { membership: 'access-package', accessPackage: { approval: false, review: 'monthly' } } },
    });
    const { tree, diagnostics, zonesDir } = load(config, {
      'pkg/a.yaml': zoneDoc('a', 'pkg'),
      'pkg/b.yaml': zoneDoc('b', 'pkg'),
      'pkg/c.yaml': zoneDoc('c', 'pkg', { owners: [OWNER_ID] }),
    });
    expect(tree).toBeUndefined();
    expect(diagnostics.map((d) => ({ file: d.file.replace(`${zonesDir}/`, ''), line: d.line, code: d.code }))).toEqual([
      { file: 'pkg/a.yaml', line: 1, code: 'owners-required' },
      { file: 'pkg/b.yaml', line: 1, code: 'owners-required' },
    ]);
    expect(diagnostics[0]!.message).toContain('accessPackage.review: monthly');
    expect(diagnostics[0]!.hint).toContain('departments.pkg.accessPackage.review: none');
  });

  it('without review, approval off, no owners: valid, and no review is emitted', () => {
    const config = baseConfig({
      departments: { pkg: { membership: 'access-package', accessPackage: { approval: false } } },
    });
    const { tree } = load(config, { 'pkg/a.yaml': zoneDoc('a', 'pkg') });
    const [policy] = Object.values<Record<string, any>>(
      entraStack(tree!, 'pkg').resource.azuread_access_package_assignment_policy,
    );
    expect(policy).not.toHaveProperty('assignment_review_settings');
  });
});

describe('entra.provisioningRuleId: the forms Graph documents for provisionOnDemand', () => {
  const withRule = (ruleId: string) => {
    const config = baseConfig();
    config.entra = { ...(config.entra as object), provisioningJobId: JOB, provisioningRuleId: ruleId };
    return load(config, { 'a/one.yaml': zoneDoc('one', 'a') });
  };

  it.each([
    // Example 1 (a user), and example 3 (a group) with its version suffix; the GUID part lower-cased, the suffix kept.
    ['ea807875-5618-4f0a-9125-0b46a05298ca', 'ea807875-5618-4f0a-9125-0b46a05298ca'],
    ['33F7C90D-BF71-41B1-BDA6-AAF0DDBEE5D8#V2', '33f7c90d-bf71-41b1-bda6-aaf0ddbee5d8#V2'],
    ['rule-groups', 'rule-groups'],
  ])('%s is accepted and emitted as %s', (given, emitted) => {
    const { tree, diagnostics } = withRule(given);
    expect(diagnostics.filter((d) => d.severity !== 'warning')).toEqual([]);
    expect(tree!.config.entra.provisioningRuleId).toBe(emitted);
    const stack = entraStack(tree!, 'a');
    const [pod] = Object.values<Record<string, any>>(stack.resource.azuread_synchronization_job_provision_on_demand);
    expect(pod!.parameter[0].rule_id).toBe(emitted);
    expect(checkStack(stack).errors).toEqual([]);
  });

  it.each(['33f7c90d-bf71-41b1-bda6-aaf0ddbee5d8#', '33f7c90d-bf71-41b1-bda6-aaf0ddbee5d8#2', 'a b', ''])(
    '%j is refused, naming the field',
    (given) => {
      const { tree, diagnostics } = withRule(given);
      expect(tree).toBeUndefined();
      expect(diagnostics).toEqual([expect.objectContaining({ field: 'entra.provisioningRuleId' })]);
    },
  );
});
