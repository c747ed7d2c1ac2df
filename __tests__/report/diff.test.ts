import { diffTrees, isEmptyReport, type AccessReport, type ZoneReport } from '../../report/diff';
import { baseConfig, SAMPLE_CONFIG, SAMPLE_ZONES, zoneDoc } from '../support/tree';
import { fixtureTrees, mustLoad, treeOf } from './support';

/** The report for one zone, failing when it is not listed. */
function zone(report: AccessReport, name: string): ZoneReport {
  const found = report.zones.find((z) => z.zone === name);
  if (!found) throw new Error(`zone ${name} is not in the report: ${report.zones.map((z) => z.zone).join(', ')}`);
  return found;
}

const SECRETS_READER = [
  'secretsmanager:DescribeSecret',
  'secretsmanager:GetSecretValue',
  'secretsmanager:ListSecretVersionIds',
  'secretsmanager:ListSecrets',
];

describe('a tree against itself', () => {
  it('the sample tree gives an empty report', () => {
    const tree = mustLoad(SAMPLE_ZONES, SAMPLE_CONFIG);
    const report = diffTrees(tree, tree);
    expect(report.zones).toEqual([]);
    expect(report.platform).toEqual([]);
    expect(isEmptyReport(report)).toBe(true);
    expect(report.summary).toEqual({
      base: 4,
      head: 4,
      added: 0,
      removed: 0,
      changed: 0,
      moved: 0,
      renamed: 0,
      replacements: 0,
      departmentRevocations: 0,
      unsafe: 0,
    });
  });

  it('two loads of the same files give an empty report (no identity or order effects)', () => {
    const { base } = fixtureTrees();
    expect(isEmptyReport(diffTrees(base, fixtureTrees().base))).toBe(true);
    expect(isEmptyReport(diffTrees(fixtureTrees().head, fixtureTrees().head))).toBe(true);
  });

  it('reordered lists, another file name and an account given by id instead of name change nothing', () => {
    const base = treeOf({
      zones: {
        'pay/zone-a.yaml': zoneDoc('zone-a', 'pay', {
          accounts: ['shared-prod', '123456789012'],
          access: ['secrets-reader', 'rds-operator'],
        }),
      },
    });
    const head = treeOf({
      zones: {
        'pay/zone-a.yml': zoneDoc('zone-a', 'pay', {
          accounts: ['123456789012', '999999999999'],
          access: ['rds-operator', 'secrets-reader'],
        }),
      },
    });
    expect(diffTrees(base, head).zones).toEqual([]);
  });
});

describe('the fixture trees: every category once', () => {
  const { base, head } = fixtureTrees();
  const report = diffTrees(base, head);

  it('lists exactly the zones that differ, sorted by name; the unchanged one is not listed', () => {
    expect(report.zones.map((z) => [z.zone, z.change])).toEqual([
      ['lab', 'changed'],
      ['log-operations', 'renamed'],
      ['pay-api', 'changed'],
      ['pay-batch', 'moved'],
      ['pay-legacy', 'removed'],
      ['pay-new', 'added'],
    ]);
    expect(report.zones.some((z) => z.zone === 'log-core')).toBe(false);
    expect(report.summary).toEqual({
      base: 6,
      head: 6,
      added: 1,
      removed: 1,
      changed: 2,
      moved: 1,
      renamed: 1,
      replacements: 2,
      departmentRevocations: 0,
      unsafe: 0,
    });
  });

  it('added: everything the zone grants is gained, expanded from its presets', () => {
    const z = zone(report, 'pay-new');
    expect(z.accounts).toEqual({ gained: [{ id: '222222222222', name: 'pay-dev' }], lost: [] });
    expect(z.presets).toEqual({ gained: ['secrets-reader'], lost: [] });
    expect(z.actions).toEqual({ gained: SECRETS_READER, lost: [] });
    expect(z).toMatchObject({
      department: 'payments',
      permissionSet: 'zone-pay-new',
      stacks: { entra: 'entra-payments', aws: 'aws-payments' },
      replacements: [],
    });
  });

  it('removed: everything the zone granted is lost, policies included', () => {
    const z = zone(report, 'pay-legacy');
    expect(z.accounts.lost).toEqual([{ id: '111111111111', name: 'pay-prod' }, { id: '999999999999' }]);
    expect(z.accounts.gained).toEqual([]);
    expect(z.actions.lost).toEqual(expect.arrayContaining(['rds:RebootDBInstance', 'secretsmanager:GetSecretValue']));
    expect(z.actions.lost).toHaveLength(12);
    expect(z.policies).toEqual({ gained: [], lost: ['managed arn:aws:iam::aws:policy/ReadOnlyAccess'] });
  });

  it('changed: accounts and actions gained, presets swapped, in-place attributes, no replacement', () => {
    const z = zone(report, 'pay-api');
    expect(z.accounts).toEqual({ gained: [{ id: '222222222222', name: 'pay-dev' }], lost: [] });
    expect(z.presets).toEqual({ gained: ['secrets-editor'], lost: ['secrets-reader'] });
    // secrets-editor includes everything secrets-reader grants: only the new actions are listed.
    expect(z.actions).toEqual({
      gained: [
        'lambda:InvokeFunction',
        'secretsmanager:CreateSecret',
        'secretsmanager:DeleteSecret',
        'secretsmanager:PutSecretValue',
        'secretsmanager:RotateSecret',
        'secretsmanager:TagResource',
        'secretsmanager:UpdateSecret',
      ],
      lost: [],
    });
    expect(z.policies).toEqual({ gained: ['managed arn:aws:iam::aws:policy/ReadOnlyAccess'], lost: [] });
    expect(z.inPlace).toEqual([
      { field: 'description', base: 'Payments API', head: 'Payments API (public)' },
      { field: 'sessionDuration', base: 'PT1H', head: 'PT4H' },
      { field: 'tags', base: {}, head: { 'cost-center': '4411' } },
    ]);
    // Owners are reported with the people.
    expect(z.membership.owners).toEqual({ gained: ['alice@example.com'], lost: [] });
    expect(z.replacements).toEqual([]);
  });

  it('changed by the platform config alone: a preset definition gains an action and rescopes another', () => {
    const z = zone(report, 'lab');
    expect(z.actions).toEqual({ gained: ['logs:FilterLogEvents'], lost: [] });
    expect(z.rescoped).toEqual([{ action: 'rds:DescribeDBInstances', base: ['none'], head: ['resource-tag'] }]);
    expect(z.presets).toEqual({ gained: [], lost: [] });
    expect(report.platform.map((f) => f.field)).toEqual(['access.presets.logs-viewer']);
  });

  it('moved to another department (department sharding): a replacement across stacks', () => {
    const z = zone(report, 'pay-batch');
    expect(z.previous).toEqual({ zone: 'pay-batch', department: 'payments' });
    expect(z.stacks).toEqual({ entra: 'entra-logistics', aws: 'aws-logistics' });
    expect(z.replacements.map((r) => r.reason)).toEqual(['stack-move']);
    expect(z.replacements[0].message).toMatch(/entra-payments \/ aws-payments to entra-logistics \/ aws-logistics/);
    expect(z.replacements[0].message).toMatch(/Moving a zone between shards/);
    expect(z.actions).toEqual({ gained: [], lost: [] });
  });

  it('renamed: paired instead of listed as removed + added, and flagged as a replacement', () => {
    const z = zone(report, 'log-operations');
    expect(z.previous).toEqual({ zone: 'log-ops', department: 'logistics' });
    expect(report.zones.some((r) => r.zone === 'log-ops')).toBe(false);
    expect(z.replacements).toHaveLength(1);
    expect(z.replacements[0].reason).toBe('rename');
    expect(z.replacements[0].message).toMatch(/zone-log-ops with zone-log-operations/);
    expect(z.replacements[0].message).toMatch(/every active session ends/);
    expect(z.permissionSet).toBe('zone-log-operations');
    expect([z.accounts, z.actions, z.presets]).toEqual([
      { gained: [], lost: [] },
      { gained: [], lost: [] },
      { gained: [], lost: [] },
    ]);
  });
});

describe('renames', () => {
  const a = zoneDoc('zone-a', 'pay', { description: 'same' });

  it('a rename of a zone is flagged as a replacement', () => {
    const report = diffTrees(
      treeOf({ zones: { 'pay/zone-a.yaml': a } }),
      treeOf({ zones: { 'pay/zone-b.yaml': { ...a, zone: 'zone-b' } } }),
    );
    expect(report.zones.map((z) => [z.zone, z.change, z.replacements.map((r) => r.reason)])).toEqual([
      ['zone-b', 'renamed', ['rename']],
    ]);
    expect(report.summary.replacements).toBe(1);
  });

  it('a rename plus another change is reported as removed + added (both sides shown in full)', () => {
    const report = diffTrees(
      treeOf({ zones: { 'pay/zone-a.yaml': a } }),
      treeOf({ zones: { 'pay/zone-b.yaml': { ...a, zone: 'zone-b', sessionDuration: 'PT2H' } } }),
    );
    expect(report.zones.map((z) => [z.zone, z.change])).toEqual([
      ['zone-a', 'removed'],
      ['zone-b', 'added'],
    ]);
  });

  it('a rename into another department is not paired', () => {
    const report = diffTrees(
      treeOf({ zones: { 'pay/zone-a.yaml': a } }),
      treeOf({ zones: { 'ops/zone-b.yaml': { ...a, zone: 'zone-b', department: 'ops' } } }),
    );
    expect(report.zones.map((z) => z.change).sort()).toEqual(['added', 'removed']);
  });

  it('ambiguous candidates (two identical removals) are not guessed', () => {
    const report = diffTrees(
      treeOf({ zones: { 'pay/zone-a.yaml': a, 'pay/zone-c.yaml': { ...a, zone: 'zone-c' } } }),
      treeOf({ zones: { 'pay/zone-b.yaml': { ...a, zone: 'zone-b' } } }),
    );
    expect(report.zones.map((z) => [z.zone, z.change])).toEqual([
      ['zone-a', 'removed'],
      ['zone-b', 'added'],
      ['zone-c', 'removed'],
    ]);
  });
});

describe('what replaces resources and what updates them in place', () => {
  it('moving departments under single sharding keeps the stacks: in place, no warning', () => {
    const config = baseConfig({ sharding: 'single' });
    const report = diffTrees(
      treeOf({ config, zones: { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay') } }),
      treeOf({ config, zones: { 'ops/zone-a.yaml': zoneDoc('zone-a', 'ops') } }),
    );
    const z = zone(report, 'zone-a');
    expect(z.change).toBe('moved');
    expect(z.replacements).toEqual([]);
    expect(z.inPlace).toEqual([
      {
        field: 'department',
        base: 'pay',
        head: 'ops',
        note: expect.stringMatching(/same stacks \(entra-all \/ aws-all\)/),
      },
    ]);
  });

  it('a new permission set prefix replaces every permission set; preventDestroy is called out', () => {
    const zones = { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay'), 'ops/zone-b.yaml': zoneDoc('zone-b', 'ops') };
    const report = diffTrees(
      treeOf({ config: baseConfig({ protection: { preventDestroy: true } }), zones }),
      treeOf({
        config: baseConfig({ names: { permissionSetPrefix: 'ps-' }, protection: { preventDestroy: true } }),
        zones,
      }),
    );
    expect(report.zones.map((z) => [z.zone, z.change, z.replacements.map((r) => r.reason)])).toEqual([
      ['zone-a', 'changed', ['permission-set-name']],
      ['zone-b', 'changed', ['permission-set-name']],
    ]);
    expect(report.zones[0].replacements[0].message).toMatch(/zone-zone-a to ps-zone-a/);
    expect(report.zones[0].replacements[0].message).toMatch(/preventDestroy is on/);
    expect(report.platform).toEqual([
      { field: 'names.permissionSetPrefix', base: 'zone-', head: 'ps-', note: expect.stringMatching(/replaces/) },
    ]);
  });

  it('a new group prefix renames the groups in place', () => {
    const zones = { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay') };
    const report = diffTrees(
      treeOf({ zones }),
      treeOf({ config: baseConfig({ names: { groupPrefix: 'grp-' } }), zones }),
    );
    const z = zone(report, 'zone-a');
    expect(z.replacements).toEqual([]);
    expect(z.inPlace).toEqual([
      { field: 'group', base: 'entigo-zone-zone-a', head: 'grp-zone-a', note: expect.any(String) },
    ]);
  });

  it('a new zone tag key changes every inline policy in place (same actions, other conditions)', () => {
    const zones = { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay') };
    const report = diffTrees(treeOf({ zones }), treeOf({ config: baseConfig({ zoneTagKey: 'acme:zone' }), zones }));
    const z = zone(report, 'zone-a');
    expect(z.actions).toEqual({ gained: [], lost: [] });
    expect(z.inPlace.map((f) => f.field)).toEqual(['inlinePolicy']);
    expect(report.platform.map((f) => f.field)).toEqual(['zoneTagKey']);
  });

  it('an account remapped in the config to another id: the zone loses one account and gains another', () => {
    const zones = { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay', { accounts: ['shared-prod'] }) };
    const report = diffTrees(
      treeOf({ zones }),
      treeOf({ config: baseConfig({ accounts: { 'shared-prod': '888888888888' } }), zones }),
    );
    expect(zone(report, 'zone-a').accounts).toEqual({
      gained: [{ id: '888888888888', name: 'shared-prod' }],
      lost: [{ id: '999999999999', name: 'shared-prod' }],
    });
    expect(report.platform).toEqual([{ field: 'accounts.shared-prod', base: '999999999999', head: '888888888888' }]);
  });

  it('a redundant preset dropped: the preset is lost, no action is, and nothing else is claimed', () => {
    const report = diffTrees(
      treeOf({
        zones: { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay', { access: ['secrets-editor', 'secrets-reader'] }) },
      }),
      treeOf({ zones: { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay', { access: ['secrets-editor'] }) } }),
    );
    const z = zone(report, 'zone-a');
    expect(z.presets).toEqual({ gained: [], lost: ['secrets-reader'] });
    expect([z.actions, z.rescoped, z.inPlace, z.replacements]).toEqual([{ gained: [], lost: [] }, [], [], []]);
  });

  it('a preset dropped: the actions only it granted are lost, shared ones are kept', () => {
    const report = diffTrees(
      treeOf({
        zones: { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay', { access: ['secrets-editor', 'secrets-reader'] }) },
      }),
      treeOf({ zones: { 'pay/zone-a.yaml': zoneDoc('zone-a', 'pay', { access: ['secrets-reader'] }) } }),
    );
    const z = zone(report, 'zone-a');
    expect(z.presets).toEqual({ gained: [], lost: ['secrets-editor'] });
    expect(z.actions.gained).toEqual([]);
    expect(z.actions.lost).toEqual([
      'lambda:InvokeFunction',
      'secretsmanager:CreateSecret',
      'secretsmanager:DeleteSecret',
      'secretsmanager:PutSecretValue',
      'secretsmanager:RotateSecret',
      'secretsmanager:TagResource',
      'secretsmanager:UpdateSecret',
    ]);
    for (const action of SECRETS_READER) expect(z.actions.lost).not.toContain(action);
  });
});
