import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['test/setup/global-setup.ts'],
    // Integration tests start real servers, PostgreSQL databases and queues: two files at a time
    // on a 2-core machine, each with its own database and queue prefix.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit+integration', include: ['test/**/*.test.ts'], exclude: ['test/browser/**'] } },
      // The browser test runs the whole demo and Chromium: after the others, so it never slows their timing.
      { extends: true, test: { name: 'browser', include: ['test/browser/**/*.test.ts'], sequence: { groupOrder: 1 } } },
    ],
  },
});
