/**
 * The jest configuration `npm run mutate` (StrykerJS, stryker.config.mjs) runs: the suite's own
 * configuration (transform, global setup and teardown, the cdktf matchers), narrowed to the test
 * files that exercise the mutated policy code. scripts/mutate.ts sets ZONE_ACCESS_MUTATE_TESTS to
 * one group's test files; without it, every test file of the policy code.
 */
const base = require('./jest.config.js');

const ALL = [
  '__tests__/policies/**/*.test.ts',
  '__tests__/security/*.test.ts',
  '__tests__/schema/generated-schemas.test.ts',
];
const tests = process.env.ZONE_ACCESS_MUTATE_TESTS ? JSON.parse(process.env.ZONE_ACCESS_MUTATE_TESTS) : ALL;

/** @type {import('jest').Config} */
module.exports = {
  ...base,
  testMatch: tests.map((t) => `<rootDir>/${t}`),
  // Stryker reports per test; the suite's one-line summary would only add noise to its log.
  reporters: ['default'],
};
