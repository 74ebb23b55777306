import { createTestDatabase, type TestDatabase } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addPerson,
  addTestTenant,
  api,
  createClock,
  createTestApp,
  loginToken,
  PASSWORD,
  problemOf,
  type TestApp,
} from "./testing.ts";

/** Two regions on one node process: each sees only its own people, platforms and audit log. */
let database: TestDatabase;
let app: TestApp;
const clock = createClock();
const tokens = { europe: "", africa: "" };
const platforms = { europe: "", africa: "" };

beforeAll(async () => {
  database = await createTestDatabase();
  const europe = await addTestTenant(database, "europe", "region", "EU");
  const africa = await addTestTenant(database, "africa", "region", "AF");
  // The same email on both: two separate accounts with their own passwords.
  await addPerson(database, europe, "same@example.org", ["node_admin"], clock.now);
  await addPerson(database, africa, "same@example.org", ["node_admin"], clock.now, "africa has its own passphrase");
  await addPerson(database, africa, "only-africa@example.org", ["member"], clock.now);
  app = createTestApp(database, { clock: clock.now });
  tokens.europe = await loginToken(app, "europe.test", "same@example.org");
  tokens.africa = await loginToken(app, "africa.test", "same@example.org", "africa has its own passphrase");
  for (const [slug, country] of [
    ["europe", "PT"],
    ["africa", "SN"],
  ] as const) {
    const created = await api(app, `${slug}.test`, "POST", "/api/platforms", {
      token: tokens[slug],
      body: { countryCode: country, names: { en: `${country} platform` }, joinedOn: "2020-02-02" },
    });
    expect(created.status).toBe(201);
    platforms[slug] = ((await created.json()) as { id: string }).id;
  }
});
afterAll(() => database.close());

describe("two regions on one node", () => {
  it("keep accounts apart: one email, two passwords", async () => {
    const crossed = await api(app, "africa.test", "POST", "/api/session", {
      body: { email: "same@example.org", password: PASSWORD },
    });
    expect(crossed.status).toBe(401);
  });

  it("list only their own people and platforms, in JSON and CSV", async () => {
    const members = (await (await api(app, "europe.test", "GET", "/api/members", { token: tokens.europe })).json()) as {
      members: { email: string }[];
    };
    expect(members.members.map((m) => m.email)).toEqual(["same@example.org"]);
    const csv = await (
      await api(app, "africa.test", "GET", "/api/members?format=csv", { token: tokens.africa })
    ).text();
    expect(csv).toContain("only-africa@example.org");
    const list = (await (await api(app, "europe.test", "GET", "/api/platforms", { token: tokens.europe })).json()) as {
      platforms: { countryCode: string }[];
    };
    expect(list.platforms.map((p) => p.countryCode)).toEqual(["PT"]);
  });

  it("refuse one region's session on the other's host", async () => {
    const response = await api(app, "africa.test", "GET", "/api/members", { token: tokens.europe });
    expect(response.status).toBe(403);
    expect((await problemOf(response)).type).toBe("urn:dynamo:problem:forbidden");
  });

  it("do not find another region's records by id, and change nothing there", async () => {
    const read = await api(app, "europe.test", "GET", `/api/platforms/${platforms.africa}`, { token: tokens.europe });
    expect(read.status).toBe(404);
    const write = await api(app, "europe.test", "PATCH", `/api/platforms/${platforms.africa}`, {
      token: tokens.europe,
      body: { status: "suspended", reason: "crossing tenants" },
    });
    expect(write.status).toBe(404);
    const africaMembers = (await (
      await api(app, "africa.test", "GET", "/api/members", { token: tokens.africa })
    ).json()) as {
      members: { id: string; email: string }[];
    };
    const someone = africaMembers.members.find((m) => m.email === "only-africa@example.org");
    const reset = await api(app, "europe.test", "POST", `/api/members/${someone?.id}/password-reset`, {
      token: tokens.europe,
    });
    expect(reset.status).toBe(404);
    const after = (await (
      await api(app, "africa.test", "GET", `/api/platforms/${platforms.africa}`, { token: tokens.africa })
    ).json()) as {
      platform: { status: string };
      history: unknown[];
    };
    expect(after.platform.status).toBe("active");
    expect(after.history).toHaveLength(1);
  });

  it("keep their own audit logs", async () => {
    const events = (await (
      await api(app, "europe.test", "GET", "/api/audit-events", { token: tokens.europe })
    ).json()) as {
      events: { action: string; targetLabel: string | null }[];
    };
    expect(events.events.map((e) => e.targetLabel)).not.toContain("SN SN platform");
    expect(events.events.map((e) => e.action)).toContain("platforms.create");
    expect(events.events.every((e) => !JSON.stringify(e).includes("only-africa"))).toBe(true);
  });
});
