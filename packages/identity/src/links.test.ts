import { createTestDatabase, type TestDatabase } from "@dynamo/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
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
let admin = "";
let coordinator = "";
const clock = createClock();
const HOST = "europe.test";
const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  database = await createTestDatabase();
  const europe = await addTestTenant(database, "europe", "region", "EU");
  await addPerson(database, europe, "admin@europe.test", ["node_admin"], clock.now);
  await addPerson(database, europe, "coord@europe.test", ["regional_coordinator"], clock.now);
  app = createTestApp(database, { clock: clock.now });
});
// The clock moves by days in these tests: each starts with fresh sessions.
beforeEach(async () => {
  admin = await loginToken(app, HOST, "admin@europe.test");
  coordinator = await loginToken(app, HOST, "coord@europe.test");
});
afterAll(() => database.close());

async function invite(email: string, roles = ["member"], token = coordinator) {
  const response = await api(app, HOST, "POST", "/api/invitations", {
    token,
    body: { email, displayName: "New Person", roles, locale: "es" },
  });
  return response;
}

const tokenOf = (url: string) => new URL(url).searchParams.get("token") ?? "";

describe("invitations", () => {
  it("build the link on the tenant's configured host, whatever port or Host the request named", async () => {
    const response = await api(app, "europe.test:9999", "POST", "/api/invitations", {
      token: coordinator,
      body: { email: "port@example.org", displayName: "Port Test", roles: ["member"], locale: "en" },
    });
    expect(response.status).toBe(201);
    const { link } = (await response.json()) as { link: { url: string } };
    expect(new URL(link.url).host).toBe("europe.test");
  });

  it("register a pending person and give a single-use link on the tenant's host", async () => {
    const response = await invite("Maria@Example.org");
    expect(response.status).toBe(201);
    const body = (await response.json()) as {
      person: { email: string; status: string; locale: string };
      link: { url: string; expiresAt: string };
    };
    expect(body.person).toMatchObject({ email: "maria@example.org", status: "pending", locale: "es" });
    expect(body.link.url).toMatch(/^http:\/\/europe\.test\/invitation\?token=[A-Za-z0-9_-]{43}$/);
    expect(new Date(body.link.expiresAt).getTime() - clock.now().getTime()).toBe(7 * DAY);

    // Not yet joined: no login.
    const early = await api(app, HOST, "POST", "/api/session", {
      body: { email: "maria@example.org", password: "whatever long password" },
    });
    expect(early.status).toBe(401);

    const weak = await api(app, HOST, "POST", "/api/invitations/accept", {
      body: { token: tokenOf(body.link.url), password: "password1234" },
    });
    expect(weak.status).toBe(400);
    expect((await problemOf(weak)).errors?.[0]).toMatchObject({ field: "password", code: "password.too-common" });

    const accepted = await api(app, HOST, "POST", "/api/invitations/accept", {
      body: { token: tokenOf(body.link.url), password: "maria chooses a good one", displayName: "María" },
    });
    expect(accepted.status).toBe(200);
    expect(await accepted.json()).toMatchObject({ displayName: "María", status: "active" });
    await loginToken(app, HOST, "maria@example.org", "maria chooses a good one");

    const again = await api(app, HOST, "POST", "/api/invitations/accept", {
      body: { token: tokenOf(body.link.url), password: "someone else tries again" },
    });
    expect(again.status).toBe(410);
    expect((await problemOf(again)).type).toBe("urn:dynamo:problem:link-used");
    await loginToken(app, HOST, "maria@example.org", "maria chooses a good one");
  });

  it("expire after seven days", async () => {
    const body = (await (await invite("late@example.org")).json()) as { link: { url: string } };
    clock.advance(7 * DAY + 1000);
    const late = await api(app, HOST, "POST", "/api/invitations/accept", {
      body: { token: tokenOf(body.link.url), password: "too late for this link" },
    });
    expect(late.status).toBe(410);
    expect((await problemOf(late)).type).toBe("urn:dynamo:problem:link-expired");
    const unknown = await api(app, HOST, "POST", "/api/invitations/accept", {
      body: { token: "A".repeat(43), password: "too late for this link" },
    });
    expect(unknown.status).toBe(404);
    expect((await problemOf(unknown)).type).toBe("urn:dynamo:problem:link-unknown");
  });

  it("refuse a taken email, and a coordinator granting the administrator role", async () => {
    const taken = await invite("ADMIN@europe.test");
    expect(taken.status).toBe(409);
    expect(await problemOf(taken)).toMatchObject({ type: "urn:dynamo:problem:conflict", reason: "email-taken" });
    const raise = await invite("new-admin@example.org", ["node_admin"]);
    expect(raise.status).toBe(403);
    const members = (await (await api(app, HOST, "GET", "/api/members", { token: admin })).json()) as {
      members: { email: string }[];
    };
    expect(members.members.map((m) => m.email)).not.toContain("new-admin@example.org");
    expect((await invite("new-admin@example.org", ["node_admin"], admin)).status).toBe(201);
  });
});

describe("password resets", () => {
  it("work once, end every session, and only an administrator may reset an administrator", async () => {
    const invited = (await (await invite("reset-me@example.org")).json()) as {
      person: { id: string };
      link: { url: string };
    };
    await api(app, HOST, "POST", "/api/invitations/accept", {
      body: { token: tokenOf(invited.link.url), password: "first good passphrase" },
    });
    const session = await loginToken(app, HOST, "reset-me@example.org", "first good passphrase");

    const started = await api(app, HOST, "POST", `/api/members/${invited.person.id}/password-reset`, {
      token: coordinator,
    });
    expect(started.status).toBe(201);
    const { url } = (await started.json()) as { url: string };
    expect(url).toMatch(/\/password-reset\?token=/);
    const done = await api(app, HOST, "POST", "/api/password-reset", {
      body: { token: tokenOf(url), password: "second good passphrase" },
    });
    expect(done.status).toBe(204);
    expect((await api(app, HOST, "GET", "/api/me", { token: session })).status).toBe(401);
    await loginToken(app, HOST, "reset-me@example.org", "second good passphrase");
    const reused = await api(app, HOST, "POST", "/api/password-reset", {
      body: { token: tokenOf(url), password: "third good passphrase" },
    });
    expect(reused.status).toBe(410);

    const adminId = ((await (await api(app, HOST, "GET", "/api/me", { token: admin })).json()) as { id: string }).id;
    const escalation = await api(app, HOST, "POST", `/api/members/${adminId}/password-reset`, { token: coordinator });
    expect(escalation.status).toBe(403);
  });

  it("keep the last administrator", async () => {
    const adminId = ((await (await api(app, HOST, "GET", "/api/me", { token: admin })).json()) as { id: string }).id;
    const members = (await (await api(app, HOST, "GET", "/api/members", { token: admin })).json()) as {
      members: { id: string; roles: string[] }[];
    };
    // The other administrator invited above is still pending; demote them first, then try the last.
    for (const m of members.members.filter((m) => m.roles.includes("node_admin") && m.id !== adminId))
      expect(
        (await api(app, HOST, "PATCH", `/api/members/${m.id}`, { token: admin, body: { roles: ["member"] } })).status,
      ).toBe(200);
    const last = await api(app, HOST, "PATCH", `/api/members/${adminId}`, {
      token: admin,
      body: { roles: ["member"] },
    });
    expect(last.status).toBe(409);
    expect((await problemOf(last)).reason).toBe("last-admin");
  });
});
