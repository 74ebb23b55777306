import { randomUUID } from "node:crypto";
import { createMemorySink, createTestDatabase, type TestDatabase } from "@dynamo/testing";
import type { TenantEnv, TenantRouter } from "@dynamo/web";
import { createRoute, z } from "@hono/zod-openapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeApp } from "./create-node-app.ts";
import { configureLogging } from "./logging.ts";
import { addTenant } from "./services/tenants.ts";
import { assembleSite } from "./site.ts";

const logs = createMemorySink();
let database: TestDatabase;
let app: ReturnType<typeof createNodeApp>;

/** The node's HTTP stack with no area, no federation, and the test's own routes. */
function appWith(
  db: Parameters<typeof createNodeApp>[0]["database"],
  config: { trustProxy: boolean; publicUrl: string },
  routes: (router: TenantRouter) => void = () => {},
) {
  return createNodeApp({
    database: db,
    kind: "region",
    config,
    site: assembleSite([]),
    federation: async (_c, next) => next(),
    areas: [{ routes }],
    clock: () => new Date(),
  });
}

const echoRoute = createRoute({
  method: "post",
  path: "/api/echo",
  operationId: "echoForTest",
  request: {
    body: {
      content: { "application/json": { schema: z.object({ name: z.string().min(2), count: z.number().int() }) } },
    },
  },
  responses: {
    200: { description: "echo", content: { "application/json": { schema: z.object({ name: z.string() }) } } },
  },
});

beforeAll(async () => {
  await configureLogging({ level: "info", json: false, sink: logs });
  database = await createTestDatabase();
  for (const [slug, regionCode, host, locale] of [
    ["europe", "EU", "europe.test", "en"],
    ["africa", "AF", "africa.test", "fr"],
  ] as const) {
    const created = await addTenant(
      database.db,
      {
        slug,
        kind: "region",
        regionCode,
        names: { en: `${slug} EN`, fr: `${slug} FR` },
        defaultLocale: locale,
        hosts: [host],
      },
      randomUUID,
    );
    expect(created.ok).toBe(true);
  }
  await addTenant(
    database.db,
    { slug: "hub", kind: "hub", regionCode: null, names: { en: "Hub" }, defaultLocale: "en", hosts: ["hub.test"] },
    randomUUID,
  );
  app = appWith(database, { trustProxy: false, publicUrl: "http://europe.test" }, (router) => {
    router.openapi(echoRoute, (c) => c.json({ name: c.req.valid("json").name }, 200));
    router.get("/boom", () => {
      throw new Error("secret internals: password=hunter2");
    });
    router.get("/whoami", (c: import("hono").Context<TenantEnv>) => c.text(c.get("tenant").slug));
  });
});

afterAll(async () => {
  await database.close();
});

async function problemOf(response: Response) {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return (await response.json()) as Record<string, unknown> & {
    errors?: { field: string; message: string; pointer: string; code: string }[];
  };
}

describe("tenant by Host", () => {
  it("serves each tenant its own data on one node", async () => {
    const eu = await app.request("http://europe.test/api/tenant");
    const af = await app.request("http://africa.test/api/tenant", { headers: { "accept-language": "fr" } });
    expect(await eu.json()).toMatchObject({ slug: "europe", regionCode: "EU", name: "europe EN" });
    expect(await af.json()).toMatchObject({ slug: "africa", regionCode: "AF", name: "africa FR" });
  });

  it("answers an unknown host with a 404 problem", async () => {
    const response = await app.request("http://elsewhere.test/api/tenant");
    expect(response.status).toBe(404);
    const body = await problemOf(response);
    expect(body).toMatchObject({ type: "urn:dynamo:problem:unknown-tenant", status: 404, title: "Unknown site" });
    expect(body.detail).toContain("elsewhere.test");
  });

  it("does not serve the hub tenant from a regional node", async () => {
    const response = await app.request("http://hub.test/api/tenant");
    expect(response.status).toBe(404);
  });

  it("honours X-Forwarded-Host only behind a trusted proxy", async () => {
    const untrusted = await app.request("http://proxy.test/whoami", { headers: { "x-forwarded-host": "africa.test" } });
    expect(untrusted.status).toBe(404);
    const trusting = appWith(database, { trustProxy: true, publicUrl: "http://x" }, (r) =>
      r.get("/whoami", (c) => c.text(c.get("tenant").slug)),
    );
    const trusted = await trusting.request("http://proxy.test/whoami", {
      headers: { "x-forwarded-host": "africa.test" },
    });
    expect(await trusted.text()).toBe("africa");
  });
});

describe("problem+json", () => {
  it("gives 404 for an unknown route, as JSON to a client and as a translated page to a browser", async () => {
    const api = await app.request("http://europe.test/api/nothing-here");
    expect(api.status).toBe(404);
    expect(await problemOf(api)).toMatchObject({ type: "urn:dynamo:problem:not-found", instance: "/api/nothing-here" });

    const page = await app.request("http://europe.test/nothing-here", {
      headers: { accept: "text/html", "accept-language": "es" },
    });
    expect(page.status).toBe(404);
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain("Página no encontrada");
  });

  it("lists every zod issue of an invalid body, in the reader's language", async () => {
    const response = await app.request("http://europe.test/api/echo", {
      method: "POST",
      headers: { "content-type": "application/json", "accept-language": "fr" },
      body: JSON.stringify({ name: "x", count: 1.5 }),
    });
    expect(response.status).toBe(400);
    const body = await problemOf(response);
    expect(body.type).toBe("urn:dynamo:problem:validation");
    expect(body.title).toBe("La requête n’est pas valide");
    expect(body.errors?.map((e) => e.pointer).sort()).toEqual(["/count", "/name"]);
    expect(body.errors?.find((e) => e.field === "name")?.message).toMatch(/[Tt]rop petit/);
  });

  it("refuses a body that is not JSON at all with 400", async () => {
    const response = await app.request("http://europe.test/api/echo", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBe(400);
    expect((await problemOf(response)).type).toBe("urn:dynamo:problem:validation");
  });

  it("refuses another content type with 415", async () => {
    const response = await app.request("http://europe.test/api/echo", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: "name=xy",
    });
    expect(response.status).toBe(415);
    expect(await problemOf(response)).toMatchObject({ type: "urn:dynamo:problem:unsupported-media-type", status: 415 });
  });

  it("refuses a body over the limit with 413", async () => {
    const response = await app.request("http://europe.test/api/echo", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "x".repeat(2 * 1024 * 1024), count: 1 }),
    });
    expect(response.status).toBe(413);
    expect((await problemOf(response)).type).toBe("urn:dynamo:problem:payload-too-large");
  });

  it("answers a crash with a 500 that leaks nothing, logged with the request id", async () => {
    const response = await app.request("http://europe.test/boom", { headers: { "x-request-id": "req-boom-1" } });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain("secret internals");
    expect(JSON.parse(text)).toMatchObject({ type: "urn:dynamo:problem:internal", requestId: "req-boom-1" });
    const logged = logs.records.find((r) => r.level === "error" && r.properties.requestId === "req-boom-1");
    expect(logged).toBeDefined();
    expect(String(logged?.properties.error)).toContain("secret internals");
  });

  it("puts a request id on every response", async () => {
    const response = await app.request("http://europe.test/api/tenant");
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("locale", () => {
  it("lets the remembered choice beat Accept-Language", async () => {
    const response = await app.request("http://europe.test/", {
      headers: { cookie: "lang=pt", "accept-language": "fr" },
    });
    const html = await response.text();
    expect(html).toContain('<html lang="pt">');
    expect(html).toContain("Ir para o conteúdo");
  });

  it("falls back to the tenant's default for an unknown language", async () => {
    const response = await app.request("http://africa.test/", { headers: { "accept-language": "de" } });
    expect(await response.text()).toContain('<html lang="fr">');
  });

  it("remembers a choice from the language links and returns to a local page only", async () => {
    const chosen = await app.request("http://europe.test/locale/es?next=%2Fapi%2Ftenant");
    expect(chosen.status).toBe(303);
    expect(chosen.headers.get("location")).toBe("/api/tenant");
    expect(chosen.headers.getSetCookie().find((cookie) => cookie.startsWith("lang="))).toMatch(/^lang=es;.*HttpOnly/);
    const offsite = await app.request("http://europe.test/locale/es?next=%2F%2Fevil.example");
    expect(offsite.headers.get("location")).toBe("/");
    expect((await app.request("http://europe.test/locale/de")).status).toBe(404);
  });
});

describe("node-level routes", () => {
  it("describes the API in OpenAPI 3.1 with operation ids, and serves the docs without a CDN", async () => {
    const doc = (await (await app.request("http://any.host/api/openapi.json")).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/healthz"]?.get?.operationId).toBe("getHealth");
    expect(doc.paths["/api/tenant"]?.get?.operationId).toBe("getTenant");
    const docs = await (await app.request("http://any.host/api/docs")).text();
    expect(docs).toContain("/api/docs/assets/swagger-ui-bundle.js");
    expect(docs).not.toMatch(/https?:\/\/(unpkg|cdn)/);
    const bundle = await app.request("http://any.host/api/docs/assets/swagger-ui-bundle.js");
    expect(bundle.status).toBe(200);
  });

  it("reports health 200 while the database answers and 503 once it is gone", async () => {
    const own = await createTestDatabase();
    const probe = appWith(own, { trustProxy: false, publicUrl: "http://x" });
    const up = await probe.request("/healthz");
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ status: "ok" });
    await own.close();
    const down = await probe.request("/healthz");
    expect(down.status).toBe(503);
    expect(await problemOf(down)).toMatchObject({ type: "urn:dynamo:problem:unavailable", status: 503 });
  });
});

describe("input no field may hold", () => {
  it("refuses a NUL or a text-direction override anywhere in a JSON body, naming the field, and answers 400 not 500", async () => {
    const response = await app.request("http://europe.test/api/echo", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "a\u0000b", count: 1, nested: { list: ["ok", "\u202eevil"] } }),
    });
    expect(response.status).toBe(400);
    const body = await problemOf(response);
    expect(body.errors?.map((e) => e.pointer)).toEqual(["/name", "/nested/list/1"]);
    expect(body.errors?.[0]?.message).toContain("control");
  });

  it("refuses a NUL in the query or the path, and in a form field, in the reader's language", async () => {
    const query = await app.request("http://europe.test/api/tenant?x=%00");
    expect(query.status).toBe(400);
    expect((await problemOf(query)).errors?.[0]?.field).toBe("x");
    const path = await app.request("http://europe.test/api/ten%00ant");
    expect(path.status).toBe(400);
    const form = await app.request("http://europe.test/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": "fr" },
      body: "email=a%00b&password=x",
    });
    expect(form.status).toBe(400);
    const problem = await problemOf(form);
    expect(problem.errors?.[0]).toMatchObject({ field: "email" });
    expect(problem.errors?.[0]?.message).toContain("caractère de contrôle");
  });

  it("keeps tabs and line breaks where text may hold them", async () => {
    const response = await app.request("http://europe.test/api/echo", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "one line\tand a tab", count: 1, description: "two\nlines" }),
    });
    expect(response.status).toBe(200);
  });

  it("refuses a line break in a one-line field (a name, a title in any language, an email) and in the query", async () => {
    const json = await app.request("http://europe.test/api/echo", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "two\nlines", count: 1, title: { fr: "a\r\nb", en: "fine" } }),
    });
    expect(json.status).toBe(400);
    const body = await problemOf(json);
    expect(body.errors?.map((e) => [e.pointer, e.code])).toEqual([
      ["/name", "line_break"],
      ["/title/fr", "line_break"],
    ]);
    const query = await app.request("http://europe.test/api/tenant?q=a%0Ab");
    expect(query.status).toBe(400);
    expect((await problemOf(query)).errors?.[0]).toMatchObject({ field: "q", code: "line_break" });
    const form = await app.request("http://europe.test/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": "es" },
      body: "email=a%0Ab%40europe.test&password=x",
    });
    expect(form.status).toBe(400);
    expect((await problemOf(form)).errors?.[0]?.message).toContain("salto de línea");
  });
});

describe("redirect targets", () => {
  it.each([
    ["/%09/evil.example", "/"],
    ["/%0a/x", "/"],
    ["//evil.example", "/"],
    ["/%5Cevil.example", "/"],
    ["https://evil.example/", "/"],
    ["/reports%3Fyear%3D2026", "/reports?year=2026"],
  ])("sends /locale/fr?next=%s to %s", async (next, location) => {
    const response = await app.request(`http://europe.test/locale/fr?next=${next}`);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(location);
  });
});

describe("caching", () => {
  it("tells browsers and proxies to keep no API answer or page, and restricts powerful features", async () => {
    const api = await app.request("http://europe.test/api/tenant");
    expect(api.headers.get("cache-control")).toBe("no-store");
    expect(api.headers.get("permissions-policy")).toContain("camera=()");
    const problem = await app.request("http://europe.test/api/nothing-here");
    expect(problem.headers.get("cache-control")).toBe("no-store");
  });
});
