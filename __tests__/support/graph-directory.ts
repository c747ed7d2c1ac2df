import { randomUUID } from 'node:crypto';
import type { GraphRoute } from './graph-server';

/**
 * The directory half of the Microsoft Graph stand-in (graph-server.ts serves it when given one):
 * users, groups with owners and members, app role assignments on service principals and access
 * package assignments, as `zone-access drift` and `doctor` read them and as a person in the Entra
 * admin center changes them. Shapes and paths follow the v1.0 reference:
 * - list groups: GET /groups?$filter=startswith(displayName,'x') | displayName eq 'x' (group-list)
 * - owners / members: GET /groups/{id}/owners|members, POST .../$ref, DELETE .../{id}/$ref
 *   (group-list-owners, group-post-members, group-delete-members)
 * - GET /users/{id | userPrincipalName}, GET /users/{id}/memberOf, PATCH /users/{id} (user-get)
 * - GET|POST /servicePrincipals/{id}/appRoleAssignedTo, DELETE .../appRoleAssignedTo/{id}
 *   (serviceprincipal-list-approleassignedto)
 * - GET /identityGovernance/entitlementManagement/accessPackages?$filter=displayName eq 'x',
 *   GET .../assignments?$filter=accessPackage/id eq 'x'&$expand=target (entitlementmanagement-list-assignments)
 * Collections page with `$top` and an absolute `@odata.nextLink`, as Graph does
 * (https://learn.microsoft.com/graph/paging). `throttle(n)` answers the next n reads with 429 and
 * Retry-After, Graph's throttling answer (https://learn.microsoft.com/graph/throttling).
 */

export interface DirectoryUser {
  readonly id: string;
  readonly userPrincipalName: string;
  accountEnabled: boolean;
}

export interface DirectoryGroup {
  readonly id: string;
  readonly displayName: string;
  /** Object ids (users or service principals). */
  readonly owners: Set<string>;
  /** Object ids. */
  readonly members: Set<string>;
}

export interface AppRoleAssignment {
  readonly id: string;
  readonly appRoleId: string;
  readonly principalId: string;
  readonly principalType: 'Group' | 'User' | 'ServicePrincipal';
  readonly resourceId: string;
}

export interface AccessPackageAssignment {
  readonly id: string;
  readonly accessPackageId: string;
  readonly userId: string;
  state: 'delivered' | 'expired' | 'delivering';
  /** ISO date-time, or none for no expiry. */
  readonly endDateTime?: string;
}

export interface DirectoryAnswer {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export class GraphDirectory {
  readonly users = new Map<string, DirectoryUser>();
  readonly servicePrincipals = new Set<string>();
  readonly groups = new Map<string, DirectoryGroup>();
  readonly appRoleAssignments = new Map<string, AppRoleAssignment>();
  readonly accessPackages = new Map<string, string>();
  readonly packageAssignments = new Map<string, AccessPackageAssignment>();
  private throttled = 0;
  /** Every request the directory answered: `<METHOD> <path>`. */
  readonly requests: string[] = [];

  addUser(userPrincipalName: string, id: string = randomUUID(), accountEnabled = true): DirectoryUser {
    const u = { id, userPrincipalName, accountEnabled };
    this.users.set(id, u);
    return u;
  }

  addServicePrincipal(id: string): void {
    this.servicePrincipals.add(id);
  }

  addGroup(
    displayName: string,
    id: string = randomUUID(),
    owners: readonly string[] = [],
    members: readonly string[] = [],
  ): DirectoryGroup {
    const g = { id, displayName, owners: new Set(owners), members: new Set(members) };
    this.groups.set(id, g);
    return g;
  }

  assignAppRole(
    principalId: string,
    resourceId: string,
    appRoleId: string,
    principalType: AppRoleAssignment['principalType'] = 'Group',
  ): AppRoleAssignment {
    const a = { id: randomUUID(), appRoleId, principalId, principalType, resourceId };
    this.appRoleAssignments.set(a.id, a);
    return a;
  }

  addAccessPackage(displayName: string, id: string = randomUUID()): string {
    this.accessPackages.set(id, displayName);
    return id;
  }

  addPackageAssignment(accessPackageId: string, userId: string, endDateTime?: string): AccessPackageAssignment {
    const a: AccessPackageAssignment = {
      id: randomUUID(),
      accessPackageId,
      userId,
      state: 'delivered',
      ...(endDateTime ? { endDateTime } : {}),
    };
    this.packageAssignments.set(a.id, a);
    return a;
  }

  groupByName(displayName: string): DirectoryGroup | undefined {
    return [...this.groups.values()].find((g) => g.displayName === displayName);
  }

  /** The next `n` GET requests are answered 429 with `Retry-After: retryAfterSeconds`. */
  throttle(n: number, retryAfterSeconds = 0): void {
    this.throttled = n;
    this.retryAfter = retryAfterSeconds;
  }
  private retryAfter = 0;

  private objectJson(id: string, select?: string): Record<string, unknown> | undefined {
    const u = this.users.get(id);
    const pick = (o: Record<string, unknown>) =>
      select
        ? Object.fromEntries(Object.entries(o).filter(([k]) => k === '@odata.type' || select.split(',').includes(k)))
        : o;
    if (u)
      return pick({
        '@odata.type': '#microsoft.graph.user',
        id: u.id,
        userPrincipalName: u.userPrincipalName,
        accountEnabled: u.accountEnabled,
      });
    if (this.servicePrincipals.has(id)) return pick({ '@odata.type': '#microsoft.graph.servicePrincipal', id });
    const g = this.groups.get(id);
    if (g) return pick({ '@odata.type': '#microsoft.graph.group', id: g.id, displayName: g.displayName });
    return undefined;
  }

  private user(key: string): DirectoryUser | undefined {
    const k = decodeURIComponent(key).toLowerCase();
    return this.users.get(k) ?? [...this.users.values()].find((u) => u.userPrincipalName.toLowerCase() === k);
  }

  /** A page of `all`, with an absolute nextLink while more remain. */
  private page(url: URL, base: string, all: readonly unknown[]): DirectoryAnswer {
    const top = Math.min(Number(url.searchParams.get('$top') ?? 100) || 100, 999);
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
    const body: Record<string, unknown> = { value: all.slice(skip, skip + top) };
    if (skip + top < all.length) {
      const next = new URL(url.toString());
      next.searchParams.set('$skiptoken', String(skip + top));
      body['@odata.nextLink'] = `${base}${next.pathname.replace(/^\/v1\.0/, '')}${next.search}`;
    }
    return { status: 200, body };
  }

  /** graph-server.ts's route: answers a request it knows, `undefined` for others. */
  readonly route: GraphRoute = ({ method, url, base, body }) => this.handle(method, url, base, body);

  private handle(method: string, url: URL, base: string, body: unknown): DirectoryAnswer | undefined {
    const path = url.pathname.replace(/^\/v1\.0/, '');
    const notFound = (what: string): DirectoryAnswer => ({
      status: 404,
      body: { error: { code: 'Request_ResourceNotFound', message: `Resource '${what}' does not exist` } },
    });
    const select = url.searchParams.get('$select') ?? undefined;
    let m: RegExpExecArray | null;
    const answer = (): DirectoryAnswer | undefined => {
      if (method === 'GET' && path === '/groups') {
        const filter = url.searchParams.get('$filter') ?? '';
        const starts = /^startswith\(displayName,'((?:[^']|'')*)'\)$/.exec(filter);
        const eq = /^displayName eq '((?:[^']|'')*)'$/.exec(filter);
        if (!starts && !eq) return undefined;
        const value = (starts ?? eq)![1]!.replace(/''/g, "'");
        const groups = [...this.groups.values()]
          .filter((g) =>
            starts ? g.displayName.toLowerCase().startsWith(value.toLowerCase()) : g.displayName === value,
          )
          .map((g) => ({ id: g.id, displayName: g.displayName }));
        return this.page(url, base, groups);
      }
      if (method === 'POST' && path === '/groups') {
        const g = this.addGroup(String((body as { displayName?: unknown }).displayName));
        return { status: 201, body: { id: g.id, displayName: g.displayName } };
      }
      if ((m = /^\/groups\/([^/]+)$/.exec(path)) && method === 'DELETE') {
        return this.groups.delete(m[1]!) ? { status: 204 } : notFound(m[1]!);
      }
      if ((m = /^\/groups\/([^/]+)\/(owners|members)(?:\/\$ref)?$/.exec(path))) {
        const g = this.groups.get(m[1]!);
        if (!g) return notFound(m[1]!);
        const set = m[2] === 'owners' ? g.owners : g.members;
        if (method === 'GET')
          return this.page(
            url,
            base,
            [...set].map((id) => this.objectJson(id, select)).filter((x) => x !== undefined),
          );
        if (method === 'POST') {
          const id = /([^/]+)$/.exec(String((body as Record<string, unknown>)['@odata.id'] ?? ''))?.[1] ?? '';
          if (!this.objectJson(id)) return notFound(id);
          if (set.has(id))
            return {
              status: 400,
              body: {
                error: {
                  code: 'Request_BadRequest',
                  message: 'One or more added object references already exist for the following modified properties.',
                },
              },
            };
          set.add(id);
          return { status: 204 };
        }
      }
      if ((m = /^\/groups\/([^/]+)\/(owners|members)\/([^/]+)\/\$ref$/.exec(path)) && method === 'DELETE') {
        const g = this.groups.get(m[1]!);
        if (!g) return notFound(m[1]!);
        return (m[2] === 'owners' ? g.owners : g.members).delete(m[3]!) ? { status: 204 } : notFound(m[3]!);
      }
      if ((m = /^\/users\/([^/]+)$/.exec(path))) {
        const u = this.user(m[1]!);
        if (!u) return notFound(decodeURIComponent(m[1]!));
        if (method === 'GET') return { status: 200, body: this.objectJson(u.id, select) };
        if (method === 'PATCH') {
          const enabled = (body as { accountEnabled?: unknown }).accountEnabled;
          if (typeof enabled === 'boolean') u.accountEnabled = enabled;
          return { status: 204 };
        }
      }
      if ((m = /^\/users\/([^/]+)\/memberOf$/.exec(path)) && method === 'GET') {
        const u = this.user(m[1]!);
        if (!u) return notFound(decodeURIComponent(m[1]!));
        return this.page(
          url,
          base,
          [...this.groups.values()].filter((g) => g.members.has(u.id)).map((g) => this.objectJson(g.id, select)),
        );
      }
      if ((m = /^\/servicePrincipals\/([^/]+)\/appRoleAssignedTo(?:\/([^/]+))?$/.exec(path))) {
        const sp = m[1]!;
        if (method === 'GET' && !m[2]) {
          return this.page(
            url,
            base,
            [...this.appRoleAssignments.values()]
              .filter((a) => a.resourceId === sp)
              .map((a) => ({
                id: a.id,
                appRoleId: a.appRoleId,
                principalId: a.principalId,
                principalType: a.principalType,
                principalDisplayName:
                  this.groups.get(a.principalId)?.displayName ??
                  this.users.get(a.principalId)?.userPrincipalName ??
                  null,
                resourceId: a.resourceId,
              })),
          );
        }
        if (method === 'POST' && !m[2]) {
          const b = body as { principalId: string; appRoleId: string };
          const a = this.assignAppRole(
            b.principalId,
            sp,
            b.appRoleId,
            this.groups.has(b.principalId) ? 'Group' : 'User',
          );
          return { status: 201, body: { id: a.id, ...b, resourceId: sp } };
        }
        if (method === 'DELETE' && m[2]) return this.appRoleAssignments.delete(m[2]) ? { status: 204 } : notFound(m[2]);
      }
      if (method === 'GET' && path === '/identityGovernance/entitlementManagement/accessPackages') {
        const eq = /^displayName eq '((?:[^']|'')*)'$/.exec(url.searchParams.get('$filter') ?? '');
        if (!eq) return undefined;
        const name = eq[1]!.replace(/''/g, "'");
        return this.page(
          url,
          base,
          [...this.accessPackages].filter(([, n]) => n === name).map(([id, displayName]) => ({ id, displayName })),
        );
      }
      if (method === 'GET' && path === '/identityGovernance/entitlementManagement/assignments') {
        const eq = /^accessPackage\/id eq '([^']*)'$/.exec(url.searchParams.get('$filter') ?? '');
        if (!eq) return undefined;
        return this.page(
          url,
          base,
          [...this.packageAssignments.values()]
            .filter((a) => a.accessPackageId === eq[1])
            .map((a) => ({
              id: a.id,
              state: a.state,
              schedule: {
                startDateTime: '2026-01-01T00:00:00Z',
                expiration: a.endDateTime
                  ? { type: 'afterDateTime', endDateTime: a.endDateTime }
                  : { type: 'noExpiration' },
              },
              target: { objectId: a.userId, principalName: this.users.get(a.userId)?.userPrincipalName ?? null },
            })),
        );
      }
      return undefined;
    };
    const known = answer();
    if (known === undefined) return undefined;
    if (method === 'GET' && this.throttled > 0) {
      this.throttled--;
      return {
        status: 429,
        body: { error: { code: 'TooManyRequests', message: 'Too many requests' } },
        headers: { 'Retry-After': String(this.retryAfter) },
      };
    }
    this.requests.push(`${method} ${path}`);
    return known;
  }
}
