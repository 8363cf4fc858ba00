import { defineConfig } from 'vitest/config';

// The unit tests that pin the core rules, for the mutation tester (`npm run mutate`): the pure
// rules in shared/ and the queue engine. Integration tests are left out: each mutant must be
// judged in seconds, and the rules are pinned where they live.
export default defineConfig({
  test: {
    include: ['shared/src/**/*.test.ts', 'server/src/engine/**/*.test.ts'],
    environment: 'node',
  },
});
