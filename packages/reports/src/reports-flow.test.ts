import type { Tenant } from "@dynamo/core";
import {
  addPerson,
  addTestTenant,
  api,
  createBrowser,
  createClock,
  loginToken,
  problemOf,
  type TestApp,
} from "@dynamo/identity/testing";
import { createTestDatabase, type TestDatabase, testDriver } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReportExchangeRepo } from "./db/exchange.ts";
import { createIndicatorDefinitionRepo } from "./db/reports.ts";
import {
  addPlatformWithRepresentative,
  CHILDREN_DETAINED,
  createLoopback,
  type Loopback,
  PEOPLE_REACHED,
  reportsTestApp,
  STREET_WORKERS,
} from "./test-support.ts";

/**
 * The reports workflow through the API and pages, region → hub → regions, in one process with
 * a small real federation port (real Ed25519 proofs; the test delivers the outbox by hand).
 */
let database: TestDatabase;
const clock = createClock("2026-03-01T10:00:00Z");
let europe: Tenant;
let africa: Tenant;
let hub: Tenant;
let loopback: Loopback;
let tenants: Tenant[] = [];
const apps: Record<string, TestApp> = {};
const tokens: Record<string, string> = {};
const DUE = "2026-03-31T23:59:59Z";
let euReportId = "";
let afReportId = "";
const euSections: Record<string, string> = {};

const SENSITIVE = "Police raids on the children of the central market.";
const PUBLIC_TEXT = "Two new street teams were trained in Brussels.";

beforeAll(async () => {
  database = await createTestDatabase();
  europe = await addTestTenant(database, "europe", "region", "EU");
  africa = await addTestTenant(database, "africa", "region", "AF");
  hub = await addTestTenant(database, "hub", "hub");
  loopback = createLoopback([europe, africa], hub);
  tenants = [europe, africa, hub];
  for (const tenant of [europe, africa, hub]) {
    apps[tenant.slug] = reportsTestApp(database, tenant.kind, loopback, clock.now);
    for (const d of [PEOPLE_REACHED, CHILDREN_DETAINED, STREET_WORKERS])
      await createIndicatorDefinitionRepo(database.db, tenant.id).put(d, clock.now());
  }
  await addPerson(database, europe, "coord@europe.test", ["regional_coordinator"], clock.now);
  await addPerson(database, africa, "coord@africa.test", ["regional_coordinator"], clock.now);
  await addPerson(database, hub, "team@hub.test", ["technical_team"], clock.now);
  await addPlatformWithRepresentative(database, europe, "BE", "rep@be.test", clock.now);
  await addPlatformWithRepresentative(database, europe, "FR", "rep@fr.test", clock.now);
  await addPlatformWithRepresentative(database, africa, "SN", "rep@sn.test", clock.now);
  await logInEveryone();
  const exchange = createReportExchangeRepo(database.db, hub.id);
  for (const region of ["EU", "AF"] as const)
    await exchange.expect({ cycle: "2024-2026", kind: "status", region, dueDate: new Date(DUE), platforms: [] });
});
afterAll(() => database?.close());

/** Sessions are short: after moving the clock by days, everyone logs in again. */
async function logInEveryone() {
  for (const [slug, email] of [
    ["europe", "coord@europe.test"],
    ["europe", "rep@be.test"],
    ["europe", "rep@fr.test"],
    ["africa", "coord@africa.test"],
    ["africa", "rep@sn.test"],
    ["hub", "team@hub.test"],
  ] as const) {
    tokens[email] = await loginToken(apps[slug] as TestApp, `${slug}.test`, email);
  }
}

const call = (slug: string, email: string | undefined, method: string, path: string, body?: unknown) =>
  api(apps[slug] as TestApp, `${slug}.test`, method, path, { token: email && tokens[email], body });

async function reportJson(response: Response) {
  expect(response.status).toBeLessThan(300);
  return ((await response.json()) as { report: Record<string, unknown> & { id: string; state: string } }).report;
}

const statusContent = (situation: string, extra: Record<string, unknown> = {}) => ({
  texts: {
    situation: { text: situation, sensitive: false },
    results: { text: "Results of the two years.", sensitive: false },
    difficulties: { text: SENSITIVE, sensitive: true },
  },
  indicators: [
    { key: "people-reached", version: 1, total: 120, byCategory: { children: 40, youth: 50 } },
    { key: "children-detained", version: 1, total: 7 },
    { key: "street-workers", version: 1, total: 10 },
  ],
  activities: [],
  ...extra,
});

describe(`the reports workflow across region and hub (${testDriver()})`, () => {
  it("opens a status report with a section requested from each platform", async () => {
    const created = await call("europe", "coord@europe.test", "POST", "/api/reports", {
      kind: "status",
      cycle: "2024-2026",
      dueDate: DUE,
    });
    expect(created.status).toBe(201);
    const report = (await reportJson(created)) as unknown as {
      id: string;
      state: string;
      sections: { id: string; platformId: string; status: string }[];
    };
    euReportId = report.id;
    expect(report.state).toBe("collecting");
    expect(report.sections.map((s) => s.status)).toEqual(["requested", "requested"]);
    const again = await call("europe", "coord@europe.test", "POST", "/api/reports", {
      kind: "status",
      cycle: "2024-2026",
      dueDate: DUE,
    });
    expect(again.status).toBe(409);
    const platforms = (await (await call("europe", "coord@europe.test", "GET", "/api/platforms")).json()) as {
      platforms: { id: string; countryCode: string }[];
    };
    for (const p of platforms.platforms) {
      const section = report.sections.find((s) => s.platformId === p.id);
      if (section) euSections[p.countryCode] = section.id;
    }
    expect(Object.keys(euSections).sort()).toEqual(["BE", "FR"]);
    // A member of another tenant, or nobody, may not open one; the hub may not either.
    expect(
      (await call("europe", undefined, "POST", "/api/reports", { kind: "status", cycle: "2024-2026", dueDate: DUE }))
        .status,
    ).toBe(401);
    expect(
      (await call("europe", "rep@be.test", "POST", "/api/reports", { kind: "status", cycle: "2025", dueDate: DUE }))
        .status,
    ).toBe(403);
  });

  it("lets each platform write only its own section, locks it once submitted, unlocks it when returned", async () => {
    const be = `/api/reports/${euReportId}/sections/${euSections.BE}`;
    const fr = `/api/reports/${euReportId}/sections/${euSections.FR}`;
    expect((await call("europe", "rep@fr.test", "PUT", be, statusContent("Not mine"))).status).toBe(403);
    const incomplete = await call("europe", "rep@be.test", "PUT", be, statusContent(""));
    expect(incomplete.status).toBe(200);
    const refused = await call("europe", "rep@be.test", "POST", `${be}/submit`);
    expect(refused.status).toBe(409);
    expect((await problemOf(refused)).reason).toBe("incomplete-section");
    const badIndicator = await call("europe", "rep@be.test", "PUT", be, {
      ...statusContent(PUBLIC_TEXT),
      indicators: [{ key: "people-reached", version: 1, total: 10, byCategory: { children: 40 } }],
    });
    expect(badIndicator.status).toBe(400);
    expect((await problemOf(badIndicator)).errors?.[0]?.code).toBe("breakdown-exceeds-total");

    expect((await call("europe", "rep@be.test", "PUT", be, statusContent(PUBLIC_TEXT))).status).toBe(200);
    expect((await call("europe", "rep@be.test", "POST", `${be}/submit`)).status).toBe(200);
    const locked = await call("europe", "rep@be.test", "PUT", be, statusContent("changed after submitting"));
    expect(locked.status).toBe(409);
    expect((await problemOf(locked)).reason).toBe("section-locked");

    const returned = await reportJson(
      await call("europe", "coord@europe.test", "POST", `${be}/return`, { reason: "Add the 2025 figures." }),
    );
    const beSection = (returned.sections as { id: string; status: string; returnReason: string }[]).find(
      (s) => s.id === euSections.BE,
    );
    expect(beSection).toMatchObject({ status: "returned", returnReason: "Add the 2025 figures." });
    expect((await call("europe", "rep@be.test", "PUT", be, statusContent(PUBLIC_TEXT))).status).toBe(200);
    expect((await call("europe", "rep@be.test", "POST", `${be}/submit`)).status).toBe(200);

    expect((await call("europe", "rep@fr.test", "PUT", fr, statusContent("Lyon: three teams."))).status).toBe(200);
    const last = await reportJson(await call("europe", "rep@fr.test", "POST", `${fr}/submit`));
    expect(last.state).toBe("synthesis");
  });

  it("approves the synthesis, which locks everything, and refuses to send without a peered hub", async () => {
    const unlinked = await call("europe", "coord@europe.test", "PUT", `/api/reports/${euReportId}/synthesis`, {
      locale: "en",
      statements: [{ text: "x", sourceSectionIds: ["no-such-section"], sensitive: false }],
    });
    expect((await problemOf(unlinked)).reason).toBe("unlinked-statement");
    await reportJson(
      await call("europe", "coord@europe.test", "PUT", `/api/reports/${euReportId}/synthesis`, {
        locale: "en",
        statements: [
          {
            text: "The region trained new street teams.",
            sourceSectionIds: [euSections.BE, euSections.FR],
            sensitive: false,
          },
          { text: "Raids target children in markets.", sourceSectionIds: [euSections.BE], sensitive: true },
        ],
      }),
    );
    const approved = await reportJson(
      await call("europe", "coord@europe.test", "POST", `/api/reports/${euReportId}/approve`),
    );
    expect(approved.state).toBe("approved");
    const locked = await call(
      "europe",
      "rep@fr.test",
      "PUT",
      `/api/reports/${euReportId}/sections/${euSections.FR}`,
      statusContent("late change"),
    );
    expect((await problemOf(locked)).reason).toBe("section-locked");
  });

  it("signs the report to the hub, which verifies and records it; an altered or forged copy is refused", async () => {
    clock.advance(24 * 3600 * 1000); // 2 March, well before the due date
    await logInEveryone();
    const submitted = await reportJson(
      await call("europe", "coord@europe.test", "POST", `/api/reports/${euReportId}/submit`),
    );
    expect(submitted.state).toBe("submitted");
    expect(loopback.outbox).toHaveLength(1);
    const signed = loopback.outbox[0]?.message as Record<string, unknown> & { report: { sections: unknown[] } };
    expect(signed.proof).toMatchObject({ type: "DataIntegrityProof", cryptosuite: "eddsa-jcs-2022" });

    // The same message with one text changed, as a man in the middle or a careless script would.
    const altered = JSON.parse(JSON.stringify(signed).replace(PUBLIC_TEXT, "Everything is fine."));
    loopback.outbox.push({ from: europe, to: [loopback.actorOf(hub)], message: altered });
    // Africa's node signing a report that claims to be Europe's.
    const { proof: _p, ...unsigned } = signed;
    const claimed = await loopback.exchange.sign(
      africa,
      "tenant",
      { ...unsigned, actor: loopback.actorOf(africa) },
      clock.now(),
    );
    loopback.outbox.push({ from: africa, to: [loopback.actorOf(hub)], message: claimed });
    const outcomes = await loopback.deliver(database, tenants, clock.now);
    expect(outcomes).toEqual(["recorded", "bad-proof", "wrong-region"]);
    const stored = await createReportExchangeRepo(database.db, hub.id).submissions({ reportId: euReportId });
    expect(stored).toHaveLength(1);
    expect(JSON.parse(stored[0]?.signedJson ?? "{}").report.sections[0].content.texts.situation.text).not.toBe(
      "Everything is fine.",
    );
    const atHub = await reportJson(await call("hub", "team@hub.test", "GET", `/api/reports/${euReportId}`));
    expect(atHub.state).toBe("submitted");
  });

  it("counts a region that was offline at the due date as late but received", async () => {
    const created = await reportJson(
      await call("africa", "coord@africa.test", "POST", "/api/reports", {
        kind: "status",
        cycle: "2024-2026",
        dueDate: DUE,
      }),
    );
    afReportId = created.id;
    const [sn] = created.sections as { id: string }[];
    const section = `/api/reports/${afReportId}/sections/${sn?.id}`;
    await call("africa", "rep@sn.test", "PUT", section, {
      ...statusContent("Dakar: outreach at night."),
      indicators: [
        { key: "people-reached", version: 1, total: 80, byCategory: { children: 30 } },
        { key: "street-workers", version: 1, total: 20 },
      ],
    });
    await reportJson(await call("africa", "rep@sn.test", "POST", `${section}/submit`));
    await call("africa", "coord@africa.test", "PUT", `/api/reports/${afReportId}/synthesis`, {
      locale: "fr",
      statements: [
        { text: "La plateforme a maintenu le travail de nuit.", sourceSectionIds: [sn?.id], sensitive: false },
      ],
    });
    await reportJson(await call("africa", "coord@africa.test", "POST", `/api/reports/${afReportId}/approve`));
    clock.advance(40 * 24 * 3600 * 1000); // 11 April: the node was offline at the due date
    await logInEveryone();
    await reportJson(await call("africa", "coord@africa.test", "POST", `/api/reports/${afReportId}/submit`));
    expect(await loopback.deliver(database, tenants, clock.now)).toEqual(["recorded"]);

    const dashboard = (await (
      await call("hub", "team@hub.test", "GET", "/api/reporting/2024-2026/dashboard")
    ).json()) as {
      network: Record<string, number>;
      entries: { region: string; platformId: string | null; status: string }[];
    };
    expect(dashboard.network).toMatchObject({ expected: 2, received: 2, onTime: 1, late: 1, missing: 0 });
    expect(dashboard.entries.filter((e) => e.platformId === null).map((e) => [e.region, e.status])).toEqual([
      ["AF", "late"],
      ["EU", "on-time"],
    ]);
    const csv = await (
      await call("hub", "team@hub.test", "GET", "/api/reporting/2024-2026/dashboard?format=csv")
    ).text();
    expect(csv.split("\r\n")[0]).toBe("cycle,kind,region,platform,due_date,status,signed_at,received_at");
    expect(csv).toContain("2024-2026,status,AF,,2026-03-31T23:59:59.000Z,late");
  });

  it("aggregates the indicators across regions by each definition's rule", async () => {
    const response = await call("hub", "team@hub.test", "GET", "/api/reporting/2024-2026/indicators?kind=status");
    const body = (await response.json()) as {
      indicators: {
        key: string;
        network: { total: { value: number; reporting: number }; byCategory: Record<string, { value: number | null }> };
        regions: { region: string; total: { value: number } }[];
      }[];
    };
    const reached = body.indicators.find((i) => i.key === "people-reached");
    expect(reached?.network.total).toMatchObject({ value: 320, reporting: 3 });
    expect(reached?.network.byCategory.children?.value).toBe(110);
    expect(reached?.regions.map((r) => [r.region, r.total.value])).toEqual([
      ["AF", 80],
      ["EU", 240],
    ]);
    const workers = body.indicators.find((i) => i.key === "street-workers");
    expect(workers?.network.total.value).toBeCloseTo((10 + 10 + 20) / 3);
    const page = await createBrowser(apps.hub as TestApp, "hub.test");
    await page.get("/login");
    await page.post("/login", { email: "team@hub.test", password: "a long street-work passphrase" });
    const html = (await page.get("/hub/reporting/2024-2026/indicators")).html;
    expect(html).toContain("<svg");
    expect(html).toContain('class="chart-data"');
  });

  it("keeps sensitive fields in the internal edition only; the public one needs a review, then travels on publication", async () => {
    const internal = await (
      await call("hub", "team@hub.test", "GET", `/api/reports/${euReportId}/export?format=csv`)
    ).text();
    expect(internal).toContain(SENSITIVE);
    expect(internal).toContain("Children detained");
    const early = await call(
      "hub",
      "team@hub.test",
      "GET",
      `/api/reports/${euReportId}/export?format=csv&edition=public`,
    );
    expect(early.status).toBe(409);

    await reportJson(
      await call("hub", "team@hub.test", "POST", `/api/reports/${euReportId}/decision`, { decision: "acknowledge" }),
    );
    const published = await call("hub", "team@hub.test", "POST", `/api/reports/${euReportId}/publish`);
    expect((await problemOf(published)).reason).toBe("review-required");
    await reportJson(
      await call("hub", "team@hub.test", "POST", `/api/reports/${euReportId}/decision`, {
        decision: "review-public-edition",
      }),
    );
    const publicCsv = await (
      await call("hub", "team@hub.test", "GET", `/api/reports/${euReportId}/export?format=csv&edition=public`)
    ).text();
    expect(publicCsv).toContain(PUBLIC_TEXT);
    expect(publicCsv).not.toContain(SENSITIVE);
    expect(publicCsv).not.toContain("Children detained");
    expect(publicCsv).not.toContain("Raids target children");
    expect(
      (await reportJson(await call("hub", "team@hub.test", "POST", `/api/reports/${euReportId}/publish`))).state,
    ).toBe("published");

    // The receipt reaches Europe, then the publication reaches both regions.
    expect(await loopback.deliver(database, tenants, clock.now)).toEqual(["recorded", "recorded", "recorded"]);
    expect(
      (await reportJson(await call("europe", "coord@europe.test", "GET", `/api/reports/${euReportId}`))).state,
    ).toBe("published");
    const visitor = createBrowser(apps.africa as TestApp, "africa.test");
    const page = await visitor.get(`/published/reports/${euReportId}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain(PUBLIC_TEXT);
    expect(page.html).toContain("Platform BE");
    expect(page.html).not.toContain(SENSITIVE);
    expect(page.html).toContain('data-edition="public"');
  });

  it("prints the consolidated report with every statement linked to its source section", async () => {
    const browser = createBrowser(apps.hub as TestApp, "hub.test");
    await browser.get("/login");
    await browser.post("/login", { email: "team@hub.test", password: "a long street-work passphrase" });
    const page = await browser.get("/hub/reporting/2024-2026/consolidated?edition=internal");
    expect(page.status).toBe(200);
    const anchor = `r-${euReportId}-s-${euSections.BE}`;
    expect(page.html).toContain(`id="${anchor}"`);
    expect(page.html).toContain(`href="#${anchor}"`);
    expect(page.html).toContain("Raids target children in markets.");
    expect(page.html).toContain('data-edition="internal"');
    const dashboard = await browser.get("/hub/reporting/2024-2026");
    expect(dashboard.html).toContain('data-status="late"');
  });
});
