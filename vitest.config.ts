import { configDefaults, defineConfig } from "vitest/config";

const everyTest = [
  "packages/*/src/**/*.test.{ts,tsx}",
  "federation/src/**/*.test.{ts,tsx}",
  "nodes/*/src/**/*.test.{ts,tsx}",
  "tests/**/*.test.{ts,tsx}",
];
// Browser flows need one engine only, and the demo always runs on embedded PGlite; everything
// else runs on both.
const pgliteOnly = ["tests/browser/**", "tests/demo/**"];

export default defineConfig({
  test: {
    expect: { requireAssertions: true },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    projects: [
      { extends: true, test: { name: "pglite", include: everyTest, env: { TEST_DB_DRIVER: "pglite" } } },
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
