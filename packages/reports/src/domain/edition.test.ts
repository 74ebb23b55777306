import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { consolidateReports, editionOf, traceSynthesis } from "./edition.ts";
import type { IndicatorValue } from "./indicator.ts";
import type { Report, ReportId, ReportSection } from "./report.ts";
import {
  approved,
  day,
  definition,
  MALI,
  ML_SECTION,
  run,
  SENEGAL,
  SN_SECTION,
  sectionId,
  submitted,
  technicalTeam,
} from "./test-fixtures.ts";

const definitions = [
  definition({ key: "people-reached" }),
  definition({ key: "children-in-detention", sensitive: true }),
];

function acknowledged(): Report {
  const report = run(submitted(), [[{ kind: "acknowledge" }, technicalTeam, day(14)]]);
  // The Senegal section also carries a sensitive count and one under an unknown definition.
  const indicators: IndicatorValue[] = [
    { key: "people-reached", version: 1, total: 300 },
    { key: "children-in-detention", version: 1, total: 12 },
    { key: "unclassified", version: 1, total: 5 },
  ];
  return {
    ...report,
    sections: report.sections.map((s) => (s.id === SN_SECTION ? { ...s, content: { ...s.content, indicators } } : s)),
  };
}

describe("editionOf", () => {
  it("gives the internal edition everything, whatever the state", () => {
    const edition = editionOf(approved(), "internal", false, definitions);
    expect(edition.ok).toBe(true);
    if (!edition.ok) return;
    expect(edition.value.withheld).toBe(0);
    expect(edition.value.sections[0]?.texts.difficulties).toBe("Police raids in the market district.");
    expect(edition.value.synthesis?.statements.map((s) => s.sensitive)).toEqual([false, true]);
  });

  it("strips sensitive texts, statements and indicator values (and unclassified ones) from the public edition", () => {
    const edition = editionOf(acknowledged(), "public", true, definitions);
    expect(edition.ok).toBe(true);
    if (!edition.ok) return;
    const senegal = edition.value.sections.find((s) => s.platformId === SENEGAL);
    expect(Object.keys(senegal?.texts ?? {})).toEqual(["situation", "results"]);
    expect(senegal?.indicators).toEqual([{ key: "people-reached", version: 1, total: 300 }]);
    expect(edition.value.synthesis?.statements.map((s) => s.text)).toEqual(["La région a formé deux équipes."]);
    // Two difficulties texts, one statement, two indicator values.
    expect(edition.value.withheld).toBe(5);
    expect(JSON.stringify(edition.value)).not.toContain("rafles");
  });

  it("refuses the public edition without a completed review", () => {
    expect(editionOf(acknowledged(), "public", false, definitions)).toEqual({
      ok: false,
      error: { kind: "review-required", reportId: "report-af-2026" },
    });
  });

  it("refuses the public edition of a report the hub has not acknowledged", () => {
    expect(editionOf(submitted(), "public", true, definitions)).toEqual({
      ok: false,
      error: { kind: "not-allowed-in-state", reportId: "report-af-2026", state: "submitted" },
    });
  });
});

describe("traceability", () => {
  it("resolves every statement to its source sections, with region and platform", () => {
    const { statements, unresolved } = traceSynthesis(approved());
    expect(unresolved).toEqual([]);
    expect(statements[0]?.sources).toEqual([
      { region: "AF", reportId: "report-af-2026", sectionId: SN_SECTION, platformId: SENEGAL, locale: "fr" },
      { region: "AF", reportId: "report-af-2026", sectionId: ML_SECTION, platformId: MALI, locale: "fr" },
    ]);
  });

  it("refuses an edition of a report whose statement points nowhere (a peer's malformed payload)", () => {
    const report = approved();
    const broken: Report = {
      ...report,
      synthesis: report.synthesis && {
        ...report.synthesis,
        statements: [{ text: "?", sourceSectionIds: [sectionId("lost")], sensitive: false }],
      },
    };
    expect(editionOf(broken, "internal", false, definitions)).toEqual({
      ok: false,
      error: { kind: "unresolved-source", reportId: "report-af-2026", statementIndex: 0, sectionId: "lost" },
    });
  });

  it("keeps each statement's sources in the hub's consolidated report, region by region", () => {
    const europe: Report = { ...acknowledged(), id: "report-eu-2026" as ReportId, region: "EU" };
    const consolidated = consolidateReports([europe, acknowledged()], "public", true, definitions);
    expect(consolidated.ok).toBe(true);
    if (!consolidated.ok) return;
    expect(consolidated.value.regions.map((r) => r.region)).toEqual(["AF", "EU"]);
    expect(consolidated.value.regions[1]?.synthesis?.statements[0]?.sources.map((s) => [s.region, s.reportId])).toEqual(
      [
        ["EU", "report-eu-2026"],
        ["EU", "report-eu-2026"],
      ],
    );
    expect(consolidated.value.withheld).toBe(10);
    expect(consolidateReports([europe, submitted()], "public", true, definitions).ok).toBe(false);
  });
});

describe("the public edition never contains a sensitive field", () => {
  const text = fc.record({ text: fc.string({ minLength: 1, maxLength: 12 }), sensitive: fc.boolean() });
  const value = fc.record({
    key: fc.constantFrom("people-reached", "children-in-detention", "unclassified"),
    version: fc.constantFrom(1, 2),
    total: fc.nat(1000),
  });
  const section = fc.record({
    texts: fc.dictionary(fc.constantFrom("situation", "results", "difficulties", "notes"), text),
    indicators: fc.array(value, { maxLength: 4 }),
  });

  it("for any content, and the internal edition withholds nothing", () => {
    fc.assert(
      fc.property(
        fc.array(section, { minLength: 1, maxLength: 4 }),
        fc.array(fc.record({ text: fc.string({ maxLength: 12 }), sensitive: fc.boolean() }), { maxLength: 4 }),
        (contents, statements) => {
          const base = acknowledged();
          const sections: ReportSection[] = contents.map((content, index) => ({
            ...(base.sections[0] as ReportSection),
            id: sectionId(`s-${index}`),
            content: { texts: content.texts, indicators: content.indicators, activities: [] },
          }));
          const report: Report = {
            ...base,
            sections,
            synthesis: {
              locale: "fr",
              writtenAt: day(10),
              statements: statements.map((s) => ({ ...s, sourceSectionIds: [sectionId("s-0")] })),
            },
          };
          const published = editionOf(report, "public", true, definitions);
          const internal = editionOf(report, "internal", true, definitions);
          if (!published.ok || !internal.ok) throw new Error("edition refused");
          for (const [index, out] of published.value.sections.entries()) {
            const source = contents[index]?.texts ?? {};
            for (const field of Object.keys(out.texts)) expect(source[field]?.sensitive).toBe(false);
            for (const v of out.indicators) expect(v.key === "people-reached" && v.version === 1).toBe(true);
          }
          const kept = published.value.synthesis?.statements ?? [];
          expect(kept.every((s) => !s.sensitive)).toBe(true);
          expect(internal.value.withheld).toBe(0);
          const count = (e: typeof internal.value) =>
            e.sections.reduce((n, s) => n + Object.keys(s.texts).length + s.indicators.length, 0) +
            (e.synthesis?.statements.length ?? 0);
          expect(count(published.value) + published.value.withheld).toBe(count(internal.value));
        },
      ),
    );
  });
});
