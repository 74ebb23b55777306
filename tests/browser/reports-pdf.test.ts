import { waitFor } from "@dynamo/testing";
import { createChromiumPdfRenderer, type PdfRenderer } from "@dynamo/web";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addPerson,
  addPlatform,
  defineIndicators,
  expectStatus,
  indicatorDefinition,
  peerWithHub,
  type ReportNode,
  startReportNode,
} from "../reports/harness.ts";

/**
 * The PDF edition through the real routes, printed by the real renderer with Debian's headless
 * Chromium: a region's report at the region, and the hub's consolidated report of the cycle once
 * the region's signed report reached it over real HTTP. A node without a renderer, or whose
 * Chromium will not run, answers a translated 503 and keeps serving.
 */
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const CYCLE = "2024-2026";
const DEFINITIONS = [
  indicatorDefinition({
    key: "people-reached",
    cycles: [CYCLE],
    labels: { en: "People reached" },
    breakdown: { kind: "population-group" },
  }),
];

let hub: ReportNode;
let printer: PdfRenderer;
let europe: ReportNode;
let reportId = "";

beforeAll(async () => {
  const working = createChromiumPdfRenderer(CHROMIUM);
  printer = working;
  // The hub prints through whichever renderer the test puts in place.
  const pdf: PdfRenderer = (html, base) => printer(html, base);
  hub = await startReportNode({ kind: "hub", slug: "hub", address: "127.0.0.80" }, { pdf });
  europe = await startReportNode({ kind: "region", slug: "europe", address: "127.0.0.81", regionCode: "EU" }, { pdf });
  for (const node of [hub, europe]) await defineIndicators(node, DEFINITIONS);
  const be = await addPlatform(europe, "BE");
  await addPerson(europe, { email: "coord@europe.test", roles: ["regional_coordinator"] });
  await addPerson(europe, { email: "rep@be.test", roles: ["platform_representative"], platformId: be });
  await addPerson(hub, { email: "team@hub.test", roles: ["technical_team"] });
  await peerWithHub(europe, hub);

  const due = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
  const { report } = await expectStatus<{ report: { id: string; sections: { id: string }[] } }>(
    await europe.api("POST", "/api/reports", { kind: "status", cycle: CYCLE, dueDate: due }, "coord@europe.test"),
    201,
    "createReport",
  );
  reportId = report.id;
  const section = `/api/reports/${reportId}/sections/${report.sections[0]?.id}`;
  await expectStatus(
    await europe.api(
      "PUT",
      section,
      {
        texts: {
          situation: { text: "Night outreach in three Brussels districts.", sensitive: false },
          results: { text: "Two new street teams trained.", sensitive: false },
          difficulties: { text: "Raids at the station.", sensitive: true },
        },
        indicators: [{ key: "people-reached", version: 1, total: 120, byCategory: { children: 40 } }],
        activities: [],
      },
      "rep@be.test",
    ),
    200,
    "saveReportSection",
  );
  await expectStatus(await europe.api("POST", `${section}/submit`, undefined, "rep@be.test"), 200, "submitSection");
  await expectStatus(
    await europe.api(
      "PUT",
      `/api/reports/${reportId}/synthesis`,
      {
        locale: "en",
        statements: [
          { text: "The region reached 120 people.", sourceSectionIds: [report.sections[0]?.id], sensitive: false },
        ],
      },
      "coord@europe.test",
    ),
    200,
    "writeReportSynthesis",
  );
  await expectStatus(
    await europe.api("POST", `/api/reports/${reportId}/approve`, undefined, "coord@europe.test"),
    200,
    "approveReport",
  );
  await expectStatus(
    await europe.api("POST", `/api/reports/${reportId}/submit`, undefined, "coord@europe.test"),
    200,
    "submitReportToHub",
  );
  await waitFor(
    async () =>
      (await hub.api("GET", `/api/reports/${reportId}`, undefined, "team@hub.test")).status === 200 ? true : undefined,
    { what: "the hub to receive Europe's report", timeoutMs: 30_000 },
  );
}, 120_000);

afterAll(async () => {
  await europe?.close();
  await hub?.close();
});

/** The pages a PDF declares (its page objects), and its first bytes. */
async function pdfOf(response: Response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = Buffer.from(bytes).toString("latin1");
  return { head: text.slice(0, 5), pages: text.match(/\/Type\s*\/Page(?![s\w])/g)?.length ?? 0, size: bytes.length };
}

describe("the PDF edition of reports, printed by headless Chromium", () => {
  it("prints a region's report at the region (exportReport, format=pdf)", { timeout: 60_000 }, async () => {
    const response = await europe.api(
      "GET",
      `/api/reports/${reportId}/export?format=pdf`,
      undefined,
      "coord@europe.test",
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="eu-status-${CYCLE}-internal.pdf"`);
    const pdf = await pdfOf(response);
    expect(pdf.head).toBe("%PDF-");
    expect(pdf.pages).toBeGreaterThanOrEqual(1);
  });

  it("prints the hub's consolidated report of the cycle", { timeout: 60_000 }, async () => {
    const response = await hub.api(
      "GET",
      `/hub/reporting/${CYCLE}/consolidated?edition=internal&format=pdf`,
      undefined,
      "team@hub.test",
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toMatch(
      new RegExp(`^attachment; filename="consolidated-${CYCLE}-internal\\.pdf"$`),
    );
    const pdf = await pdfOf(response);
    expect(pdf.head).toBe("%PDF-");
    expect(pdf.pages).toBeGreaterThanOrEqual(1);
    // The same page as HTML is what Chromium printed: the region's statement and its source.
    const html = await (
      await hub.api("GET", `/hub/reporting/${CYCLE}/consolidated?edition=internal`, undefined, "team@hub.test")
    ).text();
    expect(html).toContain("The region reached 120 people.");
  });

  it("answers a translated 503 when the node has no renderer, or its Chromium is missing, will not run or is too slow", {
    timeout: 60_000,
  }, async () => {
    const working = printer;
    const cases = [
      { renderer: undefined, detail: "ne peut pas produire de PDF (Chromium introuvable)" },
      {
        renderer: createChromiumPdfRenderer("/nonexistent/chromium"),
        detail: "ne peut pas produire de PDF (Chromium introuvable)",
      },
      { renderer: createChromiumPdfRenderer("/bin/false"), detail: "pas pu produire le PDF pour" },
      // A Chromium slower than the renderer's time limit fails the request instead of holding it.
      { renderer: createChromiumPdfRenderer(CHROMIUM, { timeoutMs: 1 }), detail: "pas pu produire le PDF pour" },
    ];
    try {
      for (const { renderer, detail } of cases) {
        printer = renderer ?? (async () => undefined);
        const api = await hub.api("GET", `/api/reports/${reportId}/export?format=pdf`, undefined, "team@hub.test", {
          "accept-language": "fr",
        });
        expect(api.status).toBe(503);
        expect(api.headers.get("content-type")).toContain("application/problem+json");
        const problem = (await api.json()) as { type: string; status: number; title: string; detail: string };
        expect(problem).toMatchObject({ type: "urn:dynamo:problem:unavailable", status: 503 });
        expect(problem.detail).toContain(detail);

        const page = await hub.api(
          "GET",
          `/hub/reporting/${CYCLE}/consolidated?edition=internal&format=pdf`,
          undefined,
          "team@hub.test",
          { "accept-language": "fr", accept: "text/html" },
        );
        expect(page.status).toBe(503);
        expect(page.headers.get("content-type")).toContain("text/html");
        expect(await page.text()).toContain(detail);
      }
    } finally {
      printer = working;
    }
    // The node goes on serving, and prints again once its Chromium is back.
    const again = await hub.api("GET", `/api/reports/${reportId}/export?format=pdf`, undefined, "team@hub.test");
    expect(again.status).toBe(200);
    expect((await pdfOf(again)).head).toBe("%PDF-");
  });
});
