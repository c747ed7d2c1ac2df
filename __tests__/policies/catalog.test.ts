import type { AccessPreset, PlatformConfig } from '../../model/types';
import { accessCatalog, BUILT_IN_PRESETS } from '../../policies/catalog';

const access = (presets: Record<string, AccessPreset> = {}): Pick<PlatformConfig, 'access'> => ({
  access: { presets, managedPolicies: [], customerManagedPolicies: [] },
});

const actionsOf = (p: AccessPreset, scope?: string) =>
  p.statements.filter((s) => !scope || s.scope === scope).flatMap((s) => [...s.actions]).sort();

describe('built-in presets (the action lists policies/README.md documents)', () => {
  test('rds-operator', () => {
    const p = BUILT_IN_PRESETS['rds-operator'];
    expect(actionsOf(p, 'none')).toEqual(['rds:DescribeDBClusters', 'rds:DescribeDBInstances']);
    expect(actionsOf(p, 'resource-tag')).toEqual([
      'rds:RebootDBCluster', 'rds:RebootDBInstance', 'rds:StartDBCluster', 'rds:StartDBInstance', 'rds:StopDBCluster', 'rds:StopDBInstance',
    ]);
    expect(actionsOf(p, 'request-tag')).toEqual([]);
  });

  test('secrets-reader', () => {
    const p = BUILT_IN_PRESETS['secrets-reader'];
    expect(actionsOf(p, 'none')).toEqual(['secretsmanager:ListSecrets']);
    expect(actionsOf(p, 'resource-tag')).toEqual(['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:ListSecretVersionIds']);
    expect(actionsOf(p, 'request-tag')).toEqual([]);
  });

  test('secrets-editor is secrets-reader plus writes of the zone and creating into the zone', () => {
    const p = BUILT_IN_PRESETS['secrets-editor'];
    const reader = BUILT_IN_PRESETS['secrets-reader'];
    expect(actionsOf(p)).toEqual(expect.arrayContaining(actionsOf(reader)));
    expect(actionsOf(p, 'resource-tag')).toEqual([
      'secretsmanager:DeleteSecret', 'secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue', 'secretsmanager:ListSecretVersionIds',
      'secretsmanager:PutSecretValue', 'secretsmanager:RotateSecret', 'secretsmanager:UpdateSecret',
    ]);
    expect(actionsOf(p, 'request-tag')).toEqual(['secretsmanager:CreateSecret', 'secretsmanager:TagResource']);
  });

  test('are frozen, named by their key, and list no wildcard actions', () => {
    expect(Object.isFrozen(BUILT_IN_PRESETS)).toBe(true);
    for (const [name, p] of Object.entries(BUILT_IN_PRESETS)) {
      expect(Object.isFrozen(p)).toBe(true);
      expect(p.name).toBe(name);
      for (const a of actionsOf(p)) expect(a).toMatch(/^[a-z0-9-]+:[A-Za-z0-9]+$/);
    }
  });
});

describe('accessCatalog', () => {
  const extra: AccessPreset = {
    name: 'aaa-first',
    description: 'x',
    statements: [{ actions: ['sqs:ListQueues'], resources: ['*'], scope: 'none' }],
  };

  test('built-ins plus config presets, sorted by name', () => {
    const catalog = accessCatalog(access({ 'zz-last': { ...extra, name: 'zz-last' }, 'aaa-first': extra }));
    expect([...catalog.keys()]).toEqual(['aaa-first', 'rds-operator', 'secrets-editor', 'secrets-reader', 'zz-last']);
    expect(catalog.get('aaa-first')).toBe(extra);
  });

  test('a config preset may not redefine a built-in one', () => {
    expect(() => accessCatalog(access({ 'rds-operator': { ...extra, name: 'rds-operator' } }))).toThrow(/built in/);
  });
});
