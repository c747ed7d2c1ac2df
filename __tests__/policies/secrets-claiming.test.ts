import { join } from 'node:path';
import { loadPlatformConfig, platformConfigWarnings } from '../../model/load-platform-config';
import type { PlatformConfig } from '../../model/types';
import { renderPolicy, zonePolicy, type PolicyDocument, type PolicyStatement } from '../../policies/zone-policy';
import { baseConfig, writeTree } from '../support/tree';
import { ALLOW_ALL, arnOf, requestTagContext, resourceTagContext, simulate, type Outcome } from './simulate';

/**
 * With the default config no zone can claim an untagged secret by tagging it with its
 * own zone (and then read it): not a legacy secret (`legacy/db-master`), not a secret another AWS
 * service manages (`rds!db-…`, which `DescribeDBInstances` reveals to every zone), whatever else the
 * zone's role is allowed (`Allow *` stands in for an allow-listed managed policy). The zone's own
 * workflows keep working: create a secret named `<zone>/…` (tag-on-create), change and rotate it.
 */

const K = 'entigo:zone';
const ZONE = 'prod';
const RDS_SECRET = 'rds!db-0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';

function load(config: Record<string, unknown>): PlatformConfig {
  const { configPath } = writeTree({ config: { ...config, departments: { alpha: {} } }, zones: {} });
  const { config: loaded, diagnostics } = loadPlatformConfig(configPath);
  if (!loaded) throw new Error(`config does not load: ${JSON.stringify(diagnostics)}`);
  return loaded;
}

const SHIPPED = (() => {
  const { config, diagnostics } = loadPlatformConfig(join(__dirname, '../../config/platform.yaml'));
  if (!config) throw new Error(`config/platform.yaml does not load: ${JSON.stringify(diagnostics)}`);
  return config;
})();
/** A config that says nothing about secrets: the defaults. */
const DEFAULTS = load(baseConfig());
const OPTED_OUT = load(baseConfig({ secrets: { zoneNamePrefix: false } }));

const policy = (config: PlatformConfig, access: string[], zone = ZONE): PolicyDocument =>
  JSON.parse(renderPolicy(zonePolicy({ name: zone, access }, config))) as PolicyDocument;
const secret = (name: string) => arnOf('secretsmanager', 'Secret', `${name}-AbCdEf`);

/** `TagResource` setting the zone tag `value` on the secret `name`, which carries the zone tag `owner` (none when undefined). */
async function tag(policies: PolicyDocument[], name: string, value: string, owner?: string): Promise<Outcome> {
  return simulate(policies, 'secretsmanager:TagResource', await secret(name), {
    ...(await resourceTagContext('secretsmanager', 'Secret', K, owner)),
    ...(await requestTagContext('secretsmanager:TagResource', { [K]: value })),
  });
}

async function create(policies: PolicyDocument[], name: string, value: string): Promise<Outcome> {
  return simulate(policies, 'secretsmanager:CreateSecret', await secret(name), {
    ...(await requestTagContext('secretsmanager:CreateSecret', { [K]: value })),
    'secretsmanager:Name': name,
  });
}

async function onOwn(
  policies: PolicyDocument[],
  action: string,
  name: string,
  owner: string | undefined,
  extra: Record<string, string> = {},
): Promise<Outcome> {
  return simulate(policies, action, await secret(name), {
    ...(await resourceTagContext('secretsmanager', 'Secret', K, owner)),
    ...extra,
  });
}

const without = (doc: PolicyDocument, sid: string): PolicyDocument => ({
  ...doc,
  Statement: doc.Statement.filter((s: PolicyStatement) => s.Sid !== sid),
});

describe('the default config: untagged secrets cannot be claimed', () => {
  test("the shipped config and a config without `secrets` both keep zone secrets in the zone's name space", () => {
    expect(DEFAULTS.secrets.zoneNamePrefix).toBe(true);
    expect(SHIPPED.secrets.zoneNamePrefix).toBe(true);
  });

  test.each([
    ['the shipped config/platform.yaml', SHIPPED],
    ['a config without secrets:', DEFAULTS],
  ])(
    '%s: TagResource with the own zone on an untagged legacy or RDS-managed secret is denied, also next to Allow *',
    async (_label, config) => {
      const editor = policy(config, ['secrets-editor']);
      const bare = policy(config, []);
      for (const name of ['legacy/db-master', RDS_SECRET, 'dev/app', `${ZONE}-1/app`, `x/${ZONE}/app`]) {
        expect({ name, editor: await tag([editor], name, ZONE) }).toEqual({ name, editor: 'ExplicitlyDenied' });
        expect({ name, editorAllowAll: await tag([editor, ALLOW_ALL], name, ZONE) }).toEqual({
          name,
          editorAllowAll: 'ExplicitlyDenied',
        });
        // A zone without any secrets preset, with an over-broad managed policy: still denied.
        expect({ name, bareAllowAll: await tag([bare, ALLOW_ALL], name, ZONE) }).toEqual({
          name,
          bareAllowAll: 'ExplicitlyDenied',
        });
        // And so the value stays out of reach (it never carries the zone tag).
        expect({ name, read: await onOwn([editor], 'secretsmanager:GetSecretValue', name, undefined) }).toEqual({
          name,
          read: 'ImplicitlyDenied',
        });
      }
    },
  );

  test("the own zone's workflows still work: create <zone>/… with its tag (tag-on-create), change, rotate, delete", async () => {
    const editor = policy(DEFAULTS, ['secrets-editor']);
    const name = `${ZONE}/app`;
    expect(await create([editor], name, ZONE)).toBe('Allowed');
    expect(await tag([editor], name, ZONE)).toBe('Allowed'); // the TagResource half of CreateSecret with tags
    for (const action of [
      'secretsmanager:PutSecretValue',
      'secretsmanager:UpdateSecret',
      'secretsmanager:RotateSecret',
      'secretsmanager:DeleteSecret',
      'secretsmanager:GetSecretValue',
    ]) {
      expect({ action, outcome: await onOwn([editor], action, name, ZONE) }).toEqual({ action, outcome: 'Allowed' });
    }
    // Creating outside the name space is refused, and explains nothing away next to Allow *.
    expect(await create([editor], 'app', ZONE)).toBe('ExplicitlyDenied');
    expect(await create([editor, ALLOW_ALL], 'legacy/app', ZONE)).toBe('ExplicitlyDenied');
  });

  test('the guard has teeth: without GuardSecretNamePrefix the legacy secret is claimable again', async () => {
    const weakened = without(policy(DEFAULTS, ['secrets-editor']), 'GuardSecretNamePrefix');
    expect(await tag([weakened], 'legacy/db-master', ZONE)).toBe('Allowed');
    expect(await tag([weakened], RDS_SECRET, ZONE)).toBe('Allowed');
  });
});

describe('the explicit opt-out (secrets.zoneNamePrefix: false)', () => {
  test('validate warns about it, naming the risk', () => {
    expect(platformConfigWarnings(DEFAULTS).map((w) => w.field)).not.toContain('secrets.zoneNamePrefix');
    const warning = platformConfigWarnings(OPTED_OUT).find((w) => w.field === 'secrets.zoneNamePrefix');
    expect(warning).toMatchObject({ severity: 'warning', code: 'secrets-claimable' });
    expect(warning!.message).toMatch(/untagged secret/);
  });

  test('is the documented risk for legacy secrets, but secrets managed by another service stay out of reach', async () => {
    const editor = policy(OPTED_OUT, ['secrets-editor']);
    expect(await tag([editor], 'legacy/db-master', ZONE)).toBe('Allowed');
    expect(await create([editor], 'app', ZONE)).toBe('Allowed');
    expect(await tag([editor], RDS_SECRET, ZONE)).toBe('ExplicitlyDenied');
    expect(await tag([policy(OPTED_OUT, []), ALLOW_ALL], RDS_SECRET, ZONE)).toBe('ExplicitlyDenied');
    const weakened = without(editor, 'GuardServiceManagedSecret');
    expect(await tag([weakened], RDS_SECRET, ZONE)).toBe('Allowed');
  });
});

describe('the name guards concern the zone tag only', () => {
  // Without the zone tag in the request, a tag or create is none of the name guards' business: what
  // another policy of the role (here Allow *) grants for other tags stays granted. (A create without
  // the zone tag is denied by GuardCreateWithoutZoneTag, taken out here to look at the name guard alone.)
  test.each([
    ['the default', DEFAULTS, 'legacy/db-master'],
    ['the opt-out', OPTED_OUT, RDS_SECRET],
  ])(
    '%s: next to Allow *, tagging or creating outside the name space without the zone tag is not denied',
    async (_n, config, name) => {
      const policies = [without(policy(config, ['secrets-editor']), 'GuardCreateWithoutZoneTag'), ALLOW_ALL];
      const otherTag = async (action: string) =>
        simulate(policies, action, await secret(name), {
          ...(await resourceTagContext('secretsmanager', 'Secret', K, undefined)),
          ...(await requestTagContext(action, { team: 'payments' })),
          'secretsmanager:Name': name,
        });
      expect(await otherTag('secretsmanager:TagResource')).toBe('Allowed');
      expect(await otherTag('secretsmanager:CreateSecret')).toBe('Allowed');
      // The same request with the zone tag is what the guard exists for.
      expect(await tag(policies, name, ZONE)).toBe('ExplicitlyDenied');
    },
  );
});
