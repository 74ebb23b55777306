/**
 * Builds the upgrade test's fixture from the release it runs in: a hub and a region on fixed
 * loopback origins, over real HTTP with real signatures, with the data a network holds after a
 * year — members and platforms, the international rules of procedure, an IPG ballot voted,
 * counted and verified, an annual report submitted, received and acknowledged — then dumps each
 * node's PostgreSQL database as plain SQL (loadable by PostgreSQL and PGlite alike) beside a
 * network.json with the origins, the test node secrets and what the upgrade test checks.
 *
 * Run through `tests/upgrade/make-fixture.sh <release-tag-or-commit> <version>`, which copies this
 * file into that release's source tree: it uses only what every release's tests keep
 * (tests/support/test-node.ts, @dynamo/testing, the public API). Needs TEST_DATABASE_URL.
 *   tsx tests/upgrade/make-fixture.ts OUT_DIR VERSION COMMIT
 */
import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { testDriver } from "@dynamo/testing";
import { TEST_PASSWORD } from "../support/test-node.ts";
import { NODES, startNode } from "./make-fixture-nodes.ts";
import { runScenario } from "./make-fixture-scenario.ts";

/** Runs pg_dump on a node's database: plain SQL with INSERTs, without owners, grants or psql meta-commands. */
async function dump(url: string, file: string): Promise<void> {
  const text = await new Promise<string>((resolve, reject) => {
    const child = spawn("pg_dump", ["--inserts", "--no-owner", "--no-privileges", "--no-comments", `--dbname=${url}`]);
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      err += chunk.toString("utf8");
    });
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`pg_dump exit ${code}: ${err}`))));
  });
  // psql's \restrict and \unrestrict (pg_dump since 17.6, 16.10, 15.14) are not SQL: the file is
  // loaded by PostgreSQL and PGlite as plain statements. Nothing else is touched (a multi-line
  // string may hold any line).
  const sql = text.replace(/^\\(un)?restrict \S+\n/gm, "");
  await writeFile(file, sql);
}

async function main() {
  const [outDir, version, commit] = process.argv.slice(2);
  if (!outDir || !version || !commit) throw new Error("usage: make-fixture.ts OUT_DIR VERSION COMMIT");
  if (testDriver() !== "postgres" || !process.env.TEST_DATABASE_URL) {
    throw new Error("the fixture is dumped from PostgreSQL: set TEST_DB_DRIVER=postgres and TEST_DATABASE_URL");
  }
  const [hubSpec, europeSpec] = NODES;
  const hub = await startNode(hubSpec);
  const europe = await startNode(europeSpec);
  try {
    const held = await runScenario(hub, europe);

    // Nothing left in flight: the nodes stop, then their databases are dumped.
    await europe.stop();
    await hub.stop();
    await mkdir(outDir, { recursive: true });
    for (const node of [hub, europe]) {
      if (!node.database.url) throw new Error("no database URL");
      await dump(node.database.url, path.join(outDir, `${node.spec.slug}.sql`));
    }
    const network = {
      release: version,
      commit,
      createdAt: new Date().toISOString(),
      password: TEST_PASSWORD,
      nodes: NODES.map((n) => ({ ...n, origin: `http://${n.address}:${n.port}`, dump: `${n.slug}.sql` })),
      ...held,
    };
    await writeFile(path.join(outDir, "network.json"), `${JSON.stringify(network, null, 2)}\n`);
    console.log(`fixture of ${version} (${commit}) written to ${outDir}`);
  } finally {
    await europe.stop().catch(() => {});
    await hub.stop().catch(() => {});
    await europe.database.close();
    await hub.database.close();
  }
}

await main();
