import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { MIGRATIONS_FOLDER } from "./create-db.ts";

/**
 * A node's backup is one tar file: `manifest.json` and the database in the engine's own format —
 * PostgreSQL's custom dump (pg_dump, taken from one snapshot while the node keeps running) or
 * PGlite's own data-directory dump. The manifest names the app and schema versions, the tenants,
 * the fingerprint of the key derived from NODE_SECRET (without that secret the actor keys and
 * queued payloads in the backup cannot be read), the sha256 of every part, and a count and digest
 * of every table, taken in the same snapshot as the dump, so a restore can be checked row for row.
 */
export const BACKUP_FORMAT = "dynamo-backup/1";

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  appVersion: string;
  createdAt: string;
  driver: "postgres" | "pglite";
  schema: { migrations: number; lastTag: string | null };
  tenants: { slug: string; kind: string; regionCode: string | null }[];
  secretFingerprint: string;
  parts: { name: string; bytes: number; sha256: string }[];
  tables: Record<string, { rows: number; digest: string }>;
}

/** Why a backup could not be made, read or restored: said to the operator as it is. */
export class BackupError extends Error {}

export type Query = (text: string) => Promise<Record<string, unknown>[]>;

export const PART = { postgres: "database.pgdump", pglite: "database.tar.gz" } as const;

/** Every table of the node's schemas with its row count and a digest of its rows, in any order. */
export async function tableDigests(query: Query): Promise<BackupManifest["tables"]> {
  const tables = await query(
    `select table_schema as schema, table_name as name from information_schema.tables
     where table_type = 'BASE TABLE' and table_schema in ('public', 'drizzle') order by 1, 2`,
  );
  const digests: BackupManifest["tables"] = {};
  for (const { schema, name } of tables) {
    const qualified = `"${String(schema)}"."${String(name)}"`;
    // One md5 per row (rows as text, in a fixed time zone and date style), sorted: the same rows
    // give the same digest whatever their physical order after a restore.
    const [row] = await query(
      `select count(*)::int as rows, md5(coalesce(string_agg(h, '' order by h), '')) as digest
       from (select md5(t::text) as h from ${qualified} t) rows`,
    );
    digests[`${String(schema)}.${String(name)}`] = { rows: Number(row?.rows ?? 0), digest: String(row?.digest ?? "") };
  }
  return digests;
}

export const SESSION_SETTINGS = [
  "set time zone 'UTC'",
  "set datestyle to 'ISO, YMD'",
  "set intervalstyle to 'postgres'",
];

export async function journal(): Promise<string[]> {
  const parsed = JSON.parse(await readFile(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  return parsed.entries.map((e) => e.tag);
}

export async function describe(query: Query): Promise<Pick<BackupManifest, "schema" | "tenants" | "tables">> {
  const tags = await journal();
  const [applied] = await query("select count(*)::int as n from drizzle.__drizzle_migrations");
  const migrations = Number(applied?.n ?? 0);
  const tenants = await query("select slug, kind, region_code from tenants order by slug");
  return {
    schema: { migrations, lastTag: tags[migrations - 1] ?? null },
    tenants: tenants.map((t) => ({
      slug: String(t.slug),
      kind: String(t.kind),
      regionCode: t.region_code === null ? null : String(t.region_code),
    })),
    tables: await tableDigests(query),
  };
}

export async function sha256File(file: string): Promise<{ bytes: number; sha256: string }> {
  const content = await readFile(file);
  return { bytes: content.byteLength, sha256: createHash("sha256").update(content).digest("hex") };
}

export async function refuseMismatch(manifest: BackupManifest, secretFingerprint: string): Promise<void> {
  if (manifest.secretFingerprint !== secretFingerprint) {
    throw new BackupError(
      `this backup was made with another NODE_SECRET (fingerprint ${manifest.secretFingerprint}; this node's is ${secretFingerprint}): without it the keys and queued messages it holds cannot be read. Start the restore with the secret the backup was made with.`,
    );
  }
  const known = (await journal()).length;
  if (manifest.schema.migrations > known) {
    throw new BackupError(
      `this backup's schema is newer (${manifest.schema.migrations} migrations, app ${manifest.appVersion}) than this node's (${known}): upgrade the node first, then restore`,
    );
  }
}

export function compareTables(expected: BackupManifest["tables"], actual: BackupManifest["tables"]): string[] {
  const problems: string[] = [];
  for (const [table, want] of Object.entries(expected)) {
    const got = actual[table];
    if (got === undefined) problems.push(`${table}: missing`);
    else if (got.rows !== want.rows) problems.push(`${table}: ${got.rows} rows, the backup holds ${want.rows}`);
    else if (got.digest !== want.digest) problems.push(`${table}: its rows differ from the backup's`);
  }
  for (const table of Object.keys(actual)) if (!(table in expected)) problems.push(`${table}: not in the backup`);
  return problems;
}
