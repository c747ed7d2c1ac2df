import { join } from 'node:path';
import { loadPlatformConfig } from '../../model/load-platform-config';
import { renderPolicy, zonePolicy, type PolicyDocument } from '../../policies/zone-policy';
import { ALLOW_ALL, arnOf, requestTagContext, resourceTagContext, simulate } from '../policies/simulate';
import { taggingWithoutResourceTag } from './tagging-without-resource-tag';
import { docsPage } from '../support/readme';

/**
 * A limit of the tag guards, found in review: `GuardZoneTagChange` ("never re-tag a resource of another
 * zone into this one") needs `aws:ResourceTag/<key>` in the request, and for some tagging actions AWS's
 * service reference lists no `aws:ResourceTag` (on the action, or on one of its resource types). For
 * those, a zone role that an allow-listed policy lets tag can overwrite another zone's tag with its own.
 * docs/security.md ("What they cannot guarantee") lists them; this test derives the list from AWS's data,
 * checks docs/security.md names each, and shows the outcome on the synthesized policy of a sample zone next to
 * `Allow *` (the request context holds what AWS fills in: the new tag, not the resource's tag). It fails
 * when AWS's data or the guards change, so the page is corrected then.
 */

const K = 'entigo:zone';
jest.setTimeout(120_000);

const { config } = loadPlatformConfig(join(__dirname, '../../config/platform.yaml'));
const policy = (zone: string, access: string[]): PolicyDocument =>
  JSON.parse(renderPolicy(zonePolicy({ name: zone, access }, config!))) as PolicyDocument;

test("tagging actions for which AWS gives no aws:ResourceTag: docs/security.md names each; next to Allow *, a zone overwrites another zone's tag with its own through them", async () => {
  const found = await taggingWithoutResourceTag();
  expect(found.map((f) => f.action)).toEqual(
    expect.arrayContaining(['servicediscovery:TagResource', 'workspaces:CreateTags']),
  );
  const readme = docsPage('security.md');
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
  for (const [action, service, type] of [
    ['secretsmanager:TagResource', 'secretsmanager', 'Secret'],
    ['rds:AddTagsToResource', 'rds', 'db'],
    ['lambda:TagResource', 'lambda', 'function'],
  ]) {
    const context = {
      ...(await resourceTagContext(service, type, K, 'logistics-prod-1')),
      ...(await requestTagContext(action, { [K]: 'payments-prod-1' })),
    };
    expect({
      action,
      outcome: await simulate([p, ALLOW_ALL], action, await arnOf(service, type, 'logistics-res'), context),
    }).toEqual({ action, outcome: 'ExplicitlyDenied' });
  }
});
