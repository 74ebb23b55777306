import type { Db } from "@dynamo/db";
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from "@fedify/fedify";
import { and, eq, gt, isNull, lte, or, type SQL, sql } from "drizzle-orm";

import { fedifyKv } from "../db/schema.ts";

/** How often expired rows are swept, at most (they are ignored on read in between). */
const SWEEP_EVERY_MS = 10 * 60_000;

export interface DrizzleKvStoreOptions {
  /**
   * Entries under these prefixes are also kept in memory for at most maxAgeMs (and never past
   * their time-to-live), so reading them again asks nothing of the database. Only for caches of
   * what can be fetched again: Fedify's cache of remote public keys, which it fetches afresh
   * when a signature does not verify with the cached key, and of remote documents. Another
   * process's write is seen once the memory copy is older than maxAgeMs.
   */
  remember?: { prefixes: readonly KvKey[]; maxAgeMs: number; maxEntries?: number };
}

/**
 * Fedify's key–value store on our database (PGlite or PostgreSQL alike). Values are JSON;
 * a time-to-live becomes expires_at, and an expired row reads as absent. cas() is one atomic
 * statement, so concurrent workers (Fedify's circuit breaker) never lose an update.
 */
export function createDrizzleKvStore(db: Db, options: DrizzleKvStoreOptions = {}): KvStore {
  const store = createDatabaseKvStore(db);
  return options.remember ? rememberInMemory(store, options.remember) : store;
}

/** In front of the store: a copy in memory of the entries under some prefixes (see `remember`). */
function rememberInMemory(store: KvStore, remember: NonNullable<DrizzleKvStoreOptions["remember"]>): KvStore {
  const maxEntries = remember.maxEntries ?? 1_000;
  // The value as JSON text: every reader gets its own copy to change as it likes.
  const copies = new Map<string, { until: number; json: string | undefined }>();
  const slot = (key: KvKey) => JSON.stringify(key);
  const remembered = (key: KvKey) =>
    remember.prefixes.some((prefix) => prefix.length <= key.length && prefix.every((part, i) => key[i] === part));
  const keep = (key: KvKey, value: unknown, ttlMs: number) => {
    if (copies.size >= maxEntries) {
      const oldest = copies.keys().next().value;
      if (oldest !== undefined) copies.delete(oldest);
    }
    copies.set(slot(key), {
      until: Date.now() + Math.min(remember.maxAgeMs, ttlMs),
      json: value === undefined ? undefined : JSON.stringify(value),
    });
  };
  return {
    async get<T = unknown>(key: KvKey): Promise<T | undefined> {
      if (!remembered(key)) return store.get<T>(key);
      const copy = copies.get(slot(key));
      if (copy !== undefined && copy.until > Date.now()) {
        return copy.json === undefined ? undefined : (JSON.parse(copy.json) as T);
      }
      const value = await store.get<T>(key);
      keep(key, value, Number.POSITIVE_INFINITY);
      return value;
    },
    async set(key: KvKey, value: unknown, setOptions?: KvStoreSetOptions): Promise<void> {
      copies.delete(slot(key));
      await store.set(key, value, setOptions);
      if (remembered(key)) keep(key, value, setOptions?.ttl?.total("millisecond") ?? Number.POSITIVE_INFINITY);
    },
    async delete(key: KvKey): Promise<void> {
      copies.delete(slot(key));
      await store.delete(key);
    },
    async cas(key: KvKey, expectedValue: unknown, newValue: unknown, casOptions?: KvStoreSetOptions) {
      copies.delete(slot(key));
      if (store.cas === undefined) throw new Error("the store has no compare-and-swap");
      return store.cas(key, expectedValue, newValue, casOptions);
    },
    list: (prefix?: KvKey) => store.list(prefix),
  };
}

function createDatabaseKvStore(db: Db): KvStore & Required<Pick<KvStore, "cas">> {
  let lastSweep = 0;
  const live = () => or(isNull(fedifyKv.expiresAt), gt(fedifyKv.expiresAt, sql`now()`));
  const keyIs = (key: KvKey) => eq(fedifyKv.key, textArray(key));

  async function sweepNowAndThen(): Promise<void> {
    const now = Date.now();
    if (now - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now;
    await db.delete(fedifyKv).where(lte(fedifyKv.expiresAt, sql`now()`));
  }

  return {
    async get<T = unknown>(key: KvKey): Promise<T | undefined> {
      const [row] = await db
        .select({ value: fedifyKv.value })
        .from(fedifyKv)
        .where(and(keyIs(key), live()));
      return row === undefined ? undefined : (row.value as T);
    },

    async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
      const expiresAt = expiry(options);
      await db
        .insert(fedifyKv)
        .values({ key: [...key], value: jsonb(value), expiresAt })
        .onConflictDoUpdate({ target: fedifyKv.key, set: { value: jsonb(value), expiresAt } });
      await sweepNowAndThen();
    },

    async delete(key: KvKey): Promise<void> {
      await db.delete(fedifyKv).where(keyIs(key));
    },

    async cas(key: KvKey, expectedValue: unknown, newValue: unknown, options?: KvStoreSetOptions): Promise<boolean> {
      const expiresAt = expiry(options);
      if (expectedValue === undefined) {
        if (newValue === undefined) {
          const [row] = await db
            .select({ n: sql<number>`1` })
            .from(fedifyKv)
            .where(and(keyIs(key), live()));
          return row === undefined;
        }
        // Absent, or present but expired: only then does the new value go in.
        const inserted = await db
          .insert(fedifyKv)
          .values({ key: [...key], value: jsonb(newValue), expiresAt })
          .onConflictDoUpdate({
            target: fedifyKv.key,
            set: { value: jsonb(newValue), expiresAt },
            setWhere: lte(fedifyKv.expiresAt, sql`now()`),
          })
          .returning({ key: fedifyKv.key });
        return inserted.length === 1;
      }
      const matches = and(keyIs(key), live(), eq(fedifyKv.value, jsonb(expectedValue)));
      const changed =
        newValue === undefined
          ? await db.delete(fedifyKv).where(matches).returning({ key: fedifyKv.key })
          : await db
              .update(fedifyKv)
              .set({ value: jsonb(newValue), expiresAt })
              .where(matches)
              .returning({ key: fedifyKv.key });
      return changed.length === 1;
    },

    async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
      const where =
        prefix === undefined ? live() : and(live(), sql`${fedifyKv.key}[1:${prefix.length}] = ${textArray(prefix)}`);
      const rows = await db.select().from(fedifyKv).where(where).orderBy(fedifyKv.key);
      for (const row of rows) yield { key: toKvKey(row.key), value: row.value };
    },
  };
}

/** A key as a PostgreSQL text[] literal built from parameters (drizzle would spread a JS array). */
function textArray(key: readonly string[]): SQL {
  return sql`array[${sql.join(
    key.map((part) => sql`${part}`),
    sql`, `,
  )}]::text[]`;
}

/** A JSON value as a jsonb parameter; the same encoding on PGlite and postgres.js. */
function jsonb(value: unknown): SQL {
  return sql`${JSON.stringify(value)}::jsonb`;
}

/** When a value set now with this time-to-live expires, by the database's clock (shared by every worker). */
function expiry(options: KvStoreSetOptions | undefined): SQL | null {
  if (options?.ttl === undefined) return null;
  return sql`now() + ${Math.ceil(options.ttl.total("millisecond"))} * interval '1 millisecond'`;
}

function toKvKey(parts: string[] | null): KvKey {
  const [first, ...rest] = parts ?? [];
  if (first === undefined) throw new Error("fedify_kv holds an empty key");
  return [first, ...rest];
}
