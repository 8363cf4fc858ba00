import { defineConfig } from 'vitest/config';

// Two tiers run by `vitest run`: unit tests live beside the code, integration tests start real
// servers on loopback. Playwright (tests/e2e) and benchmarks (tests/bench) are separate commands.
export default defineConfig({
  test: {
    // Fails the run when a test leaves a temporary folder behind (see the file).
    globalSetup: ['tests/support/temp-leak-check.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            '{shared,client,server,central,hardware,kiosk,display}/src/**/*.test.{ts,tsx}',
            'kiosk/test/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
