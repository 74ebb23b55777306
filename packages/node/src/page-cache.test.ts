import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@dynamo/testing";
import type { TenantRouter } from "@dynamo/web";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeApp } from "./create-node-app.ts";
import { addTenant } from "./services/tenants.ts";
import { assembleSite } from "./site.ts";

let database: TestDatabase;
const made: Record<string, number> = {};

/** A page that counts how often it is made: a kept answer does not make it again. */
function counting(router: TenantRouter) {
  const page = (name: string) => (made[name] = (made[name] ?? 0) + 1);
  router.get("/news", (c) =>
    c.html(`<p>${c.get("tenant").slug} ${c.get("locale")} ${page(`news:${c.get("tenant").slug}`)}</p>`),
  );
  router.get("/with-cookie", (c) => {
    c.header("set-cookie", "tz=Europe/Paris; Path=/");
    return c.html(`<p>${page("with-cookie")}</p>`);
  });
  router.get("/missing", (c) => c.html(`<p>${page("missing")}</p>`, 404));
  router.get("/api/news", (c) => c.json({ made: page("api") }));
  router.post("/news", (c) => c.text("published", 201));
}

function appWith(pageCacheMs: number) {
  return createNodeApp({
    database,
    kind: "region",
    config: { trustProxy: false, publicUrl: "http://europe.test", pageCacheMs },
    site: assembleSite([]),
    federation: async (_c, next) => next(),
    areas: [{ routes: counting }],
    clock: () => new Date(),
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  for (const [slug, regionCode] of [
    ["europe", "EU"],
    ["africa", "AF"],
  ] as const) {
    const created = await addTenant(
      database.db,
      { slug, kind: "region", regionCode, names: { en: slug }, defaultLocale: "en", hosts: [`${slug}.test`] },
      randomUUID,
    );
    expect(created.ok).toBe(true);
  }
});

afterAll(async () => {
  await database.close();
});

describe("pages kept for visitors who are not signed in (PAGE_CACHE_MS)", () => {
  it("makes a public page once within its time, per tenant and language, with fresh request ids", async () => {
    const app = appWith(60_000);
    const first = await app.request("http://europe.test/news");
    const second = await app.request("http://europe.test/news");
    expect(await first.text()).toBe("<p>europe en 1</p>");
    expect(await second.text()).toBe("<p>europe en 1</p>");
    expect(second.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
    expect(second.headers.get("cache-control")).toBe("no-store");
    expect(second.headers.get("content-security-policy")).toContain("default-src 'self'");
    // Another tenant, another language: each its own page.
    expect(await (await app.request("http://africa.test/news")).text()).toBe("<p>africa en 1</p>");
    expect(await (await app.request("http://europe.test/news", { headers: { "accept-language": "fr" } })).text()).toBe(
      "<p>europe fr 2</p>",
    );
    expect(await (await app.request("http://europe.test/news?page=2")).text()).toBe("<p>europe en 3</p>");
  });

  it("never keeps a signed-in person's page, an API answer, an error, or an answer that sets a cookie", async () => {
    const app = appWith(60_000);
    const before = made["news:europe"] ?? 0;
    await app.request("http://europe.test/news", { headers: { cookie: "dynamo_session=abc" } });
    await app.request("http://europe.test/news", { headers: { cookie: "__Host-dynamo_session=abc" } });
    await app.request("http://europe.test/news", { headers: { authorization: "Bearer abc" } });
    expect(made["news:europe"]).toBe(before + 3);
    for (const path of ["/api/news", "/missing", "/with-cookie"]) {
      const name = path === "/api/news" ? "api" : path.slice(1);
      const start = made[name] ?? 0;
      await app.request(`http://europe.test${path}`);
      await app.request(`http://europe.test${path}`);
      expect(made[name]).toBe(start + 2);
    }
  });

  it("drops a tenant's pages when a write to that tenant ends, and only that tenant's", async () => {
    const app = appWith(60_000);
    await app.request("http://europe.test/news");
    await app.request("http://africa.test/news");
    const europe = made["news:europe"] ?? 0;
    const africa = made["news:africa"] ?? 0;
    const posted = await app.request("http://europe.test/news", { method: "POST" });
    expect(posted.status).toBe(201);
    await app.request("http://europe.test/news");
    await app.request("http://africa.test/news");
    expect(made["news:europe"]).toBe(europe + 1);
    expect(made["news:africa"]).toBe(africa);
  });

  it("keeps nothing when the setting is 0 (tests and development), and a page no longer than its time", async () => {
    const off = appWith(0);
    const start = made["news:europe"] ?? 0;
    await off.request("http://europe.test/news");
    await off.request("http://europe.test/news");
    expect(made["news:europe"]).toBe(start + 2);
    const short = appWith(30);
    await short.request("http://europe.test/news");
    await new Promise((resolve) => setTimeout(resolve, 60));
    await short.request("http://europe.test/news");
    expect(made["news:europe"]).toBe(start + 4);
  });
});
