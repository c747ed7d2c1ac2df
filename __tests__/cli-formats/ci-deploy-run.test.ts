import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { groupDisplayName, groupObjectIdOutputName, stackNames } from '../../model/names';
import { loadTree } from '../../pipeline/load';
import { installFakeTerraform } from '../support/fake-terraform';
import { DEFAULT_SCIM_ISSUER } from '../support/identity-center/identity-store';
import { startIdentityStoreServer, type IdentityStoreServer } from '../support/identitystore-server';
import { baseConfig, makeTempDir, REPO_ROOT, writeTree, zoneDoc } from '../support/tree';

/**
 * The CI templates' own synth and deploy steps, run by bash as the runner would, against real synth
 * output (the CLI built in dist/), with a terraform stand-in on PATH that records its calls and can
 * fail one stack (support/fake-terraform.ts), and the Identity Store emulator for the wait for SCIM.
 * The tree binds groups by ExternalId (identityCenter.externalIdIssuer), so the wait inside deploy
 * needs terraform and the synthesized stacks (it reads the Entra stacks' outputs).
 */

const execFileAsync = promisify(execFile);
// Each deploy run starts the CLI and the terraform stand-in (node scripts) dozens of times.
jest.setTimeout(300_000);
const CI = join(REPO_ROOT, 'examples', 'ci');
const CLI = `node ${join(REPO_ROOT, 'dist', 'cli', 'zone-access.js')}`;

/** The template's synth and deploy scripts, and how the event that runs them is named. */
function templateSteps(template: string): {
  synth: string;
  deploy: string;
  event: (scheduled: boolean) => NodeJS.ProcessEnv;
} {
  const doc = parse(readFileSync(join(CI, template), 'utf8'));
  if (template === 'github-actions.yml') {
    const steps = doc.jobs.deploy.steps as { name?: string; run?: string }[];
    return {
      synth: steps.find((s) => s.name === 'Synthesize')!.run!,
      deploy: steps.find((s) => s.name === 'Deploy')!.run!,
      // The deploy job's env, its `${{ vars.X }}` and `${{ github.workspace }}` filled in as GitHub would.
      event: (scheduled) => ({
        ...jobEnv(doc.jobs.deploy.env, (v) =>
          v.replace(/\$\{\{ vars\.(\w+) \}\}/g, (_m, n) => VARIABLES[n] ?? '').replace('${{ github.workspace }}', '.'),
        ),
        GITHUB_EVENT_NAME: scheduled ? 'schedule' : 'push',
        ARM_OIDC_TOKEN: 'github-id-token',
      }),
    };
  }
  // GitLab runs each script line in one shell and stops at the first that fails.
  const lines = (job: string): string => ['set -e', ...(doc[job].script as string[])].join('\n');
  return {
    synth: lines('synth'),
    deploy: lines('deploy'),
    // The deploy job's variables, `$X` filled in from the project's CI/CD variables as GitLab would.
    event: (scheduled) => ({
      ...jobEnv(doc.deploy.variables, (v) => v.replace(/\$(\w+)/g, (_m, n) => VARIABLES[n] ?? `$${n}`)),
      CI_PIPELINE_SOURCE: scheduled ? 'schedule' : 'push',
      AZURE_ID_TOKEN: 'gitlab-id-token',
      AWS_ID_TOKEN: 'aws-id-token',
    }),
  };
}

/** The CI/CD variables a project sets (README: the templates' prerequisites). */
const VARIABLES: Record<string, string> = {
  AZURE_CLIENT_ID: 'client-0000',
  AZURE_TENANT_ID: 'tenant-0000',
  CI_PROJECT_DIR: '.',
};

function jobEnv(env: Record<string, string>, fill: (value: string) => string): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, fill(String(v))]));
}

describe.each(['github-actions.yml', 'gitlab-ci.yml'])('%s: the deploy steps against real synth output', (template) => {
  const fake = installFakeTerraform();
  const steps = templateSteps(template);
  let root: string;
  let store: IdentityStoreServer;
  const outputsDir = makeTempDir('entra-outputs-');

  beforeAll(async () => {
    const tree = writeTree({
      config: baseConfig({
        identityCenter: { ...(baseConfig().identityCenter as object), externalIdIssuer: DEFAULT_SCIM_ISSUER },
        // Provisioning on demand during the wait: Graph is asked only for groups still missing
        // (none here), but the credential is chosen from the job's Azure OIDC settings up front.
        entra: {
          ...(baseConfig().entra as object),
          provisioningJobId: 'scim.0123456789abcdef0123456789abcdef.01234567-89ab-cdef-0123-456789abcdef',
          provisioningRuleId: '03f7d90d-bf71-41b1-bda6-aaf0ddbee5d8',
        },
        departments: { pay: {}, hr: {}, old: { retired: true } },
      }),
      zones: { 'pay/pay-a.yaml': zoneDoc('pay-a', 'pay'), 'hr/hr-a.yaml': zoneDoc('hr-a', 'hr') },
    });
    root = tree.root;
    // The templates use the default locations: zones/ and config/platform.yaml.
    mkdirSync(join(root, 'config'));
    renameSync(tree.configPath, join(root, 'config', 'platform.yaml'));
    const loaded = loadTree({ zonesDir: tree.zonesDir, configPath: join(root, 'config', 'platform.yaml') });
    const config = loaded.tree!.config;
    // What the applied Entra stacks would output (the groups' object ids), and the groups SCIM made.
    const outputs = new Map<string, Record<string, { value: string }>>();
    const groups = loaded.tree!.zones.map((z, i) => {
      const id = `00000000-0000-4000-8000-00000000000${i}`;
      const stack = stackNames(z.department, config).entra;
      outputs.set(stack, { ...outputs.get(stack), [groupObjectIdOutputName(z)]: { value: id } });
      return { displayName: groupDisplayName(z, config), externalId: { issuer: DEFAULT_SCIM_ISSUER, id } };
    });
    for (const [stack, o] of outputs) writeFileSync(join(outputsDir, `${stack}.json`), JSON.stringify(o));
    store = await startIdentityStoreServer({ identityStoreId: config.identityCenter.identityStoreId, groups });
  });
  afterAll(async () => store?.close());

  async function step(
    script: string,
    scheduled: boolean,
    fail: string[] = [],
  ): Promise<{ code: number; out: string; err: string; planned: string[] }> {
    fake.reset();
    const env = {
      ...fake.env({ fail, outputsDir }),
      ZONE_ACCESS: CLI,
      CI_PROJECT_DIR: root,
      ...steps.event(scheduled),
      AWS_WEB_IDENTITY_TOKEN_FILE: join(root, 'aws-web-identity-token'),
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_REGION: 'eu-north-1',
      ZONE_ACCESS_IDENTITYSTORE_ENDPOINT: store.url,
    };
    try {
      const { stdout, stderr } = await execFileAsync('bash', ['-c', script], {
        cwd: root,
        env,
        maxBuffer: 16 * 1024 * 1024,
      });
      return { code: 0, out: stdout, err: stderr, planned: planned() };
    } catch (e) {
      const err = e as { code: number; stdout: string; stderr: string };
      return { code: err.code, out: err.stdout, err: err.stderr, planned: planned() };
    }
  }
  const planned = (): string[] =>
    [
      ...new Set(
        fake
          .calls()
          .filter((c) => c.args[0] === 'plan')
          .map((c) => c.stack),
      ),
    ].sort();
  const lookups = (): string[] =>
    store.log.filter((l) => l.operation === 'GetGroupId').map((l) => String(l.externalId ?? l.displayName ?? '?'));

  it('one failing stack: every other is applied and the job fails naming it; the next push retries it; the schedule applies all', async () => {
    expect((await step(steps.synth, false)).code).toBe(0);
    const first = await step(steps.deploy, false, ['entra-hr:apply']);
    expect(first.code).toBe(1);
    expect(first.planned).toEqual([
      'aws-hr',
      'aws-old',
      'aws-pay',
      'entra-app-roles',
      'entra-hr',
      'entra-old',
      'entra-pay',
    ]);
    const applied = fake
      .calls()
      .filter((c) => c.args[0] === 'apply' && c.stack.endsWith('/digest'))
      .map((c) => c.stack.replace('/digest', ''))
      .sort();
    expect(applied).toEqual(['aws-hr', 'aws-old', 'aws-pay', 'entra-app-roles', 'entra-old', 'entra-pay']);
    expect(first.out).toMatch(/FAILED +entra-hr +at apply/);
    expect(first.out).toContain('  npx --no zone-access deploy --stacks-dir cdktf.out --stack entra-hr\n');
    // The wait for SCIM ran for pay only (hr's Entra stack failed), by ExternalId from its outputs.
    expect(lookups()).toEqual([expect.stringContaining(`${DEFAULT_SCIM_ISSUER}:00000000-0000-4000-8000-00000000000`)]);
    expect(first.err).toMatch(
      /\[aws-pay\] waiting for SCIM: entigo-zone-pay-a, which entra-pay just created or renamed \(provisioning on demand\)/,
    );
    expect(first.err).toMatch(/1\/1 groups synced/);
    // With the job's Azure OIDC settings, as the azuread provider uses them.
    expect(first.err).toContain(
      `Azure credential for Microsoft Graph: OIDC federation of client client-0000 in tenant tenant-0000 (token from ARM_OIDC_TOKEN)`,
    );
    expect(first.err).toMatch(/provisioning missing groups on demand \(job scim\./);

    // The next push, nothing changed in the tree: the failed stack and what depends on it, nothing else.
    expect((await step(steps.synth, false)).code).toBe(0);
    const retry = await step(steps.deploy, false);
    expect(retry.code).toBe(0);
    expect(retry.planned).toEqual(['aws-hr', 'entra-hr']);
    expect(retry.out).toMatch(/^deploy: 2 applied, 5 skipped as unchanged, 0 failed/);

    // The daily schedule: every stack, refreshed.
    const scheduled = await step(steps.deploy, true);
    expect(scheduled.code).toBe(0);
    expect(scheduled.planned).toHaveLength(7);
    expect(
      fake
        .calls()
        .filter((c) => c.args[0] === 'plan')
        .every((c) => !c.args.includes('-refresh=false')),
    ).toBe(true);
  });
});
