import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { TokenCredential } from '@azure/identity';
import type { GraphClient } from '../sync/graph-client';
import { PlanFormatError, releaseAccessPackages, type ReleaseOptions } from '../sync/release-access-packages';
import { formatDuration } from '../sync/progress';
import { parseOptions, UsageError } from './args';
import { parseDuration } from './await-sync';
import { EXIT, type CliIO } from './io';

/**
 * `zone-access release-access-packages --plan <plan.json>`: before an Entra stack's apply, removes
 * the remaining assignments of the access packages its plan destroys, so the apply can delete them
 * (sync/release-access-packages.ts says why and how).
 */

export const usage = `zone-access release-access-packages --plan FILE [--timeout 15m]

Reads an Entra stack's plan (terraform plan -out tfplan; terraform show -json tfplan > FILE) and,
for every access package it destroys (a zone removed, renamed or moved, a department retired or
switched away from membership: access-package), removes the package's remaining assignments in
Microsoft Graph and waits until Graph lists none, so that terraform apply tfplan can delete it
(Graph refuses to delete an access package that still has assignments). Apply the same plan file
afterwards; a plan that destroys no access package needs no Azure credential.

  --plan FILE          the plan as JSON (terraform show -json <planfile>)
  --timeout DURATION   how long to wait for Graph to report the assignments gone (default: 15m)

Azure credentials as await-sync --provision: the azuread provider's OIDC settings (ARM_USE_OIDC,
ARM_CLIENT_ID, ARM_TENANT_ID, ARM_OIDC_TOKEN or GitHub's id-token), else DefaultAzureCredential.
The identity needs the Graph application permission EntitlementManagement.ReadWrite.All.
Exit codes: 0 every destroyed package released, or none destroyed; 1 some package could not be
released (the reason is printed); 2 bad command line, unreadable plan, or no Azure credential.`;

export interface ReleaseDeps {
  readonly graph?: GraphClient;
  readonly credential?: TokenCredential;
  readonly schedule?: Pick<ReleaseOptions, 'pollMs' | 'maxPollMs' | 'repostAfterMs' | 'rate' | 'now' | 'sleep'>;
}

const DEFAULT_TIMEOUT_MS = 15 * 60_000;

export async function run(args: string[], io: CliIO, deps: ReleaseDeps = {}): Promise<number> {
  const values = parseOptions(args, { plan: { type: 'string' }, timeout: { type: 'string' } });
  if (values.plan === undefined)
    throw new UsageError('--plan FILE is required (terraform show -json <planfile> > FILE)');
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (values.timeout !== undefined) {
    const parsed = parseDuration(values.timeout);
    if (parsed === undefined)
      throw new UsageError(
        `--timeout "${values.timeout}" is not a duration between 1ms and 24h (examples: 15m, 90s, 1h30m, 600)`,
      );
    timeoutMs = parsed;
  }
  const err = (line: string) => io.stderr.write(`${line}\n`);
  const file = resolve(io.cwd, values.plan);
  let plan: unknown;
  try {
    plan = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    err(
      `error: ${values.plan}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
    );
    err(
      'hint: write it with `terraform -chdir=<stack> show -json tfplan > plan.json` after `terraform -chdir=<stack> plan -out tfplan`',
    );
    return EXIT.usage;
  }
  try {
    const result = await releaseAccessPackages(plan, {
      ...deps.schedule,
      ...(deps.graph ? { graph: deps.graph } : {}),
      ...(deps.credential ? { credential: deps.credential } : {}),
      env: io.env,
      timeoutMs,
      log: err,
    });
    // Machine output: what was done, one JSON object.
    io.stdout.write(`${JSON.stringify(result)}\n`);
    if (result.failed.length === 0) {
      if (result.packages.length > 0)
        err(`released ${result.packages.length} access package(s), ${result.removed} assignment(s) removed`);
      return EXIT.ok;
    }
    for (const f of result.failed) err(`error: access package ${f.packageId} not released: ${f.reason}`);
    err(
      `${result.failed.length} of ${result.packages.length} access package(s) still have assignments: applying this plan would fail to delete them (waited up to ${formatDuration(timeoutMs)})`,
    );
    return EXIT.failed;
  } catch (e) {
    if (e instanceof PlanFormatError) {
      err(`error: ${values.plan}: ${e.message}`);
      return EXIT.usage;
    }
    if (isCredentialError(e)) {
      err(`error: no Azure credential for Microsoft Graph: ${(e as Error).message}`);
      err(
        "hint: set the azuread provider's OIDC settings (ARM_USE_OIDC=true, ARM_CLIENT_ID, ARM_TENANT_ID, ARM_OIDC_TOKEN or GitHub's id-token), or AZURE_TENANT_ID + AZURE_CLIENT_ID with AZURE_CLIENT_SECRET or AZURE_FEDERATED_TOKEN_FILE",
      );
      return EXIT.usage;
    }
    throw e;
  }
}

/** @azure/identity's errors when no token can be had, or Graph refusing the token (401). */
function isCredentialError(e: unknown): boolean {
  return (
    e instanceof Error &&
    /^(CredentialUnavailableError|AuthenticationError|AggregateAuthenticationError|GraphCredentialError)$/.test(e.name)
  );
}
