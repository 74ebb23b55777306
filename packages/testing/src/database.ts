import { randomBytes } from "node:crypto";
import { createDb, type Database } from "@dynamo/db";
import postgres from "postgres";

/** Which engine the suite runs on: set per vitest project (pglite, postgres). */
export function testDriver(): "pglite" | "postgres" {
  return process.env.TEST_DB_DRIVER === "postgres" ? "postgres" : "pglite";
}

export interface TestDatabase extends Database {
  /** For PostgreSQL, the URL of this test's own database (other processes may open it). */
  url: string | undefined;
}

/**
 * A fresh, fully migrated database for one test file: in-memory PGlite, or a new database on
 * the PostgreSQL server of TEST_DATABASE_URL, dropped again by close().
 */
export async function createTestDatabase(options: { onQuery?: (query: string) => void } = {}): Promise<TestDatabase> {
  if (testDriver() === "pglite") {
    const database = await createDb({ driver: "pglite-memory", ...options });
    return { ...database, url: undefined };
  }
  const { url, drop } = await createPostgresDatabase();
  const database = await createDb({ driver: "postgres", url, maxConnections: 4, ...options });
  return {
    ...database,
    url,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}

/** An empty PostgreSQL database of its own on the test server, and the way to drop it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error("TEST_DATABASE_URL must be set to run the suite on PostgreSQL");
  // Named after the run's own database, so the run can drop whatever a crashed test left.
  const base =
    new URL(adminUrl).pathname
      .slice(1)
      .replace(/[^a-z0-9_]/gi, "")
      .slice(0, 30) || "dynamo";
  const name = `${base}_${randomBytes(6).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const dropper = postgres(adminUrl, { max: 1, onnotice: () => {} });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
