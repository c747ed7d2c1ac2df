import { join } from 'node:path';
import { defaultQuotas } from '../../model/quotas';
import fc from 'fast-check';
import { formatDiagnostic } from '../../model/diagnostics';
import type { AccessPreset, PlatformConfig, Zone } from '../../model/types';
import { LIMIT_RULES, TEXT_RULES } from '../../model/aws-rules';
import { BUILT_IN_PRESETS } from '../../policies/catalog';
import { checkZoneLimits, policySize } from '../../policies/limits';
import { renderPolicy, zonePolicy } from '../../policies/zone-policy';
import { loadTree } from '../../pipeline/load';
import { baseConfig, writeTree, zoneDoc } from '../support/tree';

const FILE = 'zones/payments/prod-1.yaml';

function zone(over: Partial<Zone> = {}): Zone {
  return {
    name: 'prod-1',
    department: 'payments',
    accounts: [{ id: '123456789012' }],
    access: ['secrets-reader'],
    sessionDuration: 'PT1H',
    owners: [],
    members: [],
    tags: {},
    managedPolicies: [],
    customerManagedPolicies: [],
    source: { file: FILE, line: 1, column: 1 },
    positions: {
      zone: { line: 2, column: 1 },
      department: { line: 3, column: 1 },
      access: { line: 5, column: 1 },
      description: { line: 6, column: 1 },
      relayState: { line: 7, column: 1 },
      tags: { line: 8, column: 1 },
      managedPolicies: { line: 10, column: 1 },
      customerManagedPolicies: { line: 12, column: 1 },
      sessionDuration: { line: 14, column: 1 },
    },
    ...over,
  };
}

function platform(
  over: { presets?: Record<string, AccessPreset>; prefix?: string; zoneNamePrefix?: boolean } = {},
): PlatformConfig {
  return {
    identityCenter: {
      instanceArn: 'arn:aws:sso:::instance/ssoins-1111222233334444',
      identityStoreId: 'd-1234567890',
      region: 'eu-north-1',
    },
    entra: {
      applicationObjectId: 'a',
      servicePrincipalObjectId: 'b',
      appRoles: 'per-zone',
      provisioningResource: true,
    },
    zoneTagKey: 'entigo:zone',
    names: { groupPrefix: 'entigo-zone-', permissionSetPrefix: over.prefix ?? 'zone-' },
    defaultSessionDuration: 'PT1H',
    accounts: {},
    departments: {},
    sharding: 'department',
    backend: { type: 'local' },
    access: { presets: over.presets ?? {}, managedPolicies: [], customerManagedPolicies: [] },
    secrets: { zoneNamePrefix: over.zoneNamePrefix ?? true },
    protection: { preventDestroy: false },
    quotas: defaultQuotas(),
    source: { file: 'config/platform.yaml' },
  };
}

/** A config preset whose policy grows with `n` resource ARNs. */
function bigPreset(n: number): AccessPreset {
  return {
    name: 'bucket-reader',
    description: 'Read objects of many buckets.',
    statements: [
      {
        actions: ['s3:GetObject'],
        resources: Array.from({ length: n }, (_, i) => `arn:aws:s3:::zone-bucket-${String(i).padStart(4, '0')}/*`),
        scope: 'resource-tag',
      },
    ],
  };
}

const codes = (z: Zone, c: PlatformConfig) => checkZoneLimits(z, c).map((d) => d.code);

test('a zone with every built-in preset (and the name prefix guard) is within every limit', () => {
  expect(checkZoneLimits(zone({ access: Object.keys(BUILT_IN_PRESETS) }), platform({ zoneNamePrefix: true }))).toEqual(
    [],
  );
});

test('worst case: every built-in preset, the longest zone name and zone tag key, the name prefix guard: under 10,240 characters', () => {
  const z = zone({ name: 'a'.repeat(TEXT_RULES.zoneName.maxLength!), access: Object.keys(BUILT_IN_PRESETS) });
  const cfg: PlatformConfig = { ...platform({ zoneNamePrefix: true }), zoneTagKey: 'k'.repeat(128) };
  const { nonWhitespaceBytes } = policySize(renderPolicy(zonePolicy(z, cfg)));
  // The figure, for the record (README's limits): the catalog leaves this much room for config presets.
  process.stderr.write(
    `worst-case inline policy, all ${Object.keys(BUILT_IN_PRESETS).length} built-in presets: ${nonWhitespaceBytes} of ${LIMIT_RULES.inlinePolicyNonWhitespaceBytes.max} non-whitespace bytes\n`,
  );
  expect(nonWhitespaceBytes).toBeLessThan(LIMIT_RULES.inlinePolicyNonWhitespaceBytes.max);
  expect(checkZoneLimits(z, cfg).filter((d) => d.code === 'policy-too-large')).toEqual([]);
});

describe('inline policy size', () => {
  test('over 10,240 non-whitespace characters: an error naming the zone file, field, zone and figures', () => {
    const cfg = platform({ presets: { 'bucket-reader': bigPreset(300) } });
    const z = zone({ access: ['bucket-reader', 'secrets-reader'] });
    const size = policySize(renderPolicy(zonePolicy(z, cfg))).nonWhitespaceBytes;
    expect(size).toBeGreaterThan(LIMIT_RULES.inlinePolicyNonWhitespaceBytes.max);
    const diagnostics = checkZoneLimits(z, cfg);
    expect(diagnostics).toEqual([
      expect.objectContaining({ file: FILE, line: 5, column: 1, field: 'access', code: 'policy-too-large' }),
    ]);
    expect(formatDiagnostic(diagnostics[0])).toContain(
      `${FILE}:5:1: access: zone "prod-1": inline policy is ${size} non-whitespace characters; AWS allows at most 10240 per permission set`,
    );
  });

  test('the error appears exactly when the rendered policy exceeds the limit', () => {
    const seen = new Set<boolean>();
    fc.assert(
      fc.property(fc.integer({ min: 130, max: 230 }), (n) => {
        const cfg = platform({ presets: { 'bucket-reader': bigPreset(n) } });
        const z = zone({ access: ['bucket-reader'] });
        const over = policySize(renderPolicy(zonePolicy(z, cfg))).nonWhitespaceBytes > 10_240;
        seen.add(over);
        expect(codes(z, cfg).includes('policy-too-large')).toBe(over);
      }),
      { numRuns: 80, examples: [[150], [210]] },
    );
    expect([...seen].sort()).toEqual([false, true]);
  });

  test('policySize counts whitespace-free bytes and total bytes', () => {
    expect(policySize('{ "a": "b c" }\n')).toEqual({ bytes: 15, nonWhitespaceBytes: 10 });
  });

  test('through the loader: validation fails and names the zone file and the zone', () => {
    const presets = {
      'bucket-reader': {
        description: 'many buckets',
        statements: [
          { actions: ['s3:GetObject'], resources: bigPreset(300).statements[0].resources, scope: 'resource-tag' },
        ],
      },
    };
    const paths = writeTree({
      config: baseConfig({ access: { presets } }),
      zones: {
        'payments/big-zone.yaml': zoneDoc('big-zone', 'payments', { access: ['bucket-reader'] }),
        'payments/small-zone.yaml': zoneDoc('small-zone', 'payments'),
      },
    });
    const { tree, diagnostics } = loadTree({ zonesDir: paths.zonesDir, configPath: paths.configPath });
    expect(tree).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({
        file: join(paths.zonesDir, 'payments', 'big-zone.yaml'),
        field: 'access',
        code: 'policy-too-large',
        line: expect.any(Number),
      }),
    ]);
    expect(diagnostics[0].message).toMatch(
      /^zone "big-zone": inline policy is \d+ non-whitespace characters; AWS allows at most 10240/,
    );
  });
});

test('more than 20 managed policies (AWS-managed + customer-managed)', () => {
  const aws = Array.from({ length: 12 }, (_, i) => `arn:aws:iam::aws:policy/P${i}`);
  const customer = Array.from({ length: 9 }, (_, i) => ({ name: `C${i}`, path: '/' }));
  expect(codes(zone({ managedPolicies: aws.slice(0, 11), customerManagedPolicies: customer }), platform())).toEqual([]);
  const diagnostics = checkZoneLimits(zone({ managedPolicies: aws, customerManagedPolicies: customer }), platform());
  expect(diagnostics).toEqual([
    expect.objectContaining({ file: FILE, line: 10, field: 'managedPolicies', code: 'too-many-managed-policies' }),
  ]);
  expect(diagnostics[0].message).toBe(
    'zone "prod-1": 21 managed policies (12 AWS-managed + 9 customer-managed); AWS allows at most 20 per permission set',
  );
});

// Names, description, relay state, tags and session duration are rules on single values
// (model/aws-rules.ts), checked by the loader and the constructs: __tests__/model/aws-rules.test.ts.

test('a policy that cannot be built is a diagnostic, not an exception', () => {
  expect(checkZoneLimits(zone({ access: ['no-such-preset'] }), platform())).toEqual([
    expect.objectContaining({
      file: FILE,
      field: 'access',
      code: 'policy-error',
      message: expect.stringContaining('unknown access preset "no-such-preset"'),
    }),
  ]);
});
