import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TenantId } from "@dynamo/core";
import { createTestDatabase, type TestDatabase, testDriver } from "@dynamo/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, MIGRATIONS_FOLDER, PGLITE_SHARED_BUFFERS } from "./create-db.ts";
import { DataDirLockedError, startTimeOf } from "./pglite-lock.ts";
import { createTenantRepo } from "./tenants.ts";

const europe = {
  slug: "europe",
  kind: "region" as const,
  regionCode: "EU" as const,
  names: { en: "Europe", fr: "Europe" },
  defaultLocale: "en" as const,
  hosts: ["europe.example.org", "Europe.Example.org:8443"],
};

describe(`database on ${testDriver()}`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it("applies every generated migration to an empty database", async () => {
    const journal = JSON.parse(await readFile(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as {
      entries: unknown[];
    };
    const applied = await database.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    expect(rowsOf<{ n: number }>(applied)[0]?.n).toBe(journal.entries.length);
    const tables = await database.db.execute(
      sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
    );
    expect(rowsOf<{ table_name: string }>(tables).map((r) => r.table_name)).toEqual(
      expect.arrayContaining(["tenant_hosts", "tenants"]),
    );
    if (testDriver() === "pglite") {
      // The embedded engine runs with small shared buffers (its idle memory), a PostgreSQL server with its own.
      const shown = await database.db.execute(sql`show shared_buffers`);
      expect(rowsOf<{ shared_buffers: string }>(shown)[0]?.shared_buffers).toBe(PGLITE_SHARED_BUFFERS);
    }
  });

  it("finds a tenant by its exact host, or by the bare name when the port differs", async () => {
    const repo = createTenantRepo(database.db);
    const created = await repo.create(randomUUID() as TenantId, europe);
    expect(created.ok).toBe(true);
    expect((await repo.findByHost("EUROPE.example.org"))?.slug).toBe("europe");
    expect((await repo.findByHost("europe.example.org:8443"))?.hosts).toEqual([
      "europe.example.org",
      "europe.example.org:8443",
    ]);
    expect((await repo.findByHost("europe.example.org:9999"))?.slug).toBe("europe");
    expect(await repo.findByHost("asia.example.org")).toBeUndefined();
  });

  it("refuses a second tenant with a taken slug, region or host, and stores nothing of it", async () => {
    const repo = createTenantRepo(database.db);
    const before = await repo.count();
    const slug = await repo.create(randomUUID() as TenantId, { ...europe, regionCode: "AS", hosts: ["x.example"] });
    expect(slug).toEqual({ ok: false, error: { kind: "slug-taken", slug: "europe" } });
    const region = await repo.create(randomUUID() as TenantId, { ...europe, slug: "eu2", hosts: ["y.example"] });
    expect(region).toEqual({ ok: false, error: { kind: "region-taken", regionCode: "EU" } });
    const host = await repo.create(randomUUID() as TenantId, {
      ...europe,
      slug: "asia",
      regionCode: "AS",
      hosts: ["europe.example.org"],
    });
    expect(host).toEqual({ ok: false, error: { kind: "host-taken", host: "europe.example.org" } });
    expect(await repo.count()).toBe(before);
  });

  it("answers ping while open and fails it once closed", async () => {
    const other = await createTestDatabase();
    await expect(other.ping()).resolves.toBeUndefined();
    await other.close();
    await expect(other.ping()).rejects.toThrow();
  });
});

describe("embedded PGlite on disk", () => {
  it("keeps its data across a clean close and reopen", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "dynamo-pglite-"));
    const first = await createDb({ driver: "pglite", dataDir });
    const id = randomUUID() as TenantId;
    await createTenantRepo(first.db).create(id, europe);
    await first.close();

    const reopened = await createDb({ driver: "pglite", dataDir });
    expect((await createTenantRepo(reopened.db).findBySlug("europe"))?.id).toBe(id);
    await reopened.close();
  });

  it("refuses to open files another live process holds, naming it, and takes over a dead one's lock", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "dynamo-pglite-"));
    const holder = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      await writeFile(path.join(dataDir, "dynamo.lock"), String(holder.pid));
      const refusal = createDb({ driver: "pglite", dataDir });
      await expect(refusal).rejects.toBeInstanceOf(DataDirLockedError);
      await expect(refusal).rejects.toThrow(`pid ${holder.pid}`);
    } finally {
      holder.kill();
      await once(holder, "exit");
    }
    const reopened = await createDb({ driver: "pglite", dataDir });
    expect(await readFile(path.join(dataDir, "dynamo.lock"), "utf8")).toBe(
      `${process.pid} ${startTimeOf(process.pid)}`,
    );
    await reopened.close();
  });

  it("takes over a lock whose pid now names another process (a container restarted after a crash)", async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), "dynamo-pglite-"));
    const other = spawn("sleep", ["30"], { stdio: "ignore" });
    try {
      const pid = other.pid ?? 0;
      const started = startTimeOf(pid);
      expect(started).toMatch(/^\d+$/);
      // The same pid, started at another time: the holder died and its pid was given again.
      await writeFile(path.join(dataDir, "dynamo.lock"), `${pid} ${Number(started) - 1}`);
      const reopened = await createDb({ driver: "pglite", dataDir });
      await reopened.close();
      // The same pid and start: that process holds it.
      await writeFile(path.join(dataDir, "dynamo.lock"), `${pid} ${started}`);
      await expect(createDb({ driver: "pglite", dataDir })).rejects.toBeInstanceOf(DataDirLockedError);
    } finally {
      other.kill();
      await once(other, "exit");
    }
  });
});

function rowsOf<T>(result: unknown): T[] {
  // postgres.js returns the rows themselves; PGlite wraps them in { rows }.
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}
