import { mkdtemp, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, createTenantRepo } from "@dynamo/db";
import { freePort, PROCESS_TEST_TIMEOUT_MS, startProcess, waitFor } from "@dynamo/testing";
import { describe, expect, it } from "vitest";

const MAIN = "nodes/regional/src/main.ts";

describe("the regional node process", () => {
  it(
    "starts on the embedded database, serves its first tenant, and shuts down cleanly on SIGTERM",
    async () => {
      const dataDir = await mkdtemp(path.join(tmpdir(), "dynamo-main-"));
      const port = await freePort();
      const env = { DATA_DIR: dataDir, PORT: String(port), DEFAULT_REGION: "AF", LOG_LEVEL: "info" };
      const node = startProcess(MAIN, env);
      const health = await waitFor(
        async () => {
          const response = await fetch(`http://localhost:${port}/healthz`);
          return response.ok ? response : undefined;
        },
        { timeoutMs: 60_000, what: `the node on port ${port}\n${node.output()}` },
      );
      expect(await health.json()).toEqual({ status: "ok", database: "pglite" });

      const home = await fetch(`http://localhost:${port}/`, { headers: { "accept-language": "pt-BR" } });
      const html = await home.text();
      expect(html).toContain('<html lang="pt">');
      expect(html).toContain("Coordenação África");
      expect((await stat(path.join(dataDir, "node-secret"))).mode & 0o777).toBe(0o600);
      expect(node.output()).not.toMatch(/node-secret.*[A-Za-z0-9_-]{40}/);

      expect(await node.stop("SIGTERM")).toBe(0);
      expect(node.output()).toContain("closed cleanly");

      // The files reopen with their data, and the lock was released.
      const reopened = await createDb({ driver: "pglite", dataDir: path.join(dataDir, "pglite") });
      const tenants = await createTenantRepo(reopened.db).list();
      expect(tenants.map((t) => [t.slug, t.regionCode])).toEqual([["af", "AF"]]);
      await reopened.close();

      // A second start resumes: no second tenant is created.
      const again = startProcess(MAIN, env);
      await waitFor(async () => (await fetch(`http://localhost:${port}/healthz`)).ok, {
        timeoutMs: 60_000,
        what: "the restarted node",
      });
      expect(await again.stop("SIGINT")).toBe(0);
      expect(again.output()).not.toContain("created tenant");
    },
    PROCESS_TEST_TIMEOUT_MS,
  );

  it("refuses to start with every configuration problem listed", async () => {
    const node = startProcess(MAIN, { PORT: "not-a-port", DATABASE_URL: "mysql://db/x", NODE_ENV: "production" });
    expect(await node.exited).toBe(1);
    const output = node.output();
    expect(output).toContain("configuration problems");
    for (const variable of ["PORT", "DATABASE_URL", "NODE_SECRET", "PUBLIC_URL"])
      expect(output).toContain(`${variable}:`);
  });
});
