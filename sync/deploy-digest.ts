import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { tail, type TerraformRunner } from './deploy-terraform';

/**
 * The digest of a stack's synthesized configuration, and where `zone-access deploy` records the
 * digest of its last successful apply.
 *
 * The record is a Terraform state of its own, next to the stack's state in the same backend (S3:
 * the stack's key with `.zone-access-digest.tfstate` instead of `.tfstate`; local: the stack's state
 * file name + `.zone-access-digest`), holding one output, `digest`. Terraform itself reads and
 * writes it (`terraform output -json`, `terraform apply` of a configuration that has only that
 * output and no provider), so it lives wherever the stack's state lives, with the same credentials
 * and locking, and every run can read it. It is written only after the stack's own apply exited 0:
 * a stack whose apply failed, or was never reached, keeps its previous digest and is planned again
 * by the next run.
 */

/** Versioned, so a change to what the digest covers re-applies every stack once. */
const DIGEST_FORMAT = 'zone-access-deploy-digest/1';

/** The folder, inside a stack's folder, where deploy keeps its plan files and the record's configuration. */
export const WORK_DIR = '.zone-access';

/**
 * sha256 over every configuration file of a stack folder (relative path and content, sorted by
 * path): `cdk.tf.json`, any `*.tf(.json)` or asset next to it. Not covered: dot-entries (`.terraform`,
 * the lock file, deploy's own folder) and local state files (`terraform.tfstate*`), which change
 * on every apply.
 */
export function stackDigest(stackDir: string): string {
  const hash = createHash('sha256').update(`${DIGEST_FORMAT}\n`);
  for (const file of configFiles(stackDir)) {
    hash.update(`${relative(stackDir, file)}\n`);
    hash.update(readFileSync(file));
    hash.update('\n');
  }
  return hash.digest('hex');
}

function configFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  )) {
    if (entry.name.startsWith('.') || entry.name.startsWith('terraform.tfstate')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...configFiles(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

type BackendBlock = Record<string, Record<string, unknown>>;

/**
 * The record's backend: the stack's own backend block with only the state's name changed. Throws
 * for a backend type deploy does not know how to place a record next to.
 */
export function recordBackend(
  stackConfig: { terraform?: { backend?: BackendBlock } },
  recordDir: string,
  stackDir: string,
): BackendBlock {
  const backend = stackConfig.terraform?.backend ?? { local: {} };
  const [type, args] = Object.entries(backend)[0] ?? ['local', {}];
  if (type === 'local') {
    const path = String(args.path ?? 'terraform.tfstate');
    const target = isAbsolute(path) ? path : relative(recordDir, join(stackDir, path));
    return { local: { ...args, path: `${target}.zone-access-digest` } };
  }
  if (type === 's3') {
    const key = String(args.key ?? '');
    if (!key) throw new Error('the s3 backend has no key');
    return { s3: { ...args, key: `${key.replace(/\.tfstate$/, '')}.zone-access-digest.tfstate` } };
  }
  throw new Error(`deploy records digests next to local and s3 states only (this stack's backend is "${type}")`);
}

export interface DigestRecord {
  /** The digest recorded by the last successful apply; undefined if none was ever recorded. */
  read(): Promise<string | undefined>;
  /** Records `digest` (call only after the stack's apply succeeded). */
  write(digest: string): Promise<void>;
}

/** The digest record of the stack in `stackDir`, read and written with terraform. */
export function digestRecord(stackDir: string, terraform: TerraformRunner): DigestRecord {
  const recordDir = join(stackDir, WORK_DIR, 'digest');
  const configFile = join(recordDir, 'main.tf.json');
  let initialized = false;
  const writeConfig = (digest: string | undefined): void => {
    const stack = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
    mkdirSync(recordDir, { recursive: true });
    const config = {
      '//': 'Written by zone-access deploy: the digest of the stack configuration last applied successfully (see docs/deploy.md).',
      terraform: { backend: recordBackend(stack, recordDir, stackDir) },
      ...(digest ? { output: { digest: { value: digest } } } : {}),
    };
    writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`);
  };
  const init = async (): Promise<void> => {
    if (initialized) return;
    const r = await terraform.run(recordDir, ['init', '-input=false', '-no-color', '-reconfigure']);
    if (r.code !== 0) throw new Error(`terraform init of the digest record failed:\n${tail(r.stdout + r.stderr)}`);
    initialized = true;
  };
  return {
    async read() {
      writeConfig(undefined);
      await init();
      const r = await terraform.run(recordDir, ['output', '-no-color', '-json']);
      if (r.code !== 0) throw new Error(`terraform output of the digest record failed:\n${tail(r.stdout + r.stderr)}`);
      const outputs = JSON.parse(r.stdout.trim() || '{}') as { digest?: { value?: unknown } };
      return typeof outputs.digest?.value === 'string' ? outputs.digest.value : undefined;
    },
    async write(digest) {
      writeConfig(digest);
      await init();
      const r = await terraform.run(recordDir, ['apply', '-input=false', '-no-color', '-auto-approve']);
      if (r.code !== 0) throw new Error(`recording the digest failed:\n${tail(r.stdout + r.stderr)}`);
    },
  };
}
