import type { IndicatorDefinition } from "@dynamo/reports";
import { testDriver, waitFor } from "@dynamo/testing";
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
} from "./harness.ts";

/**
 * The social diagnosis as the baseline of the biennial status report, across nodes: Europe's two
 * platforms write the 2023 diagnosis, the region signs it to the hub; a 2024 diagnosis opened
 * later and still being written does not replace it. The 2024–2026 status report's indicators
 * are then read against it — the region's numbers aggregated by each definition's rule (sum or
 * average over its platforms) — through the API and on the report's page, at the region and at
 * the hub, including definitions that changed between the two cycles: a relabelled one still
 * compared, one counted differently shown side by side, not compared.
 */
const DIAGNOSIS = "2023";
const STATUS = "2024-2026";
const DAY = 24 * 3600 * 1000;

const DEFINITIONS: IndicatorDefinition[] = [
  indicatorDefinition({
    key: "people-reached",
    cycles: [DIAGNOSIS],
    labels: { en: "People reached" },
    breakdown: { kind: "population-group" },
  }),
  // Relabelled for the new cycle, counted the same way: still compared with version 1.
  indicatorDefinition({
    key: "people-reached",
    version: 2,
    cycles: [STATUS],
    labels: { en: "People reached in the street" },
    breakdown: { kind: "population-group" },
    comparableWith: [1],
  }),
  indicatorDefinition({
    key: "street-workers",
    cycles: [DIAGNOSIS, STATUS],
    labels: { en: "Street workers active" },
    unit: "street-workers",
    aggregation: "average",
  }),
  indicatorDefinition({
    key: "shelters",
    cycles: [DIAGNOSIS, STATUS],
    labels: { en: "Night shelters" },
    unit: "partners",
  }),
  // Counted differently from 2024 (formal agreements only): not comparable.
  indicatorDefinition({ key: "partners", cycles: [DIAGNOSIS], labels: { en: "Partners" }, unit: "partners" }),
  indicatorDefinition({ key: "partners", version: 2, cycles: [STATUS], labels: { en: "Partners" }, unit: "partners" }),
  indicatorDefinition({ key: "media-actions", cycles: [DIAGNOSIS], labels: { en: "Media actions" }, unit: "actions" }),
  indicatorDefinition({ key: "trainings", cycles: [STATUS], labels: { en: "Trainings given" }, unit: "actions" }),
];

let hub: ReportNode;
let europe: ReportNode;
const platforms: Record<"BE" | "FR", string> = { BE: "", FR: "" };
const reps = { BE: "rep@be.test", FR: "rep@fr.test" } as const;
let diagnosisId = "";
let statusId = "";

beforeAll(async () => {
  hub = await startReportNode({ kind: "hub", slug: "hub", address: "127.0.0.84" });
  europe = await startReportNode({ kind: "region", slug: "europe", address: "127.0.0.85", regionCode: "EU" });
  for (const node of [hub, europe]) await defineIndicators(node, DEFINITIONS);
  for (const country of ["BE", "FR"] as const) {
    platforms[country] = await addPlatform(europe, country);
    await addPerson(europe, {
      email: reps[country],
      roles: ["platform_representative"],
      platformId: platforms[country],
    });
  }
  await addPerson(europe, { email: "coord@europe.test", roles: ["regional_coordinator"] });
  await addPerson(hub, { email: "team@hub.test", roles: ["technical_team"] });
  await peerWithHub(europe, hub);
}, 120_000);

afterAll(async () => {
  await europe?.close();
  await hub?.close();
});

const coordinator = (method: string, path: string, body?: unknown) =>
  europe.api(method, path, body, "coord@europe.test");

type Values = { key: string; version: number; total: number; byCategory?: Record<string, number> }[];

/** A report through the region's workflow: opened, each platform's section written and submitted, synthesised, approved, signed to the hub. */
async function reportThroughHub(
  kind: "diagnosis" | "status",
  cycle: string,
  texts: Record<string, string>,
  values: Record<"BE" | "FR", Values>,
): Promise<string> {
  const due = new Date(Date.now() + 30 * DAY).toISOString();
  const { report } = await expectStatus<{ report: { id: string; sections: { id: string; platformId: string }[] } }>(
    await coordinator("POST", "/api/reports", { kind, cycle, dueDate: due }),
    201,
    `createReport ${kind}`,
  );
  for (const country of ["BE", "FR"] as const) {
    const section = report.sections.find((s) => s.platformId === platforms[country])?.id;
    const path = `/api/reports/${report.id}/sections/${section}`;
    const content = {
      texts: Object.fromEntries(
        Object.entries(texts).map(([f, text]) => [f, { text: `${country}: ${text}`, sensitive: false }]),
      ),
      indicators: values[country],
      activities: [],
    };
    await expectStatus(await europe.api("PUT", path, content, reps[country]), 200, `save ${country}`);
    await expectStatus(await europe.api("POST", `${path}/submit`, undefined, reps[country]), 200, `submit ${country}`);
  }
  await expectStatus(
    await coordinator("PUT", `/api/reports/${report.id}/synthesis`, {
      locale: "en",
      statements: [
        { text: `Regional reading of ${cycle}.`, sourceSectionIds: report.sections.map((s) => s.id), sensitive: false },
      ],
    }),
    200,
    "writeReportSynthesis",
  );
  await expectStatus(await coordinator("POST", `/api/reports/${report.id}/approve`), 200, "approveReport");
  await expectStatus(await coordinator("POST", `/api/reports/${report.id}/submit`), 200, "submitReportToHub");
  await waitFor(
    async () =>
      (await hub.api("GET", `/api/reports/${report.id}`, undefined, "team@hub.test")).status === 200 ? true : undefined,
    { what: `the hub to receive the ${kind} report`, timeoutMs: 30_000 },
  );
  return report.id;
}

interface BaselineJson {
  reportId: string;
  cycle: string;
  revision: number;
  indicators: {
    key: string;
    status: string;
    version: number | null;
    baselineVersion: number | null;
    current: number | null;
    baseline: number | null;
    delta: number | null;
    byCategory: Record<string, { current: number | null; baseline: number | null; delta: number | null }>;
  }[];
}

/** The baseline table of a report's page, row by row: indicator, baseline, now, change. */
function baselineTable(html: string): string[][] {
  const section = /<section aria-labelledby="baseline">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? "";
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(section)?.[1] ?? "";
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? "").matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
      (cell[1] ?? "").replace(/<[^>]+>/g, "").trim(),
    ),
  );
}

describe(`the status report against the diagnosis baseline, across nodes (${testDriver()})`, () => {
  it("the region's 2023 social diagnosis is submitted to the hub", { timeout: 60_000 }, async () => {
    diagnosisId = await reportThroughHub(
      "diagnosis",
      DIAGNOSIS,
      { "direct-impacts": "children back at school.", "indirect-impacts": "families reconnected." },
      {
        BE: [
          { key: "people-reached", version: 1, total: 100, byCategory: { children: 40, youth: 30 } },
          { key: "street-workers", version: 1, total: 10 },
          { key: "shelters", version: 1, total: 3 },
          { key: "partners", version: 1, total: 8 },
          { key: "media-actions", version: 1, total: 6 },
        ],
        FR: [
          { key: "people-reached", version: 1, total: 60, byCategory: { children: 20 } },
          { key: "street-workers", version: 1, total: 20 },
          { key: "shelters", version: 1, total: 1 },
          { key: "partners", version: 1, total: 4 },
        ],
      },
    );
    // A 2024 diagnosis opened since, still being written: not a baseline.
    await expectStatus(
      await coordinator("POST", "/api/reports", {
        kind: "diagnosis",
        cycle: "2024",
        dueDate: new Date(Date.now() + 60 * DAY).toISOString(),
      }),
      201,
      "createReport (2024 diagnosis)",
    );
    const atHub = await expectStatus<{ report: { kind: string; state: string; cycle: string } }>(
      await hub.api("GET", `/api/reports/${diagnosisId}`, undefined, "team@hub.test"),
      200,
      "getReport at the hub",
    );
    expect(atHub.report).toMatchObject({ kind: "diagnosis", state: "submitted", cycle: DIAGNOSIS });
  });

  it("reads the 2024–2026 status report's indicators against it, by each definition's rule", {
    timeout: 60_000,
  }, async () => {
    statusId = await reportThroughHub(
      "status",
      STATUS,
      { situation: "outreach at night.", results: "teams trained.", difficulties: "raids." },
      {
        BE: [
          { key: "people-reached", version: 2, total: 130, byCategory: { children: 50, youth: 30 } },
          { key: "street-workers", version: 1, total: 12 },
          { key: "shelters", version: 1, total: 2 },
          { key: "partners", version: 2, total: 5 },
          { key: "trainings", version: 1, total: 3 },
        ],
        FR: [
          { key: "people-reached", version: 2, total: 60, byCategory: { children: 20 } },
          { key: "street-workers", version: 1, total: 24 },
          { key: "shelters", version: 1, total: 2 },
          { key: "partners", version: 2, total: 5 },
          { key: "trainings", version: 1, total: 2 },
        ],
      },
    );
    const { baseline } = await expectStatus<{ baseline: BaselineJson | null }>(
      await coordinator("GET", `/api/reports/${statusId}`),
      200,
      "getReport",
    );
    expect(baseline).toMatchObject({ reportId: diagnosisId, cycle: DIAGNOSIS, revision: 1 });
    const rows = Object.fromEntries((baseline?.indicators ?? []).map((i) => [i.key, i]));
    // In the definitions' order (by key), then what only the baseline has.
    expect(Object.keys(rows)).toEqual([
      "partners",
      "people-reached",
      "shelters",
      "street-workers",
      "trainings",
      "media-actions",
    ]);
    // Summed over the two platforms, version 2 compared with version 1 (declared comparable).
    expect(rows["people-reached"]).toMatchObject({
      status: "changed",
      version: 2,
      baselineVersion: 1,
      baseline: 160,
      current: 190,
      delta: 30,
    });
    expect(rows["people-reached"]?.byCategory.children).toEqual({ baseline: 60, current: 70, delta: 10 });
    expect(rows["people-reached"]?.byCategory.youth).toEqual({ baseline: 30, current: 30, delta: 0 });
    // Averaged over the two platforms: (10 + 20) / 2 then (12 + 24) / 2.
    expect(rows["street-workers"]).toMatchObject({ status: "changed", baseline: 15, current: 18, delta: 3 });
    expect(rows.shelters).toMatchObject({ status: "unchanged", baseline: 4, current: 4, delta: 0 });
    // Counted differently since 2024: both numbers, no difference.
    expect(rows.partners).toMatchObject({
      status: "redefined",
      version: 2,
      baselineVersion: 1,
      baseline: 12,
      current: 10,
      delta: null,
    });
    expect(rows.trainings).toMatchObject({ status: "new", baseline: null, current: 5, delta: null });
    expect(rows["media-actions"]).toMatchObject({ status: "missing", baseline: 6, current: null, delta: null });

    // The hub reads it the same way, from the copies the region signed to it.
    const atHub = await expectStatus<{ baseline: BaselineJson | null }>(
      await hub.api("GET", `/api/reports/${statusId}`, undefined, "team@hub.test"),
      200,
      "getReport at the hub",
    );
    expect(atHub.baseline).toEqual(baseline);
  });

  it("shows the same figures on the report's page, labelled by the current definitions", async () => {
    const expected = [
      ["Partners", "12", "10", "counted differently: not compared"],
      ["People reached in the street", "160", "190", "changed (+30)"],
      ["Night shelters", "4", "4", "unchanged"],
      ["Street workers active", "15", "18", "changed (+3)"],
      ["Trainings given", "—", "5", "new (no baseline)"],
      ["Media actions", "6", "—", "not reported now"],
    ];
    for (const [node, email] of [
      [europe, "coord@europe.test"],
      [hub, "team@hub.test"],
    ] as const) {
      const page = await node.api("GET", `/reports/${statusId}`, undefined, email, { accept: "text/html" });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain("Against the diagnosis baseline");
      expect(baselineTable(html)).toEqual(expected);
    }
    // A diagnosis has no baseline of its own.
    const diagnosis = await coordinator("GET", `/api/reports/${diagnosisId}`);
    expect(((await diagnosis.json()) as { baseline: unknown }).baseline).toBeNull();
  });
});
