import { baseConfig } from '../support/tree';

/**
 * A tree that exercises every resource kind a zone can produce: six zones in two departments, with
 * account names and ids, several presets (one from the platform config), owners by UPN and by
 * object id, tags, managed and customer-managed policies, a permissions boundary, and a
 * provisioning job (so every zone also gets a provision-on-demand resource).
 */

export const GUID_OWNER = '3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

export function sampleConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base = baseConfig();
  return {
    ...base,
    entra: {
      ...(base.entra as object),
      provisioningJobId: 'AWSSCIM.0123456789abcdef0123456789abcdef.01234567-89ab-cdef-0123-456789abcdef',
      provisioningRuleId: 'rule-groups',
    },
    accounts: {
      'pay-prod': '111111111111',
      'pay-dev': '222222222222',
      'ops-prod': '333333333333',
      'ops-dev': '444444444444',
    },
    access: {
      managedPolicies: [
        'arn:aws:iam::aws:policy/ReadOnlyAccess',
        'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
      ],
      acknowledgedManagedPolicyRisks: [
        'arn:aws:iam::aws:policy/ReadOnlyAccess',
        'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
      ],
      customerManagedPolicies: [{ name: 'team-tools' }, { name: 'log-reader', path: '/ops/' }],
      permissionsBoundary: { name: 'zone-boundary', path: '/' },
      presets: {
        'logs-viewer': {
          description: 'Read the zone log groups',
          statements: [
            { actions: ['logs:DescribeLogGroups'], scope: 'none' },
            {
              actions: ['logs:GetLogEvents', 'logs:FilterLogEvents'],
              resources: ['arn:aws:logs:*:*:log-group:*'],
              scope: 'resource-tag',
            },
          ],
        },
      },
    },
    ...overrides,
  };
}

/** Zone file contents by path under zones/. */
export function sampleZones(): Record<string, Record<string, unknown>> {
  return {
    'pay/billing.yaml': {
      zone: 'billing',
      department: 'pay',
      description: 'Billing services',
      accounts: ['pay-prod', '555555555555'],
      access: ['secrets-reader', 'rds-operator'],
      sessionDuration: 'PT4H',
      owners: ['alice@example.com', GUID_OWNER],
      tags: { 'cost-center': '4411', team: 'billing' },
      managedPolicies: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
    },
    'pay/invoicing.yaml': {
      zone: 'invoicing',
      department: 'pay',
      accounts: ['pay-prod', 'pay-dev'],
      access: ['secrets-editor'],
      owners: ['bob@example.com'],
      relayState: 'https://console.aws.amazon.com/secretsmanager/home',
    },
    'pay/payouts.yaml': {
      zone: 'payouts',
      department: 'pay',
      accounts: ['pay-dev'],
      access: ['rds-operator', 'logs-viewer'],
      customerManagedPolicies: ['team-tools'],
      permissionsBoundary: { name: 'zone-boundary' },
    },
    'ops/monitoring.yaml': {
      zone: 'monitoring',
      department: 'ops',
      accounts: ['ops-prod', 'ops-dev', 'pay-prod'],
      access: ['logs-viewer', 'secrets-reader'],
      managedPolicies: [
        'arn:aws:iam::aws:policy/job-function/ViewOnlyAccess',
        'arn:aws:iam::aws:policy/ReadOnlyAccess',
      ],
      customerManagedPolicies: [{ name: 'log-reader', path: '/ops/' }, 'team-tools'],
    },
    'ops/deploy.yaml': {
      zone: 'deploy',
      department: 'ops',
      accounts: ['ops-dev'],
      access: ['secrets-editor', 'rds-operator'],
      owners: ['carol@example.com', 'dave@example.com'],
      tags: { pipeline: 'main' },
    },
    'ops/oncall.yaml': {
      zone: 'oncall',
      department: 'ops',
      accounts: ['333333333333'],
      access: ['rds-operator'],
      sessionDuration: 'PT12H',
    },
  };
}

/** A small seeded PRNG (mulberry32), so every shuffle is reproducible from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Same object with its own keys in a shuffled order (nested objects and set-like lists shuffled too). */
export function shuffleDeep(
  value: unknown,
  random: () => number,
  orderedLists: ReadonlySet<string> = new Set(),
  key = '',
): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => shuffleDeep(v, random, orderedLists));
    return orderedLists.has(key) ? items : shuffled(items, random);
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => [k, shuffleDeep(v, random, orderedLists, k)] as const);
    return Object.fromEntries(shuffled(entries, random));
  }
  return value;
}
