import { loadLine } from "./compare.ts";

// `./dev bench [name]`: every benchmark (or the one named), one after the other. Each prints its
// figures as ratios to a reference measured in the same run, with the machine's load beside them.
// Each is imported only when it runs: the ceilings alone load no node.
const only = process.argv[2];
const benches: Record<string, () => Promise<void>> = {
  ceilings: async () => (await import("./ceilings.ts")).benchCeilings(),
  "ballot-tally": async () => (await import("./ballot-tally.bench.ts")).benchBallotTally(),
  ingest: async () => (await import("./ingest.bench.ts")).benchIngest(),
  pages: async () => (await import("./pages.bench.ts")).benchPages(),
  "cold-start": async () => (await import("./cold-start.bench.ts")).benchColdStart(),
  "federation-throughput": async () =>
    (await import("./federation-throughput.bench.ts")).benchFederationThroughput(
      Number(process.env.BENCH_COUNT ?? 500),
      {
        cpuProfileDirectory: process.env.BENCH_CPU_PROFILE || undefined,
      },
    ),
};
if (only !== undefined && !(only in benches)) {
  console.error(`no benchmark named ${only}: ${Object.keys(benches).join(", ")}`);
  process.exit(2);
}
console.log(`bench: ${loadLine()}`);
for (const [name, run] of Object.entries(benches)) {
  if (only && only !== name) continue;
  await run();
}
console.log(`\nbench: done (${loadLine()})`);
// Fedify's in-process queue and the node harnesses keep timers: the runner ends when its benchmarks have.
process.exit(0);
