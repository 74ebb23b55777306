import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { waitForHealthy } from "@dynamo/demo";
import { freePort, type NodeProcess, REPO_ROOT, startProcess, waitFor } from "@dynamo/testing";
import autocannon from "autocannon";
import { benchRepeats, loadLine, median, printRatios, type Round, ratios } from "./compare.ts";
import { benchRegion } from "./harness.ts";

const run = promisify(execFile);
const DEMO_PASSWORD = "street work demo passphrase";
const SECRET = "bench-node-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

/** A process's resident memory now, from /proc (Linux), in MiB. */
async function rssMiB(pid: number | undefined): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kib = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
  return Math.round((kib / 1024) * 10) / 10;
}

interface Load {
  rate: number;
  p99: number;
  requests: number;
  /** Requests that had no answer within autocannon's 10 s, or whose connection failed. */
  errors: number;
}

/** autocannon against one URL: requests per second, p99 latency; any non-2xx answer fails the run. */
async function load(
  url: string,
  connections: number,
  seconds: number,
  headers: Record<string, string> = {},
): Promise<Load> {
  const result = await autocannon({ url, connections, duration: seconds, headers });
  if (result.non2xx > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers of ${result.requests.total}`);
  return {
    rate: result.requests.average,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors,
  };
}

/**
 * Pages under load: the production build of a regional node (`pnpm build`, plain node), with
 * the demo's accounts, on PGlite and, when TEST_DATABASE_URL is set, on PostgreSQL; against a
 * bare Hono hello-world in its own process. Each round loads the hello-world, then the home page,
 * /publications and /admin/members (with the administrator's session cookie), 200 connections
 * each (BENCH_CONNECTIONS), BENCH_PAGE_SECONDS each. Memory: the node's RSS idle (after start,
 * before any page), after a warm-up, and after every round's requests.
 */
export async function benchPages(): Promise<void> {
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 200);
  const seconds = Number(process.env.BENCH_PAGE_SECONDS ?? 10);
  const work = await mkdtemp(path.join(tmpdir(), "dynamo-bench-pages-"));
  const processes: NodeProcess[] = [];
  try {
    const out = path.join(work, "dist");
    await run(process.execPath, [path.join(REPO_ROOT, "scripts/build.mjs"), out], { cwd: REPO_ROOT });
    const secretFile = path.join(work, "node_secret");
    await writeFile(secretFile, `${SECRET}\n`, { mode: 0o600 });

    const helloPort = await freePort("127.0.0.81");
    const hello = startProcess(
      path.join(REPO_ROOT, "tests/bench/hello-hono.mjs"),
      { HOST: "127.0.0.81", PORT: String(helloPort) },
      [],
      {
        compiled: true,
      },
    );
    processes.push(hello);
    await waitFor(() => hello.output().includes("listening"), { timeoutMs: 30_000, what: "the bare Hono server" });
    const helloUrl = `http://127.0.0.81:${helloPort}/`;
    const helloIdle = await rssMiB(hello.child.pid);

    const drivers: ("pglite" | "postgres")[] = ["pglite"];
    if (process.env.TEST_DATABASE_URL) drivers.push("postgres");
    else
      console.log(
        "\npages: PostgreSQL skipped: set TEST_DATABASE_URL (a server the bench may create a database on) to run it",
      );

    for (const driver of drivers) {
      const { node, drop } = await benchRegion(work, driver, "127.0.0.80");
      const port = node.port;
      try {
        const started = performance.now();
        const child = startProcess(
          path.join(out, "bin/regional.mjs"),
          {
            NODE_ENV: "production",
            HOST: node.host,
            PORT: String(port),
            PUBLIC_URL: node.url,
            NODE_SECRET_FILE: secretFile,
            DATA_DIR: node.dataDir,
            DEFAULT_TENANT_SLUG: node.slug,
            DEFAULT_REGION: "EU",
            LOG_LEVEL: "warning",
            ...(node.databaseUrl ? { DATABASE_URL: node.databaseUrl } : {}),
          },
          [],
          { compiled: true, cwd: out },
        );
        processes.push(child);
        await waitForHealthy(node.url, 120_000).catch((error: Error) => {
          throw new Error(`${error.message}\n${child.output()}`);
        });
        const coldStartMs = performance.now() - started;
        await new Promise((resolve) => setTimeout(resolve, 2000));
        const idle = await rssMiB(child.child.pid);
        const cookie = await sessionCookie(node.url, `admin@${node.slug}.demo`);
        await seedPublications(node.url, cookie, 20);
        const pages: { name: string; url: string; headers: Record<string, string> }[] = [
          { name: "home page", url: `${node.url}/`, headers: {} },
          { name: "/publications", url: `${node.url}/publications`, headers: {} },
          { name: "/admin/members", url: `${node.url}/admin/members`, headers: { cookie } },
        ];
        for (const page of pages) {
          const response = await fetch(page.url, { headers: page.headers, redirect: "manual" });
          if (response.status !== 200) throw new Error(`${page.name}: ${response.status} before the load`);
          await response.text();
        }
        // Warm-up: a short load on each page, then the RSS the rounds are compared with.
        for (const page of pages) await load(page.url, connections, Math.min(seconds, 3), page.headers);
        const warm = await rssMiB(child.child.pid);
        let requests = 0;
        const p99: Record<string, number[]> = {};
        const unanswered: Record<string, number> = {};
        const rounds: Round[] = [];
        for (let round = 0; round < benchRepeats(); round++) {
          const values: Round = {};
          const reference = await load(helloUrl, connections, seconds);
          values["bare Hono"] = reference.rate;
          for (const page of pages) {
            const measured = await load(page.url, connections, seconds, page.headers);
            values[page.name] = measured.rate;
            requests += measured.requests;
            p99[page.name] = [...(p99[page.name] ?? []), measured.p99];
            unanswered[page.name] = (unanswered[page.name] ?? 0) + measured.errors;
          }
          rounds.push(values);
        }
        const after = await rssMiB(child.child.pid);
        printRatios(
          `pages on ${driver}, production build: requests per second / the bare Hono server's, ${connections} connections, ${seconds} s each`,
          ratios(
            rounds,
            pages.map((page) => ({ figure: `${page.name} / bare Hono`, of: page.name, to: "bare Hono" })),
          ),
          [
            ...pages.map((page) => {
              const all = p99[page.name] ?? [];
              return `${page.name}: p99 ${Math.min(...all)} / ${median(all)} ms (min / median); ${Math.round(median(rounds.map((r) => r[page.name] ?? 0)))} requests/s median; ${unanswered[page.name] ?? 0} unanswered or timed out`;
            }),
            `bare Hono: ${Math.round(median(rounds.map((r) => r["bare Hono"] ?? 0)))} requests/s median`,
            `cold start to /healthz: ${Math.round(coldStartMs)} ms (process start included, not a ratio)`,
            `memory: idle RSS ${idle} MiB (bare Hono idle: ${helloIdle} MiB, ×${(idle / helloIdle).toFixed(1)}); after warm-up ${warm} MiB; after ${requests.toLocaleString("en")} more page requests ${after} MiB (×${(after / warm).toFixed(2)} of warm-up)`,
          ],
        );
        await child.stop();
      } finally {
        await drop();
      }
    }
  } finally {
    for (const child of processes) await child.stop("SIGKILL");
    await rm(work, { recursive: true, force: true });
  }
  console.log(`pages: done (${loadLine()})`);
}

/** The session cookie of a demo account, from the API's login (the same token a browser's cookie holds). */
async function sessionCookie(origin: string, email: string): Promise<string> {
  const response = await fetch(`${origin}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`login of ${email}: ${response.status} ${await response.text()}`);
  const { token } = (await response.json()) as { token: string };
  return `dynamo_session=${token}`;
}

/** A few publications, so that /publications lists something. */
async function seedPublications(origin: string, cookie: string, count: number): Promise<void> {
  const token = cookie.replace(/^dynamo_session=/, "");
  for (let i = 0; i < count; i++) {
    const response = await fetch(`${origin}/api/publications`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({
        kind: "news",
        titles: { en: `Bench news ${i}` },
        bodies: { en: `Body of bench news ${i}.` },
      }),
    });
    if (response.status !== 201) throw new Error(`publication ${i}: ${response.status} ${await response.text()}`);
  }
}
