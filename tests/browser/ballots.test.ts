import { waitFor } from "@dynamo/testing";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD } from "../ballots/harness.ts";
import { type BallotNetwork, openBallot, startBallotNetwork } from "../ballots/scenario.ts";

/**
 * A platform's representative logs in to their region's node, votes on an open IPG ballot and
 * sees the hub's receipt, in Debian's headless Chromium against real nodes: no JavaScript is
 * needed by the pages.
 */
let net: BallotNetwork;
let browser: Browser;

beforeAll(async () => {
  net = await startBallotNetwork({ hub: "127.0.0.50", europe: "127.0.0.51", africa: "127.0.0.52" });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync", "--no-first-run"],
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await net?.close();
});

describe("voting in the browser", () => {
  it("lets a representative log in, vote and see the hub's receipt", async () => {
    const ballot = await openBallot(net, { title: "Adopt the 2027 budget?" });
    const context = await browser.newContext({ locale: "en-GB" });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);

    await page.goto(`${net.europe.origin}/ballots`);
    await page.waitForURL(/\/login/);
    await page.getByLabel("Email address").fill(net.rep.BE);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.goto(`${net.europe.origin}/ballots`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("IPG ballots");
    await page.getByRole("link", { name: "Adopt the 2027 budget?" }).click();
    await page.waitForURL(`${net.europe.origin}/ballots/${ballot.europeId}`);
    expect(await page.locator("[data-phase]").getAttribute("data-phase")).toBe("voting");

    await page.getByRole("radio", { name: "Yes" }).check();
    await page.getByRole("button", { name: "Cast the vote" }).click();
    await page.waitForURL(/\/ballots\/[0-9a-f-]+\/votes\/[0-9a-f-]+/);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Vote receipt");
    expect(await page.getByRole("status").textContent()).toContain("on its way to the hub");

    await waitFor(
      async () => {
        await page.reload();
        return (await page.locator("[data-status]").getAttribute("data-status")) === "delivered";
      },
      { what: "the hub's receipt to show", timeoutMs: 20_000 },
    );
    expect(await page.locator("[data-status]").textContent()).toBe("Received by the hub");
    expect(await page.locator("[data-receipt]").textContent()).toMatch(/^[0-9a-f]{64}$/);
    await context.close();
  }, 120_000);

  it("lets a representative give their platform's vote to a platform of another region, whose representative casts it", async () => {
    const ballot = await openBallot(net, { title: "Admit a new platform?" });
    // Each representative reads the pages in the language of their profile.
    const logIn = async (node: typeof net.europe, email: string, locale: "fr" | "es") => {
      const origin = node.origin;
      expect((await node.api("PATCH", "/api/me", { locale }, email)).status).toBe(200);
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${origin}/login`);
      await page.locator("input[name=email]").fill(email);
      await page.locator("input[name=password]").fill(PASSWORD);
      await page.locator("form[action^='/login'] button[type=submit]").click();
      await page.waitForURL((url) => !url.pathname.startsWith("/login"));
      return { context, page };
    };

    // France's representative, reading in French, gives the vote to Cameroon (Africa).
    const france = await logIn(net.europe, net.rep.FR, "fr");
    await france.page.goto(`${net.europe.origin}/ballots/${ballot.europeId}`);
    expect(await france.page.locator("#proxy-heading").textContent()).toBe("Procuration");
    expect(await france.page.locator("[data-proxy] p").first().textContent()).toContain(
      "au plus 1 procuration dans ce scrutin",
    );
    // Nothing is chosen for the representative, and giving the vote asks to confirm.
    expect(await france.page.getByLabel("Confier notre voix à").inputValue()).toBe("");
    await france.page.getByLabel("Confier notre voix à").selectOption("CM");
    // Past the browser's own check (a form replayed without the box ticked): refused, in French.
    await france.page.locator("input[name=confirm]").evaluate((box) => box.removeAttribute("required"));
    await france.page.getByRole("button", { name: "Donner procuration" }).click();
    expect(await france.page.locator("#main").textContent()).toContain("Cochez la case pour confirmer");
    await france.page.goBack();
    await france.page.getByLabel("Confier notre voix à").selectOption("CM");
    await france.page.getByLabel(/Je confirme/).check();
    await france.page.getByRole("button", { name: "Donner procuration" }).click();
    await france.page.waitForURL(/notice=delegated/);
    // The hub's receipt and its updated Question (the mandates in force) are two messages that
    // may arrive in either order: wait for both.
    await waitFor(
      async () => {
        await france.page.reload();
        const status = await france.page
          .locator("[data-delegation-status]")
          .first()
          .getAttribute("data-delegation-status");
        const mandate = await france.page.locator("[data-mandate]").getAttribute("data-mandate");
        return status === "accepted" && mandate !== "";
      },
      { what: "the hub to accept France's proxy and announce it", timeoutMs: 20_000 },
    );
    expect(await france.page.locator("[data-mandate]").getAttribute("data-mandate")).toBe("CM");

    // Cameroon's representative, reading in Spanish, sees the vote it holds and casts it.
    const cameroon = await logIn(net.africa, net.rep.CM, "es");
    await waitFor(
      async () => {
        await cameroon.page.goto(`${net.africa.origin}/ballots/${ballot.africaId}`);
        return (await cameroon.page.locator("[data-held]").count()) === 1;
      },
      { what: "Africa to show Cameroon the vote it holds", timeoutMs: 20_000 },
    );
    const held = cameroon.page.locator("[data-held] form");
    await held.getByRole("radio", { name: "No", exact: true }).check();
    await held.getByRole("button").click();
    await cameroon.page.waitForURL(/\/ballots\/[0-9a-f-]+\/votes\/[0-9a-f-]+/);
    expect(await cameroon.page.locator("dd", { hasText: "por poder para" }).textContent()).toContain("Francia");
    await waitFor(
      async () => {
        await cameroon.page.reload();
        return (await cameroon.page.locator("[data-status]").getAttribute("data-status")) === "delivered";
      },
      { what: "the hub to accept Cameroon's vote for France", timeoutMs: 20_000 },
    );
    await france.context.close();
    await cameroon.context.close();
  }, 120_000);

  it("fits a 390-pixel phone: the vote receipt, and a closed ballot's result, roll call and chain at the region and at the hub", async () => {
    const ballot = await openBallot(net, { title: "Renew the technical team's mandate?", closesInMs: 10 * 60_000 });
    expect(
      (
        await net.europe.api(
          "POST",
          `/api/ballots/${ballot.europeId}/votes`,
          { choice: { kind: "options", optionIds: ["yes"] } },
          net.rep.FR,
        )
      ).status,
    ).toBe(202);
    const { votes } = (await (
      await net.europe.api("GET", `/api/ballots/${ballot.europeId}`, undefined, net.rep.FR)
    ).json()) as {
      votes: { id: string; status: string }[];
    };
    await waitFor(
      async () => {
        const view = (await (
          await net.europe.api("GET", `/api/ballots/${ballot.europeId}`, undefined, net.rep.FR)
        ).json()) as {
          votes: { status: string }[];
        };
        return view.votes[0]?.status === "delivered";
      },
      { what: "France's vote to reach the hub", timeoutMs: 20_000 },
    );
    net.advanceAll(2 * 60 * 60_000);
    await waitFor(
      async () => {
        const view = (await (
          await net.hub.api("GET", `/api/ballots/${ballot.hubId}`, undefined, net.secretariat)
        ).json()) as {
          status: string;
          verifiedBy?: number;
        };
        return view.status === "closed" && view.verifiedBy === 2;
      },
      { what: "the ballot to be counted and verified", timeoutMs: 30_000 },
    );

    const phone = async (node: typeof net.europe, email: string, paths: string[]) => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "pt-PT" });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      await page.goto(`${node.origin}/login`);
      await page.locator("input[name=email]").fill(email);
      await page.locator("input[name=password]").fill(PASSWORD);
      await page.locator("form[action^='/login'] button[type=submit]").click();
      await page.waitForURL((url) => !url.pathname.startsWith("/login"));
      for (const path of paths) {
        await page.goto(`${node.origin}${path}`);
        const widths = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          viewport: window.innerWidth,
        }));
        expect(widths.scroll, `${path} scrolls sideways on a phone`).toBeLessThanOrEqual(widths.viewport);
      }
      await context.close();
    };
    await phone(net.europe, net.rep.FR, [
      `/ballots/${ballot.europeId}`,
      `/ballots/${ballot.europeId}/votes/${votes[0]?.id ?? ""}`,
    ]);
    await phone(net.hub, net.secretariat, [`/ballots/${ballot.hubId}`, "/ballots"]);
  }, 120_000);
});
