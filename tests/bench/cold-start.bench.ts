import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { freePort, REPO_ROOT, startProcess } from "@dynamo/testing";
import { benchRepeats, interleave, loadLine, printRatios, rateLine, ratios } from "./compare.ts";
import { benchRegion } from "./harness.ts";

const run = promisify(execFile);
const SECRET = "bench-node-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

/** Milliseconds from spawning `entry` until `url` answers 200 (polled every 10 ms); the process is then stopped. */
async function timeToAnswer(
  entry: string,
  env: Record<string, string>,
  url: string,
  cwd: string,
  limitMs = 60_000,
): Promise<number> {
  const started = performance.now();
  const child = startProcess(entry, env, [], { compiled: true, cwd });
  try {
    for (;;) {
      const ok = await fetch(url).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return performance.now() - started;
      if (child.child.exitCode !== null) throw new Error(`${entry} exited before answering:\n${child.output()}`);
      if (performance.now() - started > limitMs)
        throw new Error(`${entry}: no answer in ${limitMs} ms\n${child.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    await child.stop();
  }
}

/** Milliseconds for a process that only opens `dataDir` with PGlite, runs `select 1` and exits. */
async function pgliteOpen(out: string, dataDir: string): Promise<number> {
  const started = performance.now();
  await run(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `import { PGlite } from "@electric-sql/pglite"; const db = await PGlite.create(${JSON.stringify(dataDir)}); await db.query("select 1"); await db.close();`,
    ],
    { cwd: out },
  );
  return performance.now() - started;
}

/**
 * Cold start of the production build to its first 200 on /healthz, on an existing database, with
 * V8's compile cache filled by an earlier start (as the image has it) and without one; against,
 * in the same rounds, the start of a bare Hono hello-world process to its first 200 (the floor of
 * any Node server) and, on PGlite, a process that only opens the same data folder with PGlite (the
 * embedded database's own floor). Rates are starts per second, so each ratio reads "how close to
 * the floor": 1 is the floor itself.
 */
export async function benchColdStart(): Promise<void> {
  const work = await mkdtemp(path.join(tmpdir(), "dynamo-bench-start-"));
  try {
    const out = path.join(work, "dist");
    await run(process.execPath, [path.join(REPO_ROOT, "scripts/build.mjs"), out], { cwd: REPO_ROOT });
    const secretFile = path.join(work, "node_secret");
    await writeFile(secretFile, `${SECRET}\n`, { mode: 0o600 });
    const drivers: ("pglite" | "postgres")[] = ["pglite"];
    if (process.env.TEST_DATABASE_URL) drivers.push("postgres");
    else console.log("\ncold start: PostgreSQL skipped: set TEST_DATABASE_URL to run it");

    for (const driver of drivers) {
      const { node, drop } = await benchRegion(work, driver, "127.0.0.82");
      const port = node.port;
      try {
        const env = (cache: string): Record<string, string> => ({
          NODE_ENV: "production",
          HOST: node.host,
          PORT: String(port),
          PUBLIC_URL: node.url,
          NODE_SECRET_FILE: secretFile,
          DATA_DIR: node.dataDir,
          LOG_LEVEL: "warning",
          NODE_COMPILE_CACHE: cache,
          ...(node.databaseUrl ? { DATABASE_URL: node.databaseUrl } : {}),
        });
        const warmCache = path.join(work, `cache-${driver}`);
        const health = `${node.url}/healthz`;
        const bin = path.join(out, "bin/regional.mjs");
        await timeToAnswer(bin, env(warmCache), health, out); // fills the cache, as the image's build does
        const helloPort = await freePort("127.0.0.82");
        const steps = [
          {
            name: "bare Hono",
            run: async () =>
              1000 /
              (await timeToAnswer(
                path.join(REPO_ROOT, "tests/bench/hello-hono.mjs"),
                { HOST: "127.0.0.82", PORT: String(helloPort) },
                `http://127.0.0.82:${helloPort}/`,
                REPO_ROOT,
              )),
          },
          ...(driver === "pglite"
            ? [
                {
                  name: "PGlite open alone",
                  run: async () => 1000 / (await pgliteOpen(out, path.join(node.dataDir, "pglite"))),
                },
              ]
            : []),
          {
            name: "node, compile cache",
            run: async () => 1000 / (await timeToAnswer(bin, env(warmCache), health, out)),
          },
          {
            name: "node, no cache",
            run: async (round: number) =>
              1000 / (await timeToAnswer(bin, env(path.join(work, `cold-${driver}-${round}`)), health, out)),
          },
        ];
        const rounds = await interleave(benchRepeats(5), steps);
        const pairs = [
          { figure: "node (compile cache) / bare Hono", of: "node, compile cache", to: "bare Hono" },
          { figure: "node (no cache) / bare Hono", of: "node, no cache", to: "bare Hono" },
          ...(driver === "pglite"
            ? [
                {
                  figure: "node (compile cache) / PGlite open alone",
                  of: "node, compile cache",
                  to: "PGlite open alone",
                },
              ]
            : []),
        ];
        const ms = (name: string) =>
          rateLine(
            rounds.map((r) => ({ [name]: 1000 / (r[name] ?? Number.NaN) })),
            name,
            "ms to the first 200",
          );
        printRatios(
          `cold start on ${driver}, production build, existing database: starts per second / the reference's`,
          ratios(rounds, pairs),
          steps.map((step) => ms(step.name)),
        );
      } finally {
        await drop();
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  console.log(`cold start: done (${loadLine()})`);
}
