// The fault suite (`npm run test:faults`): the four services as processes on a
// RabbitMQ node and a PostgreSQL cluster the suite starts for itself, so it can
// stop, kill and restart them. One file at a time: each brings its own servers
// and two cores are all there is. Needs `npm run build` (it spawns dist/).
const base = require('./jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
  rootDir: base.rootDir,
  testEnvironment: base.testEnvironment,
  transform: base.transform,
  transformIgnorePatterns: base.transformIgnorePatterns,
  moduleNameMapper: base.moduleNameMapper,
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  testTimeout: 300_000,
  maxWorkers: 1,
  // Killed brokers and databases can leave a socket half-open in the test process;
  // every case cleans up what it started, so do not wait for the stragglers.
  forceExit: true,
};
