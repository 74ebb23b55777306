import { randomUUID } from "node:crypto";
import type { PlatformId, Tenant, TenantId } from "@dynamo/core";
import { createTenantRepo } from "@dynamo/db";
import { addFirstUser, createPeopleRepo, createPlatformRepo } from "@dynamo/identity";
import { createRegionalNode } from "@dynamo/regional";
import { createIndicatorDefinitionRepo } from "@dynamo/reports";
import { createTestDatabase, freePort, type TestDatabase } from "@dynamo/testing";
import { type ServerType, serve } from "@hono/node-server";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * A platform representative writes the platform's section of the biennial status report and
 * submits it; the regional coordinator reads it, writes the synthesis linked to it and approves
 * the report — in Debian's headless Chromium, with no JavaScript in the pages.
 */
const PASSWORD = "a long street-work passphrase";
let database: TestDatabase;
let server: ServerType;
let browser: Browser;
let origin = "";
let tenant: Tenant;

async function person(email: string, roles: ("regional_coordinator" | "platform_representative")[]) {
  const added = await addFirstUser(
    database.db,
    tenant,
    { email, roles, password: PASSWORD },
    {
      clock: () => new Date(),
      newId: randomUUID,
    },
  );
  if (!added.ok) throw new Error(`could not add ${email}`);
  return added.value;
}

beforeAll(async () => {
  database = await createTestDatabase();
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  const created = await createTenantRepo(database.db).create(randomUUID() as TenantId, {
    slug: "europe",
    kind: "region",
    regionCode: "EU",
    names: { en: "Europe coordination" },
    defaultLocale: "en",
    hosts: [`127.0.0.1:${port}`],
  });
  if (!created.ok) throw new Error("could not create the tenant");
  tenant = created.value;
  const platformId = randomUUID() as PlatformId;
  await createPlatformRepo(database.db, tenant.id).create(
    {
      id: platformId,
      countryCode: "BE",
      names: { en: "Belgian platform" },
      status: "active",
      joinedOn: "2018-01-01",
      contact: { email: null, phone: null, address: null, website: null },
    },
    { id: randomUUID(), reason: "test", changedBy: null },
    new Date(),
  );
  await createIndicatorDefinitionRepo(database.db, tenant.id).put(
    {
      key: "people-reached",
      version: 1,
      cycles: ["2024-2026"],
      labels: { en: "People reached" },
      unit: "people",
      aggregation: "sum",
      breakdown: { kind: "population-group" },
      sensitive: false,
      comparableWith: [],
    },
    new Date(),
  );
  await person("coord@europe.test", ["regional_coordinator"]);
  const rep = await person("rep@be.test", ["platform_representative"]);
  await createPeopleRepo(database.db, tenant.id).updateMembership(
    rep.id,
    { roles: ["platform_representative"], platformId, platformSeat: "representative" },
    new Date(),
  );
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
      "--no-first-run",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
  await database?.close();
});

async function logIn(email: string): Promise<Page> {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${origin}/login?next=%2Freports`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.waitForURL(`${origin}/reports`);
  return page;
}

describe("reports in a browser", () => {
  it("a representative writes the section, the coordinator synthesises and approves", { timeout: 90_000 }, async () => {
    const coordinator = await logIn("coord@europe.test");
    await coordinator.getByLabel("Kind of report").selectOption("status");
    await coordinator.getByLabel("Reporting cycle").fill("2024-2026");
    await coordinator.getByLabel("Due date").fill("2030-03-31");
    await coordinator.getByRole("button", { name: "Open the report and request the sections" }).click();
    await coordinator.waitForURL(/\/reports\/[0-9a-f-]+\?done=created/);
    const reportUrl = coordinator.url().replace(/\?.*$/, "");
    expect(await coordinator.getByRole("status").textContent()).toContain("each platform was asked");
    expect(await coordinator.locator("[data-section-status]").first().textContent()).toContain("Requested");

    const rep = await logIn("rep@be.test");
    await rep.goto(reportUrl);
    await rep.getByRole("link", { name: "Write the section" }).click();
    await rep.getByLabel("Situation").fill("Night outreach in three Brussels districts.");
    await rep.getByLabel("Results").fill("Two new street teams trained.");
    await rep.getByLabel("Difficulties").fill("Police raids on children at the station.");
    await rep.locator('input[name="sensitive.difficulties"]').check();
    await rep.getByLabel("Total").fill("120");
    await rep.getByLabel("Children").fill("40");
    await rep.getByRole("button", { name: "Save the draft" }).click();
    await rep.waitForURL(/done=saved/);
    expect(await rep.getByLabel("Situation").inputValue()).toBe("Night outreach in three Brussels districts.");
    await rep.getByRole("button", { name: "Submit the section" }).click();
    await rep.waitForURL(/done=sent/);
    expect(await rep.locator("[data-section-status]").first().textContent()).toContain("Submitted");

    await coordinator.goto(reportUrl);
    expect(await coordinator.locator("#main").textContent()).toContain("Night outreach in three Brussels districts.");
    await coordinator.getByLabel("Text").first().fill("The region reached 120 people, 40 of them children.");
    await coordinator.locator('input[name="statements.0.sources"]').first().check();
    await coordinator.getByRole("button", { name: "Save the synthesis" }).click();
    await coordinator.waitForURL(/done=synthesis/);
    await coordinator.getByRole("button", { name: "Approve the report (locks it)" }).click();
    await coordinator.waitForURL(/done=approved/);
    expect(await coordinator.locator("[data-state]").textContent()).toBe("Approved by the region");
    expect(await coordinator.locator(".statements").textContent()).toContain("Belgian platform");

    // The section is now locked for its platform.
    await rep.goto(reportUrl);
    expect(await rep.getByRole("link", { name: "Write the section" }).count()).toBe(0);
  });
});
