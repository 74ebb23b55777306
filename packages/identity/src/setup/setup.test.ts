import type { TenantKind } from "@dynamo/core";
import { createTenantRepo } from "@dynamo/db";
import { buildNode, configureLogging } from "@dynamo/node";
import { createMemorySink, createTestDatabase, type TestDatabase } from "@dynamo/testing";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { identityArea } from "../area.ts";
import { addPerson, addTestTenant, api, createClock, NODE_SECRET, PASSWORD, problemOf } from "../testing.ts";
import { announceSetupLink } from "./setup-link.ts";
import { issueSetupToken } from "./setup-token.ts";

const logs = createMemorySink();
let database: TestDatabase | undefined;
const HOUR = 3600 * 1000;
const PUBLIC_URL = "https://africa.example.org";

beforeAll(async () => {
  await configureLogging({ level: "trace", json: true, sink: logs });
});
afterEach(async () => {
  await database?.close();
  database = undefined;
});

async function freshNode(kind: TenantKind = "region", publicUrl = PUBLIC_URL) {
  const nodeSecret = NODE_SECRET;
  database = await createTestDatabase();
  const clock = createClock();
  const node = buildNode({
    kind,
    database,
    nodeSecret,
    config: {
      env: "test",
      publicUrl: PUBLIC_URL,
      trustProxy: false,
      federationAllowPrivateAddresses: true,
      chromiumPath: "",
    },
    areas: [identityArea],
    clock: clock.now,
  });
  const setup = { db: database.db, kind, nodeSecret, publicUrl, clock: clock.now };
  return { app: node.app, clock, db: database, setup };
}

/** A browser's form post, from any host (the node has no tenant yet). */
function post(
  app: { request: (url: string, init: RequestInit) => Response | Promise<Response> },
  fields: Record<string, string>,
) {
  return app.request("http://203.0.113.7/setup", {
    method: "POST",
    headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded", "accept-language": "fr" },
    body: new URLSearchParams(fields).toString(),
  });
}

const tokenOf = (link: string | undefined) => new URL(link ?? "http://x/").searchParams.get("token") ?? "";

const ADMIN = { email: "Coordination@Africa.example.org", displayName: "Awa", password: PASSWORD };

// Each test starts from an empty database of its own (migrations included): slow on a busy machine.
describe("the first-run setup link", { timeout: 90_000 }, () => {
  it("creates the region and its first administrator once, then refuses every link", async () => {
    const { app, setup, db } = await freshNode();
    const start = logs.records.length;
    const link = await announceSetupLink(setup);
    expect(link).toMatch(
      /^https:\/\/africa\.example\.org\/setup\?token=[0-9a-z]+\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/,
    );
    const token = tokenOf(link);

    const page = await app.request(`http://203.0.113.7/setup?token=${token}`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    const html = await page.text();
    expect(html).toContain('name="regionCode"');
    expect(html).toContain('value="africa.example.org"');
    expect(html).toContain(`name="token" value="${token}"`);

    // Bad input: the form again with each problem, and nothing created.
    const bad = await post(app, { token, regionCode: "OC", host: "not a host", email: "nope", password: "short" });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain("Choisissez une région");
    expect(badHtml).toContain("adresse");
    expect(await createTenantRepo(db.db).count()).toBe(0);
    const noHost = await post(app, { token, regionCode: "AF", host: "", ...ADMIN });
    expect(noHost.status).toBe(400);
    expect(await noHost.text()).toContain("Donnez un nom d’hôte");
    expect(await createTenantRepo(db.db).count()).toBe(0);

    const done = await post(app, { token, regionCode: "AF", host: "Africa.Example.org", locale: "pt", ...ADMIN });
    expect(done.status).toBe(201);
    expect(await done.text()).toContain('href="https://africa.example.org/login"');
    const tenant = await createTenantRepo(db.db).findByHost("africa.example.org");
    expect(tenant).toMatchObject({ slug: "af", kind: "region", regionCode: "AF", defaultLocale: "pt" });

    // The administrator logs in on the new tenant's host.
    const login = await api(app, "africa.example.org", "POST", "/api/session", {
      body: { email: "coordination@africa.example.org", password: PASSWORD },
    });
    expect(login.status).toBe(200);
    const me = await api(app, "africa.example.org", "GET", "/api/me", {
      token: ((await login.json()) as { token: string }).token,
    });
    expect(((await me.json()) as { roles: string[] }).roles).toEqual(["node_admin"]);

    // Single use: the same link, a fresh one, and the page all refuse now.
    const again = await post(app, { token, regionCode: "EU", host: "europe.example.org", ...ADMIN, email: "x@e.org" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("Ce nœud est déjà installé");
    const fresh = issueSetupToken(NODE_SECRET, setup.clock());
    const refused = await app.request(`http://203.0.113.7/setup?token=${fresh}`);
    expect((await problemOf(refused)).type).toBe("urn:dynamo:problem:setup-closed");
    expect(await announceSetupLink(setup)).toBeUndefined();
    expect(await createTenantRepo(db.db).count()).toBe(1);

    // The link was logged once, at info level; no other record holds the token.
    const withToken = logs.records.slice(start).filter((r) => JSON.stringify(r).includes(token));
    expect(withToken.map((r) => r.level)).toEqual(["info"]);
    expect(logs.records.slice(start).some((r) => JSON.stringify(r).includes(PASSWORD))).toBe(false);
  });

  it("works for an hour, with this node's secret only", async () => {
    const { app, setup, clock } = await freshNode();
    const token = tokenOf(await announceSetupLink(setup));
    const forged = issueSetupToken("another-node-secret-of-at-least-32-chars", clock.now());
    const other = await app.request(`http://node.test/setup?token=${forged}`);
    expect(other.status).toBe(404);
    expect((await problemOf(other)).type).toBe("urn:dynamo:problem:link-unknown");
    const tampered = `${token.slice(0, -2)}${token.endsWith("AA") ? "BB" : "AA"}`;
    expect((await app.request(`http://node.test/setup?token=${tampered}`)).status).toBe(404);
    expect((await app.request("http://node.test/setup")).status).toBe(404);

    clock.advance(HOUR - 1000);
    expect((await app.request(`http://node.test/setup?token=${token}`)).status).toBe(200);
    clock.advance(2000);
    const late = await app.request(`http://node.test/setup?token=${token}`);
    expect(late.status).toBe(410);
    expect((await problemOf(late)).type).toBe("urn:dynamo:problem:link-expired");
    const latePost = await post(app, { token, regionCode: "AF", host: "africa.example.org", ...ADMIN });
    expect(latePost.status).toBe(410);
    expect(await createTenantRepo(setup.db).count()).toBe(0);
  });

  it("gives an existing tenant without an administrator (a development node's region) its first one", async () => {
    const { app, setup, db } = await freshNode();
    const europe = await addTestTenant(db, "europe", "region", "EU");
    const link = await announceSetupLink(setup);
    const page = await app.request(`http://europe.test${new URL(link ?? "").pathname}${new URL(link ?? "").search}`);
    const html = await page.text();
    expect(html).toContain('name="tenantSlug"');
    expect(html).not.toContain('name="regionCode"');
    const done = await post(app, { token: tokenOf(link), tenantSlug: "europe", ...ADMIN });
    expect(done.status).toBe(201);
    expect(await createTenantRepo(db.db).count()).toBe(1);
    expect(
      (await api(app, "europe.test", "POST", "/api/session", { body: { email: ADMIN.email, password: PASSWORD } }))
        .status,
    ).toBe(200);
    expect(europe.slug).toBe("europe");
  });

  it("is refused once a tenant has an administrator, and never announced", async () => {
    const { app, setup, db } = await freshNode();
    const europe = await addTestTenant(db, "europe", "region", "EU");
    await addPerson(db, europe, "admin@europe.test", ["node_admin"], setup.clock);
    expect(await announceSetupLink(setup)).toBeUndefined();
    const token = issueSetupToken(NODE_SECRET, setup.clock());
    expect((await app.request(`http://europe.test/setup?token=${token}`)).status).toBe(409);
    const post409 = await post(app, { token, tenantSlug: "europe", ...ADMIN, email: "second@europe.test" });
    expect(post409.status).toBe(409);
    expect(
      (
        await api(app, "europe.test", "POST", "/api/session", {
          body: { email: "second@europe.test", password: PASSWORD },
        })
      ).status,
    ).toBe(401);
  });

  it("lets only one of two simultaneous submissions through", async () => {
    const { app, setup, db } = await freshNode();
    const token = tokenOf(await announceSetupLink(setup));
    const [a, b] = await Promise.all([
      post(app, { token, regionCode: "AF", host: "africa.example.org", ...ADMIN }),
      post(app, {
        token,
        regionCode: "AM",
        host: "americas.example.org",
        ...ADMIN,
        email: "other@americas.example.org",
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect(await createTenantRepo(db.db).count()).toBe(1);
  });

  it("creates the hub and its hub administrator on a hub node, answering on PUBLIC_URL's port too", async () => {
    const { app, setup, db } = await freshNode("hub", "http://hub.example.org:8080");
    const token = tokenOf(await announceSetupLink(setup));
    const html = await (await app.request(`http://hub.example.org/setup?token=${token}`)).text();
    expect(html).not.toContain('name="regionCode"');
    const done = await post(app, {
      token,
      host: "hub.example.org",
      locale: "fr",
      ...ADMIN,
      email: "admin@hub.example.org",
    });
    expect(done.status).toBe(201);
    expect(await createTenantRepo(db.db).findByHost("hub.example.org")).toMatchObject({
      slug: "hub",
      kind: "hub",
      defaultLocale: "fr",
    });
    const login = await api(app, "hub.example.org", "POST", "/api/session", {
      body: { email: "admin@hub.example.org", password: PASSWORD },
    });
    const me = await api(app, "hub.example.org", "GET", "/api/me", {
      token: ((await login.json()) as { token: string }).token,
    });
    expect(((await me.json()) as { roles: string[] }).roles).toEqual(["hub_admin"]);
  });
});
