import { createTestDatabase, type TestDatabase } from "@dynamo/testing";
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
  type TestApp,
} from "./testing.ts";

let database: TestDatabase;
let app: TestApp;
const clock = createClock();
const HOST = "europe.test";

beforeAll(async () => {
  database = await createTestDatabase();
  const europe = await addTestTenant(database, "europe", "region", "EU");
  await addPerson(database, europe, "coord@europe.test", ["regional_coordinator"], clock.now);
  await addPerson(database, europe, "member@europe.test", ["member"], clock.now);
  app = createTestApp(database, { clock: clock.now });
});
afterAll(() => database.close());

async function signIn(email: string) {
  const browser = createBrowser(app, HOST);
  const form = await browser.get("/login");
  expect(form.status).toBe(200);
  const done = await browser.post("/login?next=%2Fme", { email, password: PASSWORD });
  expect(done.status).toBe(303);
  expect(done.location).toBe("/me");
  return browser;
}

describe("pages", () => {
  it("send a visitor to the login form, then back where they wanted to go", async () => {
    const browser = createBrowser(app, HOST);
    const guarded = await browser.get("/admin/members");
    expect(guarded.status).toBe(303);
    expect(guarded.headers.get("location")).toBe("/login?next=%2Fadmin%2Fmembers");
    await browser.get("/login?next=%2Fadmin%2Fmembers");
    const wrong = await browser.post("/login?next=%2Fadmin%2Fmembers", {
      email: "coord@europe.test",
      password: "wrong password, sorry",
    });
    expect(wrong.status).toBe(401);
    expect(wrong.html).toContain('role="alert"');
    expect(wrong.html).toContain('value="coord@europe.test"');
    expect(wrong.html).not.toContain("wrong password, sorry");
    const right = await browser.post("/login?next=%2Fadmin%2Fmembers", {
      email: "coord@europe.test",
      password: PASSWORD,
    });
    expect(right.location).toBe("/admin/members");
    expect(right.headers.getSetCookie().join("\n")).toMatch(/dynamo_session=[^;]+; .*HttpOnly; SameSite=Lax/);
    const page = await browser.get("/admin/members");
    expect(page.status).toBe(200);
    expect(page.html).toContain("Signed in as coord");
    expect(page.html).toContain('action="/logout"');
  });

  it("refuse a form without the CSRF token, or from another origin, and change nothing", async () => {
    const browser = await signIn("member@europe.test");
    await browser.get("/me");
    const missing = await browser.post(
      "/me",
      { displayName: "Changed by a forged form", locale: "fr" },
      { csrf: null },
    );
    expect(missing.status).toBe(403);
    expect(missing.html).toContain("The form has expired");
    const wrongToken = await browser.post(
      "/me",
      { displayName: "Changed by a forged form", locale: "fr" },
      { csrf: "x".repeat(43) },
    );
    expect(wrongToken.status).toBe(403);
    const crossSite = await browser.post(
      "/me",
      { displayName: "Changed by a forged form", locale: "fr" },
      { origin: "http://evil.test" },
    );
    expect(crossSite.status).toBe(403);
    const crossSiteFetch = await browser.post(
      "/me",
      { displayName: "Changed by a forged form", locale: "fr" },
      {
        headers: { "sec-fetch-site": "cross-site" },
      },
    );
    expect(crossSiteFetch.status).toBe(403);
    const logout = await browser.post("/logout", {}, { csrf: null });
    expect(logout.status).toBe(403);
    // Under Referrer-Policy: no-referrer a browser sends "Origin: null" for our own forms: the token decides.
    const opaque = await browser.post("/me", { displayName: "Member", locale: "en" }, { origin: "null" });
    expect(opaque.status).toBe(303);
    const profile = await browser.get("/me");
    expect(profile.status).toBe(200);
    expect(profile.html).not.toContain("Changed by a forged form");
  });

  it("refuse the API used with the session cookie but without the CSRF header", async () => {
    const token = await loginToken(app, HOST, "member@europe.test");
    const withCookie = (headers: Record<string, string> = {}) =>
      app.request(`http://${HOST}/api/me`, {
        method: "PATCH",
        headers: { cookie: `dynamo_session=${token}`, "content-type": "application/json", ...headers },
        body: JSON.stringify({ displayName: "Via cookie" }),
      });
    expect((await withCookie()).status).toBe(403);
    const me = (await (
      await app.request(`http://${HOST}/api/me`, { headers: { cookie: `dynamo_session=${token}` } })
    ).json()) as {
      csrfToken: string;
    };
    expect((await withCookie({ "x-csrf-token": me.csrfToken })).status).toBe(200);
    // A bearer token is not ambient: no CSRF token needed.
    expect((await api(app, HOST, "PATCH", "/api/me", { token, body: { displayName: "member" } })).status).toBe(200);
  });

  it("change one's language and show the pages in it", async () => {
    const browser = await signIn("member@europe.test");
    await browser.get("/me");
    const saved = await browser.post("/me", { displayName: "Member One", locale: "es" });
    expect(saved.location).toBe("/me?saved=1");
    const page = await browser.get("/me?saved=1");
    expect(page.html).toContain('<html lang="es">');
    expect(page.html).toContain("Su perfil se ha guardado.");
    expect(page.html).toContain("Sesión de Member One");
  });

  it("let a coordinator invite a person, who joins with the link and logs in", async () => {
    const coordinator = await signIn("coord@europe.test");
    await coordinator.get("/admin/members");
    const invalid = await coordinator.post("/admin/members", {
      email: "not-an-email",
      displayName: "",
      locale: "fr",
      roles: [],
    });
    expect(invalid.status).toBe(400);
    expect(invalid.html).toContain("This is not an email address.");
    expect(invalid.html).toContain("Choose at least one role.");
    const invited = await coordinator.post("/admin/members", {
      email: "joao@example.org",
      displayName: "João",
      locale: "pt",
      roles: ["member", "platform_representative"],
    });
    expect(invited.status).toBe(200);
    expect(invited.html).toContain("<td>joao@example.org</td><td>Member, Platform representative</td>");
    const link = /id="issued-link" type="text" readonly="" value="([^"]+)"/.exec(invited.html)?.[1] ?? "";
    expect(link).toMatch(/^http:\/\/europe\.test\/invitation\?token=/);

    const joao = createBrowser(app, HOST);
    const path = link.replace("http://europe.test", "").replaceAll("&amp;", "&");
    const form = await joao.get(path);
    expect(form.status).toBe(200);
    expect(form.html).toContain("joao@example.org");
    const token = new URL(link).searchParams.get("token") ?? "";
    const weak = await joao.post("/invitation", { token, displayName: "João", password: "short" });
    expect(weak.status).toBe(400);
    expect(weak.html).toContain("at least 12 characters");
    const joined = await joao.post("/invitation", {
      token,
      displayName: "João Silva",
      password: "joão escolhe uma boa frase",
    });
    expect(joined.location).toBe("/login?joined=1&email=joao%40example.org");
    await joao.get(joined.location ?? "");
    const loggedIn = await joao.post("/login?next=%2Fme", {
      email: "joao@example.org",
      password: "joão escolhe uma boa frase",
    });
    expect(loggedIn.location).toBe("/me");
    const profile = await joao.get("/me");
    expect(profile.html).toContain('<html lang="pt">');
    expect(profile.html).toContain("Sessão de João Silva");
    const out = await joao.post("/logout", {});
    expect(out.location).toBe("/login?loggedOut=1");
    expect((await joao.get("/me")).status).toBe(303);
  });

  it("keep a language chosen before login after it, land on the home page, and offer to save it", async () => {
    const browser = createBrowser(app, HOST);
    await browser.get("/locale/pt");
    const form = await browser.get("/login");
    expect(form.html).toContain('<html lang="pt">');
    const done = await browser.post("/login", { email: "member@europe.test", password: PASSWORD });
    expect(done.location).toBe("/");
    const home = await browser.get("/");
    expect(home.html).toContain('<html lang="pt">');
    expect(home.html).toContain("Manter Português para a minha conta");
    const profile = await browser.get("/me");
    expect(profile.html).toContain('<html lang="pt">');
    expect(profile.html).toContain('id="language-offer"');
    const saved = await browser.post("/me", { displayName: "member", locale: "pt" });
    expect(saved.location).toBe("/me?saved=1");
    expect((await browser.get("/me")).html).not.toContain('id="language-offer"');
    // Without a choice made before, the account's language applies.
    const plain = createBrowser(app, HOST);
    await plain.get("/login");
    await plain.post("/login", { email: "coord@europe.test", password: PASSWORD });
    expect((await plain.get("/")).html).toContain('<html lang="en">');
  });

  it("let a coordinator register a platform and change its status with a reason", async () => {
    const coordinator = await signIn("coord@europe.test");
    await coordinator.get("/admin/platforms");
    const created = await coordinator.post("/admin/platforms", {
      countryCode: "fr",
      "names.fr": "Plateforme française",
      "names.en": "",
      "names.es": "",
      "names.pt": "",
      joinedOn: "2017-09-15",
      status: "observer",
      reason: "",
      "contact.email": "",
      "contact.phone": "",
      "contact.address": "",
      "contact.website": "",
    });
    expect(created.status).toBe(303);
    const editPath = (created.location ?? "").replace("?saved=1", "");
    await coordinator.get(created.location ?? "");
    const noReason = await coordinator.post(`${editPath}/status`, { status: "active", reason: " " });
    expect(noReason.status).toBe(400);
    expect(noReason.html).toContain("Say why the status changes.");
    const changed = await coordinator.post(`${editPath}/status`, {
      status: "active",
      reason: "Admitted by the regional assembly",
    });
    expect(changed.status).toBe(303);
    const page = await coordinator.get(editPath);
    expect(page.html).toContain("Admitted by the regional assembly");
    expect(page.html).toMatch(/Observer<\/td><td>Active<\/td>/);

    const member = await signIn("member@europe.test");
    const list = await member.get("/admin/platforms");
    expect(list.html).toContain("Plateforme française");
    expect(list.html).not.toContain('action="/admin/platforms"');
    expect((await member.get(editPath)).status).toBe(403);
  });
});
