import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deployExpectedZone } from '../__tests__/support/identity-center/deploy-expected';
import { startIdentityCenterEmulator } from '../__tests__/support/identity-center/emulator';
import { IDENTITY_CENTER_DOCUMENTED_TPS } from '../live/aws-clients';
import { runDrift } from '../live/drift';
import { expectedZones } from '../live/expected';
import { loadTree } from '../pipeline/load';
import { generateTree } from './generate-tree';

/**
 * How `zone-access drift` reads a large organisation within IAM Identity Center's documented API
 * rate: "IAM Identity Center APIs have a collective throttle limit of 20 transactions per second"
 * (https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html#ssothrottlelimits).
 *
 * Deploys a generated tree into the Identity Center emulator, makes the emulator enforce that rate
 * (ThrottlingException above 20 requests per second, one second of burst), and runs the AWS side of
 * drift against it with the real SDK: requests per zone, throttled answers (0 means the reads kept
 * under the rate by themselves) and the time, then the same for 3,500 zones (Identity Center's
 * default permission set quota) by the requests per zone at the documented rate.
 * `npm run bench -- --only drift` records it (bench/run.ts).
 */

export const DRIFT_RATE_DEFAULTS = { zones: 40, accountsPerZone: 3, extrapolateTo: 3500 } as const;

export interface DriftRateResult {
  readonly documentedTps: number;
  readonly source: string;
  readonly zones: number;
  readonly accountsPerZone: number;
  readonly findings: number;
  readonly requests: number;
  readonly throttled: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly requestsPerZone: number;
  /** The same reads for `DRIFT_RATE_DEFAULTS.extrapolateTo` zones at the documented rate. */
  readonly extrapolated: { readonly zones: number; readonly requests: number; readonly minutes: number };
}

export async function measureDriftRate(
  options: { readonly zones: number; readonly accountsPerZone: number } = DRIFT_RATE_DEFAULTS,
): Promise<DriftRateResult> {
  const { zones, accountsPerZone } = options;
  const root = mkdtempSync(join(tmpdir(), 'drift-rate-'));
  const generated = generateTree(join(root, 'tree'), { zones, accountsPerZone, zonesPerDepartment: 20 });
  const tree = loadTree({ zonesDir: generated.zonesDir, configPath: generated.configPath }).tree;
  if (!tree) throw new Error('the generated tree is invalid');
  const { identityStoreId, instanceArn } = tree.config.identityCenter;
  const emulator = await startIdentityCenterEmulator({
    identityStoreId,
    instanceArn,
    settleAfterMs: 0,
    conflicts: false,
  });
  const S = await import('@aws-sdk/client-sso-admin');
  const sso = new S.SSOAdminClient({
    region: tree.config.identityCenter.region,
    endpoint: emulator.url,
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
  });
  try {
    // What the AWS stacks deploy, seeded without a rate limit.
    for (const e of expectedZones(tree)) {
      const group = emulator.createGroup({ displayName: e.groupName }).groupId;
      await deployExpectedZone(sso, instanceArn, e, group);
    }
    emulator.state();
    emulator.reset();
    emulator.configure({ rateLimit: { ratePerSecond: IDENTITY_CENTER_DOCUMENTED_TPS } });
    const env = {
      ...process.env,
      AWS_ENDPOINT_URL_SSO_ADMIN: emulator.url,
      AWS_ENDPOINT_URL_IDENTITYSTORE: emulator.url,
      AWS_ACCESS_KEY_ID: 'AKIDBENCH',
      AWS_SECRET_ACCESS_KEY: 'bench',
      AWS_EC2_METADATA_DISABLED: 'true',
    };
    Object.assign(process.env, env);
    const started = Date.now();
    const result = await runDrift({ tree, sides: ['aws'], env, err: () => undefined });
    const seconds = (Date.now() - started) / 1000;
    const requests = emulator.log.length;
    const throttled = emulator.log.filter((e) => e.outcome === 'ThrottlingException').length;
    const perZone = requests / zones;
    const extrapolateTo = DRIFT_RATE_DEFAULTS.extrapolateTo;
    return {
      documentedTps: IDENTITY_CENTER_DOCUMENTED_TPS,
      source: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html#ssothrottlelimits',
      zones,
      accountsPerZone,
      findings: result.findings.length,
      requests,
      throttled,
      seconds: Math.round(seconds * 10) / 10,
      requestsPerSecond: Math.round((requests / seconds) * 10) / 10,
      requestsPerZone: Math.round(perZone * 100) / 100,
      extrapolated: {
        zones: extrapolateTo,
        requests: Math.round(extrapolateTo * perZone),
        minutes: Math.round(((extrapolateTo * perZone) / IDENTITY_CENTER_DOCUMENTED_TPS / 60) * 10) / 10,
      },
    };
  } finally {
    sso.destroy();
    await emulator.close();
    rmSync(root, { recursive: true, force: true });
  }
}
