import type { PersonId } from "@dynamo/core";
import { createPeopleRepo } from "@dynamo/identity";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson, type BallotNode, PASSWORD, startBallotNode } from "../ballots/harness.ts";

/**
 * The IPG secretariat's pages in Debian's headless Chromium, in French, without JavaScript, on a
 * phone's 390-pixel screen: it moves the edition one step, drafts the minutes in Markdown and
 * reads them rendered, raw HTML shown as text.
 */
let hub: BallotNode;
let browser: Browser;
let editionId = "";

beforeAll(async () => {
  hub = await startBallotNode({ kind: "hub", slug: "hub", address: "127.0.0.153" });
  await addPerson(hub, { email: "secretariat@hub.test", roles: ["ipg_secretariat"], name: "Secrétariat du GPI" });
  const people = createPeopleRepo(hub.database.db, hub.tenant.id);
  const secretariat = (await people.list()).find((p) => p.email === "secretariat@hub.test");
  await people.updateProfile(secretariat?.id as PersonId, { locale: "fr" }, new Date());
  const opened = await hub.api(
    "POST",
    "/api/ipg/editions",
    {
      year: 2026,
      continent: "AS",
      country: "NP",
      city: "Kathmandu",
      timeZone: "Asia/Kathmandu",
      startsAt: "2026-11-16T03:15:00Z",
      endsAt: "2026-11-20T11:15:00Z",
      capacity: 60,
    },
    "secretariat@hub.test",
  );
  expect(opened.status).toBe(201);
  editionId = ((await opened.json()) as { edition: { id: string } }).edition.id;
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
  await hub?.close();
});

const fitsTheScreen = async (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe("the IPG secretariat's documents on a phone", () => {
  it("moves the edition one step and drafts the minutes in French on a 390-pixel screen", {
    timeout: 90_000,
  }, async () => {
    const context = await browser.newContext({
      locale: "fr-FR",
      viewport: { width: 390, height: 844 },
      javaScriptEnabled: false,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${hub.origin}/login?next=${encodeURIComponent("/life/ipg")}`);
    await page.getByLabel("Adresse e-mail").fill("secretariat@hub.test");
    await page.getByLabel("Mot de passe").fill(PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForURL(`${hub.origin}/life/ipg`);
    expect(await page.locator("h1").textContent()).toBe("Groupe pilote international");
    await page.getByRole("button", { name: "Passer l'édition à : Convoqué" }).click();
    await page.waitForURL(/done=status/);
    expect(await page.getByRole("status").textContent()).toContain("Le statut de l'édition a changé");
    expect(await page.locator("[data-edition-status]").getAttribute("data-edition-status")).toBe("convened");
    expect(await fitsTheScreen(page)).toBe(true);

    await page.getByLabel("Type").selectOption("minutes");
    await page.getByLabel("Titre").fill("Procès-verbal du GPI 2026");
    await page
      .getByLabel("Texte (Markdown)")
      .fill("# Procès-verbal\n\nLe GPI s'est réuni à Katmandou.\n\n- Stratégie adoptée\n\n<b>gras</b>");
    await page.getByRole("button", { name: "Enregistrer le brouillon" }).click();
    await page.waitForURL(new RegExp(`/life/ipg/${editionId}/documents/[0-9a-f-]{36}\\?done=drafted$`));
    expect(await page.getByRole("status").textContent()).toContain("Le brouillon est enregistré.");
    const text = page.locator("article.document-text");
    expect(await text.locator("h1").textContent()).toBe("Procès-verbal");
    expect(await text.locator("li").textContent()).toBe("Stratégie adoptée");
    expect(await text.locator("b").count()).toBe(0);
    expect(await text.textContent()).toContain("<b>gras</b>");
    expect(await page.locator("[data-state]").first().textContent()).toContain("Brouillon");
    // The edition is not closed: the minutes cannot go to the vote yet, said in French, nothing changed.
    await page.getByRole("button", { name: "Soumettre au vote du GPI" }).click();
    expect(await page.locator("#main").textContent()).toContain(
      "Le procès-verbal est soumis au vote une fois l'édition clôturée.",
    );
    expect(await page.locator("[data-state]").first().getAttribute("data-state")).toBe("draft");
    expect(await fitsTheScreen(page)).toBe(true);
  });
});
