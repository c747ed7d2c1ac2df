import { GraphError, type GraphClient } from './graph-client';
import { RequestWindow, backoffMs, classifyGraphError } from './graph-rate';

/**
 * Provisioning on demand from `await-sync`: for every zone group still missing in the Identity
 * Store, ask Microsoft Graph to provision it now (`POST /servicePrincipals/{id}/synchronization/jobs/
 * {jobId}/provisionOnDemand`) instead of waiting for the next ~40-minute SCIM cycle.
 *
 * Why here and not (only) in Terraform: the `azuread_synchronization_job_provision_on_demand`
 * resource fires once, right after the assignment is created, while Microsoft says an assignment can
 * take a few minutes to be honoured; it discards Graph's answer (a 200 whose body may say "Skipped"),
 * and never retries. Here the answer is read:
 * - `Success`, or `Skipped` because source and target already match (`RedundantExport`): done, SCIM
 *   has the group; the Identity Store wait will see it.
 * - any other `Skipped` (typically: not in scope yet, the assignment not effective yet) or a
 *   `Failure`: asked again later, with backoff, while the wait goes on.
 * - HTTP 429: asked again after `Retry-After`. 5xx and no answer: asked again later.
 * - any other HTTP error (403 permission, 404 job or service principal, 400 rule id): waiting will
 *   not fix it; provisioning stops (`fatal`), the wait goes on for the regular cycle.
 *
 * Source for the request, the answer and the rate: Microsoft Graph v1.0 reference,
 * "synchronizationJob: provisionOnDemand"
 * (https://learn.microsoft.com/en-us/graph/api/synchronization-synchronizationjob-provisionondemand,
 * microsoftgraph/microsoft-graph-docs-contrib api-reference/v1.0/api/synchronization-synchronizationjob-provisionondemand.md):
 * - body `{ parameters: [{ ruleId, subjects: [{ objectId, objectTypeName: "Group" }] }] }`, as its
 *   example 3 ("Provision a group ... on demand"); its optional `links.members` is left out: only the
 *   group is needed before the AWS stack can be planned, its members follow with the regular cycle.
 * - answer: `200 OK` with a stringKeyStringValuePair (examples 1-3; example 1 is a `Skipped`).
 * - "The rate limit for this API is 5 requests per 10 seconds": request starts are kept inside that
 *   sliding window.
 * - permissions (application): Application.ReadWrite.OwnedBy (least privileged: the identity must
 *   own the enterprise application) or Synchronization.ReadWrite.All.
 * Clock and sleep are injected for tests.
 */

export const PROVISION_ON_DEMAND_RATE = Object.freeze({ requests: 5, perMs: 10_000 });

export type ProvisionOutcome =
  | { readonly kind: 'provisioned' }
  | { readonly kind: 'in-sync' }
  | { readonly kind: 'not-effective'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

/**
 * Graph's answer: a `stringKeyStringValuePair` whose `key` is JSON `{ result, details: { errorCode,
 * errorMessage } }` and whose `value` is JSON with `statusInfo` and the `provisioningSteps`.
 */
export function parseProvisionResult(body: unknown): ProvisionOutcome {
  const pair = body as { key?: unknown; value?: unknown } | undefined;
  const key = parseJson(pair?.key) as
    { result?: string; details?: { errorCode?: string; errorMessage?: string } } | undefined;
  const value = parseJson(pair?.value) as
    | {
        statusInfo?: { status?: string; reason?: string; errorCode?: string };
        provisioningSteps?: { status?: string; description?: string }[];
      }
    | undefined;
  const result = (key?.result ?? value?.statusInfo?.status ?? '').toLowerCase();
  const code = key?.details?.errorCode ?? value?.statusInfo?.errorCode ?? undefined;
  const step = value?.provisioningSteps?.find((s) => s.status && !/^success$/i.test(s.status));
  const reason =
    [code, key?.details?.errorMessage ?? value?.statusInfo?.reason ?? step?.description].filter(Boolean).join(': ') ||
    'no details';
  if (result === 'success') return { kind: 'provisioned' };
  if (result === 'skipped' && code === 'RedundantExport') return { kind: 'in-sync' };
  if (result === 'skipped') return { kind: 'not-effective', reason: `Skipped (${reason})` };
  if (!result) return { kind: 'failed', reason: `unrecognized answer: ${JSON.stringify(body).slice(0, 300)}` };
  return { kind: 'failed', reason: `${key?.result ?? value?.statusInfo?.status} (${reason})` };
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export interface ProvisionEvent {
  readonly group: string;
  /** `requested`: Graph answered (see `outcome`); `not-found`: no Entra group of that name yet; `throttled`, `transient`, `fatal`: errors. */
  readonly kind: 'requested' | 'not-found' | 'throttled' | 'transient' | 'fatal';
  readonly outcome?: ProvisionOutcome;
  readonly error?: string;
  /** When the group will be asked for again (ms from now), if it will. */
  readonly retryInMs?: number;
  readonly at: number;
}

export interface ProvisionStatus {
  readonly requests: number;
  readonly last?: ProvisionEvent;
  /** Graph said the group is provisioned (or already was). */
  readonly done: boolean;
}

export interface OnDemandProvisionerOptions {
  readonly graph: GraphClient;
  /** Object id of the enterprise application (service principal). */
  readonly servicePrincipalId: string;
  /** The SCIM job (`entra.provisioningJobId`). */
  readonly jobId: string;
  /** The job's group rule (`entra.provisioningRuleId`). */
  readonly ruleId: string;
  /**
   * Entra object ids by group display name, when known (with `identityCenter.externalIdIssuer`
   * await-sync reads them from the Entra stacks' outputs); other groups are looked up by name.
   */
  readonly objectIds?: ReadonlyMap<string, string>;
  readonly now?: () => number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** First pause before asking again for a group Graph skipped. Default 20 s; doubles up to `maxRetryDelayMs`. */
  readonly retryDelayMs?: number;
  /** Default 2 min. Also the pause before asking again for a group Graph said was provisioned but is still missing. */
  readonly maxRetryDelayMs?: number;
  /** How often to look for newly missing groups when nothing is due. Default 1 s. */
  readonly pollMs?: number;
  readonly rate?: { readonly requests: number; readonly perMs: number };
  readonly onEvent?: (event: ProvisionEvent) => void;
}

/** Stops `run` with an error waiting cannot fix (permissions, wrong job, wrong rule). */
export class ProvisionOnDemandError extends Error {
  constructor(
    readonly group: string,
    override readonly cause: GraphError,
  ) {
    super(`provisioning ${group} on demand failed: ${cause.message}`);
    this.name = 'ProvisionOnDemandError';
  }
}

export class OnDemandProvisioner {
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** The sliding window of provisionOnDemand request starts (graph-rate.ts), with any 429 pause. */
  private readonly window: RequestWindow;
  private readonly state = new Map<
    string,
    { requests: number; failures: number; nextAt: number; done: boolean; last?: ProvisionEvent }
  >();
  private readonly groupIds = new Map<string, string>();

  constructor(private readonly options: OnDemandProvisionerOptions) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms).unref()));
    this.window = new RequestWindow(options.rate ?? PROVISION_ON_DEMAND_RATE, this.now, this.sleep);
  }

  /** Start times of the provisionOnDemand requests (tests). */
  get requestTimes(): readonly number[] {
    return this.window.starts;
  }

  /** What happened per group so far. */
  status(): ReadonlyMap<string, ProvisionStatus> {
    return new Map(
      [...this.state].map(([name, s]) => [
        name,
        { requests: s.requests, done: s.done, ...(s.last ? { last: s.last } : {}) },
      ]),
    );
  }

  /**
   * Requests provisioning of the groups `missing()` names (display names), until `signal` is aborted.
   * `missing()` returns `undefined` while it is not yet known which groups are missing. Rejects with
   * `ProvisionOnDemandError` on an error waiting cannot fix.
   */
  async run(missing: () => readonly string[] | undefined, signal: AbortSignal): Promise<void> {
    const pollMs = this.options.pollMs ?? 1_000;
    while (!signal.aborted) {
      const now = this.now();
      const names = missing();
      const due = (names ?? []).filter((n) => (this.state.get(n)?.nextAt ?? 0) <= now);
      if (due.length === 0) {
        const next = Math.min(...(names ?? []).map((n) => this.state.get(n)?.nextAt ?? Infinity));
        await this.sleep(Math.max(1, Math.min(pollMs, next - now)));
        continue;
      }
      for (const name of due) {
        if (signal.aborted) return;
        // Found in the Identity Store since this round started: nothing to ask for.
        if (!missing()?.includes(name)) continue;
        await this.provision(name, signal);
      }
    }
  }

  private async provision(name: string, signal: AbortSignal): Promise<void> {
    const s = this.state.get(name) ?? { requests: 0, failures: 0, nextAt: 0, done: false };
    this.state.set(name, s);
    const retryDelay = this.options.retryDelayMs ?? 20_000;
    const maxDelay = this.options.maxRetryDelayMs ?? 120_000;
    const backoff = () => backoffMs(s.failures, retryDelay, maxDelay);
    const emit = (event: Omit<ProvisionEvent, 'group' | 'at'>) => {
      s.last = { group: name, at: this.now(), ...event };
      this.options.onEvent?.(s.last);
    };
    try {
      const id = await this.groupId(name);
      if (!id) {
        s.failures++;
        s.nextAt = this.now() + backoff();
        emit({
          kind: 'not-found',
          error: `no Entra group named "${name}" (has the Entra stack been applied?)`,
          retryInMs: backoff(),
        });
        return;
      }
      await this.window.take();
      // The wait may have ended while this request waited for its slot.
      if (signal.aborted) {
        this.window.giveBack();
        return;
      }
      s.requests++;
      const { servicePrincipalId, jobId, ruleId } = this.options;
      const body = await this.options.graph.post(
        `/servicePrincipals/${encodeURIComponent(servicePrincipalId)}/synchronization/jobs/${encodeURIComponent(jobId)}/provisionOnDemand`,
        { parameters: [{ ruleId, subjects: [{ objectId: id, objectTypeName: 'Group' }] }] },
      );
      const outcome = parseProvisionResult(body);
      if (outcome.kind === 'provisioned' || outcome.kind === 'in-sync') {
        s.done = true;
        s.failures = 0;
        // Still missing long after Graph said done? Ask again, rarely.
        s.nextAt = this.now() + maxDelay;
        emit({ kind: 'requested', outcome });
      } else {
        s.failures++;
        s.nextAt = this.now() + backoff();
        emit({ kind: 'requested', outcome, retryInMs: backoff() });
      }
    } catch (err) {
      if (!(err instanceof GraphError)) throw err;
      const kind = classifyGraphError(err);
      if (kind === 'throttled') {
        const wait = Math.max(err.retryAfterMs ?? 0, retryDelay);
        s.nextAt = this.now() + wait;
        // Nobody else asks before the server's pause is over either.
        this.window.pauseUntil(this.now() + (err.retryAfterMs ?? 0));
        emit({ kind: 'throttled', error: err.message, retryInMs: wait });
      } else if (kind === 'transient') {
        s.failures++;
        s.nextAt = this.now() + backoff();
        emit({ kind: 'transient', error: err.message, retryInMs: backoff() });
      } else {
        emit({ kind: 'fatal', error: err.message });
        throw new ProvisionOnDemandError(name, err);
      }
    }
  }

  /**
   * The Entra group's object id: known from the Entra stack's outputs, or by display name (unique:
   * the groups are created with prevent_duplicate_names).
   */
  private async groupId(name: string): Promise<string | undefined> {
    const known = this.options.objectIds?.get(name) ?? this.groupIds.get(name);
    if (known) return known;
    const filter = `displayName eq '${name.replace(/'/g, "''")}'`;
    const body = (await this.options.graph.get(
      `/groups?$filter=${encodeURIComponent(filter)}&$select=id,displayName`,
    )) as { value?: { id?: string }[] } | undefined;
    const id = body?.value?.[0]?.id;
    if (id) this.groupIds.set(name, id);
    return id;
  }
}
