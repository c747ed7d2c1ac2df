// StrykerJS configuration for `npm run mutate` (scripts/mutate.ts runs it per group of files, each
// with its own test list; see docs/mutation-testing.md). `npx stryker run` alone mutates every file
// below against all the mutation test files (jest.mutate.config.js): correct, but slower.
const report = process.env.ZONE_ACCESS_MUTATE_REPORT ?? 'reports/mutation/mutation.json';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  packageManager: 'npm',
  testRunner: 'jest',
  // The suite's jest setup (swc transform, global setup/teardown, cdktf matchers), narrowed to the
  // tests of the policy code. Not findRelatedTests: jest's dependency graph cannot see the preset
  // files, which policies/presets/index.ts loads with a computed require(), so it would find no test
  // for a preset mutant; the test list of each group (scripts/mutate.ts) is the narrowing instead.
  jest: { projectType: 'custom', configFile: 'jest.mutate.config.js', enableFindRelatedTests: false },
  // Each mutant reruns only the tests that executed its code in the initial run; code run while a
  // test file loads or in beforeAll is "static" and reruns every selected test file.
  coverageAnalysis: 'perTest',
  mutate: [
    'policies/zone-policy.ts',
    'policies/presets/*.ts',
    'policies/limits.ts',
    'policies/grants.ts',
    'policies/catalog.ts',
    'model/preset-rules.ts',
    'model/managed-policy-risks.ts',
  ],
  plugins: ['@stryker-mutator/*', './stryker/ignore-preset-docs.mjs'],
  ignorers: ['preset-docs'],
  // Two cores; the runners share them with everything else on the machine.
  concurrency: 2,
  // A mutant that loops or slows a simulation down: generous, as the machine is shared.
  timeoutMS: 60000,
  reporters: ['clear-text', 'progress-append-only', 'json', 'html'],
  jsonReporter: { fileName: report },
  htmlReporter: { fileName: report.replace(/\.json$/, '.html') },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', 'reports', 'cdktf.out', 'bench/results'],
  incremental: true,
  incrementalFile: 'reports/mutation/incremental.json',
  thresholds: { high: 90, low: 90, break: null },
};
