/** @type {import('jest').Config} */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@kenes/([a-z-]+)$': '<rootDir>/libs/$1/src',
    '^@kenes/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
  },
};

module.exports = {
  // End-to-end tests start the app and a database of their own; a loaded 2-core machine needs more than the 5 s default.
  testTimeout: 60000,
  // On two cores jest runs every file inside its own main process, one after another, and the
  // modules, apps and browsers of ~150 files pile up in one heap until it aborts (seen in CI).
  // A memory limit makes jest use a worker process and replace it once it holds this much.
  workerIdleMemoryLimit: '1GB',
  projects: [
    {
      ...common,
      displayName: 'core',
      testMatch: ['<rootDir>/libs/core/**/*.spec.ts'],
    },
    {
      // The web app's plain modules (the live reducer, its clock, the language choice) and the shared contracts.
      ...common,
      displayName: 'web-unit',
      testMatch: ['<rootDir>/apps/web/src/**/*.spec.ts', '<rootDir>/libs/contracts/**/*.spec.ts'],
      // react-intl and its formatjs packages ship ES modules only: compiled like our sources, so a test formats
      // messages with the app's own formatter (createIntl), not a stand-in.
      transform: { '^.+\\.(t|j)s$': swc },
      transformIgnorePatterns: ['/node_modules/(?!(react-intl|@formatjs|intl-messageformat)/)'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts', '<rootDir>/libs/!(core|contracts)/**/*.spec.ts', '<rootDir>/apps/!(web)/**/*.spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
    {
      // In a real browser (Debian's Chromium through playwright-core) against the app serving the built web app.
      ...common,
      displayName: 'web',
      testMatch: ['<rootDir>/test/web/**/*.web-spec.ts'],
      globalSetup: '<rootDir>/test/web/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};
