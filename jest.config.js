/** Unit specs live beside the code; e2e specs under test/ run against real services. */
const swc = ['@swc/jest', { swcrc: true }];
const moduleNameMapper = { '^@brobygge/(.*)$': '<rootDir>/libs/$1/src' };

module.exports = {
  testTimeout: 60000,
  // Files run in parallel workers: each e2e file has its own database (cloned from the
  // template that global setup migrates), its own Redis key prefix and its own ports.
  maxWorkers: 2,
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': swc },
      moduleNameMapper,
      testMatch: ['<rootDir>/apps/**/*.spec.ts', '<rootDir>/libs/**/*.spec.ts', '<rootDir>/test/contract/**/*.spec.ts'],
    },
    {
      displayName: 'e2e',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform: { '^.+\\.ts$': swc },
      moduleNameMapper,
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
};
