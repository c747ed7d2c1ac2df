import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROVIDER_MIRROR } from './terraform';

/**
 * One aws provider process (the binary from the offline mirror) that several terraform commands
 * attach to in turn, instead of each command starting its own.
 *
 * Why: the aws provider 5.100.0 is a 700 MB binary. Terraform starts it three or four times per
 * command (schema, validate, plan, apply), and each start loads it and builds its schema again
 * before it serves a request. One zone's stack, terraform + provider CPU (GNU time, /proc, on the
 * 2-core machine): apply 4.0 s started per walk / 2.4 s attached, plan 3.3 / 1.6 s, destroy
 * 4.2 / 2.2 s. The lifecycle tests run a dozen such commands next to the rest of the suite.
 *
 * How: the provider's own debug mode (`-debug`, terraform-plugin-go's managed debug server) starts
 * it once and prints a `TF_REATTACH_PROVIDERS` value; terraform run with that variable connects to
 * the running process for every walk instead of starting one (terraform's documented way to run
 * commands against a provider under a debugger). Terraform then does not kill it between commands;
 * `close` does. Each command still goes through the whole plugin protocol (GetProviderSchema,
 * ValidateProviderConfig, ConfigureProvider with that command's configuration, PlanResourceChange,
 * ApplyResourceChange, ...), and the provider keeps no resource state between requests.
 *
 * One server per stack workspace, used by one terraform command at a time: every command calls
 * ConfigureProvider, and two commands with different endpoints sharing a process would race on it.
 * `terraform init` still runs (the stacks' local backend needs it) but installs nothing for an
 * attached provider.
 */
export interface ProviderServer {
  /** The value for terraform's `TF_REATTACH_PROVIDERS`. */
  readonly reattach: string;
  readonly pid: number;
  close(): Promise<void>;
}

/** The aws provider binary of `version` in the offline mirror. */
export function mirroredAwsProvider(version: string): string {
  const platform = `${process.platform}_${process.arch === 'x64' ? 'amd64' : process.arch}`;
  const dir = join(PROVIDER_MIRROR, 'registry.terraform.io', 'hashicorp', 'aws', version, platform);
  const binary = existsSync(dir) ? readdirSync(dir).find((f) => f.startsWith('terraform-provider-aws')) : undefined;
  if (!binary) throw new Error(`the offline provider mirror has no hashicorp/aws ${version} for ${platform} (${dir})`);
  return join(dir, binary);
}

/**
 * Starts the provider in debug mode and waits for its reattach line. `env` is the provider's whole
 * environment (it is not terraform's child, so nothing else reaches it); `logFile`, with TF_LOG in
 * `env`, receives its log.
 */
export async function startProviderServer(
  binary: string,
  env: NodeJS.ProcessEnv,
  options: { logFile?: string; timeoutMs?: number } = {},
): Promise<ProviderServer> {
  const child = spawn(binary, ['-debug'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  if (options.logFile) child.stderr!.pipe(createWriteStream(options.logFile));
  else child.stderr!.on('data', (c: Buffer) => void (stderr.push(c.toString()), stderr.splice(0, stderr.length - 20)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const reattach = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () =>
        fail(
          new Error(`the aws provider printed no TF_REATTACH_PROVIDERS line within ${options.timeoutMs ?? 120_000} ms`),
        ),
      options.timeoutMs ?? 120_000,
    );
    const fail = (e: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(e);
    };
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      // The provider prints: TF_REATTACH_PROVIDERS='{"registry.terraform.io/hashicorp/aws":{...}}'
      const m = /TF_REATTACH_PROVIDERS='([^']+)'/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('error', fail);
    child.once('exit', (code, signal) =>
      fail(new Error(`the aws provider exited (${code ?? signal}) before it was ready:\n${out}\n${stderr.join('')}`)),
    );
  });
  return {
    reattach,
    pid: child.pid!,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        // Managed debug mode stops on an interrupt.
        child.kill('SIGINT');
        const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(killer);
      }
    },
  };
}
