import { AuditAggregator, presetUse } from '../../audit/aggregate';
import { loadTree } from '../../pipeline/load';
import { actionGrants } from '../../policies/grants';
import { callRecord, signInRecord } from '../support/cloudtrail-server';
import { A, auditTree } from './fixture';

const tree = (() => {
  const t = auditTree();
  return loadTree({ zonesDir: t.zonesDir, configPath: t.configPath }).tree!;
})();
const zone = (name: string) => tree.zones.find((z) => z.name === name)!;
const period = { since: new Date('2026-11-01T00:00:00Z'), until: new Date('2026-12-01T00:00:00Z') };
const source = { kind: 'logs' as const, logGroup: 'g', region: 'eu-north-1' };

describe('unused access', () => {
  it('per preset, the same expansion the access report and the policy writer use (policies/grants.ts)', () => {
    const payA = zone('pay-a');
    const uses = presetUse(payA, tree.config, new Set());
    expect(uses.map((u) => u.preset)).toEqual(payA.access);
    const union = [...new Set(uses.flatMap((u) => u.granted))].sort();
    expect(union).toEqual([...actionGrants(payA, tree.config).values()].map((g) => g.action).sort());
    expect(uses.every((u) => u.removalCandidate && u.used.length === 0)).toBe(true);
  });

  it('a call (allowed or denied) of a granted action, in any case, counts as use; a preset with none is the removal candidate', () => {
    const uses = presetUse(zone('pay-a'), tree.config, new Set(['rds:rebootdbinstance']));
    expect(uses.find((u) => u.preset === 'rds-operator')).toMatchObject({
      used: ['rds:RebootDBInstance'],
      removalCandidate: false,
    });
    expect(uses.find((u) => u.preset === 'secrets-reader')).toMatchObject({ used: [], removalCandidate: true });
  });
});

describe('AuditAggregator', () => {
  const base = {
    permissionSet: 'zone-pay-a',
    account: A.pay,
    person: 'alice@example.com',
    source: 'rds.amazonaws.com',
  };

  it('drops records outside the period and of other people under --person; people compare case-insensitively', () => {
    const agg = new AuditAggregator({
      allZones: tree.zones,
      config: tree.config,
      period,
      source,
      person: 'ALICE@example.com',
    });
    agg.add(callRecord({ ...base, time: '2026-10-31T23:59:59Z', name: 'RebootDBInstance' }));
    agg.add(callRecord({ ...base, time: '2026-12-01T00:00:00Z', name: 'RebootDBInstance' }));
    agg.add(callRecord({ ...base, time: '2026-11-05T00:00:00Z', name: 'RebootDBInstance' }));
    agg.add(
      callRecord({ ...base, person: 'Alice@Example.com', time: '2026-11-06T00:00:00Z', name: 'DescribeDBInstances' }),
    );
    agg.add(callRecord({ ...base, person: 'bob@example.com', time: '2026-11-05T00:00:00Z', name: 'RebootDBInstance' }));
    const r = agg.report();
    expect(r.summary).toMatchObject({ records: 5, skipped: 2, calls: 2, people: 1 });
    const payA = r.zones.find((z) => z.zone === 'pay-a')!;
    expect(payA.people).toEqual([
      expect.objectContaining({ person: 'alice@example.com', calls: 2, days: ['2026-11-05', '2026-11-06'] }),
    ]);
  });

  it('--zone: other zones\' records are not reported, and their permission sets are not "other permission sets"', () => {
    const agg = new AuditAggregator({
      allZones: tree.zones,
      zones: [zone('pay-b')],
      config: tree.config,
      period,
      source,
    });
    agg.add(callRecord({ ...base, time: '2026-11-05T00:00:00Z', name: 'RebootDBInstance' }));
    agg.add(
      signInRecord({
        account: A.pay,
        permissionSet: 'zone-pay-b',
        person: 'bob@example.com',
        time: '2026-11-05T00:00:00Z',
      }),
    );
    const r = agg.report();
    expect(r.zones.map((z) => z.zone)).toEqual(['pay-b']);
    expect(r.summary.otherPermissionSets).toEqual({});
    expect(r.zones[0]!.people).toEqual([expect.objectContaining({ person: 'bob@example.com', signIns: 1, calls: 0 })]);
  });

  it('memory is bounded by distinct people, actions and (capped) resources, not by events', () => {
    const agg = new AuditAggregator({ allZones: tree.zones, config: tree.config, period, source });
    for (let i = 0; i < 5_000; i++) {
      agg.add(
        callRecord({
          ...base,
          time: '2026-11-05T00:00:00Z',
          name: 'DescribeDBInstances',
          resources: [`arn:aws:rds:eu-north-1:${A.pay}:db:d${i}`],
        }),
      );
    }
    const action = agg.report().zones.find((z) => z.zone === 'pay-a')!.people[0]!.actions[0]!;
    expect(action).toMatchObject({ calls: 5_000, moreResources: 4_980 });
    expect(action.resources).toHaveLength(20);
  });
});
