import { randomUUID } from "node:crypto";
import type { Tenant, TenantId } from "@dynamo/core";
import { createTenantRepo } from "@dynamo/db";
import { createTestDatabase, type TestDatabase, testDriver } from "@dynamo/testing";
import { exportJwk } from "@fedify/fedify";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SealedValueError } from "../crypto/secret-box.ts";
import { createActorKeyRepo } from "../db/actor-keys.ts";
import { actorKeys } from "../db/schema.ts";
import { createActorKeyStore } from "./actor-key-store.ts";

const secret = "node-secret-for-the-actor-key-store-test";
let database: TestDatabase;
let europe: Tenant;
let asia: Tenant;

async function tenant(slug: string, regionCode: "EU" | "AS"): Promise<Tenant> {
  const created = await createTenantRepo(database.db).create(randomUUID() as TenantId, {
    slug,
    kind: "region",
    regionCode,
    names: { en: slug },
    defaultLocale: "en",
    hosts: [`${slug}.test`],
  });
  if (!created.ok) throw new Error(created.error.kind);
  return created.value;
}

beforeAll(async () => {
  database = await createTestDatabase();
  europe = await tenant("europe", "EU");
  asia = await tenant("asia", "AS");
});
afterAll(async () => {
  await database.close();
});

const publicJwks = async (pairs: { keyPair: CryptoKeyPair }[]) =>
  Promise.all(pairs.map(async (pair) => JSON.stringify(await exportJwk(pair.keyPair.publicKey))));

describe(`actor keys on ${testDriver()}`, () => {
  it("makes an RSA and an Ed25519 key on first use, once, even when asked twice at the same time", async () => {
    // Two stores on one database: two node processes starting together.
    const [one, two] = [createActorKeyStore(database.db, secret), createActorKeyStore(database.db, secret)];
    const [a, b] = await Promise.all([one.keyPairsOf(europe.id, "europe"), two.keyPairsOf(europe.id, "europe")]);
    expect(a.map((k) => k.kind)).toEqual(["rsa", "ed25519"]);
    expect(a[0]?.keyPair.privateKey.algorithm.name).toBe("RSASSA-PKCS1-v1_5");
    expect(a[1]?.keyPair.privateKey.algorithm.name).toBe("Ed25519");
    expect(await publicJwks(b)).toEqual(await publicJwks(a));
    expect(await createActorKeyRepo(database.db).listAll(europe.id, "europe")).toHaveLength(2);
    // A later call, from a fresh store, reads the same keys back.
    const again = await createActorKeyStore(database.db, secret).keyPairsOf(europe.id, "europe");
    expect(await publicJwks(again)).toEqual(await publicJwks(a));
  });

  it("gives every tenant and every actor keys of its own", async () => {
    const store = createActorKeyStore(database.db, secret);
    const ofEurope = await publicJwks(await store.keyPairsOf(europe.id, "europe"));
    const ofAsia = await publicJwks(await store.keyPairsOf(asia.id, "asia"));
    const ofPlatform = await publicJwks(await store.keyPairsOf(europe.id, "platform-be"));
    expect(new Set([...ofEurope, ...ofAsia, ...ofPlatform]).size).toBe(6);
  });

  it("stores private keys sealed and refuses one moved to another actor's row or opened with another secret", async () => {
    const store = createActorKeyStore(database.db, secret);
    await store.keyPairsOf(asia.id, "asia");
    const rows = await database.db.select().from(actorKeys).where(eq(actorKeys.tenantId, asia.id));
    for (const row of rows) {
      expect(row.privateKey).toMatch(/^v1\./);
      expect(row.privateKey).not.toContain('"d"');
    }
    await expect(createActorKeyStore(database.db, `${secret}-other`).keyPairsOf(asia.id, "asia")).rejects.toThrow(
      SealedValueError,
    );

    const europeRsa = (await createActorKeyRepo(database.db).listActive(europe.id, "europe")).find(
      (k) => k.kind === "rsa",
    );
    const asiaRsa = rows.find((row) => row.kind === "rsa");
    await database.db
      .update(actorKeys)
      .set({ privateKey: europeRsa?.sealedPrivateKey ?? "" })
      .where(eq(actorKeys.id, asiaRsa?.id ?? ""));
    await expect(createActorKeyStore(database.db, secret).keyPairsOf(asia.id, "asia")).rejects.toThrow(
      SealedValueError,
    );
  });

  it("rotates: retires the keys in use and makes new ones of each kind", async () => {
    const store = createActorKeyStore(database.db, secret);
    const before = await publicJwks(await store.keyPairsOf(europe.id, "europe"));
    const rotated = await store.rotate(europe.id, "europe");
    const after = await publicJwks(await store.keyPairsOf(europe.id, "europe"));
    expect(after).toEqual(await publicJwks(rotated));
    expect(after.some((jwk) => before.includes(jwk))).toBe(false);
    const all = await createActorKeyRepo(database.db).listAll(europe.id, "europe");
    expect(
      all
        .filter((k) => k.retiredAt === null)
        .map((k) => k.kind)
        .sort(),
    ).toEqual(["ed25519", "rsa"]);
    expect(all.filter((k) => k.retiredAt !== null)).toHaveLength(2);
  });

  it("remembers an actor's keys a few seconds: its own rotation is seen at once, another process's once they are stale", async () => {
    let now = 1_000_000;
    const clock = () => now;
    const node = createActorKeyStore(database.db, secret, { cacheMs: 10_000, clock });
    const cli = createActorKeyStore(database.db, secret, { cacheMs: 10_000, clock });
    const first = await publicJwks(await node.keyPairsOf(europe.id, "platform-fr"));
    const repo = createActorKeyRepo(database.db);
    // Remembered: a row changed behind the store's back is not read again yet.
    await cli.rotate(europe.id, "platform-fr");
    const rotatedElsewhere = await publicJwks(await cli.keyPairsOf(europe.id, "platform-fr"));
    expect(rotatedElsewhere).not.toEqual(first);
    expect(await publicJwks(await node.keyPairsOf(europe.id, "platform-fr"))).toEqual(first);
    now += 10_001;
    expect(await publicJwks(await node.keyPairsOf(europe.id, "platform-fr"))).toEqual(rotatedElsewhere);
    // A rotation through this store is seen at once, by this store.
    const rotatedHere = await publicJwks(await node.rotate(europe.id, "platform-fr"));
    expect(await publicJwks(await node.keyPairsOf(europe.id, "platform-fr"))).toEqual(rotatedHere);
    expect((await repo.listActive(europe.id, "platform-fr")).length).toBe(2);
  });
});
