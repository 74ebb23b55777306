import { benchBallotTally } from "./ballot-tally.bench.ts";
import { benchFederationThroughput } from "./federation-throughput.bench.ts";

// `pnpm bench`: every benchmark, one after the other, printing a table each.
const only = process.argv[2];
const benches: Record<string, () => Promise<void>> = {
  "ballot-tally": () => benchBallotTally(),
  "federation-throughput": () =>
    benchFederationThroughput(Number(process.env.BENCH_COUNT ?? 500), {
      cpuProfileDirectory: process.env.BENCH_CPU_PROFILE || undefined,
    }),
};
for (const [name, run] of Object.entries(benches)) {
  if (only && only !== name) continue;
  await run();
}
