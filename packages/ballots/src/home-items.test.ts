import { randomUUID } from "node:crypto";
import type { CountryCode, PersonId, PlatformId, Tenant } from "@dynamo/core";
import { createPeopleRepo, createPlatformRepo } from "@dynamo/identity";
import {
  addPerson,
  addTestTenant,
  createBrowser,
  createClock,
  createTestApp,
  PASSWORD,
  type TestApp,
} from "@dynamo/identity/testing";
import { createTestDatabase, type TestDatabase, testDriver } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ballotsArea } from "./area.ts";
import { createBallotRepo } from "./db/ballots.ts";
import { createCastVoteRepo } from "./db/cast-votes.ts";
import type { BallotId } from "./domain/ids.ts";
import { defaultBallotRules } from "./domain/rules.ts";

let database: TestDatabase;
let app: TestApp;
const clock = createClock("2026-06-03T08:00:00Z");
const HOST = "europe.test";
let ballotId: string;
let platformId: PlatformId;
let europe: Tenant;

beforeAll(async () => {
  database = await createTestDatabase();
  europe = await addTestTenant(database, "europe", "region", "EU");
  const platform = await createPlatformRepo(database.db, europe.id).create(
    {
      id: randomUUID() as PlatformId,
      countryCode: "fr",
      names: { fr: "Plateforme française" },
      status: "active",
      joinedOn: "2017-09-15",
      contact: { email: null, phone: null, address: null, website: null },
    },
    { id: randomUUID(), reason: "founding member", changedBy: null },
    clock.now(),
  );
  platformId = platform.id;
  const representative = await addPerson(database, europe, "rep@europe.test", ["platform_representative"], clock.now);
  const membership = await createPeopleRepo(database.db, europe.id).updateMembership(
    representative.id as PersonId,
    { roles: ["platform_representative"], platformId, platformSeat: "representative" },
    clock.now(),
  );
  expect(membership.ok).toBe(true);
  await addPerson(database, europe, "member@europe.test", ["member"], clock.now);
  const ballots = createBallotRepo(database.db, europe.id);
  const received = await ballots.saveReceived({
    id: randomUUID() as BallotId,
    uri: "https://hub.test/ballots/budget-2027",
    title: { en: "Adopt the 2027 budget?", pt: "Adotar o orçamento de 2027?" },
    description: {},
    rules: { ...defaultBallotRules(), quorum: null },
    opensAt: new Date("2026-06-01T09:00:00Z"),
    closesAt: new Date("2026-06-08T09:00:00Z"),
    graceMs: 3_600_000,
    status: "open",
    electorate: null,
    createdAt: clock.now(),
    cancelReason: null,
    extensionMs: 0,
  });
  ballotId = received.id;
  app = createTestApp(database, { clock: clock.now, areas: [ballotsArea] });
}, 180_000);
afterAll(() => database?.close());

async function logIn(email: string) {
  const browser = createBrowser(app, HOST);
  await browser.get("/login");
  const done = await browser.post("/login", { email, password: PASSWORD });
  expect(done.location, "login without next lands on the home page").toBe("/");
  return browser;
}

describe(`a person's home, for ballots (${testDriver()})`, () => {
  it("lists an open ballot the representative's platform has not voted on, one tap from the vote", async () => {
    const representative = await logIn("rep@europe.test");
    const home = await representative.get("/");
    expect(home.status).toBe(200);
    expect(home.headers.get("cache-control")).toBe("no-store");
    expect(home.html).toContain("To do now");
    expect(home.html).toContain("Adopt the 2027 budget?");
    expect(home.html).toContain(`href="/ballots/${ballotId}"`);
    expect(home.html).toContain("your platform has not voted yet");
    expect(home.html).toContain('datetime="2026-06-08T09:00:00.000Z"');
    // The link leads to a page this person may open.
    expect((await representative.get(`/ballots/${ballotId}`)).status).toBe(200);
  });

  it("lists a vote held by proxy until it is cast, and the platform's own vote until it is cast", async () => {
    const ballots = createBallotRepo(database.db, europe.id);
    await ballots.setMandates(ballotId, [{ platformId: "de", holder: "fr" }], clock.now());
    const representative = await logIn("rep@europe.test");
    let home = await representative.get("/");
    expect(home.html).toContain("you hold the vote of DE by proxy");
    const votes = createCastVoteRepo(database.db, europe.id);
    const vote = (proxyFor: CountryCode | null) => ({
      id: randomUUID(),
      ballotId: ballotId as BallotId,
      platformId,
      proxyFor,
      personId: null,
      personName: "rep",
      choice: { kind: "abstain" as const },
      castBy:
        proxyFor === null
          ? { kind: "representative" as const }
          : { kind: "proxy" as const, holder: "fr" as CountryCode },
      activityUri: `https://europe.test/votes/${randomUUID()}`,
      signedAt: clock.now(),
      signed: null,
      status: "queued" as const,
    });
    await votes.add(vote(null));
    home = await representative.get("/");
    expect(home.html).not.toContain("your platform has not voted yet");
    expect(home.html).toContain("you hold the vote of DE by proxy");
    await votes.add(vote("de" as CountryCode));
    home = await representative.get("/");
    expect(home.html).not.toContain("Adopt the 2027 budget?");
    expect(home.html).toContain("Nothing awaits you right now.");
  });

  it("says what will appear on an empty home, in the reader's language", async () => {
    const member = await logIn("member@europe.test");
    const home = await member.get("/");
    expect(home.html).not.toContain("Adopt the 2027 budget?");
    expect(home.html).toContain("Nothing awaits you right now.");
    expect(home.html).toContain("What your roles ask of you will appear here");
    const representative = createBrowser(app, HOST);
    await representative.get("/locale/pt");
    await representative.get("/login");
    await representative.post("/login", { email: "rep@europe.test", password: PASSWORD });
    const inPortuguese = await representative.get("/");
    // Logged in from a Portuguese page with an English account: the home stays in Portuguese and
    // offers to keep it (the only item left once the platform voted).
    expect(inPortuguese.html).toContain('<html lang="pt">');
    expect(inPortuguese.html).toContain("A fazer agora");
    expect(inPortuguese.html).toContain('href="/me#language-offer"');
    expect(inPortuguese.html).toContain("Manter Português para a minha conta");
  });

  it("shows a visitor what the site is and where to log in", async () => {
    const visitor = createBrowser(app, HOST);
    const home = await visitor.get("/");
    expect(home.html).toContain('href="/login"');
    expect(home.html).not.toContain("To do now");
  });
});
