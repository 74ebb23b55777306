import { configureLogging } from "@dynamo/node";
import { createMemorySink, createTestDatabase, type TestDatabase } from "@dynamo/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addPerson,
  addTestTenant,
  api,
  createClock,
  createTestApp,
  loginToken,
  PASSWORD,
  type TestApp,
} from "./testing.ts";

/** Passwords and link tokens go in, and come out nowhere: not in logs, responses, audit or the database. */
const logs = createMemorySink();
let database: TestDatabase;
let app: TestApp;
const clock = createClock();
const HOST = "europe.test";
const NEW_PASSWORD = "the invited person's own secret phrase";
const WRONG_PASSWORD = "a wrong guess that must not be logged";
const RESET_PASSWORD = "after the reset, yet another phrase";

function rowsOf(result: unknown): Record<string, unknown>[] {
  return Array.isArray(result) ? result : (result as { rows: Record<string, unknown>[] }).rows;
}

beforeAll(async () => {
  await configureLogging({ level: "trace", json: true, sink: logs });
  database = await createTestDatabase();
  const europe = await addTestTenant(database, "europe", "region", "EU");
  await addPerson(database, europe, "admin@europe.test", ["node_admin"], clock.now);
  app = createTestApp(database, { clock: clock.now });
});
afterAll(() => database.close());

describe("secrets", () => {
  it("are never logged, returned, audited or stored in clear", async () => {
    const bodies: string[] = [];
    const keep = async (response: Response) => {
      bodies.push(await response.clone().text());
      return response;
    };
    await keep(
      await api(app, HOST, "POST", "/api/session", { body: { email: "admin@europe.test", password: WRONG_PASSWORD } }),
    );
    const admin = await loginToken(app, HOST, "admin@europe.test");
    // The inviter is given the link (that is its purpose); nothing else ever shows a token.
    const invited = await api(app, HOST, "POST", "/api/invitations", {
      token: admin,
      body: { email: "new@example.org", displayName: "New", roles: ["member"] },
    });
    const { person, link } = (await invited.json()) as { person: { id: string }; link: { url: string } };
    const invitationToken = new URL(link.url).searchParams.get("token") ?? "";
    // The join page carries the token in its form, for the same person who opened the link.
    expect((await app.request(link.url, { headers: { accept: "text/html" } })).status).toBe(200);
    await keep(
      await api(app, HOST, "POST", "/api/invitations/accept", {
        body: { token: invitationToken, password: NEW_PASSWORD },
      }),
    );
    const session = await loginToken(app, HOST, "new@example.org", NEW_PASSWORD);
    await keep(await api(app, HOST, "GET", "/api/me", { token: session }));
    const reset = (await (
      await api(app, HOST, "POST", `/api/members/${person.id}/password-reset`, { token: admin })
    ).json()) as {
      url: string;
    };
    const resetToken = new URL(reset.url).searchParams.get("token") ?? "";
    await keep(
      await api(app, HOST, "POST", "/api/password-reset", { body: { token: resetToken, password: RESET_PASSWORD } }),
    );
    await keep(await api(app, HOST, "GET", "/api/audit-events", { token: admin }));

    const secrets = [
      PASSWORD,
      NEW_PASSWORD,
      WRONG_PASSWORD,
      RESET_PASSWORD,
      invitationToken,
      resetToken,
      admin,
      session,
    ];
    const logText = logs.text();
    expect(logs.records.length).toBeGreaterThan(5);
    for (const secret of secrets) {
      expect(logText, "logs").not.toContain(secret);
      for (const body of bodies) expect(body, "responses").not.toContain(secret);
    }

    const dump = JSON.stringify(
      await Promise.all(
        ["audit_events", "people", "person_tokens", "sessions", "rate_limits"].map(async (table) =>
          rowsOf(await database.db.execute(sql.raw(`select * from ${table}`))),
        ),
      ),
    );
    for (const secret of secrets) expect(dump, "database").not.toContain(secret);
    const hashes = rowsOf(
      await database.db.execute(sql`select password_hash from people where password_hash is not null`),
    );
    expect(hashes.every((row) => String(row.password_hash).startsWith("$argon2id$"))).toBe(true);
  });
});
