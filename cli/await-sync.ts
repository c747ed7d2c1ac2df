import type { Diagnostic } from '../model/diagnostics';
import { join, resolve } from 'node:path';
import { groupDisplayName, groupObjectIdOutputName, stackNames } from '../model/names';
import type { Zone, ZoneTree } from '../model/types';
import { AwaitGroupsError, awaitGroups, describeError, type AwaitGroupsOptions } from '../sync/await-groups';
import {
  IDENTITYSTORE_ENDPOINT_ENV,
  createIdentityStoreLookup,
  credentialsFromEnv,
  displayNameProblem,
  endpointFromEnv,
  type IdentityStoreLookup,
  type IdentityStoreLookupOptions,
} from '../sync/identity-store-lookup';
import { readEntraOutputsWithTerraform, type ReadEntraOutputs } from '../sync/entra-outputs';
import { createProgressRenderer, formatDuration } from '../sync/progress';
import { parseOptions, UsageError } from './args';
import {
  provisionConfigProblem,
  startProvisioning,
  type ProvisionDeps,
  type ProvisionDuringWait,
} from './await-sync-provision';
import { formatHuman } from './format-diagnostics';
import { EXIT, type CliIO } from './io';

/**
 * `zone-access await-sync`: waits until SCIM has copied every zone group from Entra ID into the AWS
 * Identity Store, so the AWS stack (which looks groups up by display name) can be applied.
 */

export const usage = `zone-access await-sync [--zones DIR] [--config FILE] [--timeout 15m] [--department D] [--group NAME] [--stacks DIR] [--provision]

Waits until every zone group (the Entra ID group <groupPrefix><zone>) exists in the AWS Identity
Store, asking GetGroupId with backoff: by display name, or, when identityCenter.externalIdIssuer is
set, by ExternalId (a group that has the name but not the ExternalId is reported and fails the
wait). Run it after applying the Entra stacks and before planning the AWS stacks.

  --zones DIR          zone files folder (default: zones)
  --config FILE        platform config (default: config/platform.yaml)
  --timeout DURATION   how long to wait: 15m, 90s, 1h30m, 500ms, or plain seconds (default: 15m)
  --department D       only the zones of department D (repeatable)
  --group NAME         only the zone whose group is NAME (repeatable; zone-access deploy passes the groups
                       an Entra stack's apply just created or renamed)
  --stacks DIR         synthesized stacks (default: cdktf.out/stacks); with identityCenter.externalIdIssuer
                       the zone groups' Entra object ids are read from the applied entra-* stacks there
                       (terraform output -json), and each group must carry ExternalId <issuer>/<object id>
  --provision          ask Microsoft Graph to provision each group still missing on demand (needs
                       entra.provisioningJobId and entra.provisioningRuleId), reading Graph's answer and
                       asking again while it says Skipped, at most 5 requests per 10 s; Azure credentials
                       as the azuread provider's OIDC settings (ARM_USE_OIDC, ARM_CLIENT_ID, ARM_TENANT_ID,
                       ARM_OIDC_TOKEN or GitHub's id-token), else @azure/identity's DefaultAzureCredential
                       (AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET or AZURE_FEDERATED_TOKEN_FILE; az login)

AWS credentials come from the usual SDK chain (environment, profile, SSO, instance role); the
region is identityCenter.region of the platform config.
Exit codes: 0 every group synced; 1 invalid input, a group still missing at the timeout, or a
lookup error that waiting cannot fix; 2 bad command line.`;

/** The same text, under the name the CLI dispatcher uses. */
export const AWAIT_SYNC_USAGE = usage;

export const DEFAULT_TIMEOUT_MS = 15 * 60_000;
/** Longer than any provisioning cycle; beyond it something else is wrong. */
const MAX_TIMEOUT_MS = 24 * 3_600_000;

export interface LoadTreeResult {
  readonly tree?: ZoneTree;
  readonly diagnostics: readonly Diagnostic[];
}

/** Seams for tests; the CLI dispatcher calls `run(args, io)` without them. */
export interface AwaitSyncDeps {
  readonly loadTree?: (opts: { zonesDir: string; configPath: string }) => LoadTreeResult | Promise<LoadTreeResult>;
  readonly createLookup?: (opts: IdentityStoreLookupOptions) => Promise<IdentityStoreLookup>;
  /** Schedule knobs for `awaitGroups` (short delays in tests). */
  readonly wait?: Partial<
    Pick<
      AwaitGroupsOptions,
      | 'concurrency'
      | 'minIntervalMs'
      | 'initialDelayMs'
      | 'maxDelayMs'
      | 'throttleDelayMs'
      | 'maxThrottleDelayMs'
      | 'now'
      | 'sleep'
      | 'random'
    >
  >;
  /** SDK attempts per lookup (default 2). */
  readonly sdkMaxAttempts?: number;
  /** Heartbeat of the plain-line progress (default 60 s). */
  readonly heartbeatMs?: number;
  /** Reads an Entra stack's outputs (default: `terraform output -json` in its folder). */
  readonly readEntraOutputs?: ReadEntraOutputs;
  /** `--provision`: the Graph client or credential and the request schedule. */
  readonly provision?: ProvisionDeps;
}

export async function run(args: string[], io: CliIO, deps: AwaitSyncDeps = {}): Promise<number> {
  const err = (line: string): void => void io.stderr.write(`${line}\n`);

  const values = parseOptions(args, {
    zones: { type: 'string' },
    config: { type: 'string' },
    timeout: { type: 'string' },
    department: { type: 'string', multiple: true },
    group: { type: 'string', multiple: true },
    stacks: { type: 'string' },
    provision: { type: 'boolean' },
  });

  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (values.timeout !== undefined) {
    const parsed = parseDuration(values.timeout);
    if (parsed === undefined || parsed <= 0 || parsed > MAX_TIMEOUT_MS) {
      throw new UsageError(
        `--timeout "${values.timeout}" is not a duration between 1ms and 24h (examples: 15m, 90s, 1h30m, 600)`,
      );
    }
    timeoutMs = parsed;
  }

  let endpoint: string | undefined;
  try {
    endpoint = endpointFromEnv(io.env);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }

  const loader = await import('../pipeline/load');
  const loadTree = deps.loadTree ?? loader.loadTree;
  const { tree, diagnostics } = await loadTree(loader.resolveTreeOptions(io.cwd, values.zones, values.config));
  if (!tree) {
    io.stderr.write(formatHuman(diagnostics, 'nothing was checked'));
    return EXIT.failed;
  }

  let zones: readonly Zone[] = tree.zones;
  if (values.department && values.department.length > 0) {
    const known = new Set([...tree.departments, ...tree.zones.map((z) => z.department)]);
    const unknown = values.department.filter((d) => !known.has(d));
    if (unknown.length > 0) {
      throw new UsageError(
        `no zones in department${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} (departments: ${[...known].sort().join(', ') || 'none'})`,
      );
    }
    const wanted = new Set(values.department);
    zones = zones.filter((z) => wanted.has(z.department));
  }

  const config = tree.config;
  if (values.group && values.group.length > 0) {
    const wanted = new Set(values.group);
    const unknown = [...wanted].filter((g) => !zones.some((z) => groupDisplayName(z, config) === g));
    if (unknown.length > 0)
      throw new UsageError(
        `no zone has the group ${unknown.map((g) => JSON.stringify(g)).join(', ')}${values.department ? ' in the departments given' : ''}`,
      );
    zones = zones.filter((z) => wanted.has(groupDisplayName(z, config)));
  }
  if (values.provision) {
    const problem = provisionConfigProblem(config);
    if (problem) throw new UsageError(problem);
  }
  const byGroup = new Map<string, Zone>();
  for (const z of zones) byGroup.set(groupDisplayName(z, config), z);
  const names = [...byGroup.keys()];
  const storeId = config.identityCenter.identityStoreId;

  if (names.length === 0) {
    io.stdout.write('0/0 groups synced\n');
    return EXIT.ok;
  }

  err(
    `waiting for ${names.length} zone group${names.length === 1 ? '' : 's'} in Identity Store ${storeId} ` +
      `(${config.identityCenter.region}${endpoint ? `, endpoint ${endpoint} from ${IDENTITYSTORE_ENDPOINT_ENV}` : ''}), ` +
      `timeout ${formatDuration(timeoutMs)}`,
  );

  // With an issuer, bind by identity like the AWS stack does: ExternalId = (issuer, Entra object id).
  const issuer = config.identityCenter.externalIdIssuer;
  const objectIds = new Map<string, string>();
  if (issuer) {
    const stacksDir = resolve(io.cwd, values.stacks ?? join('cdktf.out', 'stacks'));
    const readOutputs = deps.readEntraOutputs ?? readEntraOutputsWithTerraform;
    const shards = new Map<string, Zone[]>();
    for (const z of zones) {
      const entra = stackNames(z.department, config).entra;
      shards.set(entra, [...(shards.get(entra) ?? []), z]);
    }
    for (const [entra, shardZones] of shards) {
      let outputs;
      try {
        outputs = await readOutputs(join(stacksDir, entra));
      } catch (e) {
        err(`error: ${describeError(e)}`);
        return EXIT.failed;
      }
      for (const z of shardZones) {
        const id = outputs[groupObjectIdOutputName(z)];
        if (!id) {
          err(
            `error: the ${entra} stack has no output ${groupObjectIdOutputName(z)} (zone ${z.name}): apply the Entra stack synthesized from this tree first`,
          );
          return EXIT.failed;
        }
        objectIds.set(groupDisplayName(z, config), id);
      }
    }
  }

  const createLookup = deps.createLookup ?? createIdentityStoreLookup;
  const credentials = credentialsFromEnv(io.env);
  const store = await createLookup({
    region: config.identityCenter.region,
    identityStoreId: storeId,
    ...(endpoint ? { endpoint } : {}),
    ...(credentials ? { credentials } : {}),
    ...(io.env.AWS_PROFILE ? { profile: io.env.AWS_PROFILE } : {}),
    maxAttempts: deps.sdkMaxAttempts ?? 2,
  });
  const progress = createProgressRenderer(io.stderr, {
    ...(deps.wait?.now ? { now: deps.wait.now } : {}),
    ...(deps.heartbeatMs !== undefined ? { heartbeatMs: deps.heartbeatMs } : {}),
  });

  // Started last, so nothing between here and the wait's `finally` (which stops it) can throw.
  let provisioning: ProvisionDuringWait | undefined;
  if (values.provision) {
    try {
      provisioning = await startProvisioning(config, io.env, err, objectIds, deps.provision);
    } catch (e) {
      store.close();
      err(`error: --provision could not start: ${describeError(e)}`);
      return EXIT.failed;
    }
  }

  let result;
  try {
    result = await awaitGroups({
      ...deps.wait,
      names,
      lookup: (name) => {
        if (!issuer) return store.lookup(name);
        if (!store.lookupByExternalId)
          throw new Error('this Identity Store client cannot look groups up by ExternalId');
        return store.lookupByExternalId(name, { issuer, id: objectIds.get(name)! });
      },
      timeoutMs,
      onProgress: (p) => {
        progress.update(p);
        provisioning?.onProgress(p);
      },
    });
  } catch (e) {
    progress.finish();
    if (e instanceof AwaitGroupsError) {
      err(`error: ${e.message}`);
      err(failureHint(e.cause));
    } else {
      err(`error: ${describeError(e)}`);
    }
    return EXIT.failed;
  } finally {
    progress.finish();
    store.close();
    await provisioning?.stop();
  }

  const synced = `${result.found.size}/${names.length} groups synced`;
  if (result.missing.length === 0) {
    io.stdout.write(`${synced}\n`);
    for (const name of names) {
      io.stdout.write(
        `  ${name}  ${result.found.get(name)}${issuer ? `  ExternalId ${issuer}/${objectIds.get(name)}` : ''}\n`,
      );
    }
    return EXIT.ok;
  }

  io.stdout.write(`${synced}\n`);
  err(
    `error: ${result.missing.length} of ${names.length} zone group${names.length === 1 ? '' : 's'} not in Identity Store ${storeId} ` +
      `after ${formatDuration(result.elapsedMs)}:`,
  );
  for (const name of result.missing) {
    const z = byGroup.get(name)!;
    const lastError = result.lastErrors.get(name);
    const lastWord = provisioning?.lastWord(name);
    err(
      `  ${name}  (zone ${z.name}, department ${z.department}, ${z.source.file})${lastError ? `  last error: ${lastError}` : ''}` +
        `${lastWord ? `  last on-demand answer: ${lastWord}` : ''}`,
    );
  }
  for (const line of checklist(result.missing, tree, provisioning !== undefined)) err(line);
  return EXIT.failed;
}

/** What to check when groups did not arrive, most likely cause first. */
function checklist(missing: readonly string[], tree: ZoneTree, provisioned: boolean): string[] {
  const { entra } = tree.config;
  const lines = [
    'Check, for each missing group:',
    `  - Is the Entra ID group assigned to the IAM Identity Center enterprise application ` +
      `(service principal ${entra.servicePrincipalObjectId})? SCIM copies only assigned groups; ` +
      `the Entra stack makes that assignment, so it must have been applied.`,
    `  - Is the provisioning job running, and not paused or in quarantine? Entra admin center > Enterprise applications > ` +
      `the Identity Center app > Provisioning shows its status and the provisioning logs show per-group errors. ` +
      `An automatic cycle can take about 40 minutes, the first one longer.`,
  ];
  if (provisioned) {
    lines.push(
      `  - Provisioning on demand was requested for them (--provision); the last answer of Graph is listed above ` +
        `("Skipped" while the assignment is not effective yet). Run again with a longer --timeout, or read the provisioning logs.`,
    );
  } else if (entra.provisioningJobId) {
    lines.push(
      `  - Provisioning on demand is configured (job ${entra.provisioningJobId}); check that the on-demand ` +
        `provisioning of these groups succeeded in the provisioning logs, run with --provision to have await-sync ask ` +
        `for them (and read Graph's answer), or wait for the next cycle with a longer --timeout.`,
    );
  } else {
    lines.push(
      `  - Provisioning on demand is not configured: set entra.provisioningJobId in ${tree.config.source.file} ` +
        `to have new zone groups provisioned at once instead of waiting for the next cycle, or use a longer --timeout.`,
    );
  }
  const problems = missing.map((n) => [n, displayNameProblem(n)] as const).filter(([, p]) => p !== undefined);
  if (problems.length > 0) {
    lines.push('  - Does the group name contain something SCIM or the Identity Store rejects? These names do:');
    for (const [n, p] of problems) lines.push(`      ${JSON.stringify(n)}: ${p}`);
  } else {
    lines.push(
      `  - Does the group name contain characters SCIM or the Identity Store rejects, or was the Entra group renamed? ` +
        `The Identity Store group must be named exactly as listed (prefix "${tree.config.names.groupPrefix}").`,
    );
  }
  return lines;
}

function failureHint(cause: unknown): string {
  const name = typeof cause === 'object' && cause !== null ? String((cause as { name?: unknown }).name ?? '') : '';
  if (name === 'CredentialsProviderError') {
    return 'hint: no AWS credentials were found: set AWS_PROFILE (after `aws sso login`) or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run where a role is available.';
  }
  if (
    /AccessDenied|UnrecognizedClient|InvalidSignature|ExpiredToken|InvalidClientTokenId|SignatureDoesNotMatch/i.test(
      name,
    )
  ) {
    return 'hint: the AWS credentials must be valid and allow identitystore:GetGroupId on the identity store (check AWS_PROFILE or the CI role).';
  }
  if (name === 'ExternalIdMismatchError') {
    return (
      "hint: a group with the zone group's name was created outside SCIM (or for another Entra group); SCIM cannot create the real one while it exists. " +
      'Find out who created it (CloudTrail identitystore:CreateGroup), delete it, and let SCIM provision the zone group; see docs/deploy.md, "Binding zones to groups by identity".'
    );
  }
  if (name === 'IdentityStoreNotFoundError') {
    return 'hint: identityCenter.identityStoreId and identityCenter.region in the platform config must match the Identity Center instance.';
  }
  return 'hint: this error does not go away by waiting; fix it and run await-sync again.';
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };

/**
 * `15m`, `90s`, `1h30m`, `2.5s`, `500ms`, or a plain number of seconds, in milliseconds;
 * `undefined` when it is none of these.
 */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1_000);
  if (!/^(\d+(\.\d+)?(ms|h|m|s))+$/.test(s)) return undefined;
  let total = 0;
  const seen = new Set<string>();
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    const unit = m[2]!;
    if (seen.has(unit)) return undefined;
    seen.add(unit);
    total += Number(m[1]) * UNIT_MS[unit]!;
  }
  return Math.round(total);
}
