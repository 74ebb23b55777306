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
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lifeArea } from "./area.ts";

/**
 * An IPG edition's status and its documents at one hub, on the real migrations: one step at a
 * time (a skip, a step back, or "minutes approved" by hand answered 409 with a clear message and
 * nothing changed), the secretariat alone drafts (a member, the technical team, another tenant
 * refused), bad input answered 400 or 404, drafts seen by the secretariat only, and the
 * secretariat's pages in French. The ballot that approves the minutes: tests/life/ipg-minutes.test.ts.
 */
let database: TestDatabase;
let region: TestApp;
let hub: TestApp;
const clock = createClock("2026-11-21T10:00:00Z");
const HOST = "asia.test";
const HUB = "hub.test";
const UNKNOWN = "00000000-0000-4000-8000-000000000000";
const tokens = { member: "", ipg: "", tech: "" };
let editionId = "";

beforeAll(async () => {
  database = await createTestDatabase();
  const asia = await addTestTenant(database, "asia", "region", "AS");
  const hubTenant = await addTestTenant(database, "hub", "hub");
  await addPerson(database, asia, "member@asia.test", ["member"], clock.now);
  await addPerson(database, hubTenant, "ipg@hub.test", ["ipg_secretariat"], clock.now);
  await addPerson(database, hubTenant, "tech@hub.test", ["technical_team"], clock.now);
  region = createTestApp(database, { clock: clock.now, publicUrl: "http://asia.test", areas: [lifeArea] });
  hub = createTestApp(database, { kind: "hub", clock: clock.now, publicUrl: "http://hub.test", areas: [lifeArea] });
  tokens.member = await loginToken(region, HOST, "member@asia.test");
  tokens.ipg = await loginToken(hub, HUB, "ipg@hub.test");
  tokens.tech = await loginToken(hub, HUB, "tech@hub.test");
  const created = await api(hub, HUB, "POST", "/api/ipg/editions", {
    token: tokens.ipg,
    body: {
      year: 2026,
      continent: "AS",
      country: "NP",
      city: "Kathmandu",
      timeZone: "Asia/Kathmandu",
      startsAt: "2026-11-16T03:15:00Z",
      endsAt: "2026-11-20T11:15:00Z",
      capacity: 60,
    },
  });
  expect(created.status).toBe(201);
  editionId = ((await created.json()) as { edition: { id: string } }).edition.id;
});
afterAll(() => database.close());

const move = (status: string, token = tokens.ipg, id = editionId) =>
  api(hub, HUB, "POST", `/api/ipg/editions/${id}/status`, { token, body: { status } });
const statusNow = async () => {
  const { editions } = (await (await api(hub, HUB, "GET", "/api/ipg/editions", { token: tokens.tech })).json()) as {
    editions: { id: string; status: string }[];
  };
  return editions.find((e) => e.id === editionId)?.status;
};
const documents = async (token: string) => {
  const response = await api(hub, HUB, "GET", `/api/ipg/editions/${editionId}/documents`, { token });
  expect(response.status).toBe(200);
  return ((await response.json()) as { documents: { id: string; kind: string; state: string; title: string }[] })
    .documents;
};
const minutes = { kind: "minutes", title: "Minutes of the IPG 2026", body: "# Minutes\n\nThe IPG met in Kathmandu." };

describe("an IPG edition's status", () => {
  it("refuses a skip, a step back, and minutes approved by hand, with a clear 409, and changes nothing", async () => {
    const skip = await problemOf(await move("in-session"));
    expect(skip).toMatchObject({ status: 409, type: "urn:dynamo:problem:ipg-status-refused", reason: "status-skips" });
    expect(skip.detail).toBe(
      "An edition moves one step at a time: from “Planned” the next is “Convened”, not “In session”.",
    );
    expect(await statusNow()).toBe("planned");
    expect((await move("convened")).status).toBe(200);
    const back = await problemOf(await move("planned"));
    expect(back).toMatchObject({ status: 409, reason: "status-goes-back" });
    expect(back.detail).toContain("never goes back");
    expect((await problemOf(await move("convened"))).reason).toBe("status-unchanged");
    expect((await move("in-session")).status).toBe(200);
    const closed = await move("closed");
    expect(await closed.json()).toMatchObject({ edition: { id: editionId, year: 2026, status: "closed" } });
    const byHand = await problemOf(await move("minutes-approved"));
    expect(byHand).toMatchObject({ status: 409, reason: "minutes-need-ballot" });
    expect(await statusNow()).toBe("closed");
  });

  it("answers an unknown edition 404, an unknown status 400, and anyone but the secretariat 403", async () => {
    expect((await problemOf(await move("convened", tokens.ipg, UNKNOWN))).status).toBe(404);
    expect((await move("adjourned")).status).toBe(400);
    expect((await move("minutes-approved", tokens.tech)).status).toBe(403);
    const fromRegion = await api(region, HOST, "POST", `/api/ipg/editions/${editionId}/status`, {
      token: tokens.member,
      body: { status: "minutes-approved" },
    });
    expect(fromRegion.status).toBe(403);
    expect(
      (await api(hub, HUB, "POST", `/api/ipg/editions/${editionId}/status`, { body: { status: "closed" } })).status,
    ).toBe(401);
    expect(await statusNow()).toBe("closed");
  });
});

describe("an IPG edition's documents", () => {
  it("lets the secretariat alone draft; a member, the technical team and another tenant are refused", async () => {
    const byMember = await api(region, HOST, "POST", `/api/ipg/editions/${editionId}/documents`, {
      token: tokens.member,
      body: minutes,
    });
    expect(byMember.status).toBe(403);
    const byTech = await api(hub, HUB, "POST", `/api/ipg/editions/${editionId}/documents`, {
      token: tokens.tech,
      body: minutes,
    });
    expect(byTech.status).toBe(403);
    // The region's member asks the region for the hub's edition: the region knows no such edition.
    expect(
      (await api(region, HOST, "GET", `/api/ipg/editions/${editionId}/documents`, { token: tokens.member })).status,
    ).toBe(404);
    expect(await documents(tokens.ipg)).toEqual([]);
  });

  it("answers an over-long text 400, an unknown edition 404, and keeps nothing", async () => {
    const long = await problemOf(
      await api(hub, HUB, "POST", `/api/ipg/editions/${editionId}/documents`, {
        token: tokens.ipg,
        body: { ...minutes, body: "x".repeat(100_001) },
      }),
    );
    expect(long.status).toBe(400);
    expect(long.errors?.map((e) => e.field)).toEqual(["body"]);
    const title = await api(hub, HUB, "POST", `/api/ipg/editions/${editionId}/documents`, {
      token: tokens.ipg,
      body: { ...minutes, title: "t".repeat(301) },
    });
    expect(title.status).toBe(400);
    const unknown = await api(hub, HUB, "POST", `/api/ipg/editions/${UNKNOWN}/documents`, {
      token: tokens.ipg,
      body: minutes,
    });
    expect((await problemOf(unknown)).status).toBe(404);
    expect(await documents(tokens.ipg)).toEqual([]);
  });

  it("keeps one minutes per edition, shows drafts to the secretariat only, and revises a draft", async () => {
    const drafted = await api(hub, HUB, "POST", `/api/ipg/editions/${editionId}/documents`, {
      token: tokens.ipg,
      body: { ...minutes, body: `${minutes.body}\n\n<script>alert(1)</script>` },
    });
    expect(drafted.status).toBe(201);
    const { document } = (await drafted.json()) as {
      document: { id: string; state: string; revision: number; html: string };
    };
    expect(document).toMatchObject({ state: "draft", revision: 1 });
    expect(document.html).toContain("<h1>Minutes</h1>");
    expect(document.html).not.toContain("<script>");
    const second = await problemOf(
      await api(hub, HUB, "POST", `/api/ipg/editions/${editionId}/documents`, { token: tokens.ipg, body: minutes }),
    );
    expect(second).toMatchObject({ status: 409, reason: "minutes-exist" });
    expect((await documents(tokens.ipg)).map((d) => [d.kind, d.state])).toEqual([["minutes", "draft"]]);
    expect(await documents(tokens.tech)).toEqual([]);
    const revised = await api(hub, HUB, "PUT", `/api/ipg/editions/${editionId}/documents/${document.id}`, {
      token: tokens.ipg,
      body: { title: "Minutes of the IPG 2026 (Kathmandu)", body: minutes.body },
    });
    expect(revised.status).toBe(200);
    expect(await revised.json()).toMatchObject({
      document: { title: "Minutes of the IPG 2026 (Kathmandu)", revision: 1 },
    });
    const byTech = await api(hub, HUB, "PUT", `/api/ipg/editions/${editionId}/documents/${document.id}`, {
      token: tokens.tech,
      body: { title: "Other", body: "Other" },
    });
    expect(byTech.status).toBe(403);
    const past = await problemOf(
      await api(hub, HUB, "POST", `/api/ipg/editions/${editionId}/documents/${document.id}/ballot`, {
        token: tokens.ipg,
        body: { closesAt: "2026-11-01T10:00:00Z" },
      }),
    );
    expect(past.errors?.[0]).toMatchObject({ field: "closesAt", code: "closes-in-past" });
    expect((await documents(tokens.ipg)).map((d) => [d.title, d.state])).toEqual([
      ["Minutes of the IPG 2026 (Kathmandu)", "draft"],
    ]);
  });

  it("gives the secretariat its pages in French: a draft from the form, an over-long text refused on the page", async () => {
    const browser = createBrowser(hub, HUB);
    await browser.get("/login");
    expect(
      (await browser.post("/login?next=%2Flife%2Fipg", { email: "ipg@hub.test", password: PASSWORD })).status,
    ).toBe(303);
    browser.cookies.set("lang", "fr");
    const list = await browser.get(`/life/ipg/${editionId}/documents`);
    expect(list.status).toBe(200);
    expect(list.html).toContain("Documents et procès-verbal");
    expect(list.html).toContain("Rédiger un document ou le procès-verbal");
    expect(list.html).toContain("Brouillon");
    const long = await browser.post(`/life/ipg/${editionId}/documents`, {
      kind: "document",
      title: "Stratégie 2027–2028",
      body: "y".repeat(100_001),
    });
    expect(long.status).toBe(400);
    expect(long.html).toContain("Ce texte est trop long.");
    const skip = await browser.post(`/life/ipg/${editionId}/status`, { status: "planned" });
    expect(skip.status).toBe(409);
    expect(skip.html).toContain("Une édition ne revient jamais en arrière");
    const drafted = await browser.post(`/life/ipg/${editionId}/documents`, {
      kind: "document",
      title: "Stratégie 2027–2028",
      body: "## Axes\n\n- Plaidoyer\n- Formation",
    });
    expect(drafted.status).toBe(303);
    const location = drafted.headers.get("location") ?? "";
    expect(location).toMatch(new RegExp(`^/life/ipg/${editionId}/documents/[0-9a-f-]{36}\\?done=drafted$`));
    const page = await browser.get(location);
    expect(page.html).toContain("Le brouillon est enregistré.");
    expect(page.html).toContain("<h2>Axes</h2>");
    expect(page.html).toContain("Soumettre au vote du GPI");
    expect((await documents(tokens.ipg)).map((d) => d.kind)).toEqual(["document", "minutes"]);
  });
});
