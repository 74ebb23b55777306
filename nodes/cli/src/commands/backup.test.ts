import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { APP_VERSION } from "@dynamo/core";
import { backupRuns, createDb } from "@dynamo/db";
import { createTestApp } from "@dynamo/identity/testing";
import { createPostgresDatabase, testDriver } from "@dynamo/testing";
import postgres from "postgres";
import * as tar from "tar";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../testing.ts";

const SECRET = "backup-test-node-secret-of-at-least-32-characters";
const PASSWORD = "a long passphrase for the backup test";
const drops: (() => Promise<void>)[] = [];
let scratch: string;

/** A node's environment: a data folder, and on the PostgreSQL run a database of its own. */
async function nodeEnv(secret = SECRET): Promise<Record<string, string>> {
  const env: Record<string, string> = { DATA_DIR: await mkdtemp(path.join(scratch, "node-")), NODE_SECRET: secret };
  if (testDriver() === "postgres") {
    const created = await createPostgresDatabase();
    env.DATABASE_URL = created.url;
    drops.push(created.drop);
  }
  return env;
}

const cli = (env: Record<string, string>, stdin: string, ...argv: string[]) => runCliCaptured(env, argv, stdin);

const openDb = (env: Record<string, string>) =>
  createDb(
    env.DATABASE_URL
      ? { driver: "postgres", url: env.DATABASE_URL }
      : { driver: "pglite", dataDir: path.join(env.DATA_DIR ?? "", "pglite") },
  );

/** Nothing written: no table in the database, or nothing in the data folder. */
async function isEmpty(env: Record<string, string>): Promise<boolean> {
  if (env.DATABASE_URL) {
    const sql = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
    try {
      const [row] =
        await sql`select count(*)::int as n from information_schema.tables where table_schema in ('public', 'drizzle')`;
      return row?.n === 0;
    } finally {
      await sql.end();
    }
  }
  return (await readdir(path.join(env.DATA_DIR ?? "", "pglite")).catch(() => [])).length === 0;
}

async function canLogIn(env: Record<string, string>): Promise<number> {
  const database = await openDb(env);
  try {
    const app = createTestApp(database, { nodeSecret: SECRET });
    const login = await app.request("http://africa.test/api/session", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "admin@africa.test", password: PASSWORD }),
    });
    return login.status;
  } finally {
    await database.close();
  }
}

/** Rewrites a backup's manifest, as someone tampering with it (or a newer node) would. */
async function withManifest(file: string, change: (manifest: Record<string, unknown>) => void): Promise<string> {
  const dir = await mkdtemp(path.join(scratch, "edit-"));
  await tar.extract({ file, cwd: dir });
  const manifest = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8"));
  change(manifest);
  await writeFile(path.join(dir, "manifest.json"), JSON.stringify(manifest));
  const edited = path.join(dir, "edited.tar");
  await tar.create({ file: edited, cwd: dir }, await readdir(dir));
  return edited;
}

let source: Record<string, string>;
let file: string;

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), "dynamo-backup-test-"));
  source = await nodeEnv();
  expect(
    (await cli(source, "", "tenant", "add", "--slug", "africa", "--region", "AF", "--host", "africa.test")).code,
  ).toBe(0);
  const added = await cli(
    source,
    `${PASSWORD}\n`,
    ...[
      "user",
      "add",
      "--tenant",
      "africa",
      "--email",
      "admin@africa.test",
      "--role",
      "node_admin",
      "--password-stdin",
    ],
  );
  expect(added.code).toBe(0);
  file = path.join(scratch, "africa.backup");
}, 120_000);
afterAll(async () => {
  for (const drop of drops) await drop();
});

describe("pnpm cli backup", () => {
  it("creates a backup with its manifest, verifies it in a scratch database, and restores it into an empty one", async () => {
    const created = await cli(source, "", "backup", "create", "--out", file);
    expect(created.err).toBe("");
    expect(created.code).toBe(0);
    const database = await openDb(source);
    try {
      const runs = await database.db.select().from(backupRuns);
      expect(runs).toMatchObject([{ driver: testDriver(), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
    } finally {
      await database.close();
    }
    expect(created.out).toMatch(
      /^backup written: .*africa\.backup \(\d+ bytes; (postgres|pglite); schema \d{4}_[\w-]+; 1 tenants; \d+ tables, \d+ rows/,
    );

    const dir = await mkdtemp(path.join(scratch, "read-"));
    await tar.extract({ file, cwd: dir });
    const manifest = JSON.parse(await readFile(path.join(dir, "manifest.json"), "utf8"));
    expect(manifest).toMatchObject({
      format: "dynamo-backup/1",
      appVersion: APP_VERSION,
      driver: testDriver(),
      tenants: [{ slug: "africa", kind: "region", regionCode: "AF" }],
    });
    expect(manifest.secretFingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(manifest.parts[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.tables["public.people"].rows).toBe(1);
    expect(JSON.stringify(manifest)).not.toContain(SECRET);

    const verified = await cli(source, "", "backup", "verify", file);
    expect(verified.err).toBe("");
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.out).toMatch(/^verified: \d+ tables, \d+ rows match the backup of /);

    const target = await nodeEnv();
    const restored = await cli(target, "", "backup", "restore", file);
    expect(restored.err).toBe("");
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/^restored: \d+ tables/);
    // The restored node knows its administrator: the password hash came back whole.
    expect(await canLogIn(target)).toBe(200);

    const again = await cli(target, "", "backup", "restore", file);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/not empty: a backup restores into an empty (database|data folder) only/);
  }, 120_000);

  it("refuses another node's secret, a newer schema, a damaged file, and writes nothing", async () => {
    const otherSecret = await nodeEnv("another-node-secret-also-long-enough-for-the-test");
    const wrong = await cli(otherSecret, "", "backup", "restore", file);
    expect(wrong.code).toBe(1);
    expect(wrong.err).toContain("this backup was made with another NODE_SECRET");
    expect(await isEmpty(otherSecret)).toBe(true);

    const target = await nodeEnv();
    const newer = await withManifest(file, (m) => {
      (m.schema as { migrations: number }).migrations = 999;
    });
    const refused = await cli(target, "", "backup", "restore", newer);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/schema is newer \(999 migrations.*upgrade the node first/);

    const altered = await withManifest(file, (m) => {
      (m.parts as { sha256: string }[])[0] = {
        ...(m.parts as { sha256: string }[])[0],
        sha256: "0".repeat(64),
      } as never;
    });
    const damaged = await cli(target, "", "backup", "restore", altered);
    expect(damaged.code).toBe(1);
    expect(damaged.err).toContain("does not match its sha256 in the manifest");

    const garbage = path.join(scratch, "garbage.backup");
    await writeFile(garbage, "not a backup at all");
    const unreadable = await cli(target, "", "backup", "verify", garbage);
    expect(unreadable.code).toBe(1);
    expect(unreadable.err).toMatch(/^backup verify: /);
    expect(await isEmpty(target)).toBe(true);

    expect((await cli(target, "", "backup", "create")).code).toBe(2);
  }, 120_000);
});
