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
const MINUTE = 60 * 1000;

beforeAll(async () => {
  database = await createTestDatabase();
  const europe = await addTestTenant(database, "europe", "region", "EU");
  await addPerson(database, europe, "admin@europe.test", ["node_admin"], clock.now);
  await addPerson(database, europe, "ana@europe.test", ["member"], clock.now);
  app = createTestApp(database, { clock: clock.now });
});
afterAll(() => database.close());

const me = (token: string) => api(app, HOST, "GET", "/api/me", { token });

describe("sessions", () => {
  it("end at once on logout", async () => {
    const token = await loginToken(app, HOST, "ana@europe.test");
    expect((await api(app, HOST, "DELETE", "/api/session", { token })).status).toBe(204);
    const after = await me(token);
    expect(after.status).toBe(401);
    expect((await problemOf(after)).type).toBe("urn:dynamo:problem:unauthorized");
    expect(after.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("end at once when an administrator revokes them", async () => {
    const first = await loginToken(app, HOST, "ana@europe.test");
    const second = await loginToken(app, HOST, "ana@europe.test");
    const admin = await loginToken(app, HOST, "admin@europe.test");
    const ana = (await (await me(first)).json()) as { id: string };
    const revoked = await api(app, HOST, "POST", `/api/members/${ana.id}/revoke-sessions`, { token: admin });
    expect(await revoked.json()).toEqual({ revoked: 2 });
    expect((await me(first)).status).toBe(401);
    expect((await me(second)).status).toBe(401);
    expect((await me(admin)).status).toBe(200);
  });

  it("end, but the current one, when the password changes", async () => {
    const current = await loginToken(app, HOST, "ana@europe.test");
    const other = await loginToken(app, HOST, "ana@europe.test");
    const newPassword = "another long passphrase for ana";
    const wrong = await api(app, HOST, "POST", "/api/me/password", {
      token: current,
      body: { currentPassword: "not my password at all", newPassword },
    });
    expect(wrong.status).toBe(400);
    expect((await problemOf(wrong)).errors?.map((e) => e.pointer)).toEqual(["/currentPassword"]);
    expect((await me(other)).status).toBe(200);

    const weak = await api(app, HOST, "POST", "/api/me/password", {
      token: current,
      body: { currentPassword: PASSWORD, newPassword: "short" },
    });
    expect((await problemOf(weak)).errors?.[0]).toMatchObject({ pointer: "/newPassword", code: "password.too-short" });

    const changed = await api(app, HOST, "POST", "/api/me/password", {
      token: current,
      body: { currentPassword: PASSWORD, newPassword },
    });
    expect(await changed.json()).toEqual({ sessionsRevoked: 1 });
    expect((await me(other)).status).toBe(401);
    expect((await me(current)).status).toBe(200);
    expect(
      (await api(app, HOST, "POST", "/api/session", { body: { email: "ana@europe.test", password: PASSWORD } })).status,
    ).toBe(401);
    await loginToken(app, HOST, "ana@europe.test", newPassword);
    // Put the password back for the other tests.
    await api(app, HOST, "POST", "/api/me/password", {
      token: current,
      body: { currentPassword: newPassword, newPassword: PASSWORD },
    });
  });

  it("expire with their token, and a browser's cookie is renewed while the person is active", async () => {
    const login = await api(app, HOST, "POST", "/api/session", {
      body: { email: "admin@europe.test", password: PASSWORD },
    });
    const { token } = (await login.json()) as { token: string };
    clock.advance(31 * MINUTE);
    expect((await me(token)).status).toBe(401);

    // A browser: each request past half the token's life gets a fresh cookie.
    let cookie = await loginToken(app, HOST, "admin@europe.test");
    for (let step = 0; step < 5; step++) {
      clock.advance(20 * MINUTE);
      const response = await app.request(`http://${HOST}/api/me`, { headers: { cookie: `dynamo_session=${cookie}` } });
      expect(response.status, `after ${(step + 1) * 20} minutes`).toBe(200);
      const renewed = /dynamo_session=([^;]+);.*HttpOnly.*SameSite=Lax/i.exec(response.headers.get("set-cookie") ?? "");
      expect(renewed).not.toBeNull();
      cookie = renewed?.[1] ?? "";
    }
    // A session ends 12 hours after login however active the person is.
    clock.advance(11 * 60 * MINUTE);
    const late = await app.request(`http://${HOST}/api/me`, { headers: { cookie: `dynamo_session=${cookie}` } });
    expect(late.status).toBe(401);
  });

  it("are refused with a token signed for another tenant, tampered with, or of the wrong shape", async () => {
    const token = await loginToken(app, HOST, "ana@europe.test");
    const [header, payload, signature] = token.split(".");
    const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString()) as Record<string, unknown>;
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: "00000000-0000-4000-8000-000000000000" })).toString("base64url")}.${signature}`;
    expect((await me(forged)).status).toBe(401);
    expect((await me("not-a-token")).status).toBe(401);
    expect((await api(app, HOST, "GET", "/api/me", { headers: { authorization: `Basic ${token}` } })).status).toBe(401);
  });
});
