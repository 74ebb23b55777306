import { describe, expect, it } from "vitest";
import type { ReportActor } from "./actions.ts";
import {
  carriesIndicators,
  cycleYears,
  isSectionLocked,
  listsActivities,
  type ReportSection,
  sectionFieldsOf,
} from "./report.ts";
import {
  allSectionsIn,
  approved,
  BENIN,
  collecting,
  coordinator,
  DUE,
  day,
  ML_SECTION,
  maliRep,
  newReport,
  otherCoordinator,
  run,
  SENEGAL,
  SN_SECTION,
  sectionId,
  senegalRep,
  statusContent,
  synthesisAction,
  technicalTeam,
} from "./test-fixtures.ts";
import { applyReportAction } from "./workflow.ts";

function sectionOf(report: { sections: readonly ReportSection[] }, id: string): ReportSection {
  const section = report.sections.find((s) => s.id === id);
  if (section === undefined) throw new Error(`no section ${id}`);
  return section;
}

describe("requesting sections", () => {
  it("moves a draft to collecting with one requested section per platform, due by default with the report", () => {
    const report = collecting();
    expect(report.state).toBe("collecting");
    expect(report.sections.map((s) => [s.platformId, s.status])).toEqual([
      [SENEGAL, "requested"],
      ["pf-ml", "requested"],
    ]);
    expect(sectionOf(report, SN_SECTION).dueDate).toEqual(DUE);
    expect(sectionOf(report, ML_SECTION).dueDate).toEqual(day(20));
    expect(report.events).toEqual([
      {
        action: "request-sections",
        actorId: coordinator.id,
        role: "regional_coordinator",
        at: day(1),
        revision: 1,
        sectionId: null,
        reason: null,
      },
    ]);
  });

  it("refuses a second section for the same platform", () => {
    const outcome = applyReportAction(
      collecting(),
      { kind: "request-sections", sections: [{ sectionId: sectionId("again"), platformId: SENEGAL, locale: "fr" }] },
      coordinator,
      day(2),
    );
    expect(outcome).toEqual({ ok: false, error: { kind: "section-exists", platformId: SENEGAL } });
  });

  it("is the coordinator's of this region only", () => {
    const request = { kind: "request-sections" as const, sections: [] };
    expect(applyReportAction(newReport(), request, otherCoordinator, day(1))).toEqual({
      ok: false,
      error: { kind: "forbidden", action: "request-sections", role: "regional_coordinator" },
    });
    expect(applyReportAction(newReport(), request, senegalRep, day(1))).toEqual({
      ok: false,
      error: { kind: "forbidden", action: "request-sections", role: "platform_representative" },
    });
    expect(applyReportAction(approved(), request, coordinator, day(12))).toEqual({
      ok: false,
      error: { kind: "not-allowed-in-state", action: "request-sections", state: "approved" },
    });
  });

  it("sends a report whose sections are all in back to collecting when one more is requested", () => {
    const report = run(allSectionsIn(), [
      [
        { kind: "request-sections", sections: [{ sectionId: sectionId("sec-bj"), platformId: BENIN, locale: "fr" }] },
        coordinator,
        day(9),
      ],
    ]);
    expect(report.state).toBe("collecting");
  });
});

describe("writing and submitting a section", () => {
  it("lets the platform save, then submit, which locks the section; the last one in moves the report to synthesis", () => {
    const saved = run(collecting(), [
      [{ kind: "save-section", sectionId: SN_SECTION, content: statusContent("Dakar") }, senegalRep, day(3)],
    ]);
    expect(sectionOf(saved, SN_SECTION).status).toBe("in-progress");
    expect(isSectionLocked(saved, sectionOf(saved, SN_SECTION))).toBe(false);

    const submittedOne = run(saved, [[{ kind: "submit-section", sectionId: SN_SECTION }, senegalRep, day(4)]]);
    expect(sectionOf(submittedOne, SN_SECTION)).toMatchObject({
      status: "submitted",
      submittedAt: day(4),
      firstSubmittedAt: day(4),
    });
    expect(isSectionLocked(submittedOne, sectionOf(submittedOne, SN_SECTION))).toBe(true);
    expect(submittedOne.state).toBe("collecting");
    expect(allSectionsIn().state).toBe("synthesis");
  });

  it("refuses changes to a submitted section", () => {
    const report = allSectionsIn();
    expect(
      applyReportAction(
        report,
        { kind: "save-section", sectionId: SN_SECTION, content: statusContent("late edit") },
        senegalRep,
        day(9),
      ),
    ).toEqual({ ok: false, error: { kind: "section-locked", sectionId: SN_SECTION } });
    expect(applyReportAction(report, { kind: "submit-section", sectionId: SN_SECTION }, senegalRep, day(9))).toEqual({
      ok: false,
      error: { kind: "section-locked", sectionId: SN_SECTION },
    });
  });

  it("lets only the section's own platform write it", () => {
    const outcome = applyReportAction(
      collecting(),
      { kind: "save-section", sectionId: SN_SECTION, content: statusContent("not mine") },
      maliRep,
      day(3),
    );
    expect(outcome).toEqual({
      ok: false,
      error: { kind: "forbidden", action: "save-section", role: "platform_representative" },
    });
    const byCoordinator = applyReportAction(
      collecting(),
      { kind: "submit-section", sectionId: SN_SECTION },
      coordinator,
      day(3),
    );
    expect(byCoordinator).toEqual({
      ok: false,
      error: { kind: "forbidden", action: "submit-section", role: "regional_coordinator" },
    });
  });

  it("lets the coordinator write the coordination's own section", () => {
    const report = run(newReport("activity"), [
      [
        { kind: "request-sections", sections: [{ sectionId: sectionId("sec-coord"), platformId: null, locale: "en" }] },
        coordinator,
        day(1),
      ],
      [
        {
          kind: "save-section",
          sectionId: sectionId("sec-coord"),
          content: {
            texts: {},
            indicators: [],
            activities: [
              {
                kind: "pilot-group",
                title: "Regional pilot group, Cotonou",
                startedOn: "2026-02-10",
                participants: 24,
                description: "Five days: exchange, field visits, advocacy, training.",
              },
            ],
          },
        },
        coordinator,
        day(2),
      ],
      [{ kind: "submit-section", sectionId: sectionId("sec-coord") }, coordinator, day(3)],
    ]);
    expect(report.state).toBe("synthesis");
    expect(sectionOf(report, "sec-coord").content.activities[0]?.kind).toBe("pilot-group");
  });

  it("lets the coordinator submit a status report's coordination section listing the period's activities, without texts", () => {
    const pilotGroup = {
      kind: "pilot-group" as const,
      title: "Regional pilot group, Cotonou",
      startedOn: "2025-02-10",
      participants: 24,
      description: "",
    };
    const report = run(newReport("status"), [
      [
        { kind: "request-sections", sections: [{ sectionId: sectionId("sec-coord"), platformId: null, locale: "en" }] },
        coordinator,
        day(1),
      ],
      [
        {
          kind: "save-section",
          sectionId: sectionId("sec-coord"),
          content: { texts: {}, indicators: [], activities: [pilotGroup] },
        },
        coordinator,
        day(2),
      ],
      [{ kind: "submit-section", sectionId: sectionId("sec-coord") }, coordinator, day(3)],
    ]);
    expect(report.state).toBe("synthesis");
    expect(sectionOf(report, "sec-coord").content.activities).toEqual([pilotGroup]);
  });

  it("lists a cycle's years: its own, or the biennial period up to the next IPG's year", () => {
    expect(cycleYears("2025")).toEqual([2025]);
    expect(cycleYears("2024-2026")).toEqual([2024, 2025]);
    expect(cycleYears("2026-2026")).toEqual([2026]);
    expect(cycleYears("twenty")).toEqual([]);
    expect(listsActivities("status", null)).toBe(true);
    expect(listsActivities("status", SENEGAL)).toBe(false);
    expect(carriesIndicators("status", null)).toBe(false);
    expect(sectionFieldsOf("status", SENEGAL)).toEqual(["situation", "results", "difficulties"]);
  });

  it("refuses to submit a section that lacks a required text, naming the fields", () => {
    const report = run(collecting(), [
      [
        {
          kind: "save-section",
          sectionId: SN_SECTION,
          content: { texts: { situation: { text: "Dakar", sensitive: false } }, indicators: [], activities: [] },
        },
        senegalRep,
        day(3),
      ],
    ]);
    expect(applyReportAction(report, { kind: "submit-section", sectionId: SN_SECTION }, senegalRep, day(4))).toEqual({
      ok: false,
      error: { kind: "incomplete-section", sectionId: SN_SECTION, missingFields: ["results", "difficulties"] },
    });
  });

  it("refuses an unknown section", () => {
    expect(
      applyReportAction(collecting(), { kind: "submit-section", sectionId: sectionId("nope") }, senegalRep, day(3)),
    ).toEqual({ ok: false, error: { kind: "unknown-section", sectionId: "nope" } });
  });
});

describe("returning a section (send-back by the coordinator)", () => {
  const returnSn = { kind: "return-section" as const, sectionId: SN_SECTION, reason: "Add the 2025 figures" };

  it("unlocks the section for its platform with the reason, and the report goes back to collecting", () => {
    const report = run(allSectionsIn(), [[returnSn, coordinator, day(9)]]);
    const section = sectionOf(report, SN_SECTION);
    expect(section).toMatchObject({ status: "returned", returnReason: "Add the 2025 figures" });
    expect(isSectionLocked(report, section)).toBe(false);
    expect(report.state).toBe("collecting");
    expect(report.events.at(-1)).toMatchObject({
      action: "return-section",
      sectionId: SN_SECTION,
      reason: returnSn.reason,
    });

    const fixed = run(report, [
      [{ kind: "save-section", sectionId: SN_SECTION, content: statusContent("with figures") }, senegalRep, day(10)],
    ]);
    expect(sectionOf(fixed, SN_SECTION).status).toBe("returned");
    const resubmitted = run(fixed, [[{ kind: "submit-section", sectionId: SN_SECTION }, senegalRep, day(11)]]);
    expect(sectionOf(resubmitted, SN_SECTION)).toMatchObject({
      status: "submitted",
      returnReason: null,
      submittedAt: day(11),
      firstSubmittedAt: day(6),
    });
    expect(resubmitted.state).toBe("synthesis");
  });

  it("needs a reason, a submitted section, and the coordinator", () => {
    expect(applyReportAction(allSectionsIn(), { ...returnSn, reason: "  " }, coordinator, day(9))).toEqual({
      ok: false,
      error: { kind: "reason-required" },
    });
    expect(applyReportAction(collecting(), returnSn, coordinator, day(9))).toEqual({
      ok: false,
      error: { kind: "section-not-submitted", sectionId: SN_SECTION },
    });
    expect(applyReportAction(allSectionsIn(), returnSn, maliRep, day(9))).toEqual({
      ok: false,
      error: { kind: "forbidden", action: "return-section", role: "platform_representative" },
    });
  });

  it("is no longer possible once the region approved the report", () => {
    expect(applyReportAction(approved(), returnSn, coordinator, day(12))).toEqual({
      ok: false,
      error: { kind: "not-allowed-in-state", action: "return-section", state: "approved" },
    });
  });
});

describe("synthesis and approval", () => {
  it("refuses a statement that links to a section of no one", () => {
    const outcome = applyReportAction(
      allSectionsIn(),
      {
        kind: "write-synthesis",
        locale: "fr",
        statements: [
          { text: "ok", sourceSectionIds: [SN_SECTION], sensitive: false },
          { text: "bad", sourceSectionIds: [ML_SECTION, sectionId("ghost")], sensitive: false },
        ],
      },
      coordinator,
      day(10),
    );
    expect(outcome).toEqual({
      ok: false,
      error: { kind: "unlinked-statement", statementIndex: 1, sectionId: "ghost" },
    });
  });

  it("refuses approval while sections are missing, naming them", () => {
    const report = run(collecting(), [
      [{ kind: "save-section", sectionId: SN_SECTION, content: statusContent("Dakar") }, senegalRep, day(3)],
      [{ kind: "submit-section", sectionId: SN_SECTION }, senegalRep, day(4)],
      [synthesisAction, coordinator, day(5)],
    ]);
    expect(applyReportAction(report, { kind: "approve" }, coordinator, day(6))).toEqual({
      ok: false,
      error: { kind: "missing-sections", sectionIds: [ML_SECTION] },
    });
  });

  it("refuses approval without a synthesis", () => {
    expect(applyReportAction(allSectionsIn(), { kind: "approve" }, coordinator, day(10))).toEqual({
      ok: false,
      error: { kind: "missing-synthesis" },
    });
  });

  it("locks everything once approved", () => {
    const report = approved();
    expect(report.state).toBe("approved");
    expect(report.approvedAt).toEqual(day(11));
    expect(report.sections.every((s) => isSectionLocked(report, s))).toBe(true);
    const edits: [Parameters<typeof applyReportAction>[1], ReportActor, unknown][] = [
      [
        { kind: "save-section", sectionId: SN_SECTION, content: statusContent("x") },
        senegalRep,
        { kind: "section-locked", sectionId: SN_SECTION },
      ],
      [synthesisAction, coordinator, { kind: "not-allowed-in-state", action: "write-synthesis", state: "approved" }],
      [{ kind: "approve" }, coordinator, { kind: "not-allowed-in-state", action: "approve", state: "approved" }],
    ];
    for (const [action, actor, error] of edits) {
      expect(applyReportAction(report, action, actor, day(12))).toEqual({ ok: false, error });
    }
  });

  it("does not let the hub act before the region submits", () => {
    expect(applyReportAction(approved(), { kind: "acknowledge" }, technicalTeam, day(12))).toEqual({
      ok: false,
      error: { kind: "not-allowed-in-state", action: "acknowledge", state: "approved" },
    });
    expect(applyReportAction(approved(), { kind: "approve" }, technicalTeam, day(12))).toEqual({
      ok: false,
      error: { kind: "forbidden", action: "approve", role: "technical_team" },
    });
  });
});
