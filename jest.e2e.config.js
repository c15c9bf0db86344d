// End-to-end tests: the H5 build served by the emulator, driven in Debian's chromium by playwright-core.
// Run with `npm run test:e2e` (CI runs it after the builds); screenshots go to .artifacts/e2e/.
module.exports = {
  rootDir: __dirname,
  displayName: 'e2e',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  modulePathIgnorePatterns: ['<rootDir>/tools/miniprogram-ci/'],
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  globalSetup: '<rootDir>/test/e2e/support/global-setup.js',
  testTimeout: 60_000,
}
