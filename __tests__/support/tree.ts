import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { stringify } from 'yaml';

/** Test folders live under the run's temp root, which global teardown removes. */
export function makeTempDir(prefix = 'case-'): string {
  const root = process.env.ZONE_ACCESS_TEST_TMP ?? tmpdir();
  mkdirSync(root, { recursive: true });
  return mkdtempSync(join(root, prefix));
}

export const REPO_ROOT = join(__dirname, '..', '..');
export const SAMPLE_ZONES = join(REPO_ROOT, 'zones');
export const SAMPLE_CONFIG = join(REPO_ROOT, 'config', 'platform.yaml');
/** The stacks the sample tree synthesizes: a pair per department the sample config declares, and the app roles. */
export const SAMPLE_STACKS: readonly string[] = [
  'aws-logistics',
  'aws-payments',
  'aws-research',
  'entra-app-roles',
  'entra-logistics',
  'entra-payments',
  'entra-research',
];
export const TERRAFORM_RC = join(__dirname, 'terraform.rc');

/** A minimal valid platform config; tests override what they need. */
export function baseConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    identityCenter: {
      instanceArn: 'arn:aws:sso:::instance/ssoins-1111222233334444',
      identityStoreId: 'd-1234567890',
      region: 'eu-north-1',
    },
    entra: {
      applicationObjectId: '11111111-2222-4333-8444-555555555555',
      servicePrincipalObjectId: '66666666-7777-4888-8999-000000000000',
    },
    accounts: { 'shared-prod': '999999999999' },
    ...overrides,
  };
}

/** `baseConfig` with `identityCenter.externalIdIssuer` set: groups bound by identity, so no binding warning. */
export function boundConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const base = baseConfig(overrides);
  return {
    ...base,
    identityCenter: { ...(base.identityCenter as object), externalIdIssuer: 'https://scim.aws.com/1234567890' },
  };
}

/**
 * Removes the "groups bound by display name" warning block that `formatHuman` prints when it is the
 * only diagnostic (sample and generated configs leave the issuer unset).
 */
export function withoutBindingWarning(stderr: string): string {
  return stderr.replace(
    /^[^\n]*: warning: identityCenter\.externalIdIssuer: not set[^\n]*\n( {4}hint: [^\n]*\n)?\n1 warning in 1 file\.\n/m,
    '',
  );
}

export function zoneDoc(
  name: string,
  department: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return { zone: name, department, accounts: ['123456789012'], access: ['secrets-reader'], ...overrides };
}

export interface TreeSpec {
  /** Config object (serialized to YAML) or raw YAML text. */
  readonly config?: Record<string, unknown> | string;
  /** Path under zones/ → zone object (serialized) or raw text/bytes. */
  readonly zones: Record<string, Record<string, unknown> | string | Buffer>;
  /** Extra (empty) department folders. */
  readonly emptyDepartments?: readonly string[];
}

/** Writes a tree to a fresh temp folder; returns the paths the loader takes. */
export function writeTree(spec: TreeSpec): { root: string; zonesDir: string; configPath: string } {
  const root = makeTempDir('tree-');
  const zonesDir = join(root, 'zones');
  const configPath = join(root, 'platform.yaml');
  mkdirSync(zonesDir, { recursive: true });
  let config = spec.config ?? baseConfig();
  if (typeof config !== 'string' && !('departments' in config)) {
    // Declare every department the tree has a folder for, as a platform team would.
    const folders = [
      ...Object.keys(spec.zones)
        .filter((p) => p.includes('/'))
        .map((p) => p.split('/')[0]),
      ...(spec.emptyDepartments ?? []),
    ];
    config = { ...config, departments: Object.fromEntries([...new Set(folders)].sort().map((d) => [d, {}])) };
  }
  writeFileSync(configPath, typeof config === 'string' ? config : stringify(config));
  for (const [path, content] of Object.entries(spec.zones)) {
    const file = join(zonesDir, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' || Buffer.isBuffer(content) ? content : stringify(content));
  }
  for (const dept of spec.emptyDepartments ?? []) mkdirSync(join(zonesDir, dept), { recursive: true });
  return { root, zonesDir, configPath };
}

/** Captures what a CLI command writes. */
export function captureIO(cwd = process.cwd(), env: NodeJS.ProcessEnv = {}) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => ((stdout += s), true), isTTY: false } as unknown as NodeJS.WritableStream,
    stderr: { write: (s: string) => ((stderr += s), true), isTTY: false } as unknown as NodeJS.WritableStream,
    env,
    cwd,
  };
  return { io, out: () => stdout, err: () => stderr };
}
