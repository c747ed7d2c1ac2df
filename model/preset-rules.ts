import { iamAction, resourceTypesOf, type IamAction } from './iam-data';
import type { ZoneScope } from './types';

/**
 * The preset rules (README, "Adding a preset"), enforced for every platform-config preset from
 * AWS's service reference (`./iam-data`), not from a hand list:
 *
 * - `none` (unscoped) only for List actions, and Read actions that need no particular resource:
 *   a Read that names a resource could be scoped, and unscoped it would reach every zone's
 *   resources. (List actions return names and listing metadata; the same line item 6's managed
 *   policy analysis draws.)
 * - `resource-tag` only where AWS can evaluate the zone tag: the resource types the action is
 *   authorized against must support `aws:ResourceTag`.
 * - `request-tag` only for plain creates: a Write action AWS describes as creating, that supports
 *   `aws:RequestTag`, and that acts on exactly one resource type (the new one). An action that also
 *   acts on a source or dependency (a snapshot to copy, an instance to snapshot) is rejected: the
 *   source passes every tag condition when it has no zone tag, since nothing tells it apart from
 *   the resource being created. Tagging actions are rejected too: as tag-on-create companions they
 *   would let a zone claim any untagged resource of the service (the built-in secrets-editor is the
 *   one exception, fenced by the zone name prefix).
 */

export interface PresetRuleProblem {
  /** Index of the action in the statement's `actions`. */
  readonly index: number;
  readonly code: 'unknown-action' | 'scope-not-allowed';
  readonly message: string;
  readonly hint: string;
}

const RESOURCE_TAG = 'aws:ResourceTag/${TagKey}';
const REQUEST_TAG = 'aws:RequestTag/${TagKey}';

export function checkPresetStatement(statement: { readonly actions: readonly string[]; readonly scope: ZoneScope }): PresetRuleProblem[] {
  const problems: PresetRuleProblem[] = [];
  statement.actions.forEach((id, index) => {
    const action = iamAction(id);
    if (!action) {
      problems.push({
        index,
        code: 'unknown-action',
        message: `${id} is not an action in AWS's service reference`,
        hint: 'check the spelling against the Service Authorization Reference (https://docs.aws.amazon.com/service-authorization/latest/reference/)',
      });
      return;
    }
    const why = reasonAgainst(action, statement.scope);
    if (why) problems.push({ index, code: 'scope-not-allowed', message: `${id} cannot have scope ${statement.scope}: ${why.message}`, hint: why.hint });
  });
  return problems;
}

function reasonAgainst(action: IamAction, scope: ZoneScope): { message: string; hint: string } | undefined {
  const types = resourceTypesOf(action);
  const required = types.filter((t) => t.required);
  const tagScopable = (t: (typeof types)[number]) => t.type.conditionKeys.includes(RESOURCE_TAG);
  const names = (ts: typeof types) => ts.map((t) => t.type.name).join(', ');
  const levels = action.accessLevels.join('/');
  const resourceTagHint = types.some(tagScopable) ? 'use scope resource-tag' : 'AWS cannot scope it to tagged resources: leave it out of presets';

  switch (scope) {
    case 'none': {
      if (!action.accessLevels.every((l) => l === 'List' || l === 'Read')) {
        return { message: `it is a ${levels} action, and unscoped every zone could use it on every zone's resources`, hint: resourceTagHint };
      }
      // List actions return names and listing metadata, never a resource's data; the catalog grants
      // them unscoped too (some, like ecs:ListTasks, are authorized against a parent resource).
      if (required.length > 0 && !action.accessLevels.every((l) => l === 'List')) {
        return { message: `it reads a particular ${names(required)}, and unscoped every zone could read every zone's`, hint: resourceTagHint };
      }
      return undefined;
    }
    case 'resource-tag': {
      if (types.length === 0) {
        return {
          message: 'AWS authorizes it against no resource type, so there is no resource tag to compare with the zone (every request would be denied)',
          hint: action.accessLevels.every((l) => l === 'List' || l === 'Read') ? 'use scope none (it only lists or reads without naming a resource)' : 'leave it out of presets',
        };
      }
      const targets = required.length > 0 ? required : types;
      const unscopable = targets.filter((t) => !tagScopable(t));
      if (required.length > 0 ? unscopable.length > 0 : unscopable.length === targets.length) {
        return {
          message: `its resource type ${names(unscopable)} does not support aws:ResourceTag, so the zone condition never matches (every request would be denied)`,
          hint: 'leave it out of presets',
        };
      }
      return undefined;
    }
    case 'request-tag': {
      const hint = 'use scope resource-tag (every resource it touches must then be the zone\'s) or leave it out';
      if (action.accessLevels.includes('Tagging')) {
        return {
          message:
            'a tagging action with the zone tag on the request would let the zone claim any resource that has no zone tag yet; ' +
            'AWS has no condition key that tells tagging a new resource from tagging an existing one',
          hint: 'use scope resource-tag to manage tags of the zone\'s own resources',
        };
      }
      if (!action.accessLevels.includes('Write') || !/^Grants permission to create\b/i.test(action.description)) {
        return { message: `it is not a create action (AWS: "${action.description}"); request-tag is for creating resources tagged with the zone`, hint };
      }
      if (!action.conditionKeys.includes(REQUEST_TAG) && !types.some((t) => t.type.conditionKeys.includes(REQUEST_TAG))) {
        return { message: 'it does not support aws:RequestTag, so the request cannot be required to carry the zone tag', hint: 'leave it out of presets' };
      }
      if (types.length !== 1) {
        return {
          message:
            `it acts on ${names(types)}: besides the resource it creates, a source or dependency. One with no zone tag passes every tag ` +
            'condition (nothing tells it apart from the new resource), so the zone could copy or use resources of no zone',
          hint,
        };
      }
      return undefined;
    }
    default:
      return { message: `unknown scope`, hint: 'use resource-tag, request-tag or none' };
  }
}
