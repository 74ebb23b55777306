import { createTestDatabase, type TestDatabase, testDriver, waitFor } from "@dynamo/testing";
import type { KvKey, KvStore } from "@fedify/fedify";
import { Temporal } from "temporal-polyfill";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDrizzleKvStore } from "./kv-store.ts";

let database: TestDatabase;
let kv: KvStore;

beforeAll(async () => {
  database = await createTestDatabase();
  kv = createDrizzleKvStore(database.db);
});
afterAll(async () => {
  await database.close();
});

async function listed(prefix?: KvKey) {
  const entries: { key: KvKey; value: unknown }[] = [];
  for await (const entry of kv.list(prefix)) entries.push({ key: entry.key, value: entry.value });
  return entries;
}

describe(`Fedify key–value store on ${testDriver()}`, () => {
  it("sets, gets, overwrites and deletes JSON values under array keys", async () => {
    const key = ["_fedify", "remoteDocument", "https://example.org/actor"] as const;
    expect(await kv.get(key)).toBeUndefined();
    await kv.set(key, { "@context": "x", nested: [1, "two", { three: true }] });
    expect(await kv.get(key)).toEqual({ "@context": "x", nested: [1, "two", { three: true }] });
    await kv.set(key, false);
    expect(await kv.get(key)).toBe(false);
    await kv.delete(key);
    expect(await kv.get(key)).toBeUndefined();
    // A key is the whole array: a longer or shorter one is another key.
    await kv.set(["a", "b"], 1);
    expect(await kv.get(["a"])).toBeUndefined();
    expect(await kv.get(["a", "b", "c"])).toBeUndefined();
  });

  it("forgets a value once its time-to-live has passed", async () => {
    await kv.set(["ttl", "short"], "soon gone", { ttl: Temporal.Duration.from({ milliseconds: 150 }) });
    await kv.set(["ttl", "long"], "stays", { ttl: Temporal.Duration.from({ hours: 1 }) });
    expect(await kv.get(["ttl", "short"])).toBe("soon gone");
    await waitFor(async () => (await kv.get(["ttl", "short"])) === undefined, { what: "the short value to expire" });
    expect(await kv.get(["ttl", "long"])).toBe("stays");
    expect((await listed(["ttl"])).map((e) => e.key)).toEqual([["ttl", "long"]]);
  });

  it("lists the entries under a prefix, and only those", async () => {
    await kv.set(["list", "x", "1"], 1);
    await kv.set(["list", "x", "2"], 2);
    await kv.set(["list", "y"], 3);
    await kv.set(["listing"], 4);
    expect(await listed(["list", "x"])).toEqual([
      { key: ["list", "x", "1"], value: 1 },
      { key: ["list", "x", "2"], value: 2 },
    ]);
    expect((await listed(["list"])).map((e) => e.value)).toEqual([1, 2, 3]);
    expect((await listed()).map((e) => e.key)).toContainEqual(["listing"]);
  });

  it("compares and swaps atomically: only the caller that saw the current value wins", async () => {
    const key = ["circuit", "peer.example"] as const;
    expect(await kv.cas?.(key, undefined, { state: "closed", failures: [] })).toBe(true);
    expect(await kv.cas?.(key, undefined, { state: "open" })).toBe(false);
    // Key order inside an object does not matter; the value does.
    expect(await kv.cas?.(key, { failures: [], state: "closed" }, { state: "open", failures: ["t1"] })).toBe(true);
    expect(await kv.cas?.(key, { state: "closed", failures: [] }, { state: "half-open" })).toBe(false);
    expect(await kv.get(key)).toEqual({ state: "open", failures: ["t1"] });

    const contenders = await Promise.all(
      Array.from({ length: 8 }, (_, i) => kv.cas?.(key, { state: "open", failures: ["t1"] }, { winner: i })),
    );
    expect(contenders.filter(Boolean)).toHaveLength(1);
    const winner = contenders.indexOf(true);
    expect(await kv.get(key)).toEqual({ winner });

    expect(await kv.cas?.(key, { winner }, undefined)).toBe(true);
    expect(await kv.get(key)).toBeUndefined();
  });

  it("treats an expired value as absent for compare-and-swap", async () => {
    const key = ["cas", "expired"] as const;
    await kv.set(key, "old", { ttl: Temporal.Duration.from({ milliseconds: 100 }) });
    expect(await kv.cas?.(key, undefined, "new")).toBe(false);
    await waitFor(async () => (await kv.get(key)) === undefined, { what: "the value to expire" });
    expect(await kv.cas?.(key, "old", "newer")).toBe(false);
    expect(await kv.cas?.(key, undefined, "new")).toBe(true);
    expect(await kv.get(key)).toBe("new");
  });

  it("keeps entries under the remembered prefixes in memory, for at most maxAgeMs and never past their ttl", async () => {
    const cached = createDrizzleKvStore(database.db, {
      remember: { prefixes: [["_fedify", "publicKey"]], maxAgeMs: 300 },
    });
    const key = ["_fedify", "publicKey", "https://peer.example/actor#main-key"] as const;
    const other = ["_fedify", "activityIdempotence", "https://peer.example/activities/1"] as const;
    await cached.set(key, { v: 1 });
    await cached.set(other, { v: 1 });
    // Another process changes both rows: the remembered one is served from memory, the other read again.
    await kv.set(key, { v: 2 });
    await kv.set(other, { v: 2 });
    expect(await cached.get(key)).toEqual({ v: 1 });
    expect(await cached.get(other)).toEqual({ v: 2 });
    // Each reader gets its own copy.
    const copy = await cached.get<{ v: number }>(key);
    if (copy) copy.v = 99;
    expect(await cached.get(key)).toEqual({ v: 1 });
    await waitFor(async () => ((await cached.get<{ v: number }>(key))?.v ?? 0) === 2, {
      what: "the memory copy to grow stale and be read again",
    });
    // Its own writes are seen at once; a short ttl is honoured.
    await cached.set(key, { v: 3 }, { ttl: Temporal.Duration.from({ milliseconds: 100 }) });
    expect(await cached.get(key)).toEqual({ v: 3 });
    await waitFor(async () => (await cached.get(key)) === undefined, { what: "the short-lived value to expire" });
    await cached.set(key, { v: 4 });
    await cached.delete(key);
    expect(await cached.get(key)).toBeUndefined();
    expect(await kv.get(key)).toBeUndefined();
  });
});
