import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

/**
 * graphql 16 has a CommonJS build (`main`) and an ES module build (`module`) and no `exports`
 * map. Node, and so Apollo Server (loaded as an external CommonJS package), gets the CommonJS
 * one; Vite's resolver prefers `module` and would hand our own `import ... from 'graphql'` the
 * ES build: two copies of graphql-js, and schema checks fail across them ("Cannot use
 * GraphQLNonNull from another module or realm"). Pointing the bare specifier at the file Node
 * resolves gives tests the very instance Apollo uses, as `npm start` and the benchmarks have.
 */
const graphqlEntry = createRequire(import.meta.url).resolve('graphql');

export default defineConfig({
  resolve: {
    alias: [{ find: /^graphql$/, replacement: graphqlEntry }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores on CI: keep the workers to two so timing-sensitive integration tests are not starved.
    maxWorkers: 2,
  },
});
