import { benchBallotTally } from "./ballot-tally.bench.ts";
import { benchCeilings } from "./ceilings.ts";
import { loadLine } from "./compare.ts";
import { benchFederationThroughput } from "./federation-throughput.bench.ts";
import { benchIngest } from "./ingest.bench.ts";
import { benchPages } from "./pages.bench.ts";

// `./dev bench [name]`: every benchmark (or the one named), one after the other. Each prints its
// figures as ratios to a reference measured in the same run, with the machine's load beside them.
const only = process.argv[2];
const benches: Record<string, () => Promise<void>> = {
  ceilings: () => benchCeilings(),
  "ballot-tally": () => benchBallotTally(),
  ingest: () => benchIngest(),
  pages: () => benchPages(),
  "federation-throughput": () =>
    benchFederationThroughput(Number(process.env.BENCH_COUNT ?? 500), {
      cpuProfileDirectory: process.env.BENCH_CPU_PROFILE || undefined,
    }),
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
