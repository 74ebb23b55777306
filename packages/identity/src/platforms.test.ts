import { createTestDatabase, type TestDatabase } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addPerson,
  addTestTenant,
  api,
  createClock,
  createTestApp,
  loginToken,
  problemOf,
  type TestApp,
} from "./testing.ts";

let database: TestDatabase;
let app: TestApp;
let token = "";
const clock = createClock();
const HOST = "europe.test";

beforeAll(async () => {
  database = await createTestDatabase();
  const europe = await addTestTenant(database, "europe", "region", "EU");
  await addPerson(database, europe, "coord@europe.test", ["regional_coordinator"], clock.now);
  app = createTestApp(database, { clock: clock.now });
  token = await loginToken(app, HOST, "coord@europe.test");
});
afterAll(() => database.close());

describe("national platforms", () => {
  it("are registered once per country, with their first status in the history", async () => {
    const created = await api(app, HOST, "POST", "/api/platforms", {
      token,
      body: {
        countryCode: "be",
        names: { fr: "Plateforme belge", en: " " },
        status: "observer",
        joinedOn: "2019-04-01",
        contact: { email: "info@platform.be" },
        reason: "founding member",
      },
    });
    expect(created.status).toBe(201);
    const platform = (await created.json()) as {
      id: string;
      countryCode: string;
      names: object;
      votes: boolean;
      contact: object;
    };
    expect(platform).toMatchObject({ countryCode: "BE", names: { fr: "Plateforme belge" }, votes: false });
    expect(platform.contact).toEqual({ email: "info@platform.be", phone: null, address: null, website: null });

    const twice = await api(app, HOST, "POST", "/api/platforms", {
      token,
      body: { countryCode: "BE", names: { en: "Again" }, joinedOn: "2020-01-01" },
    });
    expect(twice.status).toBe(409);
    expect((await problemOf(twice)).reason).toBe("country-taken");

    const bad = await api(app, HOST, "POST", "/api/platforms", {
      token,
      body: { countryCode: "XX", names: {}, joinedOn: "2020-13-01" },
    });
    expect((await problemOf(bad)).errors?.map((e) => e.field)).toEqual(["countryCode", "names", "joinedOn"]);
  });

  it("change status only with a reason, keeping who, when and why", async () => {
    const list = (await (await api(app, HOST, "GET", "/api/platforms", { token })).json()) as {
      platforms: { id: string }[];
    };
    const id = list.platforms[0]?.id ?? "";
    const noReason = await api(app, HOST, "PATCH", `/api/platforms/${id}`, { token, body: { status: "active" } });
    expect(noReason.status).toBe(400);
    expect((await problemOf(noReason)).errors?.[0]?.code).toBe("status.reason-required");

    clock.advance(60_000);
    const changed = await api(app, HOST, "PATCH", `/api/platforms/${id}`, {
      token,
      body: { status: "active", reason: "General assembly of 2025 admitted it" },
    });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ status: "active", votes: true });
    const detail = (await (await api(app, HOST, "GET", `/api/platforms/${id}`, { token })).json()) as {
      history: { from: string | null; to: string; reason: string; changedByName: string; changedAt: string }[];
    };
    expect(detail.history).toEqual([
      {
        from: "observer",
        to: "active",
        reason: "General assembly of 2025 admitted it",
        changedBy: expect.any(String),
        changedByName: "coord",
        changedAt: clock.now().toISOString(),
      },
      expect.objectContaining({ from: null, to: "observer", reason: "founding member" }),
    ]);

    const csv = await api(app, HOST, "GET", "/api/platforms", { token, headers: { accept: "text/csv" } });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect((await csv.text()).split("\r\n")[1]).toBe("BE,Plateforme belge,active,yes,2019-04-01,info@platform.be,,,");
  });

  it("put a representative and a substitute on a platform, one of each", async () => {
    const list = (await (await api(app, HOST, "GET", "/api/platforms", { token })).json()) as {
      platforms: { id: string }[];
    };
    const platformId = list.platforms[0]?.id;
    const invite = (email: string, seat: string) =>
      api(app, HOST, "POST", "/api/invitations", {
        token,
        body: { email, displayName: email, roles: ["platform_representative"], platformId, platformSeat: seat },
      });
    expect((await invite("rep@platform.be", "representative")).status).toBe(201);
    expect((await invite("sub@platform.be", "substitute")).status).toBe(201);
    const second = await invite("rep2@platform.be", "representative");
    expect(second.status).toBe(409);
    expect((await problemOf(second)).reason).toBe("seat-taken");
    const seatless = await api(app, HOST, "POST", "/api/invitations", {
      token,
      body: { email: "x@platform.be", displayName: "X", roles: ["member"], platformSeat: "substitute" },
    });
    expect((await problemOf(seatless)).errors?.map((e) => e.code)).toEqual([
      "seat.needs-platform",
      "seat.needs-representative",
    ]);
  });
});
