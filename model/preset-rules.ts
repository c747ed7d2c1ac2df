import { iamAction, iamResourceTypes, resourceTypesOf, type IamAction } from './iam-data';
import { isUnscopedRead } from './unscoped-reads';
import type { ZoneScope } from './types';

/**
 * The preset rules (README, "Adding a preset"), enforced for every platform-config preset from
 * AWS's service reference (`./iam-data`), not from a hand list:
 *
 * - `none` (unscoped) only for the reviewed metadata-only reads of `./unscoped-reads`: anything
 *   else unscoped reaches every zone's resources or returns their data. The message says which:
 *   a Write; a Read or List that can name a resource (any resource type, optional or not); or one
 *   that names none but is not reviewed (its response may hold data: command output, environment).
 * - `resource-tag` only where AWS can evaluate the zone tag: the resource types the action is
 *   authorized against must support `aws:ResourceTag`; and not when the request can also name another
 *   resource of the service that IAM sees only as a condition key, never by its tags (`ecs:UpdateService`
 *   with `ecs:task-definition`: the zone's service onto another zone's task definition and task role).
 * - No `Permissions management` action with a zone scope: a policy or grant on a zone's resource
 *   decides what others, or the resource itself, may do (`iam:PutRolePolicy` on a role tagged with the
 *   zone gives that role anything, in every zone). `none` refuses them as non-reads already.
 * - `request-tag` only for plain creates: a Write action AWS describes as creating, that supports
 *   `aws:RequestTag`, and that acts on exactly one resource type (the new one); not one that also
 *   updates an existing resource of the name it is given (`Put…`, "create or update"). An action that also
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
/** Creates whose name says they start from an existing resource. */
const COPIES_FROM_SOURCE = /^(Copy|Restore|Clone|Replicate|Import|Duplicate)/;
/**
 * Creates that also update or replace an existing resource of the same name: AWS's `Put…` actions
 * and descriptions such as "create or update a composite alarm" (cloudwatch:PutCompositeAlarm, which
 * per its API reference ignores the request's tags when it updates).
 */
const UPSERT_NAME = /^Put/;
const UPSERT_DESCRIPTION = /\b(or|and)\s+(update|replace|overwrite)s?\b|\/update\b|already exists/i;
const REQUEST_TAG = 'aws:RequestTag/${TagKey}';
const UNSCOPED_READS_FILE = 'model/unscoped-reads.ts';

export function checkPresetStatement(statement: {
  readonly actions: readonly string[];
  readonly scope: ZoneScope;
}): PresetRuleProblem[] {
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
    if (why)
      problems.push({
        index,
        code: 'scope-not-allowed',
        message: `${id} cannot have scope ${statement.scope}: ${why.message}`,
        hint: why.hint,
      });
  });
  return problems;
}

function reasonAgainst(action: IamAction, scope: ZoneScope): { message: string; hint: string } | undefined {
  const types = resourceTypesOf(action);
  const required = types.filter((t) => t.required);
  const tagScopable = (t: (typeof types)[number]) => t.type.conditionKeys.includes(RESOURCE_TAG);
  const names = (ts: typeof types) => ts.map((t) => t.type.name).join(', ');
  const levels = action.accessLevels.join('/');
  const resourceTagHint = types.some(tagScopable)
    ? 'use scope resource-tag'
    : 'AWS cannot scope it to tagged resources: leave it out of presets';

  const permissions = {
    message:
      "it is a Permissions management action: a policy or grant decides what others, or the resource itself, may do beyond the zone's tag " +
      '(iam:PutRolePolicy on a role tagged with the zone gives that role anything, in every zone)',
    hint: "leave it out of presets: policies and grants are the platform's",
  };

  switch (scope) {
    case 'none': {
      // Only the reviewed metadata-only reads (./unscoped-reads): unscoped, an action reaches every
      // zone's resources, and AWS's access levels do not say whether a response holds data.
      if (isUnscopedRead(action.id)) return undefined;
      if (!action.accessLevels.every((l) => l === 'List' || l === 'Read')) {
        return {
          message: `it is a ${levels} action, and unscoped every zone could use it on every zone's resources`,
          hint: resourceTagHint,
        };
      }
      // Any listed resource type, optional or not, means the request can name a resource
      // (s3:GetObject's object, es:ESHttpGet's domain): unscoped, every zone's.
      if (types.length > 0) {
        const particular = required.length > 0 ? required : types;
        return {
          message: `it reads a particular ${names(particular)}, and unscoped every zone could read every zone's`,
          hint: resourceTagHint,
        };
      }
      return {
        message:
          `it names no resource, but it is not on the reviewed list of metadata-only reads (${UNSCOPED_READS_FILE}): ` +
          "unscoped, its response may hold every zone's data (ssm:GetCommandInvocation returns command output, lambda:ListFunctions environment variables)",
        hint: `leave it out of presets; if its response (API reference) holds only names and metadata, propose it for ${UNSCOPED_READS_FILE} with that reason`,
      };
    }
    case 'resource-tag': {
      if (action.accessLevels.includes('Permissions management')) return permissions;
      if (types.length === 0) {
        return {
          message:
            'AWS authorizes it against no resource type, so there is no resource tag to compare with the zone (every request would be denied)',
          hint: isUnscopedRead(action.id)
            ? 'use scope none (it is a reviewed metadata-only read that names no resource)'
            : `leave it out of presets (it names no resource and is not on the reviewed list of metadata-only reads, ${UNSCOPED_READS_FILE})`,
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
      const pointsElsewhere = keysNamingOtherResources(action);
      if (pointsElsewhere.length > 0) {
        return {
          message:
            `its request can name other resources of the service (${pointsElsewhere.join(', ')}), which IAM compares by ARN only, never by their zone tag: ` +
            "the zone could point its own resource at another zone's (ecs:UpdateService onto another zone's task definition and task role)",
          hint: 'leave it out of config presets; a built-in preset can require those keys to be absent (ecs-deployer)',
        };
      }
      return undefined;
    }
    case 'request-tag': {
      if (action.accessLevels.includes('Permissions management')) return permissions;
      const hint = "use scope resource-tag (every resource it touches must then be the zone's) or leave it out";
      if (action.accessLevels.includes('Tagging')) {
        return {
          message:
            'a tagging action with the zone tag on the request would let the zone claim any resource that has no zone tag yet; ' +
            'AWS has no condition key that tells tagging a new resource from tagging an existing one',
          hint: "use scope resource-tag to manage tags of the zone's own resources",
        };
      }
      if (!action.accessLevels.includes('Write') || !/^Grants permission to create\b/i.test(action.description)) {
        return {
          message: `it is not a create action (AWS: "${action.description}"); request-tag is for creating resources tagged with the zone`,
          hint,
        };
      }
      if (
        !action.conditionKeys.includes(REQUEST_TAG) &&
        !types.some((t) => t.type.conditionKeys.includes(REQUEST_TAG))
      ) {
        return {
          message: 'it does not support aws:RequestTag, so the request cannot be required to carry the zone tag',
          hint: 'leave it out of presets',
        };
      }
      // AWS's descriptions are not always precise ("create a snapshot" for a copy), so the name and
      // the condition keys are read too: a copy or restore has a source, and a key named after one of
      // the service's resource types (ecs:service, ecs:task-definition) names another resource the
      // create uses. Either could be a resource of no zone, which no tag condition tells apart.
      if (COPIES_FROM_SOURCE.test(action.name)) {
        return {
          message:
            `its name says it creates from a source (${action.name}): a source with no zone tag passes every tag condition, ` +
            'so the zone could copy or restore resources of no zone',
          hint,
        };
      }
      if (UPSERT_NAME.test(action.name) || UPSERT_DESCRIPTION.test(action.description)) {
        return {
          message:
            `it also updates or replaces an existing resource of that name (AWS: "${action.description}"): one with no zone tag passes every tag ` +
            'condition, and an update keeps the tags the resource had, so the zone could overwrite resources of no zone',
          hint,
        };
      }
      const serviceTypes = new Set([...iamResourceTypes(action.service).keys()].map((t) => t.toLowerCase()));
      const naming = action.conditionKeys.filter((k) => serviceTypes.has(k.slice(k.indexOf(':') + 1).toLowerCase()));
      if (naming.length > 0) {
        return {
          message:
            `its request names other resources of the service (${naming.join(', ')}): one with no zone tag passes every tag condition, ` +
            'so the zone could build on resources of no zone',
          hint,
        };
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

/** The names in a resource type's ARN format (`ClusterName`, `TaskId`), without partition, region and account. */
function arnNames(arn: string): string[] {
  return [...arn.matchAll(/\$\{([^}]+)\}/g)].map((m) => m[1]).filter((n) => !ARN_LOCATION.has(n));
}
const ARN_LOCATION = new Set(['Partition', 'Region', 'Account']);

/**
 * Condition keys of an action named after a resource type of its service (`ecs:task-definition`,
 * `ecs:capacity-provider`, `lambda:Layer`): the request names such a resource, and IAM compares the key's
 * value (an ARN), never that resource's tags. Left out: the types the request is authorized against (IAM
 * checks their tags) and their parents, a type whose ARN names all appear in an authorized type's ARN
 * (`ecs:cluster` for a task, `task/${ClusterName}/${TaskId}`: the cluster the task already is in).
 */
function keysNamingOtherResources(action: IamAction): string[] {
  const serviceTypes = iamResourceTypes(action.service);
  const authorized = resourceTypesOf(action).map((t) => arnNames(t.type.arn));
  return action.conditionKeys.filter((key) => {
    const type = serviceTypes.get(key.slice(key.indexOf(':') + 1).toLowerCase());
    if (!type) return false;
    const names = arnNames(type.arn);
    return !authorized.some((inside) => names.every((n) => inside.includes(n)));
  });
}
