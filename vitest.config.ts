import { defineConfig } from 'vitest/config';

// Three tiers (docs/architecture.md): pure unit tests of shared rules, integration tests through
// buildApp() + inject() on a real database, and end-to-end journeys in Debian's Chromium.
// Workers stay at 2 on these 2-core machines.
export default defineConfig({
  test: {
    globals: true,
    maxWorkers: 2,
    env: { TZ: 'Asia/Shanghai' },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['src/shared/**/*.test.ts', 'tests/unit/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['src/server/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          globalSetup: ['tests/helpers/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          // Pages render asynchronously (lazy routes): polls wait like a person would.
          expect: { poll: { timeout: 15_000, interval: 100 } },
          globalSetup: ['tests/e2e/global-setup.ts'],
          // E2E_TRACE=<file>: each journey's requests, messages and form errors, and the state of a failed one.
          setupFiles: process.env.E2E_TRACE ? ['tests/e2e/trace.setup.ts'] : [],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          maxWorkers: 1,
          fileParallelism: false,
        },
      },
    ],
  },
});
