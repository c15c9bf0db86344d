// Two projects: node for domain, cloud, emulator and native (miniprogram-simulate) tests; jsdom for page logic.
const common = {
  transform: { '^.+\\.[jt]sx?$': 'babel-jest' },
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'json'],
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/dist-h5/', '/.build/'],
  // miniprogram-ci, with its ~1,100 packages, is a CI program of its own: nothing there is ours to test.
  modulePathIgnorePatterns: ['<rootDir>/tools/miniprogram-ci/'],
}

module.exports = {
  // Both cores: by default jest keeps one for itself on a 2-core machine, and the suite is CPU-bound.
  maxWorkers: 2,
  // Many tests drive a whole database and api in process: seconds on a loaded 2-core machine, not a hang.
  testTimeout: 30_000,
  globalSetup: '<rootDir>/config/jest-global-setup.js',
  projects: [
    {
      ...common,
      displayName: 'node',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: [...common.testPathIgnorePatterns, '<rootDir>/test/ui/', '<rootDir>/test/e2e/'],
    },
    {
      ...common,
      displayName: 'ui',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/ui/**/*.test.tsx'],
      // NutUI React Taro ships ES modules: compile it like our own code; its CSS is a no-op here.
      transformIgnorePatterns: ['/node_modules/(?!@nutui/)'],
      setupFiles: ['<rootDir>/test/fakes/quiet-third-party.js'],
      moduleNameMapper: {
        ...common.moduleNameMapper,
        '^@nutui/nutui-react-taro/dist/es/packages/[a-z]+/style/css$': '<rootDir>/test/fakes/style.js',
        '\\.(css|scss)$': '<rootDir>/test/fakes/style.js',
      },
    },
  ],
}
