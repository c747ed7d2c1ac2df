import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { TERRAFORM_RC } from './tree';

const run = promisify(execFile);
export const PROVIDER_MIRROR = '/opt/tf-plugins';

/**
 * Terraform and the offline provider mirror are part of CI's machine. A missing one is a failure
 * with a message that says what is missing, never a silent skip.
 */
export async function assertTerraformAvailable(): Promise<void> {
  try {
    await run('terraform', ['version'], { env: terraformEnv() });
  } catch (err) {
    throw new Error(
      `terraform is not installed or not on PATH (needed for offline validation): ${(err as Error).message}`,
    );
  }
  if (!existsSync(`${PROVIDER_MIRROR}/registry.terraform.io/hashicorp/aws`)) {
    throw new Error(
      `the provider mirror ${PROVIDER_MIRROR} with hashicorp/aws is missing (needed for offline terraform init)`,
    );
  }
}

export function terraformEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, TF_CLI_CONFIG_FILE: TERRAFORM_RC, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1', ...extra };
}

/** `terraform init` + `validate` in a stack folder; rejects with terraform's own output. */
export async function initAndValidate(dir: string): Promise<string> {
  const opts = { cwd: dir, env: terraformEnv(), maxBuffer: 16 * 1024 * 1024 };
  try {
    await run('terraform', ['init', '-input=false', '-no-color', '-backend=false'], opts);
    const { stdout } = await run('terraform', ['validate', '-no-color', '-json'], opts);
    return stdout;
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`terraform failed in ${dir}:\n${e.stdout ?? ''}\n${e.stderr ?? e.message}`);
  }
}
