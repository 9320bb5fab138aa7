import { defineConfig } from 'vitest/config';

/** `npm run test:unit`: the unit tests only, no database, no servers (a few seconds). */
export default defineConfig({
  test: {
    name: 'unit',
    include: ['test/unit/**/*.test.ts'],
  },
});
