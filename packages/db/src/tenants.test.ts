import { randomUUID } from "node:crypto";
import type { TenantId } from "@dynamo/core";
import { createTestDatabase, type TestDatabase, testDriver } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cachedTenantByHost, createTenantRepo } from "./tenants.ts";

const region = (slug: string, regionCode: "AF" | "AS", host: string) => ({
  slug,
  kind: "region" as const,
  regionCode,
  names: { en: slug },
  defaultLocale: "en" as const,
  hosts: [host],
});

describe(`the tenant of a request's host, kept a moment (${testDriver()})`, () => {
  let database: TestDatabase;
  const queries: string[] = [];
  beforeAll(async () => {
    database = await createTestDatabase({ onQuery: (q) => queries.push(q) });
  }, 180_000);
  afterAll(() => database.close());

  it("asks the database once per host within the TTL, again after it", async () => {
    const created = await createTenantRepo(database.db).create(
      randomUUID() as TenantId,
      region("africa", "AF", "africa.example.org"),
    );
    expect(created.ok).toBe(true);
    let clock = 1_000_000;
    const lookup = cachedTenantByHost(database.db, { ttlMs: 1000, now: () => clock });
    queries.length = 0;
    const first = await lookup("africa.example.org");
    const asked = queries.length;
    expect(asked).toBeGreaterThan(0);
    expect(first?.slug).toBe("africa");
    clock += 999;
    expect(await lookup("africa.example.org")).toBe(first);
    expect(queries.length).toBe(asked);
    clock += 2;
    expect((await lookup("africa.example.org"))?.slug).toBe("africa");
    expect(queries.length).toBe(2 * asked);
    // Fifty requests arriving together once it expired share one lookup.
    clock += 1001;
    queries.length = 0;
    const together = await Promise.all(Array.from({ length: 50 }, () => lookup("africa.example.org")));
    expect(together.every((t) => t?.slug === "africa")).toBe(true);
    expect(queries.length).toBe(asked);
  });

  it("answers for a tenant added by this process at once, and keeps no unknown host", async () => {
    const lookup = cachedTenantByHost(database.db, { ttlMs: 60_000 });
    expect((await lookup("africa.example.org"))?.slug).toBe("africa");
    expect(await lookup("asia.example.org")).toBeUndefined();
    const created = await createTenantRepo(database.db).create(
      randomUUID() as TenantId,
      region("asia", "AS", "asia.example.org"),
    );
    expect(created.ok).toBe(true);
    expect((await lookup("asia.example.org"))?.slug).toBe("asia");
    // Every kept tenant is read again after a write, within its TTL too.
    queries.length = 0;
    expect((await lookup("africa.example.org"))?.slug).toBe("africa");
    expect(queries.length).toBeGreaterThan(0);
  });
});
