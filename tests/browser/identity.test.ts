import { randomUUID } from "node:crypto";
import type { TenantId } from "@dynamo/core";
import { createTenantRepo } from "@dynamo/db";
import { addFirstUser, createSessionRepo } from "@dynamo/identity";
import { createRegionalNode } from "@dynamo/regional";
import { createTestDatabase, freePort, type TestDatabase } from "@dynamo/testing";
import { type ServerType, serve } from "@hono/node-server";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * A person joins by invitation, logs in, changes language and logs out, in Debian's headless
 * Chromium against a real HTTP server: no JavaScript is needed by the pages.
 */
let database: TestDatabase;
let server: ServerType;
let browser: Browser;
let origin = "";
let tenantId: TenantId;

beforeAll(async () => {
  database = await createTestDatabase();
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  tenantId = randomUUID() as TenantId;
  const tenant = await createTenantRepo(database.db).create(tenantId, {
    slug: "europe",
    kind: "region",
    regionCode: "EU",
    names: { en: "Europe coordination", fr: "Coordination Europe" },
    defaultLocale: "en",
    hosts: [`127.0.0.1:${port}`],
  });
  if (!tenant.ok) throw new Error("could not create the tenant");
  const admin = await addFirstUser(
    database.db,
    tenant.value,
    { email: "admin@europe.test", roles: ["node_admin"], password: "the administrator's passphrase" },
    { clock: () => new Date(), newId: randomUUID },
  );
  if (!admin.ok) throw new Error("could not add the administrator");
  const { app } = createRegionalNode({
    database,
    config: {
      env: "test",
      publicUrl: origin,
      trustProxy: false,
      federationAllowPrivateAddresses: true,
      chromiumPath: "",
    },
    nodeSecret: "browser-test-node-secret-at-least-32-chars",
  });
  server = serve({ fetch: app.fetch, port, hostname: "127.0.0.1" });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await database?.close();
});

async function invite(email: string): Promise<{ url: string; personId: string }> {
  const login = await fetch(`${origin}/api/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@europe.test", password: "the administrator's passphrase" }),
  });
  const { token } = (await login.json()) as { token: string };
  const invited = await fetch(`${origin}/api/invitations`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ email, displayName: "Nadia", roles: ["member"], locale: "en" }),
  });
  expect(invited.status).toBe(201);
  const body = (await invited.json()) as { person: { id: string }; link: { url: string } };
  return { url: body.link.url, personId: body.person.id };
}

describe("in a browser", () => {
  it("a person accepts an invitation, logs in, changes language and logs out", { timeout: 60_000 }, async () => {
    const { url: link, personId } = await invite("nadia@example.org");
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);

    await page.goto(link);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Join Europe coordination");
    await page.getByLabel("Your name as others will see it").fill("Nadia Benali");
    await page.getByLabel("Choose a password").fill("nadia's own long passphrase");
    await page.getByRole("button", { name: "Join" }).click();
    await page.waitForURL(/\/login\?joined=1/);
    expect(await page.getByRole("status").textContent()).toContain("Your account is ready");

    expect(await page.getByLabel("Email address").inputValue()).toBe("nadia@example.org");
    await page.getByLabel("Password").fill("nadia's own long passphrase");
    await page.getByRole("button", { name: "Log in" }).click();
    // A login lands on the person's home: what they have to do.
    await page.waitForURL(`${origin}/`);
    expect(await page.locator("header").textContent()).toContain("Signed in as Nadia Benali");
    await page.goto(`${origin}/me`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("My profile");
    const cookie = (await context.cookies()).find((c) => c.name === "dynamo_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Lax" });

    await page.getByRole("combobox", { name: "Language" }).selectOption("fr");
    await page.getByRole("button", { name: "Save" }).click();
    await page.waitForURL(/\/me\?saved=1/);
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Mon profil");
    expect(await page.getByRole("status").textContent()).toBe("Votre profil a été enregistré.");

    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL(/\/login\?loggedOut=1/);
    expect(await page.getByRole("status").textContent()).toBe("Vous êtes déconnecté·e.");
    expect((await context.cookies()).some((c) => c.name === "dynamo_session")).toBe(false);

    // The session is over on the server too, and the profile asks for a login again.
    await page.goto(`${origin}/me`);
    await page.waitForURL(/\/login\?next=%2Fme/);
    const sessions = await createSessionRepo(database.db, tenantId).listOf(personId);
    expect(sessions.map((session) => session.revokedReason)).toEqual(["logout"]);
    await context.close();
  });
});
