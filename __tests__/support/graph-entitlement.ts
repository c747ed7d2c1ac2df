import { randomUUID } from 'node:crypto';
import type { GraphRoute } from './graph-server';

/**
 * Entitlement management endpoints for the Graph stand-in (graph-server.ts `routes`), as Microsoft
 * Graph v1.0 documents them (microsoftgraph/microsoft-graph-docs-contrib, api-reference/v1.0/):
 *
 * - `GET /identityGovernance/entitlementManagement/assignments?$filter=accessPackage/id eq '<id>'`
 *   (optionally `&$expand=target`): the package's assignments, `pageSize` per page with an absolute
 *   `@odata.nextLink` (api/entitlementmanagement-list-assignments.md; states from
 *   resources/accesspackageassignment.md).
 * - `POST /identityGovernance/entitlementManagement/assignmentRequests` with `{ requestType:
 *   "adminRemove", assignment: { id } }`: 201 with the request (state submitted); the removal is
 *   asynchronous, the assignment shows `expired` after `removalListings` further listings of its
 *   package (api/entitlementmanagement-post-assignmentrequests.md, example 2).
 * - `DELETE /identityGovernance/entitlementManagement/accessPackages/{id}`: refused while the package
 *   has any assignment that is not expired ("You cannot delete an access package if it has any
 *   accessPackageAssignment", api/accesspackage-delete.md), 204 otherwise. This is the call the
 *   azuread provider makes on destroy (access_package_resource.go:188-198 at v3.7.0).
 *
 * Errors can be scripted per endpoint (429 with Retry-After, 5xx, 403).
 */

export interface StandInAssignment {
  readonly id: string;
  state: 'delivering' | 'partiallyDelivered' | 'delivered' | 'expired' | 'deliveryFailed';
  readonly target: { readonly objectId: string; readonly displayName: string };
  /** Listings of its package left before a requested removal shows (state expired); Infinity: never. */
  removalIn?: number;
}

export interface ScriptedError {
  readonly status: number;
  readonly code?: string;
  readonly retryAfterSeconds?: number;
}

export interface EntitlementOptions {
  /** Package id → its display name and assignments (target display names; state default delivered). */
  readonly packages: Readonly<
    Record<
      string,
      {
        readonly displayName?: string;
        readonly assignments: readonly (
          string | { readonly name: string; readonly state: StandInAssignment['state'] }
        )[];
      }
    >
  >;
  /** Assignments per page of the list. Default 100. */
  readonly pageSize?: number;
  /** Further listings of the package after which a removed assignment shows as expired. Default 1. */
  readonly removalListings?: number;
  /** Errors answered to the first POSTs of assignmentRequests, in order. */
  readonly requestErrors?: readonly ScriptedError[];
  /** Errors answered to the first GETs of assignments, in order. */
  readonly listErrors?: readonly ScriptedError[];
}

export interface EntitlementStandIn {
  readonly route: GraphRoute;
  readonly packages: Map<string, { displayName: string; assignments: StandInAssignment[] }>;
  /** Assignment ids in the order their removal was requested. */
  readonly removalRequests: string[];
  /** Package ids whose DELETE was refused, in order. */
  readonly refusedDeletes: string[];
}

const PREFIX = '/v1.0/identityGovernance/entitlementManagement';

export function entitlementStandIn(options: EntitlementOptions): EntitlementStandIn {
  const packages = new Map(
    Object.entries(options.packages).map(([id, p]) => [
      id,
      {
        displayName: p.displayName ?? `package ${id}`,
        assignments: p.assignments.map((a): StandInAssignment => {
          const { name, state } = typeof a === 'string' ? { name: a, state: 'delivered' as const } : a;
          return { id: randomUUID(), state, target: { objectId: randomUUID(), displayName: name } };
        }),
      },
    ]),
  );
  const requestErrors = [...(options.requestErrors ?? [])];
  const listErrors = [...(options.listErrors ?? [])];
  const pageSize = options.pageSize ?? 100;
  const removalListings = options.removalListings ?? 1;
  const error = (e: ScriptedError) => ({
    status: e.status,
    body: { error: { code: e.code ?? 'Error', message: `scripted ${e.status}` } },
    ...(e.retryAfterSeconds !== undefined ? { headers: { 'Retry-After': String(e.retryAfterSeconds) } } : {}),
  });
  const standIn: EntitlementStandIn = {
    packages,
    removalRequests: [],
    refusedDeletes: [],
    route: ({ method, url, body, base }) => {
      if (method === 'GET' && url.pathname === `${PREFIX}/assignments`) {
        const e = listErrors.shift();
        if (e) return error(e);
        const m = /^accessPackage\/id eq '([^']+)'$/.exec(url.searchParams.get('$filter') ?? '');
        if (!m)
          return {
            status: 400,
            body: { error: { code: 'BadRequest', message: 'the stand-in needs $filter=accessPackage/id eq ...' } },
          };
        const p = packages.get(m[1]!);
        const skip = Number(url.searchParams.get('$skiptoken') ?? '0');
        if (p && skip === 0) {
          // A listing moves asynchronous work on: requested removals take effect before it answers.
          for (const a of p.assignments) {
            if (a.removalIn === undefined) continue;
            a.removalIn--;
            if (a.removalIn < 0) {
              a.state = 'expired';
              delete a.removalIn;
            }
          }
        }
        const all = p?.assignments ?? [];
        const expand = (url.searchParams.get('$expand') ?? '').split(',').includes('target');
        const value = all.slice(skip, skip + pageSize).map((a) => ({
          id: a.id,
          state: a.state,
          status: a.state === 'expired' ? 'Expired' : 'Delivered',
          ...(expand ? { target: a.target } : {}),
        }));
        // Deliveries complete after a listing saw them in progress.
        if (p && skip === 0) for (const a of p.assignments) if (a.state === 'delivering') a.state = 'delivered';
        const more = skip + pageSize < all.length;
        const next = new URL(`${base}/identityGovernance/entitlementManagement/assignments`);
        next.searchParams.set('$filter', m[0].replace(/^accessPackage\/id eq /, 'accessPackage/id eq '));
        if (expand) next.searchParams.set('$expand', 'target');
        next.searchParams.set('$skiptoken', String(skip + pageSize));
        return { status: 200, body: { value, ...(more ? { '@odata.nextLink': next.toString() } : {}) } };
      }
      if (method === 'POST' && url.pathname === `${PREFIX}/assignmentRequests`) {
        const e = requestErrors.shift();
        if (e) return error(e);
        const b = body as { requestType?: string; assignment?: { id?: string } } | undefined;
        if (b?.requestType !== 'adminRemove')
          return {
            status: 400,
            body: { error: { code: 'BadRequest', message: 'the stand-in supports requestType adminRemove only' } },
          };
        const id = b.assignment?.id;
        const a = [...packages.values()].flatMap((p) => p.assignments).find((x) => x.id === id);
        if (!a) return { status: 404, body: { error: { code: 'ResourceNotFound', message: `no assignment ${id}` } } };
        if (a.state === 'expired')
          return { status: 400, body: { error: { code: 'BadRequest', message: `assignment ${id} is expired` } } };
        standIn.removalRequests.push(a.id);
        if (a.removalIn === undefined) a.removalIn = removalListings - 1;
        return {
          status: 201,
          body: { id: randomUUID(), requestType: 'adminRemove', state: 'submitted', status: 'Accepted' },
        };
      }
      const del = new RegExp(`^${PREFIX}/accessPackages/([^/]+)$`).exec(url.pathname);
      if (method === 'DELETE' && del) {
        const p = packages.get(del[1]!);
        if (!p)
          return { status: 404, body: { error: { code: 'ResourceNotFound', message: `no access package ${del[1]}` } } };
        if (p.assignments.some((a) => a.state !== 'expired')) {
          standIn.refusedDeletes.push(del[1]!);
          return {
            status: 400,
            body: {
              error: {
                code: 'BadRequest',
                message: 'You cannot delete an access package if it has any accessPackageAssignment.',
              },
            },
          };
        }
        packages.delete(del[1]!);
        return { status: 204 };
      }
      return undefined;
    },
  };
  return standIn;
}
