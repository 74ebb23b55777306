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
} from "@dynamo/identity/testing";
import { createTestDatabase, type TestDatabase, testDriver } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ballotsArea } from "./area.ts";

let database: TestDatabase;
const clock = createClock("2026-06-01T08:00:00Z");
const HOST = "hub.test";
let app: TestApp;
let secretariat: string;
let technical: string;

const draft = (overrides: Record<string, unknown> = {}) => ({
  title: { en: "Adopt the 2027 budget?", fr: "Adopter le budget 2027 ?" },
  opensAt: "2026-06-01T09:00:00Z",
  closesAt: "2026-06-08T09:00:00Z",
  graceMinutes: 60,
  ...overrides,
});

beforeAll(async () => {
  database = await createTestDatabase();
  const hub = await addTestTenant(database, "hub", "hub");
  await addPerson(database, hub, "ipg@hub.test", ["ipg_secretariat"], clock.now);
  await addPerson(database, hub, "tech@hub.test", ["technical_team"], clock.now);
  // A hub peered with no region: drafting works, opening needs the network.
  app = createTestApp(database, { kind: "hub", clock: clock.now, areas: [ballotsArea] });
  secretariat = await loginToken(app, HOST, "ipg@hub.test");
  technical = await loginToken(app, HOST, "tech@hub.test");
});
afterAll(async () => {
  await database?.close();
});

describe(`the ballots API at the hub (${testDriver()})`, () => {
  it("lets the IPG secretariat draft a ballot, and nobody else", async () => {
    const anonymous = await api(app, HOST, "POST", "/api/ballots", { body: draft() });
    expect(anonymous.status).toBe(401);
    const forbidden = await api(app, HOST, "POST", "/api/ballots", { token: technical, body: draft() });
    expect((await problemOf(forbidden)).type).toBe("urn:dynamo:problem:forbidden");

    const created = await api(app, HOST, "POST", "/api/ballots", { token: secretariat, body: draft() });
    expect(created.status).toBe(201);
    const ballot = (await created.json()) as { id: string; status: string; phase: string; rules: { secrecy: string } };
    expect(ballot).toMatchObject({ status: "draft", phase: "draft", rules: { secrecy: "roll-call" } });
    // Drafts are the secretariat's work in progress, but the hub's roles may read the list.
    const listed = await api(app, HOST, "GET", "/api/ballots", { token: technical });
    expect(((await listed.json()) as { ballots: { id: string }[] }).ballots.map((b) => b.id)).toContain(ballot.id);
  });

  it("refuses a draft that closes before it opens, naming the field", async () => {
    const response = await api(app, HOST, "POST", "/api/ballots", {
      token: secretariat,
      body: draft({ closesAt: "2026-06-01T08:00:00Z", title: {} }),
      headers: { "accept-language": "fr" },
    });
    const problem = await problemOf(response);
    expect(problem.status).toBe(400);
    expect(problem.errors?.map((e) => [e.pointer, e.code])).toEqual([
      ["/title", "no-question"],
      ["/closesAt", "closes-before-opens"],
    ]);
    expect(problem.errors?.[1]?.message).toBe("La clôture doit suivre l'ouverture.");
  });

  it("refuses an option named like abstaining or voting blank, in the reader's language", async () => {
    const response = await api(app, HOST, "POST", "/api/ballots", {
      token: secretariat,
      body: draft({
        rules: {
          options: {
            kind: "custom",
            options: [
              { id: "lima", label: { es: "Lima" } },
              { id: "otra", label: { es: "ABSTENCIÓN" } },
            ],
            choice: { kind: "single" },
          },
          majority: { kind: "simple" },
          abstentions: "excluded",
          blanks: "excluded",
          quorum: null,
          maxProxiesPerHolder: 1,
          substitutesAllowed: true,
          secrecy: "roll-call",
        },
      }),
      headers: { "accept-language": "es" },
    });
    const problem = await problemOf(response);
    expect(problem.status).toBe(400);
    expect(problem.errors?.map((e) => [e.pointer, e.code])).toEqual([["/rules/options", "built-in-option-label"]]);
    expect(problem.errors?.[0]?.message).toContain("«ABSTENCIÓN»");
  });

  it("refuses a title or description past its length, and drafts nothing", async () => {
    const before = (await (await api(app, HOST, "GET", "/api/ballots", { token: secretariat })).json()) as {
      ballots: unknown[];
    };
    const response = await api(app, HOST, "POST", "/api/ballots", {
      token: secretariat,
      body: draft({ title: { en: "t".repeat(301) }, description: { en: "d".repeat(900_000) } }),
    });
    const problem = await problemOf(response);
    expect(problem.status).toBe(400);
    expect(problem.errors?.map((e) => e.pointer)).toEqual(["/title/en", "/description/en"]);
    const after = (await (await api(app, HOST, "GET", "/api/ballots", { token: secretariat })).json()) as {
      ballots: unknown[];
    };
    expect(after.ballots.length).toBe(before.ballots.length);
  });

  it("opens nothing without the network, and cancels with a reason once", async () => {
    const { id } = (await (
      await api(app, HOST, "POST", "/api/ballots", { token: secretariat, body: draft() })
    ).json()) as {
      id: string;
    };
    const opened = await api(app, HOST, "POST", `/api/ballots/${id}/open`, { token: secretariat });
    expect((await problemOf(opened)).type).toBe("urn:dynamo:problem:ballot-not-peered");
    const noReason = await api(app, HOST, "POST", `/api/ballots/${id}/cancel`, {
      token: secretariat,
      body: { reason: " " },
    });
    expect((await problemOf(noReason)).errors?.[0]?.code).toBe("reason-required");
    const cancelled = await api(app, HOST, "POST", `/api/ballots/${id}/cancel`, {
      token: secretariat,
      body: { reason: "Text to be revised" },
    });
    expect(await cancelled.json()).toMatchObject({ status: "cancelled", cancelReason: "Text to be revised" });
    const again = await api(app, HOST, "POST", `/api/ballots/${id}/cancel`, {
      token: secretariat,
      body: { reason: "x" },
    });
    expect(await problemOf(again)).toMatchObject({ status: 409, reason: "already-ended" });
    const inRoom = await api(app, HOST, "POST", `/api/ballots/${id}/in-room-votes`, {
      token: secretariat,
      body: { platformId: "BE", choice: { kind: "abstain" } },
    });
    expect((await problemOf(inRoom)).type).toBe("urn:dynamo:problem:ballot-closed");
  });

  it("answers 404 for another ballot id, and a voter's routes are nobody's at the hub", async () => {
    const missing = await api(app, HOST, "GET", "/api/ballots/00000000-0000-4000-8000-000000000000", {
      token: technical,
    });
    expect(missing.status).toBe(404);
    const vote = await api(app, HOST, "POST", "/api/ballots/00000000-0000-4000-8000-000000000000/votes", {
      token: secretariat,
      body: { choice: { kind: "abstain" } },
    });
    expect(vote.status).toBe(403);
  });

  it("renders the secretariat's pages: the draft form, and a draft with its open and cancel forms", async () => {
    const html = { accept: "text/html", "accept-language": "es" };
    const form = await api(app, HOST, "GET", "/ballots/new", { token: secretariat, headers: html });
    expect(form.status).toBe(200);
    expect(await form.text()).toContain("Preparar una votación");
    const { id } = (await (
      await api(app, HOST, "POST", "/api/ballots", { token: secretariat, body: draft() })
    ).json()) as {
      id: string;
    };
    const page = await (await api(app, HOST, "GET", `/ballots/${id}`, { token: secretariat, headers: html })).text();
    expect(page).toContain('data-phase="draft"');
    expect(page).toContain("Abrir la votación");
    expect(page).toContain("Anular la votación");
    const readOnly = await (await api(app, HOST, "GET", `/ballots/${id}`, { token: technical, headers: html })).text();
    expect(readOnly).not.toContain("Abrir la votación");
  });

  it("drafts from the form a ballot with its own options, multiple choice, and proxy and substitute rules; refuses options that differ between languages", async () => {
    const browser = createBrowser(app, HOST);
    await browser.get("/login");
    expect((await browser.post("/login?next=%2Fballots", { email: "ipg@hub.test", password: PASSWORD })).status).toBe(
      303,
    );
    const form = await browser.get("/ballots/new");
    expect(form.html).toContain('name="options.fr"');
    const fields = {
      "title.en": "Choose the themes of the 2027 forum",
      "title.fr": "Choisir les thèmes du forum 2027",
      "options.en": "Street children\nMigration\nHousing",
      "options.fr": "Enfants des rues\r\nMigration\r\nLogement\r\n",
      choice: "multiple",
      maxChoices: "2",
      majority: "simple",
      quorum: "none",
      secrecy: "roll-call",
      maxProxiesPerHolder: "2",
      opensAt: "2026-06-01T09:00",
      closesAt: "2026-06-08T09:00",
      graceMinutes: "60",
    };
    const before = (
      (await (await api(app, HOST, "GET", "/api/ballots", { token: secretariat })).json()) as {
        ballots: unknown[];
      }
    ).ballots.length;

    const mismatch = await browser.post("/ballots", { ...fields, "options.fr": "Enfants des rues\nMigration" });
    expect(mismatch.status).toBe(400);
    expect(mismatch.html).toContain("Every language that lists options must list as many, in the same order.");
    const proxies = await browser.post("/ballots", { ...fields, maxProxiesPerHolder: "-3" });
    expect(proxies.status).toBe(400);
    expect(proxies.html).toContain('id="field-maxProxiesPerHolder-error"');
    // A second "Abstain", in any language and case, is refused: every ballot already offers it.
    const abstain = await browser.post("/ballots", {
      ...fields,
      "options.en": "Street children\nMigration\nABSTAIN",
      "options.fr": "Enfants des rues\nMigration\nAbstention",
    });
    expect(abstain.status).toBe(400);
    expect(abstain.html).toContain("like a choice every ballot already offers");
    const after = (
      (await (await api(app, HOST, "GET", "/api/ballots", { token: secretariat })).json()) as {
        ballots: unknown[];
      }
    ).ballots.length;
    expect(after).toBe(before);

    const created = await browser.post("/ballots", fields);
    expect(created.status).toBe(303);
    const id = /\/ballots\/([0-9a-f-]{36})/.exec(created.location ?? "")?.[1];
    const ballot = (await (await api(app, HOST, "GET", `/api/ballots/${id}`, { token: secretariat })).json()) as {
      rules: Record<string, unknown>;
    };
    expect(ballot.rules).toMatchObject({
      options: {
        kind: "custom",
        options: [
          { id: "option-1", label: { en: "Street children", fr: "Enfants des rues" } },
          { id: "option-2", label: { en: "Migration", fr: "Migration" } },
          { id: "option-3", label: { en: "Housing", fr: "Logement" } },
        ],
        choice: { kind: "multiple", maxChoices: 2 },
      },
      quorum: null,
      maxProxiesPerHolder: 2,
      substitutesAllowed: false,
    });
  });
});
