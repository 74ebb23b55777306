import { availableParallelism, loadavg } from "node:os";

/**
 * Every figure the benchmarks print is a ratio to a reference measured in the same run,
 * interleaved with it (reference, candidate, reference, candidate, …) so that whatever else the
 * machine does moves both alike, and repeated: the printed figure is the min and the median of
 * the ratios of each round.
 */
export interface Round {
  /** Each measured thing's rate in this round (operations per second, or any "higher is better"). */
  [name: string]: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** One row per ratio: candidate rate over reference rate, in each round; min and median of them. */
export interface RatioRow {
  figure: string;
  min: number;
  median: number;
  rounds: number[];
}

export function ratios(
  rounds: readonly Round[],
  pairs: readonly { figure: string; of: string; to: string }[],
): RatioRow[] {
  return pairs.map(({ figure, of, to }) => {
    const each = rounds
      .map((round) => {
        const a = round[of];
        const b = round[to];
        return a === undefined || b === undefined || b === 0 ? Number.NaN : a / b;
      })
      .filter((r) => Number.isFinite(r));
    return { figure, min: Math.min(...each), median: median(each), rounds: each };
  });
}

/** Runs `steps` in turn, `repeats` times (interleaved), each returning its rate; returns every round. */
export async function interleave(
  repeats: number,
  steps: readonly { name: string; run: (round: number) => Promise<number> }[],
  onStep: (round: number, name: string, rate: number) => void = () => {},
): Promise<Round[]> {
  const rounds: Round[] = [];
  for (let round = 0; round < repeats; round++) {
    const values: Round = {};
    for (const step of steps) {
      const rate = await step.run(round);
      values[step.name] = rate;
      onStep(round, step.name, rate);
    }
    rounds.push(values);
  }
  return rounds;
}

/** The machine's load, to print beside every figure: on a shared machine the ratios are what counts. */
export function loadLine(): string {
  const [one, five, fifteen] = loadavg().map((l) => l.toFixed(2));
  return `load average ${one} ${five} ${fifteen} on ${availableParallelism()} cores`;
}

const fixed = (n: number) =>
  Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toPrecision(3)) : "—";

export function printRatios(title: string, rows: readonly RatioRow[], notes: string[] = []): void {
  console.log(`\n${title} (${loadLine()})`);
  console.table(
    rows.map((r) => ({
      figure: r.figure,
      "ratio min": fixed(r.min),
      "ratio median": fixed(r.median),
      rounds: r.rounds.map(fixed).join(" "),
    })),
  );
  for (const note of notes) console.log(`  ${note}`);
}

/** A rate's rounds as "min / median" text, for the raw figures printed under the ratios. */
export function rateLine(rounds: readonly Round[], name: string, unit: string): string {
  const values = rounds.map((r) => r[name]).filter((v): v is number => v !== undefined);
  return `${name}: ${fixed(Math.min(...values))} / ${fixed(median(values))} ${unit} (min / median)`;
}

export const benchRepeats = (fallback = 3) => Math.max(1, Number(process.env.BENCH_REPEATS ?? fallback));
