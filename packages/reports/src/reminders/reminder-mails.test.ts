import { randomUUID } from "node:crypto";
import { loadConfig, type MailSettings } from "@dynamo/config";
import type { Locale, Person, PersonId, Tenant } from "@dynamo/core";
import { createPeopleRepo } from "@dynamo/identity";
import { addPerson, addTestTenant, createClock, loginToken } from "@dynamo/identity/testing";
import { createSmtpMailer, type Mailer } from "@dynamo/mail";
import { type ReceivedMail, startTestSmtpRelay, type TestSmtpRelay } from "@dynamo/mail/testing";
import { configureLogging } from "@dynamo/node";
import { createMemorySink, createTestDatabase, type TestDatabase, testDriver, waitFor } from "@dynamo/testing";
import { getLogger } from "@logtape/logtape";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReminderMailRepo } from "../db/reminder-mails.ts";
import { createRegionReport } from "../services/region.ts";
import { addPlatformWithRepresentative, createLoopback, reportsTestApp, testReportsDeps } from "../test-support.ts";
import { type ReminderMailsDeps, sendDueReminders, startReminderMails } from "./reminder-mails.ts";

/**
 * Reminder emails through a real SMTP relay in the test process: who gets which email, in
 * which language, once per level; a relay that refuses or is down loses nothing and doubles
 * nothing; the relay's password appears in no log.
 */
const SMTP_PASSWORD = "relay-Pa55word-never-logged";
const PUBLIC_URL = "https://regions.example.org";
const logs = createMemorySink();
const logger = getLogger(["dynamo", "mail"]);
const clock = createClock("2026-03-01T10:00:00Z");
const REPORT_DUE = new Date("2026-03-25T23:59:59Z");
const SECTION_DUE = new Date("2026-03-15T23:59:59Z");
const DAY = 24 * 3600 * 1000;

let database: TestDatabase;
let relay: TestSmtpRelay;
let mailer: Mailer;
let deps: ReminderMailsDeps;
let europe: Tenant;
let africa: Tenant;
const people: Record<string, Person> = {};
const reportIds: Record<string, string> = {};
const sectionIds: Record<string, string> = {};

async function personWithLocale(tenant: Tenant, email: string, locale: Locale, make: () => Promise<PersonId>) {
  const id = await make();
  const person = await createPeopleRepo(database.db, tenant.id).updateProfile(id, { locale }, clock.now());
  if (person === undefined) throw new Error(`no ${email}`);
  people[email] = person;
  return person;
}

async function openStatusReport(tenant: Tenant, coordinator: Person, sectionDue: Date) {
  const deps = testReportsDeps(database, clock.now, createLoopback([tenant], tenant));
  const created = await createRegionReport({ ...deps, tenant, logger }, coordinator, {
    kind: "status",
    cycle: "2024-2026",
    dueDate: REPORT_DUE,
    sectionDueDate: sectionDue,
  });
  if (!created.ok) throw new Error(`could not open the report: ${JSON.stringify(created.error)}`);
  return created.value;
}

const mailsTo = (email: string) => relay.received.filter((m) => m.to.includes(email));
const lastTo = (email: string): ReceivedMail => {
  const mail = mailsTo(email).at(-1);
  if (mail === undefined) throw new Error(`no email to ${email}`);
  return mail;
};

beforeAll(async () => {
  await configureLogging({ level: "trace", json: true, sink: logs });
  database = await createTestDatabase();
  relay = await startTestSmtpRelay({ user: "dynamo@relay.test", password: SMTP_PASSWORD });
  const config = loadConfig({ SMTP_URL: relay.url, MAIL_FROM: "Dynamo Europe <noreply@regions.example.org>" });
  if (!config.ok || config.value.mail === undefined) throw new Error("the relay's settings were refused");
  mailer = createSmtpMailer(config.value.mail as MailSettings, { connectionMs: 2_000, greetingMs: 2_000 });
  deps = { db: database.db, mailer, clock: clock.now, newId: randomUUID, publicUrl: PUBLIC_URL };

  europe = await addTestTenant(database, "europe", "region", "EU");
  africa = await addTestTenant(database, "africa", "region", "AF");
  const coord = await personWithLocale(europe, "coord@europe.test", "fr", async () => {
    return (await addPerson(database, europe, "coord@europe.test", ["regional_coordinator"], clock.now)).id;
  });
  await personWithLocale(europe, "rep@be.test", "es", async () => {
    return (await addPlatformWithRepresentative(database, europe, "BE", "rep@be.test", clock.now)).personId;
  });
  await personWithLocale(europe, "rep@fr.test", "pt", async () => {
    return (await addPlatformWithRepresentative(database, europe, "FR", "rep@fr.test", clock.now)).personId;
  });
  // Invited, not joined yet: nothing is awaited from them until they do.
  const invited = await createPeopleRepo(database.db, europe.id).create(
    {
      id: randomUUID() as PersonId,
      email: "invited@europe.test",
      displayName: "Invited",
      locale: "en",
      roles: ["regional_coordinator"],
      platformId: null,
      platformSeat: null,
      passwordHash: null,
    },
    clock.now(),
  );
  expect(invited.ok).toBe(true);
  const africaCoord = await personWithLocale(africa, "coord@africa.test", "en", async () => {
    return (await addPerson(database, africa, "coord@africa.test", ["regional_coordinator"], clock.now)).id;
  });
  await personWithLocale(africa, "rep@sn.test", "fr", async () => {
    return (await addPlatformWithRepresentative(database, africa, "SN", "rep@sn.test", clock.now)).personId;
  });

  const eu = await openStatusReport(europe, coord, SECTION_DUE);
  reportIds.europe = eu.id;
  for (const s of eu.sections) {
    const platform = s.platformId === people["rep@be.test"]?.platformId ? "BE" : "FR";
    sectionIds[platform] = s.id;
  }
  // Africa's sections are due later: on the first runs only its coordinator is reminded.
  const af = await openStatusReport(africa, africaCoord, new Date("2026-04-20T23:59:59Z"));
  reportIds.africa = af.id;
  sectionIds.SN = af.sections[0]?.id ?? "";
});

afterAll(async () => {
  mailer?.close();
  await relay?.stop();
  await database?.close();
});

describe(`reminder emails (${testDriver()})`, () => {
  it("mails each person what their home page shows, in their own language, with the due date and the link", async () => {
    expect(await sendDueReminders(deps, logger)).toEqual({ sent: 4, failed: 0 });
    expect(relay.received.map((m) => m.to.join()).sort()).toEqual([
      "coord@africa.test",
      "coord@europe.test",
      "rep@be.test",
      "rep@fr.test",
    ]);

    const coord = lastTo("coord@europe.test");
    expect(coord.from).toBe("noreply@regions.example.org");
    expect(coord.headers.get("from")).toContain("Dynamo Europe");
    expect(coord.subject).toBe(
      "Rappel : Rapport d'état biennal — Coordination Europe — 2024-2026, échéance le 25 mars 2026",
    );
    expect(coord.text).toContain("Bonjour coord,");
    expect(coord.text).toContain("Le rapport de la coordination est attendu de vous");
    expect(coord.text).toContain("L’échéance est le 25 mars 2026, dans moins d’un mois.");
    expect(coord.text).toContain(`https://europe.test/reports/${reportIds.europe}\n`);
    expect(coord.html).toContain(`<a href="https://europe.test/reports/${reportIds.europe}">`);
    expect(coord.html).toContain('<html lang="fr">');

    const be = lastTo("rep@be.test");
    expect(be.subject).toBe(
      "Recordatorio: Informe bienal de situación — Coordinación Europa — 2024-2026, vence el 15 de marzo de 2026",
    );
    expect(be.text).toContain("Hola, rep:");
    expect(be.text).toContain("Se espera la sección de su plataforma");
    expect(be.text).toContain(`https://europe.test/reports/${reportIds.europe}/sections/${sectionIds.BE}`);

    const fr = lastTo("rep@fr.test");
    expect(fr.subject).toMatch(/^Lembrete: .* prazo a 15 de março de 2026$/);
    expect(fr.text).toContain(`/sections/${sectionIds.FR}`);
    expect(fr.text).not.toContain(sectionIds.BE);

    expect(logs.text()).toContain(`reminder email sent to person ${people["rep@be.test"]?.id}`);
  });

  it("mails what the home page shows: one rule for both", async () => {
    const app = reportsTestApp(database, "region", createLoopback([], europe), clock.now);
    const token = await loginToken(app, "europe.test", "rep@be.test");
    const page = await app.request("http://europe.test/", {
      headers: { authorization: `Bearer ${token}`, accept: "text/html" },
    });
    const html = await page.text();
    // What is awaited now: the home's "To do now" list (what comes later is listed apart).
    const now = html.slice(html.indexOf('<section class="home-now"'), html.indexOf('<section class="home-next"'));
    const links = [...now.matchAll(/<li class="home-item(?: urgent)?"><a href="(\/reports\/[^"]+)"/g)].map(
      ([, href]) => `https://europe.test${href}`,
    );
    expect(now).toContain("due within a month");
    expect(links).toEqual([`https://europe.test/reports/${reportIds.europe}/sections/${sectionIds.BE}`]);
    expect(mailsTo("rep@be.test").map((m) => /https:\S+/.exec(m.text)?.[0])).toEqual(links);
  });

  it("keeps each tenant's reminders to its own people", () => {
    const africaMail = lastTo("coord@africa.test");
    expect(africaMail.subject).toMatch(/^Reminder: Biennial status report — Africa coordination — 2024-2026/);
    expect(africaMail.text).toContain(`https://africa.test/reports/${reportIds.africa}`);
    expect(mailsTo("rep@sn.test")).toEqual([]);
    for (const mail of relay.received) {
      const own = mail.to.some((to) => to.endsWith("@africa.test") || to === "rep@sn.test") ? "africa" : "europe";
      const other = own === "africa" ? "europe" : "africa";
      expect(mail.text).not.toContain(`${other}.test`);
      expect(mail.text).not.toContain(reportIds[other]);
    }
    expect(mailsTo("invited@europe.test")).toEqual([]);
  });

  it("sends nothing new when run again, nor after a restart", async () => {
    expect(await sendDueReminders(deps, logger)).toEqual({ sent: 0, failed: 0 });
    // A new process on the same database: what was sent is in the database, not in memory.
    const restarted = startReminderMails({ ...deps }, logger, { intervalMs: 60_000 });
    expect(await restarted.runOnce()).toEqual({ sent: 0, failed: 0 });
    await restarted.stop();
    expect(relay.received).toHaveLength(4);
    const recorded = await createReminderMailRepo(database.db, europe.id).list();
    expect(recorded.map((r) => `${r.subject} ${r.level} ${r.attempts} ${r.sentAt !== null}`).sort()).toEqual([
      "report upcoming 1 true",
      "section upcoming 1 true",
      "section upcoming 1 true",
    ]);
  });

  it("mails the next level once the clock reaches it, and only that", async () => {
    clock.advance(8 * DAY); // 9 March: the sections are due within a week, the report still within a month
    const sent = await sendDueReminders(deps, logger);
    expect(sent).toEqual({ sent: 2, failed: 0 });
    expect(relay.received).toHaveLength(6);
    expect(lastTo("rep@be.test").subject).toMatch(/^Vence esta semana: .*, el 15 de marzo de 2026$/);
    expect(lastTo("rep@be.test").text).toContain("Vence el 15 de marzo de 2026, dentro de una semana.");
    expect(lastTo("rep@fr.test").subject).toMatch(/^Prazo dentro de uma semana: /);
    expect(mailsTo("coord@europe.test")).toHaveLength(1);
    expect(await sendDueReminders(deps, logger)).toEqual({ sent: 0, failed: 0 });
  });

  it("never mails one reminder twice when several processes run at once", async () => {
    clock.advance(6 * DAY); // 15 March, 10:00: the sections are due today
    const other: ReminderMailsDeps = { ...deps, mailer: createSmtpMailer(mailSettings()) };
    const runs = await Promise.all([sendDueReminders(deps, logger), sendDueReminders(other, logger)]);
    other.mailer.close();
    expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(2);
    expect(mailsTo("rep@be.test").map((m) => m.subject.split(":")[0])).toEqual([
      "Recordatorio",
      "Vence esta semana",
      "Vence hoy",
    ]);
    expect(mailsTo("rep@fr.test")).toHaveLength(3);
  });

  it("logs a warning when the relay refuses a recipient, and sends it on a later run once accepted", async () => {
    clock.advance(DAY); // 16 March: the sections are overdue
    relay.refuse("rep@be.test");
    expect(await sendDueReminders(deps, logger)).toEqual({ sent: 1, failed: 1 });
    expect(lastTo("rep@fr.test").subject).toMatch(/^Em atraso: /);
    expect(mailsTo("rep@be.test")).toHaveLength(3);
    const warning = logs.records.find((r) => r.level === "warning" && r.properties.address === "rep@be.test");
    expect(warning?.properties).toMatchObject({
      personId: people["rep@be.test"]?.id,
      tenant: "europe",
      kind: "refused",
      relay: `smtp://dynamo%40relay.test@127.0.0.1:${relay.port}`,
    });
    expect(String(warning?.properties.detail)).toMatch(/550.*mailbox unavailable/);

    // Still refused: tried again, still not lost.
    expect(await sendDueReminders(deps, logger)).toEqual({ sent: 0, failed: 1 });
    relay.allow("rep@be.test");
    expect(await sendDueReminders(deps, logger)).toEqual({ sent: 1, failed: 0 });
    expect(lastTo("rep@be.test").subject).toMatch(/^Atrasado: .*, venció el 15 de marzo de 2026$/);
    expect(await sendDueReminders(deps, logger)).toEqual({ sent: 0, failed: 0 });
    expect(mailsTo("rep@be.test")).toHaveLength(4);
    const row = (await createReminderMailRepo(database.db, europe.id).list()).find(
      (r) => r.personId === people["rep@be.test"]?.id && r.level === "overdue",
    );
    expect(row).toMatchObject({ attempts: 3, lastError: null });
    expect(row?.sentAt).not.toBeNull();
  });

  it("keeps what a relay that is down could not take, and the worker's next tick after it is back sends it", async () => {
    await relay.stop();
    clock.advance(6 * DAY); // 22 March: the reports are due within a week; Africa's sections within a month
    const before = relay.received.length;
    const worker = startReminderMails(deps, logger, { intervalMs: 100 });
    try {
      await waitFor(
        () =>
          logs.records.filter((r) => r.level === "warning" && r.properties.kind === "unreachable").length >= 4
            ? true
            : undefined,
        { timeoutMs: 10_000, what: "warnings about the relay being down" },
      );
      expect(relay.received.length).toBe(before);
      await relay.start();
      await waitFor(() => (relay.received.length >= before + 3 ? true : undefined), {
        timeoutMs: 10_000,
        what: "the emails once the relay is back",
      });
      await worker.runOnce();
      await worker.runOnce();
    } finally {
      await worker.stop();
    }
    const after = relay.received.slice(before);
    expect(after.map((m) => m.to.join()).sort()).toEqual(["coord@africa.test", "coord@europe.test", "rep@sn.test"]);
    expect(lastTo("coord@europe.test").subject).toMatch(/^Échéance dans la semaine : /);
    expect(lastTo("rep@sn.test").subject).toMatch(/^Rappel : .* Coordination Afrique .*, échéance le 20 avril 2026$/);
    expect(lastTo("rep@sn.test").text).toContain(
      `https://africa.test/reports/${reportIds.africa}/sections/${sectionIds.SN}`,
    );
  });

  it("never writes the relay's password to the logs", () => {
    const text = logs.text();
    expect(text).toContain("reminder email sent");
    expect(text).not.toContain(SMTP_PASSWORD);
    expect(text).not.toContain(encodeURIComponent(SMTP_PASSWORD));
    expect(text).not.toContain(Buffer.from(SMTP_PASSWORD).toString("base64"));
  });
});

function mailSettings(): MailSettings {
  const config = loadConfig({ SMTP_URL: relay.url, MAIL_FROM: "noreply@regions.example.org" });
  if (!config.ok || config.value.mail === undefined) throw new Error("the relay's settings were refused");
  return config.value.mail;
}
