import { spawn } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import * as tar from "tar";
import {
  BACKUP_FORMAT,
  BackupError,
  type BackupManifest,
  compareTables,
  describe,
  PART,
  type Query,
  refuseMismatch,
  SESSION_SETTINGS,
  sha256File,
  tableDigests,
} from "./backup-manifest.ts";
import type { DatabaseOptions } from "./create-db.ts";
import { lockDataDir } from "./pglite-lock.ts";

export { BACKUP_FORMAT, BackupError, type BackupManifest } from "./backup-manifest.ts";

/** Makes, restores and verifies a node's backup (what it holds: backup-manifest.ts). */
function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString("utf8");
    });
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(
        error.code === "ENOENT"
          ? new BackupError(
              `${command} is not installed: PostgreSQL backups use PostgreSQL's own tools (Debian: apt-get install postgresql-client)`,
            )
          : error,
      ),
    );
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${command} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

function postgresSession(url: string) {
  return postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
}

export interface CreateBackupOptions {
  out: string;
  secretFingerprint: string;
  appVersion: string;
  now: Date;
}

/** Makes a consistent backup of the node's database into `out` (written whole, then renamed). */
export async function createBackup(database: DatabaseOptions, options: CreateBackupOptions): Promise<BackupManifest> {
  const work = await mkdtemp(path.join(tmpdir(), "dynamo-backup-"));
  try {
    let described: Pick<BackupManifest, "schema" | "tenants" | "tables">;
    let driver: BackupManifest["driver"];
    if (database.driver === "postgres") {
      driver = "postgres";
      const session = postgresSession(database.url);
      try {
        // The dump and the digests read the same snapshot: the node may go on writing meanwhile.
        described = await session.begin("isolation level repeatable read read only", async (tx) => {
          const query: Query = (text) => tx.unsafe<Record<string, unknown>[]>(text);
          for (const setting of SESSION_SETTINGS) await query(setting);
          const [snapshot] = await query("select pg_export_snapshot() as id");
          await run("pg_dump", [
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            `--snapshot=${String(snapshot?.id)}`,
            `--file=${path.join(work, PART.postgres)}`,
            `--dbname=${database.url}`,
          ]);
          return describe(query);
        });
      } finally {
        await session.end({ timeout: 5 });
      }
    } else {
      driver = "pglite";
      if (database.driver === "pglite-memory") throw new BackupError("an in-memory database has nothing to back up");
      // PGlite's files belong to one process: the node must be stopped (the lock says so if not).
      const unlock = await lockDataDir(database.dataDir);
      try {
        const client = new PGlite(database.dataDir);
        try {
          await client.waitReady;
          const query: Query = async (text) => (await client.query<Record<string, unknown>>(text)).rows;
          for (const setting of SESSION_SETTINGS) await query(setting);
          described = await describe(query);
          const dump = await client.dumpDataDir("gzip");
          await writeFile(path.join(work, PART.pglite), Buffer.from(await dump.arrayBuffer()), { mode: 0o600 });
        } finally {
          await client.close();
        }
      } finally {
        await unlock();
      }
    }
    const part = PART[driver];
    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      appVersion: options.appVersion,
      createdAt: options.now.toISOString(),
      driver,
      schema: described.schema,
      tenants: described.tenants,
      secretFingerprint: options.secretFingerprint,
      parts: [{ name: part, ...(await sha256File(path.join(work, part))) }],
      tables: described.tables,
    };
    await writeFile(path.join(work, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    const partial = `${options.out}.partial-${randomBytes(4).toString("hex")}`;
    await tar.create({ file: partial, cwd: work, portable: true, mode: 0o600 }, ["manifest.json", part]);
    await rename(partial, options.out);
    await recordRun(database, manifest, await sha256File(options.out), options.now);
    return manifest;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Notes the backup in the node's database (what /metrics reads as the last success). */
async function recordRun(
  database: DatabaseOptions,
  manifest: BackupManifest,
  file: { bytes: number; sha256: string },
  now: Date,
): Promise<void> {
  const text = "insert into backup_runs (id, at, driver, bytes, sha256) values ($1, $2, $3, $4, $5)";
  const values = [randomUUID(), now.toISOString(), manifest.driver, file.bytes, file.sha256];
  if (database.driver === "postgres") {
    const session = postgresSession(database.url);
    try {
      await session.unsafe(text, values);
    } finally {
      await session.end({ timeout: 5 });
    }
  } else if (database.driver === "pglite") {
    const unlock = await lockDataDir(database.dataDir);
    try {
      const client = new PGlite(database.dataDir);
      try {
        await client.query(text, values);
      } finally {
        await client.close();
      }
    } finally {
      await unlock();
    }
  }
}

/** Reads a backup into a scratch folder and checks its manifest and the sha256 of every part. */
async function openBackup(file: string): Promise<{ manifest: BackupManifest; dir: string; part: string }> {
  const dir = await mkdtemp(path.join(tmpdir(), "dynamo-restore-"));
  try {
    const expected = new Set(["manifest.json", ...Object.values(PART)]);
    try {
      await tar.extract({ file, cwd: dir, strict: true, filter: (entry) => expected.has(entry) });
    } catch (error) {
      throw new BackupError(`${file} is not a readable backup: ${(error as Error).message}`);
    }
    let manifest: BackupManifest;
    try {
      manifest = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8")) as BackupManifest;
    } catch {
      throw new BackupError(`${file} has no readable manifest.json: it is not a backup of a Dynamo node`);
    }
    if (manifest.format !== BACKUP_FORMAT) {
      throw new BackupError(`${file} is in format ${String(manifest.format)}, this node reads ${BACKUP_FORMAT}`);
    }
    for (const part of manifest.parts) {
      const actual = await sha256File(path.join(dir, part.name)).catch(() => undefined);
      if (actual === undefined) throw new BackupError(`${file} lacks ${part.name}, which its manifest lists`);
      if (actual.sha256 !== part.sha256) {
        throw new BackupError(`${file}: ${part.name} does not match its sha256 in the manifest (damaged or altered)`);
      }
    }
    return { manifest, dir, part: path.join(dir, PART[manifest.driver]) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

export interface RestoreResult {
  manifest: BackupManifest;
  tables: number;
  rows: number;
}

async function restoreInto(
  manifest: BackupManifest,
  part: string,
  target: { driver: "postgres"; url: string } | { driver: "pglite"; dataDir: string | undefined },
): Promise<RestoreResult> {
  if (manifest.driver !== target.driver) {
    throw new BackupError(
      `this is a ${manifest.driver === "postgres" ? "PostgreSQL" : "embedded-database"} backup: it restores into the same kind of database, not into ${target.driver === "postgres" ? "PostgreSQL" : "the embedded one"}`,
    );
  }
  let tables: BackupManifest["tables"];
  if (target.driver === "postgres") {
    const session = postgresSession(target.url);
    try {
      const [existing] = await session.unsafe(
        "select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle')",
      );
      if (Number(existing?.n) > 0) {
        throw new BackupError("the target database is not empty: a backup restores into an empty database only");
      }
      await run("pg_restore", [
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        `--dbname=${target.url}`,
        part,
      ]);
      for (const setting of SESSION_SETTINGS) await session.unsafe(setting);
      tables = await tableDigests((text) => session.unsafe<Record<string, unknown>[]>(text));
    } finally {
      await session.end({ timeout: 5 });
    }
  } else {
    const dataDir = target.dataDir;
    if (dataDir !== undefined) {
      const present = await readdir(dataDir).catch(() => []);
      if (present.length > 0) {
        throw new BackupError(`${dataDir} is not empty: a backup restores into an empty data folder only`);
      }
    }
    const unlock = dataDir === undefined ? async () => {} : await lockDataDir(dataDir);
    try {
      const loadDataDir = new Blob([await readFile(part)]);
      const client = new PGlite(dataDir === undefined ? { loadDataDir } : { dataDir, loadDataDir });
      try {
        await client.waitReady;
        for (const setting of SESSION_SETTINGS) await client.query(setting);
        tables = await tableDigests(async (text) => (await client.query<Record<string, unknown>>(text)).rows);
      } finally {
        await client.close();
      }
    } finally {
      await unlock();
    }
  }
  const problems = compareTables(manifest.tables, tables);
  if (problems.length > 0)
    throw new BackupError(`the restored database differs from the backup: ${problems.join("; ")}`);
  return {
    manifest,
    tables: Object.keys(tables).length,
    rows: Object.values(tables).reduce((sum, t) => sum + t.rows, 0),
  };
}

/**
 * Restores a backup into an empty database (PostgreSQL) or an empty data folder (PGlite), then
 * checks every table against the manifest. Refuses another node's secret and a newer schema;
 * an older schema is brought up to date by the node's migrations at its next start.
 */
export async function restoreBackup(
  file: string,
  target: DatabaseOptions,
  options: { secretFingerprint: string },
): Promise<RestoreResult> {
  const { manifest, dir, part } = await openBackup(file);
  try {
    await refuseMismatch(manifest, options.secretFingerprint);
    if (target.driver === "pglite-memory") throw new BackupError("restore into an in-memory database is pointless");
    return await restoreInto(manifest, part, target);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * A restore drill: restores the backup into a scratch database — a new database on the same
 * PostgreSQL server (dropped afterwards), or an in-memory PGlite — and checks counts and digests.
 * Needs the same secret as the node that made it, as a real restore would.
 */
export async function verifyBackup(
  file: string,
  server: DatabaseOptions,
  options: { secretFingerprint: string },
): Promise<RestoreResult> {
  const { manifest, dir, part } = await openBackup(file);
  try {
    await refuseMismatch(manifest, options.secretFingerprint);
    if (manifest.driver === "pglite")
      return await restoreInto(manifest, part, { driver: "pglite", dataDir: undefined });
    if (server.driver !== "postgres") {
      throw new BackupError(
        "a PostgreSQL backup is verified on a PostgreSQL server: set DATABASE_URL (or DATABASE_HOST)",
      );
    }
    const scratch = `dynamo_verify_${randomBytes(6).toString("hex")}`;
    const admin = postgresSession(server.url);
    try {
      await admin.unsafe(`create database ${scratch}`);
      const url = new URL(server.url);
      url.pathname = `/${scratch}`;
      try {
        return await restoreInto(manifest, part, { driver: "postgres", url: url.toString() });
      } finally {
        await admin.unsafe(`drop database if exists ${scratch} with (force)`);
      }
    } finally {
      await admin.end({ timeout: 5 });
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The size of a backup file, for the operator's log line. */
export async function backupSize(file: string): Promise<number> {
  return (await stat(file)).size;
}
