import { availableParallelism } from "node:os";
import { configDefaults, defineConfig } from "vitest/config";

const everyTest = [
  "packages/*/src/**/*.test.{ts,tsx}",
  "federation/src/**/*.test.{ts,tsx}",
  "nodes/*/src/**/*.test.{ts,tsx}",
  "tests/**/*.test.{ts,tsx}",
];
// Browser flows need one engine only, and the demo and the benchmarks' smoke test always run on
// embedded PGlite; everything else runs on both.
const pgliteOnly = ["tests/browser/**", "tests/demo/**", "tests/bench/**"];
// Several node processes on one database: an embedded PGlite belongs to one process, so these
// run on PostgreSQL only (the hub behind a load balancer).
const postgresOnly = ["tests/federation/hub-scale-out.test.ts"];

export default defineConfig({
  test: {
    expect: { requireAssertions: true },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Most files wait on the network or on a node's polling, not on the CPU: two at once on a
    // 2-core machine (vitest's default would be one), one fewer than the cores on a larger one.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: "pglite",
          include: everyTest,
          exclude: [...configDefaults.exclude, ...postgresOnly],
          env: { TEST_DB_DRIVER: "pglite" },
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              extends: true,
              test: {
                name: "postgres",
                include: everyTest,
                exclude: [...configDefaults.exclude, ...pgliteOnly],
                env: { TEST_DB_DRIVER: "postgres" },
              },
            },
          ]
        : []),
    ],
  },
});
