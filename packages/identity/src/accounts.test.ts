import { createTestDatabase, type TestDatabase, testDriver } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
} from "./testing.ts";

let database: TestDatabase;
let app: TestApp;
const clock = createClock();
const HOST = "europe.test";
let admin: string;
let coordinator: string;
let memberId: string;
let adminId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  const europe = await addTestTenant(database, "europe", "region", "EU");
  adminId = (await addPerson(database, europe, "admin@europe.test", ["node_admin"], clock.now)).id;
  await addPerson(database, europe, "coord@europe.test", ["regional_coordinator"], clock.now);
  memberId = (await addPerson(database, europe, "member@europe.test", ["member"], clock.now)).id;
  app = createTestApp(database, { clock: clock.now });
  admin = await loginToken(app, HOST, "admin@europe.test");
  coordinator = await loginToken(app, HOST, "coord@europe.test");
}, 180_000);
afterAll(() => database?.close());

async function auditActions(token: string) {
  const response = await api(app, HOST, "GET", "/api/audit-events", { token });
  const body = (await response.json()) as { events: { action: string; outcome: string; targetId: string | null }[] };
  return body.events;
}

describe(`disabling, enabling and deleting accounts (${testDriver()})`, () => {
  it("disables a person: their sessions end, their login is refused with a clear message, their history stays", async () => {
    const memberToken = await loginToken(app, HOST, "member@europe.test");
    const browser = createBrowser(app, HOST);
    await browser.get("/login");
    await browser.post("/login", { email: "member@europe.test", password: PASSWORD });
    expect((await browser.get("/me")).status).toBe(200);

    expect((await api(app, HOST, "POST", `/api/members/${memberId}/disable`, { token: coordinator })).status).toBe(403);
    const disabled = await api(app, HOST, "POST", `/api/members/${memberId}/disable`, { token: admin });
    expect(disabled.status).toBe(200);
    expect(((await disabled.json()) as { status: string }).status).toBe("disabled");

    expect((await api(app, HOST, "GET", "/api/me", { token: memberToken })).status).toBe(401);
    expect((await browser.get("/me")).status).toBe(303);
    const refused = await api(app, HOST, "POST", "/api/session", {
      body: { email: "member@europe.test", password: PASSWORD },
      headers: { "accept-language": "fr" },
    });
    const problem = await problemOf(refused);
    expect(problem.status).toBe(403);
    expect(problem.type).toBe("urn:dynamo:problem:account-disabled");
    expect(problem.title).toBe("Compte désactivé");
    // The wrong password says nothing about the account.
    const wrong = await api(app, HOST, "POST", "/api/session", {
      body: { email: "member@europe.test", password: "not the right one at all" },
    });
    expect(wrong.status).toBe(401);

    await browser.get("/login");
    const page = await browser.post("/login", { email: "member@europe.test", password: PASSWORD });
    expect(page.status).toBe(403);
    expect(page.html).toContain("An administrator has disabled this account.");

    const members = (await (await api(app, HOST, "GET", "/api/members", { token: admin })).json()) as {
      members: { id: string; status: string }[];
    };
    expect(members.members.find((m) => m.id === memberId)?.status).toBe("disabled");
    const events = await auditActions(admin);
    expect(events.some((e) => e.action === "members.disable" && e.targetId === memberId)).toBe(true);
    expect(events.some((e) => e.action === "session.login" && e.outcome === "failure")).toBe(true);
  });

  it("enables the account again: the same password logs in", async () => {
    const enabled = await api(app, HOST, "POST", `/api/members/${memberId}/enable`, { token: admin });
    expect(enabled.status).toBe(200);
    expect(((await enabled.json()) as { status: string }).status).toBe("active");
    await loginToken(app, HOST, "member@europe.test");
    expect((await auditActions(admin)).some((e) => e.action === "members.enable")).toBe(true);
  });

  it("refuses to disable oneself or the last administrator, and changes nothing", async () => {
    const self = await api(app, HOST, "POST", `/api/members/${adminId}/disable`, { token: admin });
    expect((await problemOf(self)).reason).toBe("self");
    expect((await api(app, HOST, "GET", "/api/me", { token: admin })).status).toBe(200);
  });

  it("deletes a person who never joined, and refuses to delete one who did", async () => {
    const invited = await api(app, HOST, "POST", "/api/invitations", {
      token: coordinator,
      body: { email: "newcomer@example.org", displayName: "Newcomer", roles: ["member"] },
    });
    expect(invited.status).toBe(201);
    const { person } = (await invited.json()) as { person: { id: string } };
    const joined = await api(app, HOST, "DELETE", `/api/members/${memberId}`, { token: coordinator });
    expect(joined.status).toBe(409);
    expect((await problemOf(joined)).reason).toBe("not-pending");
    expect((await api(app, HOST, "DELETE", `/api/members/${person.id}`, { token: coordinator })).status).toBe(204);
    expect((await api(app, HOST, "DELETE", `/api/members/${person.id}`, { token: coordinator })).status).toBe(404);
    const events = await auditActions(admin);
    expect(events.some((e) => e.action === "members.delete" && e.targetId === person.id)).toBe(true);
  });

  it("offers the buttons on the member's page to whoever may use them", async () => {
    const browser = createBrowser(app, HOST);
    await browser.get("/login");
    await browser.post("/login", { email: "admin@europe.test", password: PASSWORD });
    const page = await browser.get(`/admin/members/${memberId}`);
    expect(page.html).toContain(`action="/admin/members/${memberId}/disable"`);
    const done = await browser.post(`/admin/members/${memberId}/disable`, {});
    expect(done.status).toBe(200);
    expect(done.html).toContain("The account is disabled; its sessions have ended.");
    expect(done.html).toContain(`action="/admin/members/${memberId}/enable"`);
    const again = await browser.post(`/admin/members/${memberId}/enable`, {});
    expect(again.html).toContain("The account is enabled again.");
  });
});
