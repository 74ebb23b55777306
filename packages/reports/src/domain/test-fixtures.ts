// Builders shared by the reports tests (not exported from the package).

import type { PlatformId } from "@dynamo/core";
import type { ReportAction, ReportActor } from "./actions.ts";
import type { IndicatorDefinition } from "./indicator.ts";
import {
  createReport,
  type Report,
  type ReportId,
  type ReportKind,
  type SectionContent,
  type SectionId,
} from "./report.ts";
import { applyReportAction } from "./workflow.ts";

export const platform = (id: string) => id as PlatformId;
export const sectionId = (id: string) => id as SectionId;

export const SENEGAL = platform("pf-sn");
export const MALI = platform("pf-ml");
export const BENIN = platform("pf-bj");

export const coordinator: ReportActor = { id: "person-coord-af", role: "regional_coordinator", region: "AF" };
export const otherCoordinator: ReportActor = { id: "person-coord-eu", role: "regional_coordinator", region: "EU" };
export const senegalRep: ReportActor = { id: "person-sn", role: "platform_representative", platformId: SENEGAL };
export const maliRep: ReportActor = { id: "person-ml", role: "platform_representative", platformId: MALI };
export const technicalTeam: ReportActor = { id: "person-hub", role: "technical_team" };

export const DUE = new Date("2026-03-31T23:59:59Z");
/** A day of the cycle, as a time: `day(1)` is 1 March 2026 at noon UTC. */
export const day = (n: number) => new Date(Date.UTC(2026, 2, n, 12));

export const SN_SECTION = sectionId("sec-sn");
export const ML_SECTION = sectionId("sec-ml");

export function newReport(kind: ReportKind = "status"): Report {
  return createReport({ id: "report-af-2026" as ReportId, kind, region: "AF", cycle: "2024-2026", dueDate: DUE });
}

export function statusContent(situation: string, extra: Partial<SectionContent> = {}): SectionContent {
  return {
    texts: {
      situation: { text: situation, sensitive: false },
      results: { text: "Two new street teams trained.", sensitive: false },
      difficulties: { text: "Police raids in the market district.", sensitive: true },
    },
    indicators: [],
    activities: [],
    ...extra,
  };
}

/** Applies actions in order; a refusal fails the test with the refusal in the message. */
export function run(report: Report, steps: readonly [ReportAction, ReportActor, Date][]): Report {
  let current = report;
  for (const [action, actor, at] of steps) {
    const outcome = applyReportAction(current, action, actor, at);
    if (!outcome.ok) throw new Error(`${action.kind} refused: ${JSON.stringify(outcome.error)}`);
    current = outcome.value;
  }
  return current;
}

/** A status report with the Senegal and Mali sections requested. */
export function collecting(): Report {
  return run(newReport(), [
    [
      {
        kind: "request-sections",
        sections: [
          { sectionId: SN_SECTION, platformId: SENEGAL, locale: "fr" },
          { sectionId: ML_SECTION, platformId: MALI, locale: "fr", dueDate: day(20) },
        ],
      },
      coordinator,
      day(1),
    ],
  ]);
}

/** Both sections submitted: the report is in `synthesis`. */
export function allSectionsIn(): Report {
  return run(collecting(), [
    [{ kind: "save-section", sectionId: SN_SECTION, content: statusContent("Senegal") }, senegalRep, day(5)],
    [{ kind: "submit-section", sectionId: SN_SECTION }, senegalRep, day(6)],
    [{ kind: "save-section", sectionId: ML_SECTION, content: statusContent("Mali") }, maliRep, day(7)],
    [{ kind: "submit-section", sectionId: ML_SECTION }, maliRep, day(8)],
  ]);
}

export const synthesisAction: ReportAction = {
  kind: "write-synthesis",
  locale: "fr",
  statements: [
    { text: "La région a formé deux équipes.", sourceSectionIds: [SN_SECTION, ML_SECTION], sensitive: false },
    { text: "Des rafles visent les enfants du marché.", sourceSectionIds: [SN_SECTION], sensitive: true },
  ],
};

/** Synthesis written and approved by the region. */
export function approved(): Report {
  return run(allSectionsIn(), [
    [synthesisAction, coordinator, day(10)],
    [{ kind: "approve" }, coordinator, day(11)],
  ]);
}

/** Approved and submitted to the hub at `at`. */
export function submitted(at: Date = day(12)): Report {
  return run(approved(), [[{ kind: "submit-to-hub" }, coordinator, at]]);
}

export function definition(
  overrides: Partial<IndicatorDefinition> & Pick<IndicatorDefinition, "key">,
): IndicatorDefinition {
  return {
    version: 1,
    cycles: ["2024-2026"],
    labels: { en: overrides.key },
    unit: "people",
    aggregation: "sum",
    breakdown: { kind: "none" },
    sensitive: false,
    comparableWith: [],
    ...overrides,
  };
}
