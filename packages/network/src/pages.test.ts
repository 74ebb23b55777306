import { outboxActivities, publications } from "@dynamo/federation";
import {
  addPerson,
  addTestTenant,
  createBrowser,
  createClock,
  createTestApp,
  PASSWORD,
  type TestApp,
} from "@dynamo/identity/testing";
import { createTestDatabase, type TestDatabase } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { networkArea } from "./area.ts";

let database: TestDatabase;
let app: TestApp;
const clock = createClock();
const HOST = "europe.test";

beforeAll(async () => {
  database = await createTestDatabase();
  const europe = await addTestTenant(database, "europe", "region", "EU");
  await addPerson(database, europe, "admin@europe.test", ["node_admin"], clock.now);
  await addPerson(database, europe, "coord@europe.test", ["regional_coordinator"], clock.now);
  await addPerson(database, europe, "member@europe.test", ["member"], clock.now);
  // The network's services without its workers: nothing is sent, what is written stays queued.
  app = createTestApp(database, { clock: clock.now, publicUrl: "http://europe.test", areas: [networkArea] });
});
afterAll(() => database.close());

async function signIn(email: string) {
  const browser = createBrowser(app, HOST);
  await browser.get("/login");
  const done = await browser.post("/login?next=%2F", { email, password: PASSWORD });
  expect(done.status).toBe(303);
  return browser;
}

describe("the network's pages", () => {
  it("let a coordinator publish in French, then show the article on its public page", async () => {
    const browser = await signIn("coord@europe.test");
    const form = await browser.get("/admin/publications");
    expect(form.status).toBe(200);
    expect(form.html).toContain('name="titles.pt"');
    const sent = await browser.post("/admin/publications", {
      kind: "statement",
      "titles.fr": "Déclaration de Bruxelles",
      "bodies.fr": "Premier paragraphe.\n\nSecond paragraphe.",
    });
    expect(sent.status).toBe(303);
    expect(sent.location).toBe("/admin/publications?done=1");

    const list = await createBrowser(app, HOST).get("/publications");
    expect(list.status).toBe(200);
    const href = /href="(\/publications\/[0-9a-f-]{36})"/.exec(list.html)?.[1];
    expect(href).toBeDefined();
    const page = await createBrowser(app, HOST).get(href ?? "");
    expect(page.status).toBe(200);
    expect(page.html).toContain('<article lang="fr">');
    expect(page.html).toContain("<p>Second paragraphe.</p>");
    // Written to the outbox in the same transaction; no peer yet, so no delivery.
    const outbox = await database.db.select().from(outboxActivities);
    expect(outbox.map((a) => [a.type, a.listed])).toContainEqual(["Create", true]);
  });

  it("shows a publication's problems per language and keeps what was typed", async () => {
    const browser = await signIn("coord@europe.test");
    await browser.get("/admin/publications");
    const sent = await browser.post("/admin/publications", { kind: "news", "titles.es": "Sin texto" });
    expect(sent.status).toBe(400);
    expect(sent.html).toContain("The text in Español is missing.");
    expect(sent.html).toContain('value="Sin texto"');
  });

  it("refuses a form without its CSRF token, and changes nothing", async () => {
    const browser = await signIn("coord@europe.test");
    await browser.get("/admin/publications");
    const before = (await database.db.select().from(publications)).length;
    const sent = await browser.post("/admin/publications", { "titles.en": "Forged", "bodies.en": "x" }, { csrf: null });
    expect(sent.status).toBe(403);
    expect((await database.db.select().from(publications)).length).toBe(before);
  });

  it("shows the peers page to a coordinator without the admin's forms, and refuses a member", async () => {
    const coordinator = await signIn("coord@europe.test");
    const page = await coordinator.get("/admin/peers");
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('action="/admin/peers"');
    expect((await coordinator.post("/admin/peers", { actor: "https://hub.example.org/ap/actors/hub" })).status).toBe(
      403,
    );
    const member = await signIn("member@europe.test");
    expect((await member.get("/admin/peers")).status).toBe(403);
    expect((await member.get("/admin/delivery")).status).toBe(403);
  });

  it("tells the admin when no actor answers at the address asked", async () => {
    const admin = await signIn("admin@europe.test");
    await admin.get("/admin/peers");
    const sent = await admin.post("/admin/peers", { actor: "http://127.0.0.1:9/ap/actors/hub" });
    expect(sent.status).toBe(400);
    expect(sent.html).toContain("No actor answers at http://127.0.0.1:9/ap/actors/hub.");
    const delivery = await admin.get("/admin/delivery");
    expect(delivery.status).toBe(200);
    expect(delivery.html).toContain("Nothing sent yet.");
  });
});
