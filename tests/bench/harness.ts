/** A measured step of a benchmark: wall time and the memory it left in use. */
export interface Measurement {
  step: string;
  ms: number;
  heapMiB: number;
  rssMiB: number;
}

const mib = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

export async function measure<T>(step: string, results: Measurement[], run: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  const value = await run();
  const ms = Math.round((performance.now() - started) * 10) / 10;
  const memory = process.memoryUsage();
  results.push({ step, ms, heapMiB: mib(memory.heapUsed), rssMiB: mib(memory.rss) });
  return value;
}

export function printTable(title: string, results: Measurement[], notes: string[] = []): void {
  console.log(`\n${title}`);
  console.table(
    results.map((r) => ({ step: r.step, "time (ms)": r.ms, "heap (MiB)": r.heapMiB, "rss (MiB)": r.rssMiB })),
  );
  for (const note of notes) console.log(`  ${note}`);
}
