import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { IdentityCenterEmulator } from './identity-center/emulator';

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
const TERRAFORM_RC = [join(__dirname, 'terraform.rc'), join(__dirname, '..', '..', '..', '__tests__', 'support', 'terraform.rc')].find((p) => existsSync(p)) ?? join(__dirname, 'terraform.rc');

export interface OverrideOptions {
  /** The provider's retry budget per request (ThrottlingException etc.). Default 3: fail fast in tests. */
  readonly maxRetries?: number;
}

/** The provider override that points the aws provider at the emulator. */
export function emulatorOverride(emulator: Pick<IdentityCenterEmulator, 'url'>, options: OverrideOptions = {}): Record<string, unknown> {
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
        // sts too: with the skips above the provider never calls it; if it did, the emulator
        // answers 400 naming the call instead of the provider reaching the internet.
        endpoints: [{ ssoadmin: emulator.url, identitystore: emulator.url, sts: emulator.url }],
      },
    },
  };
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

  constructor(
    readonly name: string,
    readonly dir: string,
    private readonly env: NodeJS.ProcessEnv,
    /** A terraform command that runs longer is killed (and fails). */
    private readonly timeoutMs = 600_000,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** Copies the stack's synthesized JSON in and writes the emulator override next to it. */
  sync(synthOutDir: string, emulator: Pick<IdentityCenterEmulator, 'url'>, options: OverrideOptions = {}): void {
    const src = join(synthOutDir, 'stacks', this.name, 'cdk.tf.json');
    if (!existsSync(src)) throw new Error(`stack ${this.name} was not synthesized (${src} is missing)`);
    copyFileSync(src, join(this.dir, 'cdk.tf.json'));
    writeFileSync(join(this.dir, 'emulator_override.tf.json'), JSON.stringify(emulatorOverride(emulator, options), null, 2));
  }

  async run(args: readonly string[], okCodes: readonly number[] = [0]): Promise<TerraformRun & { code: number }> {
    const started = Date.now();
    try {
      const env = this.env.TF_LOG ? { ...this.env, TF_LOG_PATH: join(this.dir, 'terraform.log') } : this.env;
      const { stdout, stderr } = await execFileAsync('terraform', [...args], { cwd: this.dir, env, maxBuffer: 256 * 1024 * 1024, timeout: this.timeoutMs });
      return { stdout, stderr, code: 0, ms: Date.now() - started };
    } catch (e) {
      const err = e as { code?: number | string; stdout?: string; stderr?: string; message: string };
      if (typeof err.code === 'number' && okCodes.includes(err.code)) return { stdout: err.stdout ?? '', stderr: err.stderr ?? '', code: err.code, ms: Date.now() - started };
      throw new Error(`terraform ${args.join(' ')} in ${this.name} failed: ${err.message}\n--- stdout\n${err.stdout ?? ''}\n--- stderr\n${err.stderr ?? ''}`);
    }
  }

  async init(): Promise<void> {
    if (this.initialized) return;
    await this.run(['init', '-input=false', '-no-color']);
    this.initialized = true;
  }

  async apply(parallelism: number): Promise<TerraformRun> {
    await this.init();
    return this.run(['apply', '-input=false', '-no-color', '-auto-approve', '-lock=false', `-parallelism=${parallelism}`]);
  }

  async destroy(parallelism: number): Promise<TerraformRun> {
    await this.init();
    return this.run(['destroy', '-input=false', '-no-color', '-auto-approve', '-lock=false', `-parallelism=${parallelism}`]);
  }

  /**
   * `plan -detailed-exitcode -out=plan.tfplan` (exit 0: no changes, 2: changes) and the planned
   * changes, read from `-json`'s `planned_change` messages (no separate `show`: every terraform
   * command starts the 600 MB provider again).
   */
  async plan(parallelism: number): Promise<{ exitCode: number; changes: PlannedChange[] }> {
    await this.init();
    const { code, stdout } = await this.run(['plan', '-input=false', '-json', '-lock=false', '-detailed-exitcode', `-parallelism=${parallelism}`, '-out=plan.tfplan'], [0, 2]);
    const changes: PlannedChange[] = [];
    for (const line of stdout.split('\n')) {
      if (!line.startsWith('{')) continue;
      const m = JSON.parse(line) as { type?: string; change?: { action?: string; resource?: { addr?: string; resource_type?: string } } };
      if (m.type === 'planned_change' && m.change?.resource?.addr) {
        changes.push({ address: m.change.resource.addr, type: m.change.resource.resource_type ?? '', action: m.change.action ?? '' });
      }
    }
    return { exitCode: code, changes };
  }

  /** Applies the plan `plan` saved, exactly as reviewed. */
  async applyPlan(parallelism: number): Promise<TerraformRun> {
    return this.run(['apply', '-input=false', '-no-color', '-auto-approve', '-lock=false', `-parallelism=${parallelism}`, 'plan.tfplan']);
  }
}

/**
 * The environment terraform runs in: the offline provider mirror (TF_CLI_CONFIG_FILE; init links
 * the provider from it, no copy) and no ambient AWS configuration. `extra` passes e.g. TF_LOG through.
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
    ...extra,
  };
}
