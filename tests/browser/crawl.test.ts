import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createIndicatorDefinitionRepo } from "@dynamo/reports";
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
import { ballotAt, HOUR, MINUTE } from "../ballots/scenario.ts";
import { seed, waitForVersion } from "../procedure/support.ts";

/**
 * Every role of a region and of the hub, on a 390×844 phone, follows every same-origin link it
 * reaches over a network with realistic data (an open ballot, a closed one with its result, a
 * report, peers, deliveries, audit entries, the rules of procedure, a pilot group): each page
 * fits the screen (no sideways scrolling), no link leads to a 403 or a 404, and axe-core finds
 * no accessibility violation. PGlite only, as every browser test: the pages do not depend on
 * the database engine, which the API and scenario tests cover on both.
 */
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const STATUS_CYCLE = "2024-2026";
const ACTIVITY_CYCLE = "2026";
/** How many distinct pages (by path pattern) one role may visit: keeps the crawl bounded. */
const MAX_PAGES = 30;

let hub: BallotNode;
let europe: BallotNode;
let browser: Browser;
const SECRETARIAT = "secretariat@hub.test";
const REP = "rep@be.test";

async function json<T>(response: Response, status: number, what: string): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

async function defineIndicator(node: BallotNode) {
  await createIndicatorDefinitionRepo(node.database.db, node.tenant.id).put(
    {
      key: "people-reached",
      version: 1,
      cycles: [STATUS_CYCLE, ACTIVITY_CYCLE],
      labels: { en: "People reached", fr: "Personnes rejointes" },
      unit: "people",
      aggregation: "sum",
      breakdown: { kind: "population-group" },
      sensitive: false,
      comparableWith: [],
    },
    new Date(),
  );
}

const sectionContent = {
  texts: {
    situation: { text: "Night outreach in three districts of Brussels and Liège.", sensitive: false },
    results: { text: "Two new street teams trained; a shelter opened with the municipality.", sensitive: false },
    difficulties: { text: "Police raids on children at the station.", sensitive: true },
  },
  indicators: [{ key: "people-reached", version: 1, total: 120, byCategory: { children: 40 } }],
  activities: [],
};

/** A report of Europe: opened by its coordinator, Belgium's section saved; if `approve`, submitted, approved and sent to the hub. */
async function report(kind: "status" | "activity", cycle: string, approve: boolean) {
  const due = new Date(Date.now() + 30 * 24 * HOUR).toISOString();
  const { report } = await json<{ report: { id: string; sections: { id: string; platformId: string }[] } }>(
    await europe.api("POST", "/api/reports", { kind, cycle, dueDate: due }, "coord@europe.test"),
    201,
    "createReport",
  );
  const reps: Record<string, string> = { [platforms.BE ?? ""]: REP, [platforms.FR ?? ""]: "rep@fr.test" };
  for (const section of report.sections) {
    const rep = reps[section.platformId];
    if (rep === undefined || (!approve && rep !== REP)) continue;
    const path = `/api/reports/${report.id}/sections/${section.id}`;
    await json(await europe.api("PUT", path, sectionContent, rep), 200, "saveReportSection");
    if (approve) await json(await europe.api("POST", `${path}/submit`, undefined, rep), 200, "submitReportSection");
  }
  if (!approve) return;
  const synthesis = {
    locale: "en",
    statements: [
      {
        text: "The region reached 120 people, 40 of them children.",
        sourceSectionIds: report.sections.map((s) => s.id),
        sensitive: false,
      },
    ],
  };
  await json(
    await europe.api("PUT", `/api/reports/${report.id}/synthesis`, synthesis, "coord@europe.test"),
    200,
    "synthesis",
  );
  for (const step of ["approve", "submit"])
    await json(
      await europe.api("POST", `/api/reports/${report.id}/${step}`, undefined, "coord@europe.test"),
      200,
      step,
    );
}

const platforms: Record<string, string> = {};

async function ballot(title: string, closesInMs: number) {
  const now = hub.now().getTime();
  const draft = await json<{ id: string; uri: string }>(
    await hub.api(
      "POST",
      "/api/ballots",
      {
        title: { en: title, fr: `${title} (fr)` },
        description: { en: "As presented by the technical team." },
        rules: {
          options: { kind: "yes-no" },
          majority: { kind: "simple" },
          abstentions: "excluded",
          blanks: "excluded",
          quorum: null,
          maxProxiesPerHolder: 1,
          substitutesAllowed: true,
          secrecy: "roll-call",
        },
        opensAt: new Date(now - MINUTE).toISOString(),
        closesAt: new Date(now + closesInMs).toISOString(),
        graceMinutes: 60,
      },
      SECRETARIAT,
    ),
    201,
    "createBallot",
  );
  await json(await hub.api("POST", `/api/ballots/${draft.id}/open`, undefined, SECRETARIAT), 200, "openBallot");
  const regional = await waitFor(
    async () => {
      const { ballots } = await json<{ ballots: { id: string; uri: string }[] }>(
        await europe.api("GET", "/api/ballots"),
        200,
        "listBallots",
      );
      return ballots.find((b) => b.uri === draft.uri)?.id;
    },
    { what: "Europe to receive the ballot", timeoutMs: 30_000 },
  );
  return { hubId: draft.id, europeId: regional };
}

async function vote(ballotId: string, email: string, optionId: "yes" | "no") {
  await json(
    await europe.api(
      "POST",
      `/api/ballots/${ballotId}/votes`,
      { choice: { kind: "options", optionIds: [optionId] } },
      email,
    ),
    202,
    "castVote",
  );
  await waitFor(
    async () => {
      const view = await ballotAt(europe, ballotId, email);
      return (view.votes ?? []).every((v) => v.status !== "queued");
    },
    { what: "the hub's receipt", timeoutMs: 30_000 },
  );
}

beforeAll(async () => {
  hub = await startBallotNode({ kind: "hub", slug: "hub", address: "127.0.0.90" });
  europe = await startBallotNode({ kind: "region", slug: "europe", address: "127.0.0.91", regionCode: "EU" });
  await peerWithHub(europe, hub);
  for (const code of ["BE", "FR"]) platforms[code] = (await addPlatform(europe, code)).id;
  await addPerson(europe, {
    email: REP,
    roles: ["platform_representative"],
    platformId: platforms.BE,
    name: "Ana (BE)",
  });
  await addPerson(europe, { email: "rep@fr.test", roles: ["platform_representative"], platformId: platforms.FR });
  await addPerson(europe, { email: "coord@europe.test", roles: ["regional_coordinator"], name: "Marta" });
  await addPerson(europe, { email: "member@europe.test", roles: ["member"], name: "Jo" });
  await addPerson(hub, { email: SECRETARIAT, roles: ["ipg_secretariat"], name: "IPG secretariat" });
  await addPerson(hub, { email: "team@hub.test", roles: ["technical_team"], name: "Technical team" });
  for (const node of [hub, europe]) await defineIndicator(node);
  await waitForRoster(hub, ["BE", "FR"]);

  // A ballot counted and closed, with its roll call, chain and Europe's verification.
  const closed = await ballot("Renew the technical team's mandate?", 10 * MINUTE);
  await vote(closed.europeId, "rep@fr.test", "yes");
  for (const node of [hub, europe]) node.advance(2 * HOUR);
  await waitFor(
    async () => {
      const view = await ballotAt(hub, closed.hubId, SECRETARIAT);
      return view.status === "closed" && view.verifiedBy === 1;
    },
    { what: "the closed ballot to be counted and verified", timeoutMs: 60_000 },
  );
  // A ballot open, where Belgium's vote was replaced by a later one.
  const open = await ballot("Admit the Dutch platform as a full member of the network?", HOUR);
  await vote(open.europeId, REP, "yes");
  await vote(open.europeId, REP, "no");

  // Europe's status report, approved and at the hub; its activity report being written.
  await report("status", STATUS_CYCLE, true);
  await report("activity", ACTIVITY_CYCLE, false);

  // An observer platform, joined after the reports were opened.
  await addPlatform(europe, "NL", "observer");

  // The international rules of procedure.
  await json(
    await hub.api(
      "POST",
      "/api/rules/international/import",
      { markdown: { en: seed("international.en.md"), fr: seed("international.fr.md") } },
      SECRETARIAT,
    ),
    201,
    "importRules",
  );
  await waitForVersion(europe, "international", 1);

  // A regional pilot group in the network's calendar.
  await json(
    await europe.api(
      "POST",
      "/api/events",
      {
        kind: "pilot-group",
        name: "Regional pilot group Europe 2027",
        startsAt: "2027-03-01T08:00:00Z",
        endsAt: "2027-03-05T16:00:00Z",
        timeZone: "Europe/Brussels",
        place: { country: "BE", city: "Brussels" },
        sessions: [{ day: 1, type: "exchange", title: "How the region works", objective: "reflect on how we work" }],
        objectives: ["advocacy calendar"],
      },
      "coord@europe.test",
    ),
    201,
    "pilot group",
  );
  await waitFor(
    async () => {
      const reports = await json<{ reports: unknown[] }>(
        await hub.api("GET", "/api/reports", undefined, "team@hub.test"),
        200,
        "listReports",
      );
      return reports.reports.length > 0;
    },
    { what: "Europe's report to reach the hub", timeoutMs: 30_000 },
  );

  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-sync", "--no-first-run"],
  });
}, 420_000);

afterAll(async () => {
  await browser?.close();
  await europe?.close();
  await hub?.close();
});

/** A path with its identifiers replaced, so that one page of each kind is visited. */
function pathPattern(path: string): string {
  return path
    .split("/")
    .map((part) =>
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(part)
        ? ":id"
        : /^[0-9a-f]{16,}$/i.test(part)
          ? ":hash"
          : /^\d+$/.test(part)
            ? ":n"
            : part,
    )
    .join("/");
}

/** Links not to follow: the API, downloads, the language switch, the federation's endpoints. */
const notAPage = (path: string) =>
  /^\/(api|ap|\.well-known|locale|assets|logout|nodeinfo|feeds?)(\/|$)/.test(path) ||
  /\.(pdf|ics|csv|json|xml|png|jpe?g|svg|css|js|txt|md)$/i.test(path);

interface Finding {
  role: string;
  path: string;
  what: string;
}

interface Visit {
  role: string;
  path: string;
  scrollWidth: number;
}

async function logIn(page: Page, origin: string, email: string) {
  await page.goto(`${origin}/login`);
  await page.locator("input[name=email]").fill(email);
  await page.locator("input[name=password]").fill(PASSWORD);
  await page.locator("form[action^='/login'] button[type=submit]").click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

const axeChecked = new Set<string>();

async function crawl(role: string, node: BallotNode, email: string, locale: string) {
  const findings: Finding[] = [];
  // Said as soon as found, so that a crawl cut short still tells what it saw.
  const report = (finding: Finding) => {
    findings.push(finding);
    console.info(`crawl finding: ${finding.role} ${finding.path}: ${finding.what}`);
  };
  const visits: Visit[] = [];
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale, bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(60_000);
  await logIn(page, node.origin, email);
  const origin = node.origin;
  const start = new URL(page.url()).pathname;
  const queue: { path: string; from: string }[] = [
    { path: start, from: "/login" },
    { path: "/", from: "(start)" },
  ];
  const seen = new Set<string>();
  while (queue.length > 0 && visits.length < MAX_PAGES) {
    const next = queue.shift();
    if (next === undefined) break;
    const pattern = pathPattern(new URL(next.path, origin).pathname);
    if (seen.has(pattern)) continue;
    seen.add(pattern);
    const response = await page.goto(`${origin}${next.path}`);
    const status = response?.status() ?? 0;
    if (status === 403 || status === 404 || status >= 500) {
      report({ role, path: next.path, what: `${status}, linked from ${next.from}` });
      continue;
    }
    if (new URL(page.url()).origin !== origin) continue;
    const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    visits.push({ role, path: next.path, scrollWidth });
    if (scrollWidth > 390) report({ role, path: next.path, what: `overflows: ${scrollWidth} px` });
    // axe-core once per kind of page and node (the slowest check): the same markup for every role.
    const axeKey = `${origin} ${pattern}`;
    if (!axeChecked.has(axeKey)) {
      axeChecked.add(axeKey);
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const axe = (globalThis as unknown as { axe: typeof import("axe-core") }).axe;
        const results = await axe.run(document, { resultTypes: ["violations"] });
        return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      });
      for (const violation of violations) report({ role, path: next.path, what: `axe ${violation}` });
    }
    // Audit actions and federation activities read in the reader's language, never as codes or JSON.
    const untranslated = await page.$$eval("[data-action], [data-activity-type]", (elements) =>
      elements
        .filter(
          (e) => e.textContent?.trim() === (e.getAttribute("data-action") ?? e.getAttribute("data-activity-type")),
        )
        .map((e) => e.textContent?.trim() ?? ""),
    );
    for (const code of new Set(untranslated)) report({ role, path: next.path, what: `untranslated ${code}` });
    if ((await page.locator("main").textContent())?.includes('{"'))
      report({ role, path: next.path, what: "raw JSON in the page" });
    const links = await page.$$eval("a[href]", (anchors) => anchors.map((a) => (a as HTMLAnchorElement).href));
    for (const href of links) {
      const url = new URL(href);
      if (url.origin !== origin || notAPage(url.pathname)) continue;
      if (!seen.has(pathPattern(url.pathname))) queue.push({ path: url.pathname + url.search, from: next.path });
    }
  }
  await context.close();
  return { findings, visits };
}

describe("every page as every role on a 390-pixel phone", () => {
  it("fits the screen, passes axe-core and links only to pages the reader may open", { timeout: 900_000 }, async () => {
    const roles: [string, BallotNode, string, string][] = [
      ["region node admin", europe, europe.adminEmail, "en-GB"],
      ["regional coordinator", europe, "coord@europe.test", "fr-BE"],
      ["platform representative", europe, REP, "pt-PT"],
      ["member", europe, "member@europe.test", "es-ES"],
      ["hub node admin", hub, hub.adminEmail, "en-GB"],
      ["IPG secretariat", hub, SECRETARIAT, "fr-FR"],
      ["hub technical team", hub, "team@hub.test", "en-GB"],
    ];
    const started = Date.now();
    // Two roles at a time: the nodes and Chromium share a small CI machine.
    const results: Awaited<ReturnType<typeof crawl>>[] = [];
    const pending = [...roles];
    await Promise.all(
      [0, 1].map(async () => {
        for (let next = pending.shift(); next !== undefined; next = pending.shift()) {
          const [role, node, email, locale] = next;
          results.push(await crawl(role, node, email, locale));
        }
      }),
    );
    const findings = results.flatMap((r) => r.findings);
    const visits = results.flatMap((r) => r.visits);
    console.info(
      `crawled ${visits.length} pages as ${roles.length} roles in ${Math.round((Date.now() - started) / 1000)} s`,
    );
    // Each role reached more than its landing page.
    for (const result of results) expect(result.visits.length).toBeGreaterThan(3);
    const widest = [...visits].sort((a, b) => b.scrollWidth - a.scrollWidth).slice(0, 5);
    console.info(`widest pages: ${widest.map((v) => `${v.role} ${v.path} ${v.scrollWidth} px`).join("; ")}`);
    expect(findings.map((f) => `${f.role} ${f.path}: ${f.what}`)).toEqual([]);
  });
});
