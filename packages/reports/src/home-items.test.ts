import type { Tenant } from "@dynamo/core";
import {
  addPerson,
  addTestTenant,
  api,
  createBrowser,
  createClock,
  loginToken,
  PASSWORD,
  type TestApp,
} from "@dynamo/identity/testing";
import { createTestDatabase, type TestDatabase, testDriver } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReportExchangeRepo } from "./db/exchange.ts";
import { addPlatformWithRepresentative, createLoopback, reportsTestApp } from "./test-support.ts";

let database: TestDatabase;
let europe: Tenant;
let hub: Tenant;
const apps: Record<string, TestApp> = {};
const clock = createClock("2026-03-01T10:00:00Z");
let reportId = "";
let sectionId = "";

beforeAll(async () => {
  database = await createTestDatabase();
  europe = await addTestTenant(database, "europe", "region", "EU");
  hub = await addTestTenant(database, "hub", "hub");
  const loopback = createLoopback([europe], hub);
  apps.europe = reportsTestApp(database, "region", loopback, clock.now);
  apps.hub = reportsTestApp(database, "hub", loopback, clock.now);
  await addPerson(database, europe, "coord@europe.test", ["regional_coordinator"], clock.now);
  await addPerson(database, hub, "team@hub.test", ["technical_team"], clock.now);
  await addPerson(database, hub, "admin@hub.test", ["hub_admin"], clock.now);
  await addPlatformWithRepresentative(database, europe, "BE", "rep@be.test", clock.now);
  const token = await loginToken(apps.europe, "europe.test", "coord@europe.test");
  const created = await api(apps.europe, "europe.test", "POST", "/api/reports", {
    token,
    body: {
      kind: "status",
      cycle: "2024-2026",
      dueDate: "2026-04-30T23:59:00Z",
      sectionDueDate: "2026-03-05T23:59:00Z",
    },
  });
  expect(created.status).toBe(201);
  const { report } = (await created.json()) as { report: { id: string; sections: { id: string }[] } };
  reportId = report.id;
  sectionId = report.sections[0]?.id ?? "";
  // The hub expected Europe's 2022–2024 report by the end of 2024: it never came.
  await createReportExchangeRepo(database.db, hub.id).expect({
    cycle: "2022-2024",
    kind: "status",
    region: "EU",
    dueDate: new Date("2024-12-31T23:59:00Z"),
    platforms: [],
  });
}, 180_000);
afterAll(() => database?.close());

async function home(slug: "europe" | "hub", email: string) {
  const app = apps[slug] as TestApp;
  const browser = createBrowser(app, `${slug}.test`);
  await browser.get("/login");
  const done = await browser.post("/login", { email, password: PASSWORD });
  expect(done.location).toBe("/");
  const page = await browser.get("/");
  expect(page.status).toBe(200);
  return { page, browser };
}

describe(`a person's home, for reports (${testDriver()})`, () => {
  it("shows the representative their platform's section due, one tap from writing it", async () => {
    const { page, browser } = await home("europe", "rep@be.test");
    expect(page.html).toContain(`href="/reports/${reportId}/sections/${sectionId}"`);
    expect(page.html).toContain("Write the section");
    expect(page.html).toContain('datetime="2026-03-05T23:59:00.000Z"');
    expect(page.html).toContain("due within a week");
    expect((await browser.get(`/reports/${reportId}/sections/${sectionId}`)).status).toBe(200);
  });

  it("shows the coordinator the region's report due, and no section of a platform", async () => {
    const { page } = await home("europe", "coord@europe.test");
    expect(page.html).toContain(`href="/reports/${reportId}"`);
    expect(page.html).not.toContain(`/sections/${sectionId}"`);
    expect(page.html).toContain('datetime="2026-04-30T23:59:00.000Z"');
  });

  it("shows the hub's technical team each region late, and not its administrator", async () => {
    const { page } = await home("hub", "team@hub.test");
    expect(page.html).toContain("Europe coordination: Biennial status report 2022-2024 not received");
    expect(page.html).toContain('href="/hub/reporting/2022-2024"');
    expect(page.html).toContain('class="home-item urgent"');
    const admin = await home("hub", "admin@hub.test");
    expect(admin.page.html).not.toContain("not received");
  });
});
