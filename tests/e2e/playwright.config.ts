import { defineConfig } from '@playwright/test';

// Debian's Chromium: Playwright's own browser download cannot run on office or CI machines.
// Each spec file starts its own real server process (tests/support/server-process.ts).
export default defineConfig({
  testDir: '.',
  outputDir: '../../test-results/e2e',
  // Fails the run when a spec leaves a temporary folder behind (see the file).
  globalSetup: '../support/temp-leak-check.ts',
  timeout: 60_000,
  expect: { timeout: 5_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    headless: true,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
        '--autoplay-policy=no-user-gesture-required',
      ],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
});
