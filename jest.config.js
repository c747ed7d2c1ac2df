/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
  globalSetup: '<rootDir>/__tests__/support/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/support/global-teardown.ts',
  setupFilesAfterEnv: ['<rootDir>/__tests__/support/setup-after-env.ts'],
  reporters: ['default', '<rootDir>/__tests__/support/summary-reporter.js'],
  // The library examples import the package by name, as a consumer would.
  moduleNameMapper: { '^zone-access$': '<rootDir>/index.ts' },
  maxWorkers: 2,
  testTimeout: 60000,
};
