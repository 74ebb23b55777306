import { PROCESS_TEST_TIMEOUT_MS, startProcess } from "@dynamo/testing";
import { describe, expect, it } from "vitest";
import { deliveryVerifyCeiling, ed25519OneThread, ed25519Pool } from "./ceilings.ts";
import { interleave, median, ratios } from "./compare.ts";

// `pnpm bench` runs outside vitest, on the same harnesses as the tests: this keeps it running.
// Behaviour only: what is measured, in which order, and what is printed; never how fast.
describe("the benchmarks' comparisons", () => {
  it("interleaves the reference and the candidates round after round", async () => {
    const order: string[] = [];
    const rounds = await interleave(3, [
      {
        name: "reference",
        run: async (round) => {
          order.push(`reference ${round}`);
          return 10;
        },
      },
      {
        name: "candidate",
        run: async (round) => {
          order.push(`candidate ${round}`);
          return [5, 2, 4][round] as number;
        },
      },
    ]);
    expect(order).toEqual(["reference 0", "candidate 0", "reference 1", "candidate 1", "reference 2", "candidate 2"]);
    const [row] = ratios(rounds, [{ figure: "candidate / reference", of: "candidate", to: "reference" }]);
    expect(row).toEqual({ figure: "candidate / reference", min: 0.2, median: 0.4, rounds: [0.5, 0.2, 0.4] });
    expect(median([3, 1, 2, 4])).toBe(2.5);
  });

  it("measures the verify ceilings on one thread and on a pool of worker threads", async () => {
    expect(ed25519OneThread(20)).toBeGreaterThan(0);
    expect(deliveryVerifyCeiling(20)).toBeGreaterThan(0);
    const pool = await ed25519Pool(2);
    try {
      expect(pool.threads).toBe(2);
      expect(await pool.rate(20)).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });
});

describe("pnpm bench", () => {
  it(
    "prints each figure as a ratio with min and median over rounds, and the load average",
    async () => {
      const bench = startProcess("tests/bench/run.ts", { BENCH_CEILING_MS: "30", BENCH_REPEATS: "2" }, ["ceilings"]);
      const code = await bench.exited;
      const output = bench.output();
      expect(code, output).toBe(0);
      expect(output).toMatch(/load average [\d.]+ [\d.]+ [\d.]+ on \d+ cores/);
      expect(output).toContain("ratio min");
      expect(output).toContain("ratio median");
      expect(output).toMatch(/Ed25519 on \d+ threads \/ one thread/);
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it(
    "refuses a benchmark it does not know, naming those it does",
    async () => {
      const bench = startProcess("tests/bench/run.ts", {}, ["nonsense"]);
      expect(await bench.exited).toBe(2);
      expect(bench.output()).toContain("no benchmark named nonsense: ceilings, ballot-tally, ingest, pages");
    },
    PROCESS_TEST_TIMEOUT_MS,
  );
});
