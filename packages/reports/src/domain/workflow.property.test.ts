import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ReportAction, ReportActor } from "./actions.ts";
import { isSectionLocked, type Report } from "./report.ts";
import {
  BENIN,
  coordinator,
  day,
  MALI,
  ML_SECTION,
  maliRep,
  newReport,
  otherCoordinator,
  SENEGAL,
  SN_SECTION,
  sectionId,
  senegalRep,
  statusContent,
  synthesisAction,
  technicalTeam,
} from "./test-fixtures.ts";
import { applyReportAction } from "./workflow.ts";

const actions: ReportAction[] = [
  {
    kind: "request-sections",
    sections: [
      { sectionId: SN_SECTION, platformId: SENEGAL, locale: "fr" },
      { sectionId: ML_SECTION, platformId: MALI, locale: "fr" },
    ],
  },
  { kind: "request-sections", sections: [{ sectionId: sectionId("sec-bj"), platformId: BENIN, locale: "fr" }] },
  { kind: "save-section", sectionId: SN_SECTION, content: statusContent("Dakar") },
  { kind: "save-section", sectionId: ML_SECTION, content: statusContent("Bamako") },
  { kind: "submit-section", sectionId: SN_SECTION },
  { kind: "submit-section", sectionId: ML_SECTION },
  { kind: "return-section", sectionId: SN_SECTION, reason: "More detail" },
  synthesisAction,
  { kind: "approve" },
  { kind: "submit-to-hub" },
  { kind: "acknowledge" },
  { kind: "send-back", reasons: ["Incomplete"] },
  { kind: "review-public-edition" },
  { kind: "publish" },
  { kind: "reopen", reason: "Correction" },
];

const actors: ReportActor[] = [coordinator, otherCoordinator, senegalRep, maliRep, technicalTeam];

/** The actor who would normally take an action; others are tried too, less often. */
function usualActor(action: ReportAction): ReportActor {
  if (action.kind === "save-section" || action.kind === "submit-section") {
    return action.sectionId === SN_SECTION ? senegalRep : maliRep;
  }
  return ["acknowledge", "send-back", "review-public-edition", "publish"].includes(action.kind)
    ? technicalTeam
    : coordinator;
}

const step = fc
  .constantFrom(...actions)
  .chain((action) =>
    fc.tuple(
      fc.constant(action),
      fc.oneof(
        { arbitrary: fc.constant(usualActor(action)), weight: 4 },
        { arbitrary: fc.constantFrom(...actors), weight: 1 },
      ),
    ),
  );
const byKind = (kind: ReportAction["kind"], sectionIdOf?: string) =>
  actions.find(
    (a) => a.kind === kind && (sectionIdOf === undefined || ("sectionId" in a && a.sectionId === sectionIdOf)),
  ) as ReportAction;

/** Two rounds through the whole workflow: published, reopened, sent back, published again. */
const path: ReportAction[] = [
  byKind("request-sections"),
  byKind("save-section", SN_SECTION),
  byKind("save-section", ML_SECTION),
  byKind("submit-section", SN_SECTION),
  byKind("submit-section", ML_SECTION),
  synthesisAction,
  byKind("approve"),
  byKind("submit-to-hub"),
  byKind("acknowledge"),
  byKind("review-public-edition"),
  byKind("publish"),
  byKind("reopen"),
  byKind("approve"),
  byKind("submit-to-hub"),
  byKind("send-back"),
  byKind("return-section"),
  byKind("save-section", SN_SECTION),
  byKind("submit-section", SN_SECTION),
  byKind("approve"),
  byKind("submit-to-hub"),
  byKind("acknowledge"),
  byKind("review-public-edition"),
  byKind("publish"),
];

/** The path with some steps dropped and random actions (by usual or unusual actors) slipped in. */
const steps = fc
  .array(fc.record({ keep: fc.integer({ min: 0, max: 9 }), noise: fc.array(step, { maxLength: 2 }) }), {
    minLength: path.length,
    maxLength: path.length,
  })
  .map((choices) =>
    choices.flatMap(({ keep, noise }, i): [ReportAction, ReportActor][] => {
      const action = path[i] as ReportAction;
      return keep > 0 ? [...noise, [action, usualActor(action)]] : noise;
    }),
  );

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

const LOCKED_STATES = ["approved", "submitted", "acknowledged", "published"];

describe("workflow invariants over any sequence of actions", () => {
  it("holds its locks, revisions and history whatever is tried", () => {
    const reached = new Set<string>();
    fc.assert(
      fc.property(steps, (sequence) => {
        let report: Report = newReport();
        let accepted = 0;
        let submissions = 0;
        for (const [index, [action, actor]] of sequence.entries()) {
          // Frozen: any change to the given report (refused or not) throws in strict mode.
          const outcome = applyReportAction(deepFreeze(report), action, actor, day(1 + (index % 28)));
          if (!outcome.ok) continue;
          const next = outcome.value;
          accepted += 1;
          if (action.kind === "submit-to-hub") submissions += 1;
          expect(next.events).toHaveLength(accepted);
          if (report.firstSubmittedAt !== null) expect(next.firstSubmittedAt).toEqual(report.firstSubmittedAt);
          report = next;

          if (LOCKED_STATES.includes(report.state)) {
            expect(report.sections.every((s) => isSectionLocked(report, s))).toBe(true);
          }
          if (report.state === "synthesis") {
            expect(report.sections.length).toBeGreaterThan(0);
            expect(report.sections.every((s) => s.status === "submitted")).toBe(true);
          }
          if (report.state === "collecting") {
            expect(report.sections.length === 0 || report.sections.some((s) => s.status !== "submitted")).toBe(true);
          }
          expect(report.history).toHaveLength(submissions);
          expect(report.history.map((h) => h.revision)).toEqual(report.history.map((_, i) => i + 1));
          // The content of a submitted state is the last revision sent; anything else is the next one.
          const last = report.history.at(-1)?.revision ?? 0;
          const sent = ["submitted", "acknowledged", "published"].includes(report.state);
          expect(report.revision).toBe(sent ? last : last + 1);
          reached.add(report.state);
          if (report.state === "published") expect(report.publicReview?.revision).toBe(report.revision);
        }
      }),
      { numRuns: 150 },
    );
    // The sequences must reach deep into the workflow for the invariants to mean something.
    expect([...reached].sort()).toEqual([
      "acknowledged",
      "approved",
      "collecting",
      "published",
      "revising",
      "submitted",
      "synthesis",
    ]);
  });
});
