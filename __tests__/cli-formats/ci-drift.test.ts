import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { main } from '../../cli/zone-access';
import { captureIO, REPO_ROOT } from '../support/tree';

/** The scheduled drift job of both CI templates: scheduled, publishes the report, fails on drift. */

const load = (file: string) =>
  parse(readFileSync(join(REPO_ROOT, 'examples', 'ci', file), 'utf8')) as Record<string, any>;

async function flagsKnown(script: string): Promise<void> {
  const calls = [...script.matchAll(/\$ZONE_ACCESS ([a-z-]+)([^\n|>&;]*)/g)];
  expect(calls.map((c) => c[1])).toEqual(['drift']);
  const { io, out } = captureIO(REPO_ROOT);
  expect(await main(['drift', '--help'], io)).toBe(0);
  for (const flag of calls[0]![2]!.match(/--[a-z-]+/g) ?? []) expect(out()).toContain(flag);
}

/** The script keeps the command's exit code (1 drift, 2 unreadable) as the step's. */
function failsOnDrift(script: string): void {
  expect(script).toMatch(
    /\$ZONE_ACCESS drift --format markdown > zone-access-drift\.md\n\s*code=\$\?\n[\s\S]*exit \$code/,
  );
}

describe('scheduled drift job', () => {
  it('GitHub Actions: on the schedule, after deploy, summary and artifact, fails on drift', async () => {
    const wf = load('github-actions.yml');
    const job = wf.jobs.drift;
    expect(job.if).toContain("github.event_name == 'schedule'");
    expect(job.needs).toEqual(['deploy']);
    expect(job.permissions['id-token']).toBe('write');
    const run = job.steps.map((s: any) => s.run ?? '').join('\n');
    failsOnDrift(run);
    expect(run).toContain('cat zone-access-drift.md >> "$GITHUB_STEP_SUMMARY"');
    expect(job.steps.find((s: any) => String(s.uses).startsWith('actions/upload-artifact')).with.path).toBe(
      'zone-access-drift.md',
    );
    expect(
      job.steps.find((s: any) => String(s.uses).startsWith('aws-actions/configure-aws-credentials')).with[
        'role-to-assume'
      ],
    ).toContain('AWS_DRIFT_ROLE_ARN');
    await flagsKnown(run);
  });

  it('GitLab CI: on the schedule, after the deploy job, artifact, fails on drift', async () => {
    const ci = load('gitlab-ci.yml');
    const job = ci.drift;
    expect(ci.stages).toContain(job.stage);
    expect(job.rules.map((r: any) => r.if)).toEqual([
      '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == "schedule"',
    ]);
    expect(job.needs).toEqual([{ job: 'deploy', optional: true }]);
    expect(job.variables.AWS_ROLE_ARN).toBe('$AWS_DRIFT_ROLE_ARN');
    expect(job.id_tokens.AZURE_ID_TOKEN.aud).toBe('api://AzureADTokenExchange');
    const script = (job.script as string[]).join('\n');
    failsOnDrift(script);
    expect(job.artifacts).toMatchObject({ when: 'always', paths: ['zone-access-drift.md'] });
    await flagsKnown(script);
  });
});
