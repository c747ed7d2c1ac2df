import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { IdentityCenterEmulator } from './identity-center/emulator';
import type { ProviderServer } from './provider-server';

/**
 * Runs the real terraform and aws provider (offline mirror) against the Identity Center emulator.
 *
 * Each stack gets a workspace folder that lives across a test's phases (it keeps the local state):
 * `sync` copies the freshly synthesized `cdk.tf.json` in and writes `emulator_override.tf.json`
 * next to it. Terraform merges `*_override.tf.json` files into the configuration, so the endpoints,
 * fake credentials and skip flags never appear in the synthesized stacks.
 */

const execFileAsync = promisify(execFile);

/** terraform.rc (the offline provider mirror), from the sources or from the bench's build in dist/. */
const TERRAFORM_RC =
  [join(__dirname, 'terraform.rc'), join(__dirname, '..', '..', '..', '__tests__', 'support', 'terraform.rc')].find(
    (p) => existsSync(p),
  ) ?? join(__dirname, 'terraform.rc');

export interface OverrideOptions {
  /** The provider's retry budget per request (ThrottlingException etc.). Default 3: fail fast in tests. */
  readonly maxRetries?: number;
}

/** The AWS shared config profile the override selects; its `services` section names the endpoints. */
export const EMULATOR_PROFILE = 'zone-access-emulator';

/**
 * The provider override that points the aws provider at the emulator: fake credentials, skip
 * flags, and a shared config file (`awsConfigFile`, see `emulatorAwsConfig`) whose profile sets the
 * emulator as the endpoint of the services the stacks call.
 *
 * Why not the provider's `endpoints` block: validating it costs the provider ~3 s of CPU in every
 * terraform walk (it is validated before each validate, plan and apply; measured with the provider
 * attached, 0.5 s per walk without it and 3.5 s with it), which made these tests CPU-bound on two
 * cores. The AWS SDK reads service endpoints from a shared config profile's `services` section
 * (https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html), and the provider
 * uses it when its own `endpoints` are unset; requests reach the emulator all the same (the
 * lifecycle tests assert on the emulator's request log).
 */
export function emulatorOverride(awsConfigFile: string, options: OverrideOptions = {}): Record<string, unknown> {
  return {
    provider: {
      aws: {
        access_key: 'AKIDEXAMPLE',
        secret_key: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        skip_credentials_validation: true,
        skip_requesting_account_id: true,
        skip_metadata_api_check: true,
        skip_region_validation: true,
        max_retries: options.maxRetries ?? 3,
        shared_config_files: [awsConfigFile],
        profile: EMULATOR_PROFILE,
      },
    },
  };
}

/**
 * The shared config file for `emulatorOverride`. sts too: with the skips above the provider never
 * calls it; if it did, the emulator answers 400 naming the call instead of the provider reaching
 * the internet.
 */
export function emulatorAwsConfig(emulator: Pick<IdentityCenterEmulator, 'url'>): string {
  const endpoint = (service: string) => `${service} =\n  endpoint_url = ${emulator.url}\n`;
  return `[profile ${EMULATOR_PROFILE}]\nservices = ${EMULATOR_PROFILE}\n\n[services ${EMULATOR_PROFILE}]\n${['sso_admin', 'identitystore', 'sts'].map(endpoint).join('')}`;
}

/** Writes `emulator_override.tf.json` and its shared config file into a stack folder. */
export function writeEmulatorOverride(
  dir: string,
  emulator: Pick<IdentityCenterEmulator, 'url'>,
  options: OverrideOptions = {},
): void {
  const configFile = join(dir, 'emulator.aws-config');
  writeFileSync(configFile, emulatorAwsConfig(emulator));
  writeFileSync(join(dir, 'emulator_override.tf.json'), JSON.stringify(emulatorOverride(configFile, options), null, 2));
}

/** One line of `terraform plan -json`'s `planned_change` messages. */
export interface PlannedChange {
  readonly address: string;
  readonly type: string;
  /** `create`, `update`, `delete`, `replace`, ... */
  readonly action: string;
}

export interface TerraformRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export class StackWorkspace {
  private initialized = false;
  private readonly env: NodeJS.ProcessEnv;

  constructor(
    readonly name: string,
    readonly dir: string,
    env: NodeJS.ProcessEnv,
    /** A terraform command that runs longer is killed (and fails). */
    private readonly timeoutMs = 600_000,
    /**
     * A running aws provider every command of this workspace attaches to (see provider-server.ts);
     * without it each command starts the provider from the mirror after `terraform init`.
     */
    readonly provider?: ProviderServer,
  ) {
    mkdirSync(dir, { recursive: true });
    this.env = provider ? { ...env, TF_REATTACH_PROVIDERS: provider.reattach } : env;
  }

  /** Copies the stack's synthesized JSON in and writes the emulator override next to it. */
  sync(synthOutDir: string, emulator: Pick<IdentityCenterEmulator, 'url'>, options: OverrideOptions = {}): void {
    const src = join(synthOutDir, 'stacks', this.name, 'cdk.tf.json');
    if (!existsSync(src)) throw new Error(`stack ${this.name} was not synthesized (${src} is missing)`);
    copyFileSync(src, join(this.dir, 'cdk.tf.json'));
    writeEmulatorOverride(this.dir, emulator, options);
  }

  async run(args: readonly string[], okCodes: readonly number[] = [0]): Promise<TerraformRun & { code: number }> {
    const started = Date.now();
    try {
      const env = this.env.TF_LOG ? { ...this.env, TF_LOG_PATH: join(this.dir, 'terraform.log') } : this.env;
      const { stdout, stderr } = await execFileAsync('terraform', [...args], {
        cwd: this.dir,
        env,
        maxBuffer: 256 * 1024 * 1024,
        timeout: this.timeoutMs,
      });
      return { stdout, stderr, code: 0, ms: Date.now() - started };
    } catch (e) {
      const err = e as { code?: number | string; stdout?: string; stderr?: string; message: string };
      if (typeof err.code === 'number' && okCodes.includes(err.code))
        return { stdout: err.stdout ?? '', stderr: err.stderr ?? '', code: err.code, ms: Date.now() - started };
      throw new Error(
        `terraform ${args.join(' ')} in ${this.name} failed: ${err.message}\n--- stdout\n${err.stdout ?? ''}\n--- stderr\n${err.stderr ?? ''}`,
      );
    }
  }

  async init(): Promise<void> {
    if (this.initialized) return;
    await this.run(['init', '-input=false', '-no-color']);
    this.initialized = true;
  }

  async apply(parallelism: number): Promise<TerraformRun> {
    await this.init();
    return this.run([
      'apply',
      '-input=false',
      '-no-color',
      '-auto-approve',
      '-lock=false',
      `-parallelism=${parallelism}`,
    ]);
  }

  async destroy(parallelism: number): Promise<TerraformRun> {
    await this.init();
    return this.run([
      'destroy',
      '-input=false',
      '-no-color',
      '-auto-approve',
      '-lock=false',
      `-parallelism=${parallelism}`,
    ]);
  }

  /**
   * `plan -detailed-exitcode` (exit 0: no changes, 2: changes) and the planned changes, read from
   * `-json`'s `planned_change` messages (no separate `show`: one terraform command less).
   */
  async plan(parallelism: number): Promise<{ exitCode: number; changes: PlannedChange[] }> {
    await this.init();
    const { code, stdout } = await this.run(
      ['plan', '-input=false', '-json', '-lock=false', '-detailed-exitcode', `-parallelism=${parallelism}`],
      [0, 2],
    );
    return { exitCode: code, changes: plannedChanges(stdout) };
  }

  /**
   * `apply -json`, and the changes of the plan it applied (its `planned_change` messages, emitted
   * before it changes anything): the plan and the apply in one command, where `plan -out` and
   * `apply <plan>` would cost a second refresh and provider session for the same plan.
   */
  async applyChanges(parallelism: number): Promise<{ changes: PlannedChange[] }> {
    await this.init();
    const { stdout } = await this.run([
      'apply',
      '-input=false',
      '-json',
      '-auto-approve',
      '-lock=false',
      `-parallelism=${parallelism}`,
    ]);
    return { changes: plannedChanges(stdout) };
  }
}

function plannedChanges(jsonLines: string): PlannedChange[] {
  const changes: PlannedChange[] = [];
  for (const line of jsonLines.split('\n')) {
    if (!line.startsWith('{')) continue;
    const m = JSON.parse(line) as {
      type?: string;
      change?: { action?: string; resource?: { addr?: string; resource_type?: string } };
    };
    if (m.type === 'planned_change' && m.change?.resource?.addr) {
      changes.push({
        address: m.change.resource.addr,
        type: m.change.resource.resource_type ?? '',
        action: m.change.action ?? '',
      });
    }
  }
  return changes;
}

/**
 * The environment terraform runs in: the offline provider mirror (TF_CLI_CONFIG_FILE; init links
 * the provider from it, no copy) and no ambient AWS configuration. `extra` passes e.g. TF_LOG through.
 * GOGC=400: terraform decodes the aws provider's whole schema (tens of MB) in every command, and
 * with Go's default GOGC=100 a quarter of its CPU went to garbage collection (a plan: 1.4 s of CPU,
 * 1.0 s with 400, for ~400 MB of memory instead of ~230 MB).
 */
export function applyEnv(home: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: home,
    TF_CLI_CONFIG_FILE: TERRAFORM_RC,
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(home, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'no-aws-credentials'),
    GOGC: '400',
    ...extra,
  };
}
