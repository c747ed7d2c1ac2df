import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { parseDocument } from 'yaml';
import { main } from '../../cli/zone-access';
import { REPORT_MARKER } from '../../report/render-markdown';
import { captureIO, makeTempDir, REPO_ROOT, writeTree, zoneDoc } from '../support/tree';

/**
 * The CI templates under examples/ci/: they parse, they have the jobs and steps the docs promise,
 * in the right order, and every zone-access command line in them is one the CLI accepts.
 */

const CI = join(REPO_ROOT, 'examples', 'ci');

function load(file: string): Record<string, any> {
  const doc = parseDocument(readFileSync(join(CI, file), 'utf8'), { uniqueKeys: true, prettyErrors: true });
  expect(doc.errors.map(String)).toEqual([]);
  expect(doc.warnings.map(String)).toEqual([]);
  return doc.toJS() as Record<string, any>;
}

/** Every `$ZONE_ACCESS <command> <args>` in a script text. */
function invocations(script: string): { command: string; flags: string[] }[] {
  return [...script.matchAll(/\$ZONE_ACCESS ([a-z-]+)([^\n|>&;]*)/g)].map((m) => ({
    command: m[1],
    flags: [...m[2].matchAll(/(--[a-z-]+)/g)].map((f) => f[1]),
  }));
}

async function usageOf(command: string): Promise<string> {
  const { io, out } = captureIO(REPO_ROOT);
  expect(await main([command, '--help'], io)).toBe(0);
  return out();
}

async function expectValidInvocations(scripts: string[]): Promise<void> {
  const all = scripts.flatMap(invocations);
  expect(all.length).toBeGreaterThan(0);
  for (const { command, flags } of all) {
    const usage = await usageOf(command);
    for (const flag of flags)
      expect({ command, flag, known: usage.includes(flag) }).toEqual({ command, flag, known: true });
  }
}

/** The bodies of the `node -e '...'` programs in a script. */
function nodePrograms(script: string): string[] {
  return [...script.matchAll(/node -e '([\s\S]*?)'\n/g)].map((m) => m[1]);
}

describe('examples/ci/github-actions.yml', () => {
  const wf = load('github-actions.yml');
  const pr = wf.jobs['pull-request'];
  const deploy = wf.jobs.deploy;
  const runs = (job: any): string[] => job.steps.map((s: any) => s.run ?? '');
  const indexOf = (job: any, pattern: RegExp) =>
    job.steps.findIndex((s: any) => pattern.test(s.run ?? '') || pattern.test(s.uses ?? ''));

  it('runs on pull requests, on pushes to main, and daily', () => {
    expect(Object.keys(wf.on)).toEqual(['pull_request', 'push', 'schedule']);
    expect(wf.on.push.branches).toEqual(['main']);
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(pr.if).toMatch(/pull_request/);
    expect(deploy.if).toMatch(/push/);
    expect(deploy.if).toMatch(/refs\/heads\/main/);
  });

  it('daily: the deploy job re-synthesizes for today (UTC) and applies, so membership expiry takes effect', () => {
    expect(wf.on.schedule).toEqual([{ cron: '17 0 * * *' }]);
    expect(deploy.if).toMatch(/github\.event_name == 'schedule'/);
    // No --at: synth evaluates membership for today (UTC) by default.
    expect(runs(deploy)).toContain('$ZONE_ACCESS synth --out cdktf.out');
  });

  it('pull request: install without npm ci, build, annotate, report against the checked-out base', () => {
    expect(runs(pr)).toContain('npm install --no-audit --no-fund');
    expect(runs(pr)).toContain('npm run build --if-present');
    expect(runs(pr)).toContain('$ZONE_ACCESS validate --format github');
    const base = pr.steps.find((s: any) => s.with?.path === '.zone-access-base');
    expect(base.uses).toMatch(/^actions\/checkout@/);
    expect(base.with.ref).toBe('${{ github.event.pull_request.base.sha }}');
    const report = pr.steps[indexOf(pr, /report --base/)].run as string;
    expect(report).toContain(
      '$ZONE_ACCESS report --base .zone-access-base --head . --format markdown > zone-access-report.md',
    );
    expect(report).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(indexOf(pr, /validate --format github/)).toBeLessThan(indexOf(pr, /report --base/));
  });

  it('pull request: the report is posted as a sticky comment (same-repository pull requests only)', () => {
    const comment = pr.steps[indexOf(pr, /sticky-pull-request-comment/)];
    expect(comment.uses).toMatch(/^marocchino\/sticky-pull-request-comment@v2$/);
    expect(comment.with).toEqual({ header: 'zone-access-report', path: 'zone-access-comment.md' });
    expect(comment.if).toMatch(/head\.repo\.full_name == github\.repository/);
    expect(pr.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    expect(indexOf(pr, /report --base/)).toBeLessThan(indexOf(pr, /sticky-pull-request-comment/));
  });

  it('main: synth, then one `zone-access deploy` (changed stacks; --all on the schedule); OIDC for both clouds', () => {
    const synth = indexOf(deploy, /\$ZONE_ACCESS synth/);
    const creds = indexOf(deploy, /aws-actions\/configure-aws-credentials/);
    const terraform = indexOf(deploy, /hashicorp\/setup-terraform/);
    const apply = indexOf(deploy, /\$ZONE_ACCESS deploy/);
    expect([creds, synth, terraform, apply].every((i) => i >= 0)).toBe(true);
    expect(terraform < apply && creds < synth && synth < apply).toBe(true);
    expect(deploy.steps[apply].run).toContain('$ZONE_ACCESS deploy --stacks-dir cdktf.out "$@"');
    expect(deploy.steps[apply].run).toContain('if [ "$GITHUB_EVENT_NAME" = schedule ]; then set -- --all; fi');
    // No shell loop over the stacks any more: deploy orders them and never stops at the first failure.
    expect(runs(deploy).join('\n')).not.toMatch(/terraform -chdir|for dir in/);
    expect(deploy.permissions['id-token']).toBe('write');
    expect(deploy.env).toMatchObject({
      ARM_USE_OIDC: 'true',
      ARM_CLIENT_ID: '${{ vars.AZURE_CLIENT_ID }}',
      TF_PLUGIN_CACHE_DIR: expect.any(String),
    });
    expect(deploy.steps[creds].with['role-to-assume']).toBe('${{ vars.AWS_DEPLOY_ROLE_ARN }}');
    expect(deploy.concurrency).toEqual({ group: 'zone-access-deploy', 'cancel-in-progress': false });
  });

  it('defaults to the current Node LTS', () => {
    expect(wf.env.NODE_VERSION).toBe('24');
  });

  it('every zone-access command line is one the CLI accepts', async () => {
    await expectValidInvocations([...runs(pr), ...runs(deploy)]);
  });
});

describe('examples/ci/gitlab-ci.yml', () => {
  const ci = load('gitlab-ci.yml');
  const script = (job: string): string => (ci[job].script as string[]).join('\n');

  it('runs for merge requests and the default branch; stages in deployment order', () => {
    expect(ci.workflow.rules.map((r: any) => r.if)).toEqual([
      '$CI_PIPELINE_SOURCE == "merge_request_event"',
      '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == "push"',
      '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == "schedule"',
    ]);
    expect(ci.stages).toEqual(['check', 'synth', 'deploy']);
  });

  it("daily schedule: every deploy job runs on the default branch's schedule and synthesizes for today (UTC)", () => {
    expect(ci['.deploy'].rules.map((r: any) => r.if)).toContain(
      '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == "schedule"',
    );
    for (const job of ['synth', 'terraform', 'deploy']) expect(ci[job].extends).toContain('.deploy');
    expect(script('synth')).toContain('$ZONE_ACCESS synth --out cdktf.out');
    expect(script('deploy')).toContain('if [ "$CI_PIPELINE_SOURCE" = schedule ]; then set -- --all; fi');
  });

  it('merge request: validate (Code Quality report) and report (merge request note)', () => {
    expect(ci.validate.extends).toEqual(['.node', '.merge-request']);
    expect(ci.validate.artifacts.reports.codequality).toBe('gl-code-quality-report.json');
    expect(ci['.node'].before_script).toEqual(['npm install --no-audit --no-fund', 'npm run build --if-present']);
    expect(script('report')).toContain('git worktree add --detach .zone-access-base "$CI_MERGE_REQUEST_DIFF_BASE_SHA"');
    expect(script('report')).toContain(
      '$ZONE_ACCESS report --base .zone-access-base --head . --format markdown > zone-access-report.md',
    );
    expect(ci.report.variables.GIT_DEPTH).toBe('0');
    // The note is found again by the report's first line.
    expect(script('report')).toContain(`const marker = "${REPORT_MARKER}";`);
  });

  it('default branch: synth and the pinned terraform binary → one `zone-access deploy`, one deployment at a time', () => {
    expect(ci.deploy.needs).toEqual(['synth', 'terraform']);
    expect(ci.synth.artifacts.paths).toEqual(['cdktf.out/manifest.json', 'cdktf.out/stacks/']);
    expect(ci.terraform.extends).toContain('.terraform');
    expect(ci.terraform.artifacts.paths).toEqual(['.terraform-bin/']);
    expect(script('deploy')).toContain('$ZONE_ACCESS deploy --stacks-dir cdktf.out "$@"');
    expect(script('deploy')).toContain('export PATH="$CI_PROJECT_DIR/.terraform-bin:$PATH"');
    expect(script('deploy')).not.toMatch(/terraform -chdir|for dir in/);
    // The deploy job runs on the Node image (the CLI) with terraform from the pinned image.
    expect(ci.deploy.extends).toEqual(['.node', '.aws-oidc', '.deploy']);
    expect(ci['.deploy'].resource_group).toBe('zone-access-production');
    // The wait for SCIM inside deploy provisions on demand with the same Azure OIDC settings as the azuread provider.
    expect(ci.deploy.id_tokens.AZURE_ID_TOKEN.aud).toBe('api://AzureADTokenExchange');
    expect(ci.deploy.variables).toMatchObject({
      ARM_USE_OIDC: 'true',
      ARM_CLIENT_ID: '$AZURE_CLIENT_ID',
      ARM_TENANT_ID: '$AZURE_TENANT_ID',
    });
    expect(script('deploy')).toContain('export ARM_OIDC_TOKEN="$AZURE_ID_TOKEN"');
    expect(ci['.aws-oidc'].id_tokens.AWS_ID_TOKEN.aud).toBe('sts.amazonaws.com');
  });

  it('defaults to the current Node LTS', () => {
    expect(ci['.node'].image).toBe('node:24');
  });

  it('every zone-access command line is one the CLI accepts', async () => {
    await expectValidInvocations(['validate', 'report', 'synth', 'deploy'].map(script));
  });

  it('the inline programs are valid JavaScript', () => {
    const programs = [...nodePrograms(script('validate')), ...nodePrograms(script('report'))];
    expect(programs).toHaveLength(2);
    for (const p of programs) expect(() => new Script(p)).not.toThrow();
  });

  it('the Code Quality converter turns real `validate --format json` output into GitLab issues', async () => {
    const tree = writeTree({
      zones: {
        'pay/zone-a.yaml': 'zone: zone-a\ndepartment: pay\naccounts: [123456789012]\naccess: [secrets-reader]\n',
        'pay/zone-b.yaml': zoneDoc('zone-b', 'pay', { accounts: ['nope'] }),
      },
    });
    const { io, out } = captureIO(tree.root);
    expect(await main(['validate', '--zones', 'zones', '--config', 'platform.yaml', '--format', 'json'], io)).toBe(1);

    const work = makeTempDir('codequality-');
    writeFileSync(join(work, 'zone-access-validate.json'), out());
    execFileSync(process.execPath, ['-e', nodePrograms(script('validate'))[0]], { cwd: work });
    const issues = JSON.parse(readFileSync(join(work, 'gl-code-quality-report.json'), 'utf8'));
    expect(issues).toEqual([
      {
        description: expect.stringMatching(/^accounts\[0\]: must be a string, not a number \(hint: quote it/),
        check_name: 'zone-access/wrong-type',
        fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
        severity: 'major',
        location: { path: expect.stringMatching(/zones\/pay\/zone-a\.yaml$/), lines: { begin: 3 } },
      },
      {
        description: expect.stringMatching(/^accounts\[0\]: unknown account name "nope"/),
        check_name: 'zone-access/unknown-account',
        fingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
        severity: 'major',
        location: { path: expect.stringMatching(/zones\/pay\/zone-b\.yaml$/), lines: { begin: 4 } },
      },
    ]);
    expect(issues[0].fingerprint).not.toBe(issues[1].fingerprint);
  });
});
