import { loadConfig } from "@dynamo/config";
import { createSmtpMailer, type Mailer } from "@dynamo/mail";
import { startTestSmtpRelay, type TestSmtpRelay } from "@dynamo/mail/testing";
import { configureLogging } from "@dynamo/node";
import { createMemorySink, createTestDatabase, type TestDatabase, testDriver, waitFor } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORGOT_LIMITS } from "./services/forgot.ts";
import { LOGIN_LIMITS } from "./services/rate-limit.ts";
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

/**
 * "Forgot your password?" through a real SMTP relay: the link reaches the account's address only,
 * works once, expires, ends every session; the answer is the same for an unknown address.
 */
const logs = createMemorySink();
const clock = createClock("2026-03-01T10:00:00Z");
const HOST = "europe.test";
const NEW_PASSWORD = "a brand new street-work passphrase";
let database: TestDatabase;
let relay: TestSmtpRelay;
let mailer: Mailer;
let app: TestApp;
let withoutMail: TestApp;

beforeAll(async () => {
  await configureLogging({ level: "trace", json: true, sink: logs });
  database = await createTestDatabase();
  relay = await startTestSmtpRelay({ user: "node", password: "forgot-relay-secret" });
  const config = loadConfig({ SMTP_URL: relay.url, MAIL_FROM: "noreply@europe.test" });
  if (!config.ok || config.value.mail === undefined) throw new Error("the relay's settings were refused");
  mailer = createSmtpMailer(config.value.mail);
  const europe = await addTestTenant(database, "europe", "region", "EU");
  await addPerson(database, europe, "member@europe.test", ["member"], clock.now);
  await addPerson(database, europe, "other@europe.test", ["member"], clock.now);
  await addPerson(database, europe, "watched@europe.test", ["member"], clock.now);
  app = createTestApp(database, { clock: clock.now, publicUrl: "https://node.test", mailer });
  withoutMail = createTestApp(database, { clock: clock.now });
}, 180_000);
afterAll(async () => {
  mailer?.close();
  await relay?.stop();
  await database?.close();
});

const linkIn = (text: string) => /https:\/\/europe\.test\/password-reset\?token=\S+/.exec(text)?.[0] ?? "";

describe(`forgot password (${testDriver()})`, () => {
  it("emails a single-use link to the account, answers an unknown address the same, and the link ends other sessions", async () => {
    const otherSession = await loginToken(app, HOST, "member@europe.test");
    const browser = createBrowser(app, HOST);
    const login = await browser.get("/login");
    expect(login.html).toContain('href="/password-forgot"');
    await browser.get("/password-forgot");
    const asked = await browser.post("/password-forgot", { email: "Member@Europe.test" });
    expect(asked.status).toBe(200);
    expect(asked.html).toContain("a link to choose a new password is on its way");
    const unknown = await browser.post("/password-forgot", { email: "nobody@europe.test" });
    expect(unknown.status).toBe(200);
    // Only the address differs between the two answers.
    const main = (html: string) => html.slice(html.indexOf("<main"), html.indexOf("</main>"));
    expect(main(unknown.html).replaceAll("nobody@europe.test", "X")).toBe(
      main(asked.html).replaceAll("Member@Europe.test", "X"),
    );

    const mail = await waitFor(() => relay.received.find((m) => m.to.includes("member@europe.test")), {
      what: "the reset email",
    });
    expect(relay.received.some((m) => m.to.includes("nobody@europe.test"))).toBe(false);
    const link = linkIn(mail.text);
    expect(link).not.toBe("");
    expect(logs.text()).not.toContain(new URL(link).searchParams.get("token") ?? "never");
    expect(asked.html).not.toContain(new URL(link).searchParams.get("token") ?? "never");

    const path = link.replace("https://europe.test", "");
    const page = await browser.get(path);
    expect(page.status).toBe(200);
    const token = new URL(link).searchParams.get("token") ?? "";
    const reset = await browser.post("/password-reset", { token, password: NEW_PASSWORD });
    expect(reset.status).toBe(303);
    expect((await api(app, HOST, "GET", "/api/me", { token: otherSession })).status).toBe(401);
    await loginToken(app, HOST, "member@europe.test", NEW_PASSWORD);
    // Single use.
    expect((await browser.get(path)).status).toBe(410);
  });

  it("lets a link expire, and an earlier link stop working when a new one is asked", async () => {
    const ask = () => api(app, HOST, "POST", "/api/password-forgot", { body: { email: "other@europe.test" } });
    expect((await ask()).status).toBe(202);
    const first = await waitFor(() => relay.received.find((m) => m.to.includes("other@europe.test")), {
      what: "the first email",
    });
    expect((await ask()).status).toBe(202);
    const second = await waitFor(() => relay.received.filter((m) => m.to.includes("other@europe.test"))[1], {
      what: "the second email",
    });
    const pathOf = (text: string) => linkIn(text).replace("https://europe.test", "");
    const browser = createBrowser(app, HOST);
    expect((await browser.get(pathOf(first.text))).status).toBe(410);
    expect((await browser.get(pathOf(second.text))).status).toBe(200);
    clock.advance(3 * 3600 * 1000);
    expect((await browser.get(pathOf(second.text))).status).toBe(410);
    await loginToken(app, HOST, "other@europe.test", PASSWORD);
  });

  it("is rate-limited per account whether it exists or not, with 429", async () => {
    const ask = (email: string) => api(app, HOST, "POST", "/api/password-forgot", { body: { email } });
    for (let n = 0; n < FORGOT_LIMITS.perAccount; n++) expect((await ask("ghost@europe.test")).status).toBe(202);
    const limited = await ask("ghost@europe.test");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).not.toBeNull();
    expect((await problemOf(limited)).type).toBe("urn:dynamo:problem:rate-limited");
  });

  it("is not offered without SMTP: the login says to ask an administrator", async () => {
    const browser = createBrowser(withoutMail, HOST);
    const login = await browser.get("/login");
    expect(login.html).not.toContain('href="/password-forgot"');
    expect((await browser.get("/password-forgot")).status).toBe(404);
    const response = await api(withoutMail, HOST, "POST", "/api/password-forgot", {
      body: { email: "member@europe.test" },
    });
    expect(response.status).toBe(404);
  });
});

describe(`repeated failed logins (${testDriver()})`, () => {
  it("tell the account's owner once by email, through the relay, and never say the password or where from", async () => {
    const behindProxy = createTestApp(database, {
      clock: clock.now,
      publicUrl: "https://node.test",
      mailer,
      trustProxy: true,
    });
    const alerts = () => relay.received.filter((m) => m.to.includes("watched@europe.test"));
    let sent = 0;
    for (let address = 1; sent < LOGIN_LIMITS.alertOwnerAt + 3; address++) {
      for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress && sent < LOGIN_LIMITS.alertOwnerAt + 3; i++, sent++) {
        const failed = await api(behindProxy, HOST, "POST", "/api/session", {
          body: { email: "watched@europe.test", password: `guess number ${sent} of a stranger` },
          headers: { "x-forwarded-for": `198.51.100.${address}` },
        });
        expect(failed.status).toBe(401);
      }
    }
    const mail = await waitFor(() => alerts()[0], { what: "the failed-login alert" });
    expect(mail.text).toContain(String(LOGIN_LIMITS.alertOwnerAt));
    expect(mail.text).not.toContain("guess number");
    expect(mail.text).not.toContain("198.51.100.");
    // Once per window: the failures past the level send nothing more, and the owner still gets in.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(alerts()).toHaveLength(1);
    await loginToken(behindProxy, HOST, "watched@europe.test");
    // The log says the owner was told, naming neither the password nor the addresses.
    expect(logs.text()).toContain("failed logins");
  });
});
