import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * `npm run mutate [-- <group> ...] [--concurrency N] [--force]`: mutation testing of the policy code
 * with StrykerJS (stryker.config.json), one group of source files at a time, each with only the test
 * files that exercise it (jest.mutate.config.js reads the list from ZONE_ACCESS_MUTATE_TESTS). A
 * mutant reruns the tests that cover it, but jest loads every selected test file for each mutant, so
 * a short list per group is what keeps a full run well under an hour on two cores.
 *
 * Incremental: each group keeps its results in reports/mutation/<group>.incremental.json, and a rerun
 * tests only the mutants whose code or covering tests changed (`--force` reruns everything). After
 * each group its per-file scores go into bench/results/latest.json and README's benchmark table
 * (`npm run bench -- --only mutate --report reports/mutation/<group>.json`), so an interrupted run
 * keeps what it finished. Not part of `npm test`.
 */

export interface MutationGroup {
  readonly name: string;
  /** Files to mutate (globs as Stryker reads them). */
  readonly mutate: readonly string[];
  /** Test files (jest testMatch globs, relative to the repository). */
  readonly tests: readonly string[];
}

const PRESETS_DIR = join(__dirname, '..', '..', 'policies', 'presets');

/**
 * A preset file is data, loaded with the catalog while every test file loads, so all its mutants are
 * "static" and rerun every selected test: each preset file gets its own group with only its own test
 * file (and the catalog's, and for the secrets presets the secrets tests), not all preset tests.
 */
function presetGroups(): MutationGroup[] {
  const names = readdirSync(PRESETS_DIR)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => f.slice(0, -'.ts'.length))
    .filter((n) => n !== 'define' && n !== 'index')
    .sort();
  // define.ts and index.ts shape and discover every preset: the catalog's tests, and the preset
  // tests that use a tag-on-create companion (secrets-editor) and a further condition (ssm-session).
  const shared: MutationGroup = {
    name: 'presets',
    mutate: ['policies/presets/define.ts', 'policies/presets/index.ts'],
    tests: [
      '__tests__/policies/catalog*.test.ts',
      ...['secrets-editor', 'ssm-session', 'sqs-operator'].map((p) => `__tests__/policies/presets/${p}.test.ts`),
    ],
  };
  return [
    ...names.map((n) => ({
      name: `preset:${n}`,
      mutate: [`policies/presets/${n}.ts`],
      tests: [
        `__tests__/policies/presets/${n}.test.ts`,
        '__tests__/policies/catalog*.test.ts',
        // secrets-editor is secrets-reader plus writes; the secrets tests prove both against AWS's behaviour.
        ...(n.startsWith('secrets-')
          ? ['__tests__/policies/presets/secrets-*.test.ts', '__tests__/policies/secrets-*.test.ts']
          : []),
      ],
    })),
    shared,
  ];
}

export const MUTATION_GROUPS: readonly MutationGroup[] = [
  { name: 'limits', mutate: ['policies/limits.ts'], tests: ['__tests__/policies/limits*.test.ts'] },
  // Not report/diff.test.ts: it expands grants while its file loads, so a mutant that crashes there
  // counts as an error, not as killed; the grants tests exercise the same expansion inside tests.
  { name: 'grants', mutate: ['policies/grants.ts'], tests: ['__tests__/policies/grants*.test.ts'] },
  {
    name: 'catalog',
    mutate: ['policies/catalog.ts'],
    // Not iam-reference.test.ts (the tag-on-create name rule against every action AWS lists): the
    // catalog is built while it loads, so every catalog mutant would rerun all of it (~1 min).
    tests: ['__tests__/policies/catalog*.test.ts', '__tests__/policies/zone-policy*.test.ts'],
  },
  {
    // Only the tests that compare whole policy documents (every statement, condition and Sid), which
    // notice any change of what a policy grants. Every policy built runs most of this file, so each
    // mutant is covered by nearly every test that builds one: with the simulation-based proofs
    // (isolation matrices, secrets, tagging; ~200 s together on two busy cores) a run would take
    // hours. Those proofs run in `npm test`; here a survivor they would catch is killed by an exact
    // test instead.
    name: 'zone-policy',
    mutate: ['policies/zone-policy.ts', 'policies/policy-document.ts'],
    tests: ['__tests__/policies/zone-policy*.test.ts'],
  },
  ...presetGroups(),
  {
    name: 'preset-rules',
    mutate: ['model/preset-rules.ts', 'model/unscoped-reads.ts'],
    tests: ['__tests__/security/config-preset-rules*.test.ts', '__tests__/security/unscoped-reads*.test.ts'],
  },
  // The edge tests only: the analysis's own tests expand ReadOnlyAccess against iam-expand and load
  // configs (~1 min together), and nearly every mutant is covered by all of them.
  {
    name: 'managed-policy-risks',
    mutate: ['model/managed-policy-risks.ts'],
    tests: ['__tests__/security/managed-policy-risks-{edges,levels}.test.ts'],
  },
];

const REPO = resolve(__dirname, '..', '..');

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { concurrency: { type: 'string' }, force: { type: 'boolean', default: false } },
  });
  // `preset:*` selects every preset file's group.
  const selects = (p: string, g: MutationGroup) => g.name === p || (p === 'preset:*' && g.name.startsWith('preset:'));
  const unknown = positionals.filter((p) => !MUTATION_GROUPS.some((g) => selects(p, g)));
  if (unknown.length > 0)
    throw new Error(
      `unknown group ${unknown.join(', ')}; the groups are ${MUTATION_GROUPS.map((g) => g.name).join(', ')}`,
    );
  const groups =
    positionals.length > 0 ? MUTATION_GROUPS.filter((g) => positionals.some((p) => selects(p, g))) : MUTATION_GROUPS;
  let failed = 0;
  for (const group of groups) {
    const file = group.name.replace(/:/g, '-');
    const report = join('reports', 'mutation', `${file}.json`);
    const args = [
      'stryker',
      'run',
      '--mutate',
      group.mutate.join(','),
      '--incremental',
      '--incrementalFile',
      join('reports', 'mutation', `${file}.incremental.json`),
      ...(values.force ? ['--force'] : []),
      ...(values.concurrency ? ['--concurrency', values.concurrency] : []),
    ];
    process.stderr.write(`mutate: ${group.name}: ${group.mutate.join(', ')} against ${group.tests.join(', ')}\n`);
    const run = spawnSync('npx', args, {
      cwd: REPO,
      stdio: 'inherit',
      env: { ...process.env, ZONE_ACCESS_MUTATE_TESTS: JSON.stringify(group.tests), ZONE_ACCESS_MUTATE_REPORT: report },
    });
    if (run.status !== 0) {
      process.stderr.write(`mutate: ${group.name}: stryker exited ${run.status}; its figures are not recorded\n`);
      failed++;
      continue;
    }
    const record = spawnSync('node', [join(REPO, 'dist', 'bench', 'run.js'), '--only', 'mutate', '--report', report], {
      cwd: REPO,
      stdio: 'inherit',
    });
    if (record.status !== 0) failed++;
  }
  process.exitCode = failed > 0 ? 1 : 0;
}

if (require.main === module) {
  try {
    main();
  } catch (err) {
    process.stderr.write(`mutate: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  }
}
