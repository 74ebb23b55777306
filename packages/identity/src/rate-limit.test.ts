import { createTestDatabase, type TestDatabase } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOGIN_LIMITS } from "./services/rate-limit.ts";
import {
  addPerson,
  addTestTenant,
  api,
  createClock,
  createTestApp,
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
  for (const name of ["ana", "bo", "cy", "di"])
    await addPerson(database, europe, `${name}@europe.test`, ["member"], clock.now);
  app = createTestApp(database, { clock: clock.now, trustProxy: true });
});
afterAll(() => database.close());

const attempt = (email: string, password: string, address = "192.0.2.1") =>
  api(app, HOST, "POST", "/api/session", { body: { email, password }, headers: { "x-forwarded-for": address } });

describe("login rate limits", () => {
  it("lock an account after five failures, for a known and an unknown email alike, until the window ends", async () => {
    for (const email of ["ana@europe.test", "ghost@europe.test"]) {
      for (let i = 0; i < LOGIN_LIMITS.perAccount; i++)
        expect((await attempt(email, "wrong password here")).status).toBe(401);
      const locked = await attempt(email, PASSWORD);
      expect(locked.status).toBe(429);
      const retryAfter = Number(locked.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(await problemOf(locked)).toMatchObject({ type: "urn:dynamo:problem:rate-limited", status: 429 });
    }
    // Another account from another address is not affected.
    expect((await attempt("bo@europe.test", PASSWORD, "192.0.2.2")).status).toBe(200);
    clock.advance(LOGIN_LIMITS.windowMs);
    expect((await attempt("ana@europe.test", PASSWORD)).status).toBe(200);
  });

  it("forgets an account's failures after a successful login", async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAccount - 1; i++)
      await attempt("cy@europe.test", "wrong password here", "192.0.2.3");
    expect((await attempt("cy@europe.test", PASSWORD, "192.0.2.3")).status).toBe(200);
    for (let i = 0; i < LOGIN_LIMITS.perAccount - 1; i++)
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
