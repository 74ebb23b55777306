import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { TenantKind } from "@dynamo/core";
import { createDb } from "@dynamo/db";
import { createPostgresDatabase, REPO_ROOT, type TestDatabase, testDriver } from "@dynamo/testing";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import postgres from "postgres";

/** The release the upgrade test starts from: its fixture is tests/upgrade/fixtures/<release>/. */
export const PREVIOUS_RELEASE = "0.1.0";

export const fixtureDir = path.join(REPO_ROOT, "tests/upgrade/fixtures", PREVIOUS_RELEASE);

/** What make-fixture.ts wrote beside the dumps (network.json). */
export interface FixtureNetwork {
  release: string;
  commit: string;
  password: string;
  nodes: {
    slug: string;
    kind: TenantKind;
    address: string;
    port: number;
    origin: string;
    nodeSecret: string;
    dump: string;
  }[];
  people: { secretariat: string; team: string; coordinator: string; rep: { BE: string; FR: string } };
  rules: { textKey: string; number: number; hash: string };
  ballot: {
    hubId: string;
    regionId: string;
    uri: string;
    votes: { country: string; email: string; id: string; receipt: string }[];
  };
  report: { id: string; cycle: string; statement: string; titles: string[] };
}

export async function readFixtureNetwork(): Promise<FixtureNetwork> {
  return JSON.parse(await readFile(path.join(fixtureDir, "network.json"), "utf8")) as FixtureNetwork;
}

export const rowsOf = (result: unknown) =>
  (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, unknown>[];

/** The migrations a database has applied, in order: drizzle's own record. */
export async function appliedMigrations(database: TestDatabase): Promise<{ hash: string; createdAt: string }[]> {
  const rows = rowsOf(
    await database.db.execute(
      sql`select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by created_at`,
    ),
  );
  return rows.map((r) => ({ hash: String(r.hash), createdAt: String(r.created_at) }));
}

/** This checkout's migrations, as drizzle-kit listed them (when each was generated, its tag). */
export async function journalEntries(): Promise<{ when: number; tag: string }[]> {
  const journal = JSON.parse(
    await readFile(path.join(REPO_ROOT, "packages/db/migrations/meta/_journal.json"), "utf8"),
  ) as { entries: { when: number; tag: string }[] };
  return journal.entries;
}

/**
 * A node's database as the previous release left it, upgraded by this checkout: the release's
 * dump loaded into an empty database of the engine under test (an embedded PGlite data directory,
 * or a new PostgreSQL database), then opened as a node opens it, which applies every pending
 * migration. `before` is the migrations the release had applied.
 */
export async function loadReleaseDatabase(
  dump: string,
): Promise<{ database: TestDatabase; before: number; sqlText: string }> {
  const sqlText = await readFile(path.join(fixtureDir, dump), "utf8");
  const before = sqlText.match(/^INSERT INTO drizzle\.__drizzle_migrations /gm)?.length ?? 0;
  if (testDriver() === "pglite") {
    const dataDir = await mkdtemp(path.join(tmpdir(), "dynamo-upgrade-"));
    // A dump that does not load or a migration that fails leaves nothing behind.
    const database = await (async () => {
      const client = new PGlite(dataDir);
      try {
        await client.exec(sqlText);
      } finally {
        await client.close();
      }
      return createDb({ driver: "pglite", dataDir });
    })().catch(async (error: unknown) => {
      await rm(dataDir, { recursive: true, force: true });
      throw error;
    });
    return {
      database: {
        ...database,
        url: undefined,
        close: async () => {
          await database.close();
          await rm(dataDir, { recursive: true, force: true });
        },
      },
      before,
      sqlText,
    };
  }
  const { url, drop } = await createPostgresDatabase();
  const database = await (async () => {
    const session = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await session.unsafe(sqlText).simple();
    } finally {
      await session.end();
    }
    return createDb({ driver: "postgres", url, maxConnections: 4 });
  })().catch(async (error: unknown) => {
    await drop();
    throw error;
  });
  return {
    database: {
      ...database,
      url,
      close: async () => {
        await database.close();
        await drop();
      },
    },
    before,
    sqlText,
  };
}
