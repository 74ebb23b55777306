import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { lockDataDir } from "./pglite-lock.ts";
import type { Db } from "./types.ts";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../migrations", import.meta.url));

/** The embedded database's shared buffers (PostgreSQL's own setting). */
export const PGLITE_SHARED_BUFFERS = "32MB";

/** Where the data lives: PostgreSQL by URL, or embedded PGlite in a folder (or in memory). */
export type DatabaseOptions = (
  | { driver: "postgres"; url: string; maxConnections?: number }
  | { driver: "pglite"; dataDir: string }
  | { driver: "pglite-memory" }
) & {
  /** Called with every statement the application sends (not the migrations): the tests count them. */
  onQuery?: (query: string) => void;
};

export interface Database {
  db: Db;
  driver: "postgres" | "pglite";
  /** Resolves when the database answers; rejects on failure or after the timeout. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Opens the database and applies every pending migration before returning it. */
export async function createDb(options: DatabaseOptions): Promise<Database> {
  const logger = options.onQuery === undefined ? undefined : { logQuery: options.onQuery };
  if (options.driver === "postgres") return openPostgres(options.url, options.maxConnections ?? 10, logger);
  return openPglite(options.driver === "pglite" ? options.dataDir : undefined, logger);
}

type QueryLogger = { logQuery: (query: string) => void } | undefined;

async function openPostgres(url: string, max: number, logger: QueryLogger): Promise<Database> {
  await migrateWithLock(url);
  const client = postgres(url, { max, onnotice: () => {}, connect_timeout: 10 });
  const db: Db = drizzlePostgres(client, logger === undefined ? {} : { logger });
  return {
    db,
    driver: "postgres",
    ping: (timeoutMs = 2000) => withTimeout(db.execute(sql`select 1`), timeoutMs),
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * Several node processes may share one PostgreSQL database: the first to start migrates while
 * the others wait on a session-level advisory lock, then find nothing left to apply. A client
 * of one connection keeps the lock and the migration on the same session.
 */
async function migrateWithLock(url: string): Promise<void> {
  const session = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  const lockKey = 7_306_117; // any fixed number; it names "dynamo migrations"
  try {
    await session`select pg_advisory_lock(${lockKey})`;
    try {
      await migratePostgres(drizzlePostgres(session), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await session`select pg_advisory_unlock(${lockKey})`;
    }
  } finally {
    await session.end({ timeout: 5 });
  }
}

async function openPglite(dataDir: string | undefined, logger: QueryLogger): Promise<Database> {
  // The embedded engine's code is loaded only by a node that uses it: a PostgreSQL node never does.
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  const unlock = dataDir === undefined ? async () => {} : await lockDataDir(dataDir);
  let client: PGlite;
  try {
    // PostgreSQL's default 128 MB of shared buffers is most of an idle embedded node's memory
    // (293 MB resident against 179 MB with 32 MB); a small region's data fits in 32 MB, and the
    // operating system's page cache keeps the rest of its files.
    client = new PGlite({
      ...(dataDir === undefined ? {} : { dataDir }),
      startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    });
    await client.waitReady;
    await migratePglite(drizzlePglite(client), { migrationsFolder: MIGRATIONS_FOLDER });
  } catch (error) {
    await unlock();
    throw error;
  }
  const db: Db = drizzlePglite(client, logger === undefined ? {} : { logger });
  return {
    db,
    driver: "pglite",
    ping: (timeoutMs = 2000) => withTimeout(client.query("select 1"), timeoutMs),
    close: async () => {
      if (!client.closed) await client.close();
      await unlock();
    },
  };
}

async function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      promise,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`database did not answer within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
