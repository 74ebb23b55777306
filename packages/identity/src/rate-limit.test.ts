import { createTestDatabase, type TestDatabase } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LINK_LIMIT, LOGIN_LIMITS, PASSWORD_CHANGE_LIMIT } from "./services/rate-limit.ts";
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
  for (const name of ["ana", "bo", "cy", "di", "ed"])
    await addPerson(database, europe, `${name}@europe.test`, ["member"], clock.now);
  await addPerson(database, europe, "coord@europe.test", ["regional_coordinator"], clock.now);
  app = createTestApp(database, { clock: clock.now, trustProxy: true });
});
afterAll(() => database.close());

const attempt = (email: string, password: string, address = "192.0.2.1") =>
  api(app, HOST, "POST", "/api/session", { body: { email, password }, headers: { "x-forwarded-for": address } });

describe("login rate limits", () => {
  it("hold back an address after five failures on one account, for a known and an unknown email alike, until the window ends", async () => {
    for (const email of ["ana@europe.test", "ghost@europe.test"]) {
      for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress; i++)
        expect((await attempt(email, "wrong password here")).status).toBe(401);
      const held = await attempt(email, PASSWORD);
      expect(held.status).toBe(429);
      const retryAfter = Number(held.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(await problemOf(held)).toMatchObject({ type: "urn:dynamo:problem:rate-limited", status: 429 });
    }
    // Another account from another address is not affected.
    expect((await attempt("bo@europe.test", PASSWORD, "192.0.2.2")).status).toBe(200);
    clock.advance(LOGIN_LIMITS.windowMs);
    expect((await attempt("ana@europe.test", PASSWORD)).status).toBe(200);
  });

  it("never lets a stranger lock the owner out: the owner's right password from another address still opens a session", async () => {
    clock.advance(LOGIN_LIMITS.windowMs);
    // Strangers from many addresses, each up to its own limit, past the account-wide one.
    let failures = 0;
    for (let n = 1; failures < LOGIN_LIMITS.perAccount; n++) {
      for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress && failures < LOGIN_LIMITS.perAccount; i++, failures++)
        expect((await attempt("bo@europe.test", "wrong password here", `198.18.0.${n}`)).status).toBe(401);
    }
    // A stranger's address that already failed is held back, even with a fresh try on the account...
    expect((await attempt("bo@europe.test", "another guess here", "198.18.0.1")).status).toBe(429);
    // ...and so is one that failed only once, now that the account is under attack.
    expect((await attempt("bo@europe.test", "wrong password here", "198.18.1.1")).status).toBe(401);
    expect((await attempt("bo@europe.test", "another guess here", "198.18.1.1")).status).toBe(429);
    // The owner, from their own address, gets in.
    expect((await attempt("bo@europe.test", PASSWORD, "192.0.2.77")).status).toBe(200);
  });

  it("limits wrong current passwords when changing it: a stolen session cannot guess", async () => {
    clock.advance(LOGIN_LIMITS.windowMs);
    const token = await loginToken(app, HOST, "ed@europe.test");
    const change = (currentPassword: string) =>
      api(app, HOST, "POST", "/api/me/password", {
        token,
        body: { currentPassword, newPassword: "a brand new passphrase 2026" },
      });
    for (let i = 0; i < PASSWORD_CHANGE_LIMIT.attempts; i++)
      expect((await change(`wrong guess number ${i}`)).status).toBe(400);
    const held = await change(PASSWORD);
    expect(held.status).toBe(429);
    expect(Number(held.headers.get("retry-after"))).toBeGreaterThan(0);
    clock.advance(PASSWORD_CHANGE_LIMIT.windowMs);
    expect((await change(PASSWORD)).status).toBe(200);
  });

  it("forgets an account's failures after a successful login", async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress - 1; i++)
      await attempt("cy@europe.test", "wrong password here", "192.0.2.3");
    expect((await attempt("cy@europe.test", PASSWORD, "192.0.2.3")).status).toBe(200);
    for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress - 1; i++)
      expect((await attempt("cy@europe.test", "wrong password here", "192.0.2.3")).status).toBe(401);
    expect((await attempt("cy@europe.test", PASSWORD, "192.0.2.3")).status).toBe(200);
  });

  it("limits one client address trying many accounts", async () => {
    clock.advance(LOGIN_LIMITS.windowMs);
    for (let i = 0; i < LOGIN_LIMITS.perAddress; i++)
      expect((await attempt(`guess${i}@europe.test`, "wrong password here", "198.51.100.7")).status).toBe(401);
    expect((await attempt("di@europe.test", PASSWORD, "198.51.100.7")).status).toBe(429);
    // Only the address the trusted proxy saw counts: a client cannot pick its own by prepending one.
    expect((await attempt("di@europe.test", PASSWORD, "203.0.113.9, 198.51.100.7")).status).toBe(429);
    expect((await attempt("di@europe.test", PASSWORD, "198.51.100.8")).status).toBe(200);
  });
});

describe("link rate limits", () => {
  it("hold back an address guessing invitation and reset links, never the invited person from elsewhere", async () => {
    clock.advance(LOGIN_LIMITS.windowMs);
    const coordinator = await loginToken(app, HOST, "coord@europe.test");
    const invited = await api(app, HOST, "POST", "/api/invitations", {
      token: coordinator,
      body: { email: "new@europe.test", displayName: "New Person", roles: ["member"], locale: "pt" },
    });
    expect(invited.status).toBe(201);
    const { link } = (await invited.json()) as { link: { url: string } };
    const token = new URL(link.url).searchParams.get("token") ?? "";
    const guess = (path: string, guessed: string, address = "203.0.113.9") =>
      api(app, HOST, "POST", path, {
        body: { token: guessed, password: "a guesser's long password" },
        headers: { "x-forwarded-for": address },
      });
    for (let i = 0; i < LINK_LIMIT.attempts; i++) {
      const path = i % 2 === 0 ? "/api/invitations/accept" : "/api/password-reset";
      expect((await guess(path, `guessed-token-number-${i}-${"x".repeat(30)}`)).status).toBe(404);
    }
    // The guesser is held back now, even with the right token...
    const held = await guess("/api/invitations/accept", token);
    expect(held.status).toBe(429);
    expect(Number(held.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await problemOf(held)).toMatchObject({ type: "urn:dynamo:problem:rate-limited", status: 429 });
    // ...and the invitation is still unused: the invited person, from their own address, joins.
    const joined = await api(app, HOST, "POST", "/api/invitations/accept", {
      body: { token, password: "the invited person's own passphrase" },
      headers: { "x-forwarded-for": "192.0.2.200" },
    });
    expect(joined.status).toBe(200);
    clock.advance(LINK_LIMIT.windowMs);
    expect((await guess("/api/password-reset", "another-guess-after-the-window-".padEnd(43, "y"))).status).toBe(404);
  });
});
