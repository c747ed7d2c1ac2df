import { lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PLACEHOLDER, describeField } from '../model/placeholders';
import { platformConfigSchema } from '../model/platform-config-schema';
import type { PathSegment } from '../model/yaml-source';
import { DEFAULT_CONFIG_PATH, DEFAULT_ZONES_DIR } from '../pipeline/load';
import { UsageError } from './args';
import { EXIT, type CliIO } from './io';
import { packageJson, packageRoot } from './package-info';

export const usage = `zone-access init [DIR] [--ci github|gitlab|none] [--package SPEC]

Writes a zones-only repository into DIR (default: the working directory): package.json depending on
zone-access, ${DEFAULT_CONFIG_PATH} with every value the platform team must fill marked ${PLACEHOLDER} and
explained, a sample department and zone, the CI workflow (default github; copied from the installed
package's examples/ci), .gitignore and CODEOWNERS. Writes nothing if any of these files exists (it
lists them).
Then \`npx --no zone-access validate\` lists the placeholders left to fill, each with file and line.

  --ci github|gitlab|none  which CI workflow to write (.github/workflows/zone-access.yml or .gitlab-ci.yml)
  --package SPEC           how package.json names zone-access: a registry range (^1.2.3), a git URL
                           (github:org/zone-access#v1.2.3) or a tarball path. Default: this zone-access,
                           packed into vendor/ (commit it; CI then needs no registry). See
                           docs/zones-repository.md in zone-access for the trade-offs.
Exit codes: 0 written; 1 a file exists already or cannot be written; 2 bad command line.`;

/** The CI templates init copies (read from the installed package, so they are never a second copy). */
export const CI_TEMPLATES = {
  github: { from: 'examples/ci/github-actions.yml', to: '.github/workflows/zone-access.yml' },
  gitlab: { from: 'examples/ci/gitlab-ci.yml', to: '.gitlab-ci.yml' },
} as const;
type Ci = keyof typeof CI_TEMPLATES | 'none';

/** The sample department and zone: a place to start, valid once the config's placeholders are filled. */
export const SAMPLE = { department: 'example', zone: 'example-sandbox', account: 'sandbox' } as const;

/** Where init puts the packed package by default. */
export const VENDOR_DIR = 'vendor';

/** npm pack's file name for a package: `<name>-<version>.tgz`, a scope's @ dropped and / made -. */
export function tarballName(pkg: { name: string; version: string }): string {
  return `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`;
}

/**
 * Packs the running package (what `npm publish` would ship: dist/, schema/, the CI templates) into
 * `into`. --ignore-scripts: the package is built already, and an installed copy has no sources.
 */
function packInto(into: string, expected: string): void {
  mkdirSync(into, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', into], {
    cwd: packageRoot(),
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`npm pack failed: ${(r.stderr || r.error?.message || '').trim()}`);
  const written = (JSON.parse(r.stdout) as { filename: string }[])[0]?.filename;
  if (written !== expected) throw new Error(`npm pack wrote ${written}, expected ${expected}`);
}

/** How a zones-only repository calls the CLI: the package's bin, installed by npm (README, CI templates). */
export const CONSUMER_CLI = 'npx --no zone-access';

export async function run(args: string[], io: CliIO): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError(`one folder at most (got ${positionals.length})`);
  const ci = (values.ci ?? 'github') as Ci;
  if (!['github', 'gitlab', 'none'].includes(ci)) throw new UsageError('--ci must be github, gitlab or none');
  const pkg = packageJson();
  if (values.package !== undefined && (values.package.trim() === '' || /\s/.test(values.package))) {
    throw new UsageError(`--package must be an npm dependency spec without spaces (got "${values.package}")`);
  }
  // Default: the running package itself, packed into vendor/ and committed, so `npm install` in CI
  // needs no registry and no access to another repository (docs/zones-repository.md).
  const tarball = values.package === undefined ? join(VENDOR_DIR, tarballName(pkg)) : undefined;
  const spec = values.package ?? `file:${tarball}`;

  const dir = resolve(io.cwd, positionals[0] ?? '.');
  const files = repositoryFiles(dir, ci, spec);
  const existing = [...Object.keys(files), ...(tarball ? [tarball] : [])].filter((path) => exists(join(dir, path)));
  if (existing.length > 0) {
    io.stderr.write(
      `zone-access init: nothing was written; these files exist already in ${dir}:\n` +
        existing.map((p) => `  ${p}\n`).join('') +
        'move them away (or init into an empty folder) and run init again\n',
    );
    return EXIT.failed;
  }
  try {
    // First what is most likely to fail (npm itself), so a failure leaves the least behind.
    if (tarball) packInto(join(dir, VENDOR_DIR), tarballName(pkg));
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      // 'wx': never replace a file that appeared since the check above.
      writeFileSync(join(dir, path), content, { flag: 'wx', mode: 0o644 });
    }
  } catch (err) {
    io.stderr.write(`zone-access init: cannot write into ${dir}: ${(err as Error).message}\n`);
    return EXIT.failed;
  }
  const rel = relative(io.cwd, dir) || '.';
  const shown = rel.startsWith('..') ? dir : rel;
  io.stderr.write(
    `wrote a zones-only repository to ${dir}:\n${[...Object.keys(files), ...(tarball ? [`${tarball} (this zone-access, packed; commit it)`] : [])].map((p) => `  ${p}\n`).join('')}\n` +
      'next:\n' +
      (shown === '.' ? '' : `  cd ${shown}\n`) +
      `  npm install                     (zone-access from ${spec}; a registry or git instead: --package, docs/zones-repository.md)\n` +
      // --no: never let npx fetch a package named zone-access from a public registry (this project
      // does not publish there, so that name may be anyone's) when the install has not run.
      `  npx --no zone-access validate   lists every ${PLACEHOLDER} left in ${DEFAULT_CONFIG_PATH}, with its line\n` +
      `  npx --no zone-access synth      once validate passes\n`,
  );
  return EXIT.ok;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    options: { ci: { type: 'string' }, package: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Repository-relative path → content of every file init writes. */
export function repositoryFiles(dir: string, ci: Ci, spec: string): Record<string, string> {
  const pkg = packageJson();
  const files: Record<string, string> = {
    'package.json': `${JSON.stringify(
      {
        name: npmName(basename(dir)),
        private: true,
        description: 'Zone Access zones: one YAML file per zone under zones/<department>/',
        scripts: { validate: 'zone-access validate', synth: 'zone-access synth' },
        dependencies: { 'zone-access': spec },
        ...(pkg.engines?.node ? { engines: { node: pkg.engines.node } } : {}),
      },
      null,
      2,
    )}\n`,
    [DEFAULT_CONFIG_PATH]: platformConfigTemplate(),
    [join(DEFAULT_ZONES_DIR, SAMPLE.department, `${SAMPLE.zone}.yaml`)]: sampleZone(),
    '.gitignore': [
      'node_modules/',
      'cdktf.out/',
      '# the CI templates check out the base branch here, and write these scratch files',
      '.zone-access-base/',
      'zone-access-report.*',
      'zone-access-comment.md',
      'zone-access-drift.md',
      'zone-access-validate.json',
      '# zone-access map --out site (the access map; CI can publish it)',
      'site/',
      '',
    ].join('\n'),
    CODEOWNERS: codeOwners(),
  };
  if (ci !== 'none') {
    const template = CI_TEMPLATES[ci];
    files[template.to] = consumerWorkflow(readFileSync(join(packageRoot(), template.from), 'utf8'), template.from);
  }
  return files;
}

/**
 * Who approves a change: the platform team everything, each department its own folder. GitHub and
 * GitLab both read a CODEOWNERS file at the repository root. Commented out: the owners are teams
 * only the organisation knows, and a wrong owner line would be an error in both.
 */
function codeOwners(): string {
  const folder = `/${DEFAULT_ZONES_DIR}/${SAMPLE.department}/`;
  return [
    ...comment(
      'Who must approve a change. Replace the example teams, uncomment, and turn on "Require review from Code Owners" (GitHub branch protection) or "Code owner approval" (GitLab protected branch) on the default branch. Later lines win: the platform team owns everything, each department its own zones.',
      '',
    ),
    `# ${'*'.padEnd(folder.length)}  @example-org/platform-team`,
    `# ${folder}  @example-org/${SAMPLE.department}-leads`,
    '',
  ].join('\n');
}

/**
 * The CI template as a zones-only repository runs it: the templates call the CLI through
 * `$ZONE_ACCESS`, set to the build output in this repository and to the installed bin elsewhere.
 */
export function consumerWorkflow(template: string, from: string): string {
  const line = /^(\s*)ZONE_ACCESS: .*$/m;
  if (!line.test(template))
    throw new Error(`${from} no longer sets ZONE_ACCESS; init cannot point it at the installed package`);
  return template.replace(line, `$1ZONE_ACCESS: ${CONSUMER_CLI}`);
}

function npmName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+/, '');
  return name || 'zones';
}

/** `# ` comment lines, wrapped at ~100 characters. */
function comment(text: string, indent: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && indent.length + 2 + line.length + 1 + word.length > 100) {
      lines.push(`${indent}# ${line}`);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(`${indent}# ${line}`);
  return lines;
}

/** A key to fill: what belongs there (the schema's description, one source with the editor hover and validate's hint), then the key. */
function fill(path: PathSegment[], indent: string, value = PLACEHOLDER, commentedOut = false): string[] {
  const description = describeField(platformConfigSchema, path);
  const key = String(path[path.length - 1]);
  return [...(description ? comment(description, indent) : []), `${indent}${commentedOut ? '# ' : ''}${key}: ${value}`];
}

/** config/platform.yaml with every value only the platform team knows left as a placeholder. */
export function platformConfigTemplate(): string {
  const ic = ['identityCenter'];
  const en = ['entra'];
  return [
    '# yaml-language-server: $schema=../node_modules/zone-access/schema/platform-config.schema.json',
    '# Platform config: owned by the platform team. Every key is described in the schema (hover in an',
    `# editor with the YAML language server) and in zone-access's docs/platform-config.md.`,
    `# Replace every ${PLACEHOLDER}: \`npx --no zone-access validate\` lists those left, each with its line.`,
    'identityCenter:',
    ...fill([...ic, 'instanceArn'], '  '),
    ...fill([...ic, 'identityStoreId'], '  '),
    ...fill([...ic, 'region'], '  '),
    ...fill([...ic, 'startUrl'], '  '),
    '  # Optional until SCIM has synced a first zone group (validate warns while it is unset):',
    ...fill([...ic, 'externalIdIssuer'], '  ', 'https://scim.<region>.amazonaws.com/<id>/scim/v2', true),
    'entra:',
    ...fill([...en, 'tenantId'], '  '),
    ...fill([...en, 'applicationObjectId'], '  '),
    ...fill([...en, 'servicePrincipalObjectId'], '  '),
    '  # Optional, together: provisioning on demand (zone-access docs/deploy.md, "Provisioning on demand").',
    ...fill([...en, 'provisioningJobId'], '  ', '<template>.<32 hex>.<guid>', true),
    ...fill([...en, 'provisioningRuleId'], '  ', '<rule id>', true),
    ...comment(describeField(platformConfigSchema, ['accounts']) ?? '', ''),
    'accounts:',
    `  ${SAMPLE.account}: ${PLACEHOLDER}   # a 12-digit account id, in quotes: "123456789012"`,
    ...comment(describeField(platformConfigSchema, ['departments']) ?? '', ''),
    "# membership: entra (default; owners manage members in Entra), file (the zone files' members:),",
    "# access-package (requests approved by the zone's owners); docs/membership.md.",
    'departments:',
    `  ${SAMPLE.department}: {}`,
    '# CI runners keep no local state: the deployment keeps it in S3 (state key <keyPrefix><stack>.tfstate).',
    'backend:',
    '  type: s3',
    ...fill(['backend', 'bucket'], '  '),
    ...fill(['backend', 'region'], '  '),
    'access:',
    '  # AWS-managed policies zone files may attach (validate checks what each grants across zones).',
    '  managedPolicies: []',
    '',
  ].join('\n');
}

function sampleZone(): string {
  return [
    '# yaml-language-server: $schema=../../node_modules/zone-access/schema/zone-file.schema.json',
    `# A sample zone: resources tagged entigo:zone=${SAMPLE.zone} in the ${SAMPLE.account} account. Rename or delete it.`,
    `zone: ${SAMPLE.zone}          # the zone tag value; equals the file name`,
    `department: ${SAMPLE.department}         # equals the folder name, declared in config/platform.yaml`,
    'description: Sample zone',
    `accounts: [${SAMPLE.account}]          # names from config/platform.yaml accounts:, or "123456789012"`,
    'access: [logs-reader]         # access presets (zone-access docs/zone-file.md, "Access presets")',
    'sessionDuration: PT1H',
    '',
  ].join('\n');
}
