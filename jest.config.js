// One Jest run covers all three tiers; the tier is chosen by file name:
//   *.spec.ts      unit specs beside the code (no servers)
//   *.int-spec.ts  per-app integration tests on real PostgreSQL + RabbitMQ
//   *.e2e-spec.ts  the whole pipeline as separate processes (needs `npm run build`)
const swcConfig = { swcrc: true, jsc: { transform: { hidden: { jest: true } } } };

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/{apps,libs,test,tools,bench}/**/*.{spec,int-spec,e2e-spec}.ts'],
  transform: { '^.+\\.(t|j|mj)s$': ['@swc/jest', swcConfig] },
  // The WASM schema engine, jose and oidc-provider ship ESM only; let SWC turn them into CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!(@prisma/schema-engine-wasm|jose|oidc-provider)/)'],
  moduleNameMapper: {
    // Every lib by its alias: @dinner-rush/<lib> is libs/<lib>/src.
    '^@dinner-rush/([a-z-]+)$': '<rootDir>/libs/$1/src',
  },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};
