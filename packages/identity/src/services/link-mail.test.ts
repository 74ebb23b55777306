import { loadConfig } from "@dynamo/config";
import { createSmtpMailer, type Mailer } from "@dynamo/mail";
import { startTestSmtpRelay, type TestSmtpRelay } from "@dynamo/mail/testing";
import { configureLogging } from "@dynamo/node";
import { createMemorySink, createTestDatabase, type TestDatabase, testDriver, waitFor } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson, addTestTenant, api, createClock, createTestApp, loginToken, type TestApp } from "../testing.ts";

/**
 * With SMTP settings, an invitation or reset link is also emailed to the person, in their
 * language; the admin still gets the link. The link is a secret: it is in no log.
 */
const logs = createMemorySink();
const clock = createClock("2026-03-01T10:00:00Z");
const HOST = "europe.test";
let database: TestDatabase;
let relay: TestSmtpRelay;
let mailer: Mailer;
let app: TestApp;
let admin = "";

beforeAll(async () => {
  await configureLogging({ level: "trace", json: true, sink: logs });
  database = await createTestDatabase();
  relay = await startTestSmtpRelay({ user: "node", password: "link-relay-secret" });
  const config = loadConfig({ SMTP_URL: relay.url, MAIL_FROM: "noreply@europe.test" });
  if (!config.ok || config.value.mail === undefined) throw new Error("the relay's settings were refused");
  mailer = createSmtpMailer(config.value.mail);
  const europe = await addTestTenant(database, "europe", "region", "EU");
  await addPerson(database, europe, "admin@europe.test", ["node_admin"], clock.now);
  await addPerson(database, europe, "member@europe.test", ["member"], clock.now);
  app = createTestApp(database, { clock: clock.now, publicUrl: "https://node.test", mailer });
  admin = await loginToken(app, HOST, "admin@europe.test");
});
afterAll(async () => {
  mailer?.close();
  await relay?.stop();
  await database?.close();
});

describe(`invitation and reset links by email (${testDriver()})`, () => {
  it("emails the invitation to the invitee in their language, and still gives the admin the link", async () => {
    const response = await api(app, HOST, "POST", "/api/invitations", {
      token: admin,
      body: { email: "nueva@example.org", displayName: "Nueva", roles: ["member"], locale: "es" },
    });
    expect(response.status).toBe(201);
    const { link, person } = (await response.json()) as { link: { url: string }; person: { id: string } };
    expect(link.url).toMatch(/^https:\/\/europe\.test\/invitation\?token=/);
    const mail = await waitFor(() => relay.received.find((m) => m.to.includes("nueva@example.org")), {
      what: "the invitation email",
    });
    expect(mail.subject).toBe("Su invitación a europe site");
    expect(mail.text).toContain("Hola, Nueva:");
    expect(mail.text).toContain("funciona una sola vez, hasta el 8 de marzo de 2026");
    expect(mail.text).toContain(`${link.url}\n`);
    await waitFor(() => logs.text().includes(`invitation email sent to person ${person.id}`) || undefined, {
      what: "the log line",
    });
  });

  it("emails a password-reset link to the member, in their language", async () => {
    const members = (await (await api(app, HOST, "GET", "/api/members", { token: admin })).json()) as {
      members: { id: string; email: string }[];
    };
    const member = members.members.find((m) => m.email === "member@europe.test");
    const response = await api(app, HOST, "POST", `/api/members/${member?.id}/password-reset`, { token: admin });
    expect(response.status).toBe(201);
    const { url } = (await response.json()) as { url: string };
    expect(url).toMatch(/^https:\/\/europe\.test\/password-reset\?token=/);
    const mail = await waitFor(() => relay.received.find((m) => m.to.includes("member@europe.test")), {
      what: "the reset email",
    });
    expect(mail.subject).toBe("Choose a new password on europe site");
    expect(mail.text).toContain(url);
  });

  it("still answers with the link when the relay refuses, and logs a warning without the link", async () => {
    relay.refuse("refused@example.org");
    const response = await api(app, HOST, "POST", "/api/invitations", {
      token: admin,
      body: { email: "refused@example.org", displayName: "Refused", roles: ["member"] },
    });
    expect(response.status).toBe(201);
    const { link } = (await response.json()) as { link: { url: string } };
    const warning = await waitFor(
      () => logs.records.find((r) => r.level === "warning" && r.properties.address === "refused@example.org"),
      { what: "the warning" },
    );
    expect(warning.properties).toMatchObject({ purpose: "invitation", kind: "refused" });
    const token = new URL(link.url).searchParams.get("token") ?? "";
    expect(token.length).toBeGreaterThan(20);
    const text = logs.text();
    expect(text).not.toContain(token);
    const emailed = relay.received.map((m) => new URL(/https:\S+/.exec(m.text)?.[0] ?? "").searchParams.get("token"));
    expect(emailed).toHaveLength(2);
    for (const sent of emailed) expect(text).not.toContain(sent);
    expect(text).not.toContain("link-relay-secret");
  });
});
