import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";

/**
 * The database as repositories see it: drizzle's Postgres base, so the same code runs on
 * PGlite and on postgres.js. No schema is bound here: each area's repositories import their
 * own tables, and nothing uses drizzle's relational query builder.
 */
export type Db = PgDatabase<PgQueryResultHKT>;
// biome-ignore lint/complexity/noBannedTypes: drizzle's transaction type wants a schema; we bind none
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>, {}>;
export type DbOrTx = Db | Tx;
