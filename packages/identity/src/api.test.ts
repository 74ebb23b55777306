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

let database: TestDatabase;
let app: TestApp;
const clock = createClock();
const HOST = "europe.test";

beforeAll(async () => {
  database = await createTestDatabase();
  const europe = await addTestTenant(database, "europe", "region", "EU");
  await addPerson(database, europe, "admin@europe.test", ["node_admin"], clock.now);
  await addPerson(database, europe, "coord@europe.test", ["regional_coordinator"], clock.now);
  app = createTestApp(database, { clock: clock.now });
});
afterAll(() => database.close());

describe("login and the signed-in person", () => {
  it("logs in with a bearer token, tells who it is, and never returns the password or its hash", async () => {
    const response = await api(app, HOST, "POST", "/api/session", {
      body: { email: " Admin@Europe.test ", password: PASSWORD },
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain("argon2");
    const body = JSON.parse(text) as { token: string; expiresAt: string; person: { email: string; roles: string[] } };
    expect(body.person).toMatchObject({ email: "admin@europe.test", roles: ["node_admin"], status: "active" });
    expect(new Date(body.expiresAt).getTime() - clock.now().getTime()).toBe(30 * 60 * 1000);

    const me = await api(app, HOST, "GET", "/api/me", { token: body.token });
    expect(me.status).toBe(200);
    const meText = await me.text();
    expect(JSON.parse(meText)).toMatchObject({ email: "admin@europe.test", displayName: "admin" });
    expect(meText).not.toContain("passwordHash");
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const wrong = await api(app, HOST, "POST", "/api/session", {
      body: { email: "coord@europe.test", password: "not the password at all" },
    });
    const unknown = await api(app, HOST, "POST", "/api/session", {
      body: { email: "nobody@europe.test", password: "not the password at all" },
    });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    const [a, b] = [await problemOf(wrong), await problemOf(unknown)];
    expect(a.type).toBe("urn:dynamo:problem:invalid-credentials");
    expect({ ...a, requestId: undefined }).toEqual({ ...b, requestId: undefined });
  });

  it("changes one's name and language", async () => {
    const token = await loginToken(app, HOST, "coord@europe.test");
    const response = await api(app, HOST, "PATCH", "/api/me", {
      token,
      body: { displayName: "  Ana   Silva ", locale: "pt" },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ displayName: "Ana Silva", locale: "pt" });
  });

  it("lists the API's operations in the OpenAPI document", async () => {
    const doc = (await (await app.request("http://any.test/api/openapi.json")).json()) as {
      paths: Record<string, Record<string, { operationId: string }>>;
    };
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
    for (const id of [
      "login",
      "logout",
      "getMe",
      "listMembers",
      "createInvitation",
      "acceptInvitation",
      "resetPassword",
      "listPlatforms",
      "createPlatform",
      "updatePlatform",
      "listAuditEvents",
    ])
      expect(ids).toContain(id);
  });
});
