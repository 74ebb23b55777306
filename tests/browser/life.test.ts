import type { PersonId } from "@dynamo/core";
import { createPeopleRepo } from "@dynamo/identity";
import { waitFor } from "@dynamo/testing";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addPerson,
  addPlatform,
  type BallotNode,
  PASSWORD,
  peerWithHub,
  startBallotNode,
  waitForRoster,
} from "../ballots/harness.ts";

/**
 * The network life in Debian's headless Chromium, no JavaScript in the pages, on a phone's
 * 390-pixel screen: the Americas' coordinator records an advocacy action (it reaches the hub's
 * calendar); the Colombian platform's representative registers its delegation to the IPG in
 * Spanish and reads the hub's answer.
 */
let hub: BallotNode;
let americas: BallotNode;
let browser: Browser;

beforeAll(async () => {
  hub = await startBallotNode({ kind: "hub", slug: "hub", address: "127.0.0.80" });
  americas = await startBallotNode({ kind: "region", slug: "americas", address: "127.0.0.81", regionCode: "AM" });
  const co = await addPlatform(americas, "CO");
  await addPerson(americas, { email: "coord@americas.test", roles: ["regional_coordinator"] });
  await addPerson(americas, { email: "rep@co.test", roles: ["platform_representative"], platformId: co.id });
  await addPerson(hub, { email: "secretariat@hub.test", roles: ["ipg_secretariat"] });
  // The representative reads in Spanish (their profile's language, kept at login).
  const people = createPeopleRepo(americas.database.db, americas.tenant.id);
  const rep = (await people.list()).find((p) => p.email === "rep@co.test");
  await people.updateProfile(rep?.id as PersonId, { locale: "es" }, new Date());
  await peerWithHub(americas, hub);
  await waitForRoster(hub, ["CO"]);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await americas?.close();
  await hub?.close();
});

async function phone(
  locale: string,
  email: string,
  labels: { email: string; password: string; submit: string },
  next: string,
) {
  const context = await browser.newContext({ locale, viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${americas.origin}/login?next=${encodeURIComponent(next)}`);
  await page.getByLabel(labels.email).fill(email);
  await page.getByLabel(labels.password).fill(PASSWORD);
  await page.getByRole("button", { name: labels.submit }).click();
  await page.waitForURL(`${americas.origin}${next}`);
  return page;
}

const fitsTheScreen = async (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe("the network life on a phone", () => {
  it("a coordinator records an advocacy action on a 390-pixel screen", { timeout: 90_000 }, async () => {
    const page = await phone(
      "en-GB",
      "coord@americas.test",
      { email: "Email address", password: "Password", submit: "Log in" },
      "/life",
    );
    expect(await fitsTheScreen(page)).toBe(true);
    await page.getByLabel("What").selectOption("advocacy");
    await page.getByLabel("Title").fill("Street children's rights hearing");
    await page.getByLabel("Starts (local time at the venue)").fill("2027-04-12T09:00");
    await page.getByLabel("Ends (local time at the venue)").fill("2027-04-12T17:00");
    await page.getByLabel("Time zone of the venue").fill("America/Bogota");
    await page.getByLabel("Country").fill("CO");
    await page.getByLabel("City").fill("Bogotá");
    await page.getByLabel("Regional theme or need it answers").fill("Police violence against children in the street");
    await page.getByLabel("Number of people taking part").fill("35");
    // A bad time zone first: a translated error, nothing recorded, the form kept.
    await page.getByLabel("Time zone of the venue").fill("Mars/Olympus");
    await page.getByRole("button", { name: "Record and share with the network" }).click();
    expect(await page.locator("#main").textContent()).toContain("Unknown time zone");
    expect(await page.getByLabel("Title").inputValue()).toBe("Street children's rights hearing");
    await page.getByLabel("Time zone of the venue").fill("America/Bogota");
    await page.getByRole("button", { name: "Record and share with the network" }).click();
    await page.waitForURL(/\/life\?done=recorded/);
    expect(await page.getByRole("status").textContent()).toContain("recorded and shared");
    const card = page.locator("article", { hasText: "Street children's rights hearing" });
    expect(await card.textContent()).toContain("Advocacy action");
    await page.goto(`${americas.origin}/life?year=2027`);
    expect(await page.locator('[data-region="AM"]').textContent()).toContain("Advocacy actions: 1");
    expect(await fitsTheScreen(page)).toBe(true);
    // It reaches the hub's network calendar.
    await waitFor(
      async () => {
        const r = await hub.api("GET", "/api/events");
        const { events } = (await r.json()) as { events: { name: string; startsAt: string }[] };
        return (
          events.find((e) => e.name === "Street children's rights hearing")?.startsAt === "2027-04-12T14:00:00.000Z"
        );
      },
      { what: "the hub to get the advocacy action", timeoutMs: 30_000 },
    );
  });

  it("a representative registers the platform's delegation in Spanish and reads the hub's answer", {
    timeout: 90_000,
  }, async () => {
    const opened = await hub.api(
      "POST",
      "/api/ipg/editions",
      {
        year: 2028,
        continent: "AM",
        country: "CO",
        city: "Bogotá",
        timeZone: "America/Bogota",
        startsAt: "2028-05-01T13:00:00Z",
        endsAt: "2028-05-05T22:00:00Z",
        capacity: 40,
      },
      "secretariat@hub.test",
    );
    expect(opened.status).toBe(201);
    await waitFor(
      async () => {
        const r = await americas.api("GET", "/api/ipg/editions", undefined, "rep@co.test");
        return ((await r.json()) as { editions: unknown[] }).editions.length === 1;
      },
      { what: "the Americas to see the IPG", timeoutMs: 30_000 },
    );
    const page = await phone(
      "es-CO",
      "rep@co.test",
      { email: "Correo electrónico", password: "Contraseña", submit: "Entrar" },
      "/life/ipg",
    );
    expect(await page.locator("h1").textContent()).toBe("Grupo Piloto Internacional");
    expect(await fitsTheScreen(page)).toBe(true);
    await page.getByLabel("Representante").fill("Ana Gómez");
    await page.getByLabel("Suplente").fill("Luis Pérez");
    await page.getByLabel("Observadores (uno por línea)").fill("Marta Ríos");
    await page.getByLabel("English").check();
    await page.getByRole("button", { name: "Inscribir la delegación" }).click();
    await page.waitForURL(/done=sent/);
    expect(await page.getByRole("status").textContent()).toContain("Su delegación fue enviada al hub");
    // The hub answers (room left: pending for the secretariat), then accepts.
    const { editions } = (await (
      await hub.api("GET", "/api/ipg/editions", undefined, "secretariat@hub.test")
    ).json()) as {
      editions: { id: string; delegations: { id: string }[] }[];
    };
    const edition = editions[0];
    const delegation = await waitFor(
      async () => {
        const r = await hub.api("GET", "/api/ipg/editions", undefined, "secretariat@hub.test");
        const list = (await r.json()) as { editions: { delegations: { id: string; status: string }[] }[] };
        return list.editions[0]?.delegations[0];
      },
      { what: "the hub to get the delegation", timeoutMs: 30_000 },
    );
    const decided = await hub.api(
      "POST",
      `/api/ipg/editions/${edition?.id}/delegations/${delegation.id}/decision`,
      { decision: "accepted" },
      "secretariat@hub.test",
    );
    expect(decided.status).toBe(200);
    await waitFor(
      async () => {
        await page.reload();
        return (await page.locator('[data-delegation="CO"]').getAttribute("data-status")) === "accepted";
      },
      { what: "the representative's page to show the acceptance", timeoutMs: 30_000 },
    );
    expect(await page.locator('[data-delegation="CO"]').textContent()).toContain("Estado: Aceptada");
    expect(await fitsTheScreen(page)).toBe(true);
  });
});
