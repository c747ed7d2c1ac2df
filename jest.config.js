/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  globalSetup: '<rootDir>/__tests__/support/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/__tests__/support/setup-after-env.ts'],
  reporters: ['default', '<rootDir>/__tests__/support/summary-reporter.js'],
  // The library examples import the package by name, as a consumer would.
  moduleNameMapper: { '^zone-access$': '<rootDir>/index.ts' },
  // Three workers on the 2-core machines we run on: the terraform lifecycle suite spends ~35 s of
  // its ~55 s in the aws provider's fixed waits (10 s per account assignment, 5 s per provisioning),
  // and a third worker keeps both cores busy meanwhile (measured: 103 s with 2 workers, 87 s with 3).
  maxWorkers: 3,
  testTimeout: 60000,
};
