import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, createTenantRepo } from "@dynamo/db";
import { createActorKeyRepo } from "@dynamo/federation";
import { createPostgresDatabase, testDriver } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliCaptured } from "../testing.ts";

let env: Record<string, string>;
let drop = async () => {};

beforeAll(async () => {
  const dataDir = await mkdtemp(path.join(tmpdir(), "dynamo-cli-federation-"));
  env = { DATA_DIR: dataDir, PUBLIC_URL: "https://africa.example.org" };
  if (testDriver() === "postgres") {
    const created = await createPostgresDatabase();
    env.DATABASE_URL = created.url;
    drop = created.drop;
  }
});
afterAll(() => drop());

const cli = (...argv: string[]) => runCliCaptured(env, argv);

async function keysOfAfrica() {
  const database = await createDb(
    env.DATABASE_URL
      ? { driver: "postgres", url: env.DATABASE_URL }
      : { driver: "pglite", dataDir: path.join(env.DATA_DIR ?? "", "pglite") },
  );
  try {
    const tenant = await createTenantRepo(database.db).findBySlug("africa");
    return tenant ? await createActorKeyRepo(database.db).listAll(tenant.id, "africa") : [];
  } finally {
    await database.close();
  }
}

describe(`pnpm cli federation (${testDriver()})`, () => {
  it("rotates a tenant actor's keys: the old ones are retired, new ones of each kind are in use", async () => {
    expect(
      (await cli("tenant", "add", "--slug", "africa", "--region", "AF", "--host", "africa.example.org")).code,
    ).toBe(0);
    const first = await cli("federation", "rotate-keys", "--tenant", "africa");
    expect(first).toMatchObject({ code: 0, err: "" });
    expect(first.out).toContain("rotated the keys of https://africa.example.org/ap/actors/africa");
    const afterFirst = await keysOfAfrica();
    expect(
      afterFirst
        .filter((k) => k.retiredAt === null)
        .map((k) => k.kind)
        .sort(),
    ).toEqual(["ed25519", "rsa"]);

    expect((await cli("federation", "rotate-keys", "--tenant", "africa")).code).toBe(0);
    const afterSecond = await keysOfAfrica();
    const active = afterSecond.filter((k) => k.retiredAt === null);
    expect(active.map((k) => k.kind).sort()).toEqual(["ed25519", "rsa"]);
    expect(active.some((k) => afterFirst.some((old) => old.id === k.id))).toBe(false);
    expect(afterSecond.filter((k) => k.retiredAt !== null)).toHaveLength(afterFirst.length);
  });

  it("explains a wrong command line and an unknown tenant", async () => {
    expect(await cli("federation", "rotate-keys", "--tenant", "atlantis")).toMatchObject({
      code: 1,
      err: 'no tenant with slug "atlantis"',
    });
    const missing = await cli("federation", "rotate-keys");
    expect(missing.code).toBe(2);
    expect(missing.err).toContain("--tenant is required");
    expect((await cli("federation", "spin")).code).toBe(2);
  });
});
