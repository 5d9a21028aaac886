// The architecture's boundaries, checked by `npm run lint:deps` (part of `npm run lint`).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-app-to-other-app',
      comment: 'A service never imports another app: services share only libs/contracts.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/([^/]+)/', pathNot: '^apps/$1/' },
    },
    {
      name: 'no-lib-to-app',
      comment: 'Libs are building blocks; they never reach into an app.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'no-lib-to-tools',
      comment:
        'Libs are the bottom layer; tools (CLIs, the scaffold) build on them, never the reverse. Move a shared piece down into a lib.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^tools/' },
    },
    {
      name: 'no-lib-to-bench',
      comment: 'Benches measure the pipeline with libs; a lib never reaches into bench/.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^bench/' },
    },
    {
      name: 'no-deep-lib-imports',
      comment: 'Reach a lib only through its index (the @dinner-rush/<lib> alias).',
      severity: 'error',
      from: { path: '^(apps|test|bench|tools)/' },
      to: { path: '^libs/[^/]+/src/.+', pathNot: '^libs/[^/]+/src/index\\.ts$' },
    },
    {
      name: 'testing-lib-only-in-tests',
      comment: 'The real-services harness is for tests, never for running services.',
      severity: 'error',
      from: { path: '^(apps|libs)/.+/src/', pathNot: '(\\.spec\\.ts$|^libs/testing/)' },
      to: { path: '^libs/testing/' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|/generated/)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
  },
};
