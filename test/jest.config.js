// Unit specs live beside the code (libs/**, apps/**); end-to-end specs in test/ against real
// PostgreSQL and Redis (TEST_DATABASE_URL / TEST_REDIS_URL, else private embedded servers).
const path = require('node:path');
const root = path.resolve(__dirname, '..');
const common = {
  rootDir: root,
  transform: { '^.+\\.ts$': ['@swc/jest', { swcrc: true }] },
  // The swagger plugin metadata (apps/api/src/swagger-metadata.ts) imports sources as './x.js'.
  moduleNameMapper: { '^@qf/(.*)$': '<rootDir>/libs/$1/src', '^(\\.{1,2}/.*)\\.js$': '$1' },
  testEnvironment: 'node',
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
    },
  ],
  maxWorkers: 2,
  // A global option (ignored inside projects): e2e hooks start servers and apps.
  testTimeout: 60_000,
};
