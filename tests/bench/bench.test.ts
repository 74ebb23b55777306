import { PROCESS_TEST_TIMEOUT_MS, startProcess } from "@dynamo/testing";
import { describe, expect, it } from "vitest";

// `pnpm bench` runs outside vitest, on the same harnesses as the tests: this keeps it running.
describe("pnpm bench", () => {
  it(
    "runs the federation throughput benchmark end to end on a few activities",
    async () => {
      const bench = startProcess("tests/bench/run.ts", { BENCH_COUNT: "12", TEST_DB_DRIVER: "pglite" }, [
        "federation-throughput",
      ]);
      const code = await bench.exited;
      const output = bench.output();
      expect(code, output).toBe(0);
      expect(output).toMatch(/12 activities in [\d.]+ s: [\d.]+ activities\/s end to end/);
      expect(output).toMatch(/12 deliveries in [\d.]+ s: [\d.]+ deliveries\/s/);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
