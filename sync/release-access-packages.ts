import type { TokenCredential } from '@azure/identity';
import { graphCredential } from './azure-credential';
import { GRAPH_ENDPOINT_ENV, GraphError, createGraphClient, type GraphClient } from './graph-client';
import { RequestWindow, backoffMs, classifyGraphError, type Rate } from './graph-rate';
import { formatDuration } from './progress';

/**
 * Releasing the access packages a Terraform plan is about to destroy: removing their remaining
 * assignments through Microsoft Graph first, so that the provider's DELETE succeeds.
 *
 * Why: Graph refuses to delete an access package that still has assignments ("You cannot delete an
 * access package if it has any accessPackageAssignment": Delete accessPackage,
 * https://learn.microsoft.com/en-us/graph/api/accesspackage-delete, microsoftgraph/microsoft-graph-
 * docs-contrib api-reference/v1.0/api/accesspackage-delete.md), and azuread 3.7.0 just sends the
 * DELETE (internal/services/identitygovernance/access_package_resource.go:188-198,
 * accessPackageResourceDelete: one DeleteEntitlementManagementAccessPackage call, nothing before it). Removing a zone, renaming or moving it, retiring its department or switching the
 * department away from `access-package` would otherwise plan fine and fail at every apply.
 *
 * How, per package whose `resource_changes` actions include "delete" (destroy, or replace either way):
 * 1. list its assignments: `GET /identityGovernance/entitlementManagement/assignments?$filter=
 *    accessPackage/id eq '<id>'&$expand=target`, every page (`@odata.nextLink`) (List assignments,
 *    api-reference/v1.0/api/entitlementmanagement-list-assignments.md: "$filter=accessPackage/id eq
 *    '...'", "$expand=target"; `state` is one of delivering, partiallyDelivered, delivered, expired,
 *    deliveryFailed: api-reference/v1.0/resources/accesspackageassignment.md);
 * 2. for every assignment not `expired` (and not still `delivering`, which is asked for once it is
 *    delivered), `POST /identityGovernance/entitlementManagement/assignmentRequests` with
 *    `{ requestType: "adminRemove", assignment: { id } }` (Create accessPackageAssignmentRequest,
 *    example 2 "Remove an assignment", api-reference/v1.0/api/entitlementmanagement-post-
 *    assignmentrequests.md; answered 201 with the request, state "submitted": the removal is
 *    asynchronous);
 * 3. list again, with backoff, until Graph reports none left that is not `expired`; an assignment
 *    still there `repostAfterMs` after its removal was asked for is asked for again.
 * Requests share one sliding window and the 429/5xx handling of `await-sync --provision`
 * (graph-rate.ts), with its credential (azure-credential.ts) and Graph client (graph-client.ts).
 * Permission: EntitlementManagement.ReadWrite.All (application), the least privileged one both
 * pages list for these calls.
 */

export interface ReleaseOptions {
  /** The Graph client; default: the pipeline's Azure credential (as `await-sync --provision`) against Graph or `ZONE_ACCESS_GRAPH_ENDPOINT`. */
  readonly graph?: GraphClient;
  /** A credential for the default client (instead of the environment's). */
  readonly credential?: TokenCredential;
  /** Where the default credential and endpoint are read from; default `process.env`. */
  readonly env?: NodeJS.ProcessEnv;
  readonly log?: (line: string) => void;
  /** Stops early: the packages not released yet are reported as failed. */
  readonly signal?: AbortSignal;
  /** How long to wait for Graph to report every assignment gone. Default 15 min. */
  readonly timeoutMs?: number;
  /** First pause between two listings of a package's assignments; doubles up to `maxPollMs`. Default 5 s. */
  readonly pollMs?: number;
  /** Default 60 s. */
  readonly maxPollMs?: number;
  /** An assignment still listed this long after its removal was asked for is asked for again. Default 5 min. */
  readonly repostAfterMs?: number;
  /** Request starts per window. Default 20 per 10 s. */
  readonly rate?: Rate;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface ReleaseResult {
  /** Ids of the access packages the plan destroys (released or not). */
  readonly packages: string[];
  /** Assignments removed (asked for, then no longer listed or expired). */
  readonly removed: number;
  readonly failed: { packageId: string; reason: string }[];
}

/**
 * Graph's entitlement management has no documented per-API limit; the window keeps these requests
 * far below the identity services' tenant limits (https://learn.microsoft.com/en-us/graph/throttling-limits)
 * and a 429's Retry-After is honoured anyway.
 */
export const RELEASE_RATE: Rate = Object.freeze({ requests: 20, perMs: 10_000 });

const ASSIGNMENTS = '/identityGovernance/entitlementManagement/assignments';
const ASSIGNMENT_REQUESTS = '/identityGovernance/entitlementManagement/assignmentRequests';

/** The plan file is not `terraform show -json` output. */
export class PlanFormatError extends Error {}

export interface PackageToRelease {
  readonly id: string;
  /** Terraform address, for the log. */
  readonly address: string;
  readonly displayName?: string;
}

/**
 * The azuread_access_package resources whose planned actions include "delete" (`["delete"]`,
 * `["delete","create"]`, `["create","delete"]`), with the id they have now (`change.before.id`, the
 * bare package id: access_package_resource.go:117-118 `d.SetId`). Terraform's JSON plan format:
 * `resource_changes[].{address, mode, type, change.actions, change.before}`
 * (https://developer.hashicorp.com/terraform/internals/json-format, "Plan Representation").
 */
export function packagesToRelease(plan: unknown): PackageToRelease[] {
  if (typeof plan !== 'object' || plan === null || Array.isArray(plan) || !('format_version' in plan)) {
    throw new PlanFormatError(
      'not a Terraform JSON plan (expected the output of `terraform show -json <planfile>`, an object with format_version)',
    );
  }
  const changes = (plan as { resource_changes?: unknown }).resource_changes ?? [];
  if (!Array.isArray(changes)) throw new PlanFormatError('resource_changes is not a list');
  const out = new Map<string, PackageToRelease>();
  for (const rc of changes as {
    address?: unknown;
    mode?: unknown;
    type?: unknown;
    change?: { actions?: unknown; before?: unknown };
  }[]) {
    if (rc?.type !== 'azuread_access_package' || rc.mode === 'data') continue;
    const actions = rc.change?.actions;
    if (!Array.isArray(actions) || !actions.includes('delete')) continue;
    const before = rc.change?.before as { id?: unknown; display_name?: unknown } | null | undefined;
    if (typeof before?.id !== 'string' || before.id === '') {
      throw new PlanFormatError(
        `${String(rc.address)}: planned for deletion but the plan holds no id for it (change.before.id)`,
      );
    }
    out.set(before.id, {
      id: before.id,
      address: String(rc.address),
      ...(typeof before.display_name === 'string' ? { displayName: before.display_name } : {}),
    });
  }
  return [...out.values()];
}

interface Assignment {
  readonly id: string;
  readonly state?: string;
  readonly target?: { readonly displayName?: string; readonly email?: string; readonly objectId?: string };
}

/** A Graph answer no retry fixes, for one package. */
class PackageFailure extends Error {}

/** Graph refused the token (401), or the credential gave none: nothing can be released with it. */
export class GraphCredentialError extends Error {
  override readonly name = 'GraphCredentialError';
}

/**
 * Removes the remaining assignments of every access package `plan` destroys. Never throws for a
 * package Graph refuses (it is listed in `failed`); throws `PlanFormatError` for a file that is not
 * a plan, `GraphCredentialError` when Graph refuses the token, and whatever the credential throws
 * when no token can be had (@azure/identity's CredentialUnavailableError, AuthenticationError).
 */
export async function releaseAccessPackages(plan: unknown, options: ReleaseOptions = {}): Promise<ReleaseResult> {
  const log = options.log ?? (() => {});
  const targets = packagesToRelease(plan);
  if (targets.length === 0) {
    log('no access package is destroyed by this plan: nothing to release');
    return { packages: [], removed: 0, failed: [] };
  }
  const now = options.now ?? Date.now;
  const signal = options.signal;
  const sleep = options.sleep ?? ((ms: number) => abortableSleep(ms, signal));
  const graph = options.graph ?? (await defaultGraph(options, log));
  const window = new RequestWindow(options.rate ?? RELEASE_RATE, now, sleep);
  const deadline = now() + (options.timeoutMs ?? 15 * 60_000);
  const pollMs = options.pollMs ?? 5_000;
  const maxPollMs = options.maxPollMs ?? 60_000;
  const repostAfterMs = options.repostAfterMs ?? 5 * 60_000;

  /** One Graph call, retried on 429 (after Retry-After) and 5xx/no answer (backoff) until the deadline. */
  const call = async <T>(what: string, send: () => Promise<T>): Promise<T> => {
    for (let failures = 0; ;) {
      await window.take();
      try {
        return await send();
      } catch (err) {
        if (!(err instanceof GraphError)) throw err;
        if (err.status === 401 || err.path === 'token') throw new GraphCredentialError(`${what}: ${err.message}`);
        const kind = classifyGraphError(err);
        if (kind === 'fatal')
          throw new PackageFailure(`${what}: ${err.message}${err.status === 403 ? ` (${PERMISSION_HINT})` : ''}`);
        if (kind === 'throttled') window.pauseUntil(now() + (err.retryAfterMs ?? pollMs));
        else failures++;
        const wait = kind === 'throttled' ? (err.retryAfterMs ?? pollMs) : backoffMs(failures, pollMs, maxPollMs);
        if (signal?.aborted || now() + wait > deadline)
          throw new PackageFailure(`${what}: ${err.message}, still failing at the timeout`);
        log(
          `${what}: ${kind === 'throttled' ? 'throttled' : 'transient error'} (${err.message}); asking again in ${formatDuration(wait)}`,
        );
        if (kind !== 'throttled') await sleep(wait);
      }
    }
  };

  const list = async (packageId: string): Promise<Assignment[]> => {
    const filter = `accessPackage/id eq '${packageId.replace(/'/g, "''")}'`;
    let next: string | undefined = `${ASSIGNMENTS}?$filter=${encodeURIComponent(filter)}&$expand=target`;
    const out: Assignment[] = [];
    while (next) {
      const path: string = next;
      const page = (await call(`listing the assignments of access package ${packageId}`, () => graph.get(path))) as
        { value?: Assignment[]; '@odata.nextLink'?: string } | undefined;
      out.push(...(page?.value ?? []));
      next = page?.['@odata.nextLink'];
    }
    return out;
  };

  const result: ReleaseResult = { packages: targets.map((t) => t.id), removed: 0, failed: [] };
  let removed = 0;
  const pending = new Map(
    targets.map((t) => [t.id, { target: t, asked: new Map<string, number>(), polls: 0, nextAt: 0 }]),
  );
  log(`releasing ${targets.length} access package(s) the plan destroys: ${targets.map(describePackage).join(', ')}`);

  while (pending.size > 0) {
    if (signal?.aborted) break;
    for (const [id, p] of pending) {
      if (p.nextAt > now()) continue;
      try {
        const active = (await list(id)).filter((a) => a.state?.toLowerCase() !== 'expired');
        const activeIds = new Set(active.map((a) => a.id));
        // Asked for and gone: removed.
        for (const asked of [...p.asked.keys()]) {
          if (!activeIds.has(asked)) {
            p.asked.delete(asked);
            removed++;
          }
        }
        if (active.length === 0) {
          log(`${describePackage(p.target)}: no assignments left; Terraform can delete it`);
          pending.delete(id);
          continue;
        }
        for (const a of active) {
          if (a.state?.toLowerCase() === 'delivering') continue;
          const askedAt = p.asked.get(a.id);
          if (askedAt !== undefined && now() - askedAt < repostAfterMs) continue;
          await call(`removing assignment ${a.id} of access package ${id}`, () =>
            graph.post(ASSIGNMENT_REQUESTS, { requestType: 'adminRemove', assignment: { id: a.id } }),
          );
          p.asked.set(a.id, now());
          log(
            `${describePackage(p.target)}: ${askedAt === undefined ? 'asked' : 'asked again'} to remove the assignment of ${describeTarget(a)} (${a.id}, ${a.state ?? 'state unknown'})`,
          );
        }
        p.polls++;
        p.nextAt = now() + backoffMs(p.polls, pollMs, maxPollMs);
      } catch (err) {
        if (!(err instanceof PackageFailure)) throw err;
        result.failed.push({ packageId: id, reason: err.message });
        log(`${describePackage(p.target)}: not released: ${err.message}`);
        pending.delete(id);
      }
    }
    if (pending.size === 0) break;
    const nextAt = Math.min(...[...pending.values()].map((p) => p.nextAt));
    if (nextAt > deadline) break;
    if (nextAt > now()) await sleep(nextAt - now());
  }

  for (const [id, p] of pending) {
    const reason = signal?.aborted
      ? 'stopped before Graph reported its assignments gone'
      : `Graph still lists ${p.asked.size || 'some'} assignment(s) after ${formatDuration(options.timeoutMs ?? 15 * 60_000)}`;
    result.failed.push({ packageId: id, reason });
    log(`${describePackage(p.target)}: not released: ${reason}`);
  }
  return { ...result, removed };
}

export const PERMISSION_HINT =
  'the Azure identity needs the Microsoft Graph application permission EntitlementManagement.ReadWrite.All to list and remove access package assignments';

function describePackage(p: PackageToRelease): string {
  return `${p.displayName ? `"${p.displayName}" ` : ''}${p.id} (${p.address})`;
}

function describeTarget(a: Assignment): string {
  return a.target?.displayName ?? a.target?.email ?? a.target?.objectId ?? 'an unnamed subject';
}

async function defaultGraph(options: ReleaseOptions, log: (line: string) => void): Promise<GraphClient> {
  const env = options.env ?? process.env;
  const credential = await graphCredential(options.credential, env, log);
  const endpoint = env[GRAPH_ENDPOINT_ENV] || undefined;
  if (endpoint) log(`Graph endpoint ${endpoint} from ${GRAPH_ENDPOINT_ENV}`);
  return createGraphClient({ credential, ...(endpoint ? { endpoint } : {}) });
}

function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done);
  });
}
