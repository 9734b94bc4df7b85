import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // one graphql instance: Vite would pick graphql's "module" (index.mjs) while Apollo and
    // other CommonJS dependencies load index.js, and instanceof GraphQLError / schema checks fail
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // each file in its own process: native drivers (better-sqlite3, mysql2 pools) stay isolated
    pool: 'forks',
    fileParallelism: true,
    // integration and e2e tests start servers and build databases
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 10_000,
  },
});
