import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { join } from "node:path";
import { bootstrapNode, type DemoNode } from "@dynamo/demo";
import { createPostgresDatabase, freePort } from "@dynamo/testing";

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

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Which library (or which of our packages) a sampled function belongs to. */
function libraryOf(frame: ProfileNode["callFrame"]): string {
  const { url, functionName } = frame;
  if (url.startsWith("wasm://")) return "PGlite (WebAssembly)";
  const pnpm = url.match(/node_modules\/\.pnpm\/(@?[^@/]+(?:\+[^@/]+)?)@/)?.[1];
  if (pnpm) return pnpm.replace("+", "/");
  if (url.startsWith("node:")) return `node:${url.replace(/^node:(internal\/)?/, "").split("/")[0]}`;
  const ours = url.match(/\/((?:packages|nodes)\/[^/]+|federation|tests)\//)?.[1];
  if (ours) return ours;
  return functionName ? `(${functionName.replace(/^\(|\)$/g, "")})` : "(other)";
}

/**
 * Samples the CPU while `run` runs, when `directory` is given (the runner reads it from
 * BENCH_CPU_PROFILE): writes the profile there (open it in Chrome's DevTools) and prints the share of CPU time spent in each
 * library, so a change can show where the time went before and after.
 */
export async function profiled<T>(name: string, directory: string | undefined, run: () => Promise<T>): Promise<T> {
  if (!directory) return run();
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 500 });
  await session.post("Profiler.start");
  try {
    return await run();
  } finally {
    const { profile } = (await session.post("Profiler.stop")) as { profile: CpuProfile };
    session.disconnect();
    const file = join(directory, `${name}-${Date.now()}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const spent = new Map<string, number>();
    let total = 0;
    profile.samples.forEach((id, i) => {
      const node = byId.get(id);
      const micros = profile.timeDeltas[i] ?? 0;
      if (node === undefined) return;
      const library = libraryOf(node.callFrame);
      spent.set(library, (spent.get(library) ?? 0) + micros);
      total += micros;
    });
    console.log(`\n${name}: CPU by library while measured (profile in ${file})`);
    console.table(
      [...spent]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 15)
        .map(([library, micros]) => ({
          library,
          "CPU (ms)": Math.round(micros / 1000),
          share: `${((100 * micros) / Math.max(total, 1)).toFixed(1)}%`,
        })),
    );
  }
}

/**
 * The demo's regional node "europe" on `host` with its accounts, for a benchmark of the built node:
 * on PGlite in `work/<driver>`, or on a new PostgreSQL database (dropped by `drop`).
 */
export async function benchRegion(
  work: string,
  driver: "pglite" | "postgres",
  host: string,
): Promise<{ node: DemoNode; drop: () => Promise<void> }> {
  const port = await freePort(host);
  const node: DemoNode = {
    slug: "europe",
    kind: "region",
    regionCode: "EU",
    host,
    port,
    url: `http://${host}:${port}`,
    dataDir: join(work, driver),
  };
  let drop = async () => {};
  if (driver === "postgres") {
    const database = await createPostgresDatabase();
    node.databaseUrl = database.url;
    drop = database.drop;
  }
  try {
    await bootstrapNode(node, () => {});
  } catch (error) {
    await drop();
    throw error;
  }
  return { node, drop };
}
