import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Testing } from 'cdktf';
import { parse } from 'yaml';
import type { ZoneTree } from '../../model/types';
import { loadTree } from '../../pipeline/load';
import { synthesizeTree } from '../../pipeline/synthesize';
import { addZoneStacks } from '../../stacks/zone-stacks';
import { BACKEND_ARGUMENT_SINCE, compareVersions } from '../../stacks/terraform-version';
import { docsPage } from '../support/readme';
import { REPO_ROOT, SAMPLE_CONFIG, SAMPLE_ZONES, baseConfig, makeTempDir, writeTree, zoneDoc } from '../support/tree';
import { terraformEnv } from '../support/terraform';

const CI = join(REPO_ROOT, 'examples', 'ci');
const gitlab = parse(readFileSync(join(CI, 'gitlab-ci.yml'), 'utf8'));
const github = parse(readFileSync(join(CI, 'github-actions.yml'), 'utf8'));
const templateTexts = ['gitlab-ci.yml', 'github-actions.yml'].map(
  (f) => [f, readFileSync(join(CI, f), 'utf8')] as const,
);

function treeWith(config: Record<string, unknown>): ZoneTree {
  const { zonesDir, configPath } = writeTree({ config, zones: { 'a/one.yaml': zoneDoc('one', 'a') } });
  const { tree, diagnostics } = loadTree({ zonesDir, configPath });
  if (!tree) throw new Error(JSON.stringify(diagnostics));
  return tree;
}

/** Every backend argument the stacks emit, as `<type>.<argument>`, for every backend type. */
function emittedBackendArguments(): string[] {
  const out = new Set<string>();
  for (const backend of [{ type: 'local' }, { type: 's3', bucket: 'state-bucket', region: 'eu-north-1' }]) {
    const { shards } = addZoneStacks(Testing.app({ stackTraces: false }), treeWith(baseConfig({ backend })));
    for (const pair of shards.values()) {
      for (const stack of [pair.entra, pair.aws]) {
        const json = JSON.parse(Testing.synth(stack));
        for (const [type, args] of Object.entries<Record<string, unknown>>(json.terraform.backend)) {
          for (const arg of Object.keys(args)) out.add(`${type}.${arg}`);
        }
      }
    }
  }
  return [...out].sort();
}

/** The Terraform version the CI templates pin, per template. */
function pinnedVersions(): Record<string, string> {
  const image: string = gitlab['.terraform'].image.name;
  const setup = github.jobs.deploy.steps.find((s: { uses?: string }) =>
    s.uses?.startsWith('hashicorp/setup-terraform'),
  );
  return {
    'gitlab-ci.yml': image.replace(/^hashicorp\/terraform:/, ''),
    'github-actions.yml': String(setup?.with?.terraform_version),
  };
}

describe('CI templates: the Terraform version', () => {
  const emitted = emittedBackendArguments();
  const required = emitted
    .map((a) => {
      const [type, arg] = a.split('.');
      return BACKEND_ARGUMENT_SINCE[type]?.[arg] ?? '';
    })
    .reduce((max, v) => (compareVersions(v, max) > 0 ? v : max), '0');

  it('knows the Terraform version of every backend argument the stacks emit', () => {
    expect(emitted).toContain('s3.use_lockfile');
    const unknown = emitted.filter((a) => {
      const [type, arg] = a.split('.');
      return BACKEND_ARGUMENT_SINCE[type]?.[arg] === undefined;
    });
    // A new backend argument needs its Terraform version in stacks/terraform-version.ts.
    expect(unknown).toEqual([]);
    expect(required).toBe('1.11.0');
  });

  it('both templates pin one exact version that supports every emitted backend argument', () => {
    const pins = pinnedVersions();
    for (const [template, version] of Object.entries(pins)) {
      expect({ template, version }).toEqual({ template, version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
      expect({ template, supported: compareVersions(version, required) >= 0 }).toEqual({ template, supported: true });
    }
    expect(new Set(Object.values(pins)).size).toBe(1);
  });

  it('the Terraform the tests validate the stacks with supports them too', () => {
    const version = JSON.parse(
      execFileSync('terraform', ['version', '-json'], { env: terraformEnv(), encoding: 'utf8' }),
    ).terraform_version;
    expect(compareVersions(version, required)).toBeGreaterThanOrEqual(0);
  });
});

describe('deploy order: the cdktf manifest and the deploy commands that rely on it', () => {
  const out = makeTempDir('manifest-');
  const { tree } = loadTree({ zonesDir: SAMPLE_ZONES, configPath: SAMPLE_CONFIG });
  synthesizeTree(tree!, out);
  const manifest: { stacks: Record<string, { dependencies: string[] }> } = JSON.parse(
    readFileSync(join(out, 'manifest.json'), 'utf8'),
  );
  const names = Object.keys(manifest.stacks).sort();

  /** cdktf-cli 0.21's check before deploy (stack-helpers checkIfAllDependenciesAreIncluded). */
  function missingDependencies(pattern: string): string[] {
    const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    const selected = names.filter((n) => re.test(n));
    return [...new Set(selected.flatMap((n) => manifest.stacks[n].dependencies))]
      .filter((d) => !selected.includes(d))
      .sort();
  }

  it('records each AWS stack as depending on its Entra stack, each Entra stack on entra-app-roles, and that on nothing', () => {
    expect(names.length).toBeGreaterThan(0);
    expect(names).toContain('entra-app-roles');
    for (const name of names) {
      expect({ name, dependencies: manifest.stacks[name].dependencies }).toEqual({
        name,
        dependencies: name.startsWith('aws-')
          ? [name.replace(/^aws-/, 'entra-')]
          : name === 'entra-app-roles'
            ? []
            : ['entra-app-roles'],
      });
    }
  });

  it("so `cdktf deploy 'entra-*'` runs as is, and the AWS step needs --ignore-missing-stack-dependencies", () => {
    expect(missingDependencies('entra-*')).toEqual([]);
    expect(missingDependencies('aws-*')).toEqual(
      names.filter((n) => n.startsWith('entra-') && n !== 'entra-app-roles'),
    );
    const readme = docsPage('deploy.md');
    const deploys = readme.match(/^cdktf deploy .*$/gm) ?? [];
    expect(deploys).toEqual([
      "cdktf deploy 'entra-*' --auto-approve",
      "cdktf deploy 'aws-*' --auto-approve --ignore-missing-stack-dependencies",
    ]);
    expect(readme).not.toMatch(/cdktf deploy 'aws-\*'`/);
  });
});

describe('CI templates: the consumer-repository variant', () => {
  it('builds only where there is something to build (a zones-only repository has no build script)', () => {
    for (const [template, text] of templateTexts) {
      const builds = text.match(/npm run build\b.*$/gm) ?? [];
      expect({ template, builds }).toEqual({ template, builds: builds.map(() => 'npm run build --if-present') });
      expect(builds.length).toBeGreaterThan(0);
      expect(text).toContain('ZONE_ACCESS: npx --no zone-access');
    }
  });
});
