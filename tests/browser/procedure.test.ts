import { waitFor } from "@dynamo/testing";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addPerson, PASSWORD } from "../ballots/harness.ts";
import { type BallotNetwork, startBallotNetwork } from "../ballots/scenario.ts";
import { seed, waitForVersion } from "../procedure/support.ts";

/**
 * A member of Africa reads the international ROI in Portuguese on a phone-sized screen, proposes
 * an amendment with the page's form (no JavaScript) and follows its state as the hub's
 * secretariat decides, in Debian's headless Chromium against real nodes.
 */
let net: BallotNetwork;
let browser: Browser;
let member: string;

beforeAll(async () => {
  net = await startBallotNetwork({ hub: "127.0.0.63", europe: "127.0.0.64", africa: "127.0.0.65" });
  member = await addPerson(net.africa, { email: "ana@af.test", roles: ["member"], name: "Ana (Luanda)" });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync", "--no-first-run"],
  });
  const imported = await net.hub.api(
    "POST",
    "/api/rules/international/import",
    { markdown: { en: seed("international.en.md"), fr: seed("international.fr.md") } },
    net.secretariat,
  );
  if (imported.status !== 201) throw new Error(`importRules: ${imported.status} ${await imported.text()}`);
  await waitForVersion(net.africa, "international", 1);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await net?.close();
});

describe("the rules of procedure in the browser", () => {
  it("lets a member propose an amendment in Portuguese on a 390-pixel screen and follow its state", async () => {
    expect((await net.africa.api("PATCH", "/api/me", { locale: "pt" }, member)).status).toBe(200);
    const context = await browser.newContext({
      locale: "pt-PT",
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await page.goto(`${net.africa.origin}/login`);
    await page.locator("input[name=email]").fill(member);
    await page.locator("input[name=password]").fill(PASSWORD);
    await page.locator("form[action^='/login'] button[type=submit]").click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));

    await page.goto(`${net.africa.origin}/rules`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Regimentos internos");
    await page.getByRole("link", { name: "Regimento interno internacional" }).click();
    // The text has no Portuguese yet: each article says so and shows English instead.
    expect(await page.locator(".missing-language").first().textContent()).toBe(
      "Ainda não em português; mostrado em inglês",
    );
    expect(await page.locator("[data-version]").getAttribute("data-version")).toBe("1");
    // A permanent link per article, and nothing wider than the phone.
    expect(await page.locator("#art-3 h3 a").getAttribute("href")).toBe("#art-3");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await page.getByRole("link", { name: "Propor uma emenda" }).first().click();
    await page.waitForURL(/\/rules\/international\/amend$/);
    await page.getByLabel("Substituir a redação de um artigo").check();
    await page.getByLabel("Artigo", { exact: true }).selectOption("art-3");
    await page
      .getByLabel("Nova redação (português)")
      .fill("O Grupo Piloto Internacional é o órgão de decisão da Rede; reúne-se todos os anos, por rotação.");
    await page.getByLabel("Justificação").fill("Uma reunião anual reforça a participação das plataformas.");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole("button", { name: "Submeter a emenda" }).click();
    await page.waitForURL(/\/amendments\/[0-9a-f-]+\?notice=proposed/);
    expect(await page.getByRole("status").textContent()).toBe(
      "A sua emenda foi submetida. O seu estado é indicado abaixo.",
    );
    expect(await page.locator("[data-state]").getAttribute("data-state")).toBe("submitted");
    expect(await page.locator("[data-state]").textContent()).toContain("Submetida");
    // The word diff, in Portuguese: the new wording is all added (the article had none in Portuguese).
    expect(await page.locator(".diff ins").first().textContent()).toContain("reúne-se todos os anos");
    const id = new URL(page.url()).pathname.split("/").at(-1) ?? "";

    // The hub receives it and its secretariat finds it admissible: the member sees the new state.
    await waitFor(
      async () => (await net.hub.api("GET", `/api/amendments/${id}`, undefined, net.secretariat)).status === 200,
      {
        what: "the hub to receive the amendment",
        timeoutMs: 20_000,
      },
    );
    const decided = await net.hub.api(
      "POST",
      `/api/amendments/${id}/admissibility`,
      { admissible: true },
      net.secretariat,
    );
    expect(decided.status).toBe(200);
    await waitFor(
      async () => {
        await page.reload();
        return (await page.locator("[data-state]").getAttribute("data-state")) === "admissible";
      },
      { what: "the member to see the amendment admissible", timeoutMs: 20_000 },
    );
    expect(await page.locator("[data-state]").textContent()).toContain("Admissível");

    // A refusal is a translated page, and changes nothing: another member cannot withdraw it
    // (their page offers no button; sending the form anyway is refused).
    const other = await addPerson(net.africa, { email: "kofi@af.test", roles: ["member"] });
    expect((await net.africa.api("PATCH", "/api/me", { locale: "pt" }, other)).status).toBe(200);
    const otherContext = await browser.newContext({ locale: "pt-PT", viewport: { width: 390, height: 844 } });
    const otherPage = await otherContext.newPage();
    await otherPage.goto(`${net.africa.origin}/login`);
    await otherPage.locator("input[name=email]").fill(other);
    await otherPage.locator("input[name=password]").fill(PASSWORD);
    await otherPage.locator("form[action^='/login'] button[type=submit]").click();
    await otherPage.waitForURL((url) => !url.pathname.startsWith("/login"));
    await otherPage.goto(`${net.africa.origin}/amendments/${id}`);
    expect(await otherPage.getByRole("button", { name: "Retirar" }).count()).toBe(0);
    const csrf = otherPage.locator("form input[type=hidden]").first();
    const refused = await otherPage.request.post(`${net.africa.origin}/amendments/${id}/withdraw`, {
      form: { [(await csrf.getAttribute("name")) ?? ""]: await csrf.inputValue() },
      headers: { accept: "text/html" },
    });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain("Só o autor da emenda o pode fazer.");
    await otherContext.close();

    // The author withdraws it with the page's button.
    await page.getByRole("button", { name: "Retirar" }).click();
    await page.waitForURL(/notice=done/);
    expect(await page.locator("[data-state]").getAttribute("data-state")).toBe("withdrawn");
    await waitFor(
      async () =>
        (
          (await (await net.hub.api("GET", `/api/amendments/${id}`, undefined, net.secretariat)).json()) as {
            state: string;
          }
        ).state === "withdrawn",
      { what: "the hub to record the withdrawal", timeoutMs: 20_000 },
    );
    await context.close();
  }, 150_000);
});
