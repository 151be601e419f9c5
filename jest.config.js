// Tests run TypeScript through ts-jest in transpile-only mode (tsconfig `isolatedModules`): type checking is
// done once by `tsc --noEmit` in `npm test`, so jest does not type-check the provider's .d.ts files per suite.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  setupFilesAfterEnv: ['<rootDir>/__tests__/setup.ts'],
  // The default app is synthesized once per run and shared by the suites (see __tests__/global-setup.ts).
  globalSetup: '<rootDir>/__tests__/global-setup.ts',
  globalTeardown: '<rootDir>/__tests__/global-teardown.ts',
  moduleFileExtensions: ['ts', 'js', 'json'],
};
