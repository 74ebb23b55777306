import {
  addPerson,
  addTestTenant,
  api,
  createBrowser,
  createClock,
  createTestApp,
  loginToken,
  PASSWORD,
  problemOf,
  type TestApp,
} from "@dynamo/identity/testing";
import { createTestDatabase, type TestDatabase } from "@dynamo/testing";
import ical, { type VEvent } from "node-ical";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lifeArea } from "./area.ts";

/**
 * The network life's routes and pages at one node, on the real migrations: who may (wrong role,
 * no session), bad input answered with a problem or a translated page and nothing changed, the
 * yearly minimum, registrations within capacity, the region's iCal feed and the Event's JSON-LD.
 */
let database: TestDatabase;
let region: TestApp;
let hub: TestApp;
const clock = createClock("2027-02-01T10:00:00Z");
const HOST = "asia.test";
const HUB = "hub.test";
const tokens: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const asia = await addTestTenant(database, "asia", "region", "AS");
  const hubTenant = await addTestTenant(database, "hub", "hub");
  await addPerson(database, asia, "coord@asia.test", ["regional_coordinator"], clock.now);
  await addPerson(database, asia, "member@asia.test", ["member"], clock.now);
  await addPerson(database, asia, "coord-pt@asia.test", ["regional_coordinator"], clock.now);
  await addPerson(database, asia, "other@asia.test", ["member"], clock.now);
  await addPerson(database, hubTenant, "ipg@hub.test", ["ipg_secretariat"], clock.now);
  await addPerson(database, hubTenant, "tech@hub.test", ["technical_team"], clock.now);
  region = createTestApp(database, { clock: clock.now, publicUrl: "http://asia.test", areas: [lifeArea] });
  hub = createTestApp(database, { kind: "hub", clock: clock.now, publicUrl: "http://hub.test", areas: [lifeArea] });
  for (const email of ["coord@asia.test", "member@asia.test", "other@asia.test"])
    tokens[email] = await loginToken(region, HOST, email);
  for (const email of ["ipg@hub.test", "tech@hub.test"]) tokens[email] = await loginToken(hub, HUB, email);
});
afterAll(() => database.close());

const advocacy = {
  kind: "advocacy",
  name: "Hearing on street children's rights",
  startsAt: "2027-04-12T04:15:00Z",
  endsAt: "2027-04-12T10:15:00Z",
  timeZone: "Asia/Kathmandu",
  place: { country: "NP", city: "Kathmandu" },
  theme: "Police violence",
  capacity: 1,
};

const events = async () =>
  (
    (await (await api(region, HOST, "GET", "/api/events", { token: tokens["member@asia.test"] })).json()) as {
      events: { id: string }[];
    }
  ).events;

describe("the region's events", () => {
  it("refuses a visitor without a session and a member recording an event", async () => {
    expect((await api(region, HOST, "GET", "/api/events")).status).toBe(401);
    const refused = await api(region, HOST, "POST", "/api/events", {
      token: tokens["member@asia.test"],
      body: advocacy,
    });
    expect(refused.status).toBe(403);
    expect((await problemOf(refused)).status).toBe(403);
    expect(await events()).toEqual([]);
  });

  it("answers bad input with the fields and their reasons, and keeps nothing", async () => {
    const token = tokens["coord@asia.test"];
    const zone = await problemOf(
      await api(region, HOST, "POST", "/api/events", { token, body: { ...advocacy, timeZone: "Mars/Olympus" } }),
    );
    expect(zone.errors?.map((e) => [e.field, e.code])).toEqual([["timeZone", "time-zone"]]);
    const short = await problemOf(
      await api(region, HOST, "POST", "/api/events", {
        token,
        body: { ...advocacy, kind: "pilot-group", endsAt: "2027-04-14T04:15:00Z" },
      }),
    );
    expect(short.errors?.[0]?.code).toBe("pilot-group-days");
    const training = await problemOf(
      await api(region, HOST, "POST", "/api/events", { token, body: { ...advocacy, kind: "training" } }),
    );
    expect(training.errors?.[0]).toMatchObject({
      field: "provider",
      code: "provider-missing",
      message: "A training names its provider.",
    });
    const shape = await api(region, HOST, "POST", "/api/events", {
      token,
      body: { ...advocacy, startsAt: "tomorrow" },
    });
    expect(shape.status).toBe(400);
    expect(await events()).toEqual([]);
  });

  it("records an action, counts it in the year's minimum, registers within capacity then waitlists", async () => {
    const created = await api(region, HOST, "POST", "/api/events", {
      token: tokens["coord@asia.test"],
      body: advocacy,
    });
    expect(created.status).toBe(201);
    const { event } = (await created.json()) as { event: { id: string; uri: string; regionCode: string } };
    expect(event.regionCode).toBe("AS");
    expect(event.uri).toBe(`http://asia.test/life/events/${event.id}`);
    const programme = (await (
      await api(region, HOST, "GET", "/api/programme/2027", { token: tokens["member@asia.test"] })
    ).json()) as {
      programmes: {
        regionCode: string;
        minimum: { pilotGroup: string; advocacy: number; training: number; holds: boolean };
      }[];
    };
    expect(programme.programmes).toHaveLength(1);
    expect(programme.programmes[0]?.minimum).toEqual({
      year: 2027,
      pilotGroup: "missing",
      advocacy: 1,
      training: 0,
      holds: false,
    });
    const first = await api(region, HOST, "POST", `/api/events/${event.id}/registrations`, {
      token: tokens["member@asia.test"],
    });
    expect(await first.json()).toEqual({ status: "accepted", reason: null });
    const again = await api(region, HOST, "POST", `/api/events/${event.id}/registrations`, {
      token: tokens["member@asia.test"],
    });
    expect(await again.json()).toEqual({ status: "accepted", reason: null });
    const second = await api(region, HOST, "POST", `/api/events/${event.id}/registrations`, {
      token: tokens["other@asia.test"],
    });
    expect(await second.json()).toEqual({ status: "waitlisted", reason: null });
    const unknown = await api(region, HOST, "POST", "/api/events/00000000-0000-4000-8000-000000000000/registrations", {
      token: tokens["member@asia.test"],
    });
    expect(unknown.status).toBe(404);
  });

  it("serves the region's iCal feed to a calendar without a session, and the Event as JSON-LD", async () => {
    const feed = await api(region, HOST, "GET", "/api/calendar/region.ics");
    expect(feed.status).toBe(200);
    const parsed = Object.values(ical.sync.parseICS(await feed.text())).filter(
      (c): c is VEvent => c?.type === "VEVENT",
    );
    expect(parsed.map((e) => [e.start.toISOString(), e.start.tz])).toEqual([
      ["2027-04-12T04:15:00.000Z", "Asia/Kathmandu"],
    ]);
    const [{ id } = { id: "" }] = await events();
    const ld = await api(region, HOST, "GET", `/life/events/${id}`, {
      headers: { accept: "application/activity+json" },
    });
    expect(ld.headers.get("content-type")).toContain("application/activity+json");
    expect(await ld.json()).toMatchObject({
      type: "Event",
      name: advocacy.name,
      startTime: "2027-04-12T04:15:00.000Z",
      timezone: "Asia/Kathmandu",
      eventStatus: "TENTATIVE",
      location: {
        type: "Place",
        address: { type: "PostalAddress", addressLocality: "Kathmandu", addressCountry: "NP" },
      },
      maximumAttendeeCapacity: 1,
    });
  });

  it("shows the page in Portuguese and answers a bad form with a translated page, nothing recorded", async () => {
    const browser = createBrowser(region, HOST);
    await browser.get("/login");
    const login = await browser.post("/login?next=%2Flife", { email: "coord@asia.test", password: PASSWORD });
    expect(login.status).toBe(303);
    // The reader's choice of language (what the language links keep).
    browser.cookies.set("lang", "pt");
    const page = await browser.get("/life");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Vida da rede");
    expect(page.html).toContain("Registar uma atividade");
    const before = (await events()).length;
    const bad = await browser.post("/life/events", {
      kind: "advocacy",
      name: "X",
      start: "2027-05-01T09:00",
      end: "2027-05-01T08:00",
      timeZone: "Asia/Kathmandu",
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain("Deve terminar depois de começar.");
    expect((await events()).length).toBe(before);
  });
});

describe("the hub's IPG editions", () => {
  it("lets the secretariat alone open an edition, by rotation, and set its agenda within its days", async () => {
    const edition = {
      year: 2028,
      continent: "AM",
      country: "CO",
      city: "Bogotá",
      timeZone: "America/Bogota",
      startsAt: "2028-05-01T13:00:00Z",
      endsAt: "2028-05-03T22:00:00Z",
      capacity: 40,
    };
    expect(
      (await api(hub, HUB, "POST", "/api/ipg/editions", { token: tokens["tech@hub.test"], body: edition })).status,
    ).toBe(403);
    expect(
      (await api(region, HOST, "POST", "/api/ipg/editions", { token: tokens["coord@asia.test"], body: edition }))
        .status,
    ).toBe(403);
    const next = (await (
      await api(hub, HUB, "GET", "/api/ipg/next-host", { token: tokens["tech@hub.test"] })
    ).json()) as { continent: string; history: unknown[] };
    expect(next).toMatchObject({
      year: 2028,
      continent: "AM",
      history: [
        { year: 2024, continent: "AF", repeatReason: null },
        { year: 2026, continent: "AS", repeatReason: null },
      ],
    });
    const outOfYear = await problemOf(
      await api(hub, HUB, "POST", "/api/ipg/editions", {
        token: tokens["ipg@hub.test"],
        body: { ...edition, startsAt: "2029-05-01T13:00:00Z", endsAt: "2029-05-02T13:00:00Z" },
      }),
    );
    expect(outOfYear.errors?.[0]?.code).toBe("not-in-year");
    const created = await api(hub, HUB, "POST", "/api/ipg/editions", { token: tokens["ipg@hub.test"], body: edition });
    expect(created.status).toBe(201);
    const { edition: kept } = (await created.json()) as { edition: { id: string; status: string } };
    expect(kept.status).toBe("planned");
    const again = await problemOf(
      await api(hub, HUB, "POST", "/api/ipg/editions", { token: tokens["ipg@hub.test"], body: edition }),
    );
    expect(again.reason).toBe("year-taken");
    const tooLong = await problemOf(
      await api(hub, HUB, "PUT", `/api/ipg/editions/${kept.id}/agenda`, {
        token: tokens["ipg@hub.test"],
        body: { agenda: [{ title: "Everything", minutes: 3000, link: null, items: [] }] },
      }),
    );
    expect(tooLong.errors?.[0]?.code).toBe("agenda-too-long");
    const subItems = await problemOf(
      await api(hub, HUB, "PUT", `/api/ipg/editions/${kept.id}/agenda`, {
        token: tokens["ipg@hub.test"],
        body: {
          agenda: [
            {
              title: "Reports",
              minutes: 30,
              link: { kind: "ballot", id: "b1" },
              items: [{ title: "Asia", minutes: 45 }],
            },
          ],
        },
      }),
    );
    expect(subItems.errors?.[0]).toMatchObject({ field: "agenda.0.items", code: "sub-items-too-long" });
    const saved = await api(hub, HUB, "PUT", `/api/ipg/editions/${kept.id}/agenda`, {
      token: tokens["ipg@hub.test"],
      body: {
        agenda: [
          {
            title: "Reports",
            minutes: 60,
            link: { kind: "status-report", region: "AS", reportId: null },
            items: [{ title: "Asia", minutes: 45 }],
          },
        ],
      },
    });
    expect(saved.status).toBe(200);
    const { editions } = (await (
      await api(hub, HUB, "GET", "/api/ipg/editions", { token: tokens["tech@hub.test"] })
    ).json()) as {
      editions: { year: number; agenda: { title: string }[] }[];
    };
    expect(editions.map((e) => [e.year, e.agenda.map((a) => a.title)])).toEqual([[2028, ["Reports"]]]);
  });
});
