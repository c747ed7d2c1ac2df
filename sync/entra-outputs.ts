import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * Reads an applied Entra stack's outputs (`terraform output -json` in its folder), which is where
 * the zone groups' object ids live (`zone_<zone>_group_object_id`). Going through Terraform keeps
 * one way to reach the state for every backend (local file, S3) with the credentials and backend
 * configuration `terraform init` already set up for the apply that just ran.
 */

export type EntraOutputs = Readonly<Record<string, string>>;

export type ReadEntraOutputs = (stackDir: string) => Promise<EntraOutputs>;

const execFileAsync = promisify(execFile);

export const readEntraOutputsWithTerraform: ReadEntraOutputs = async (stackDir) => {
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync('terraform', ['output', '-json', '-no-color'], {
      cwd: stackDir,
      maxBuffer: 64 * 1024 * 1024,
    }));
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(
      `terraform output -json in ${stackDir} failed (apply the Entra stack there first): ${(err.stderr || err.message).trim().split('\n')[0]}`,
    );
  }
  return parseTerraformOutputs(stdout);
};

/** `{ name: { value, type, sensitive } }` → name → string value (other types are left out). */
export function parseTerraformOutputs(json: string): EntraOutputs {
  const parsed = JSON.parse(json) as Record<string, { value?: unknown }>;
  const out: Record<string, string> = {};
  for (const [name, o] of Object.entries(parsed)) if (typeof o?.value === 'string') out[name] = o.value;
  return out;
}
