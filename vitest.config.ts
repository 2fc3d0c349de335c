import { defineConfig } from 'vitest/config';

// One config for the whole repository. Each test file isolates itself (its own database, subject prefix
// and stream names, see @rollcall/testkit), so files run in parallel against the real services.
export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.spec.ts',
      'services/*/src/**/*.spec.ts',
      'infra/src/**/*.spec.ts',
      'examples/*/src/**/*.spec.ts',
      'test/**/*.spec.ts',
      'bench/**/*.unit.spec.ts',
    ],
    globalSetup: ['packages/testkit/src/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 4,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
