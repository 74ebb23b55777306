import { describe, expect, it } from "vitest";
import { isSectionLocked } from "./report.ts";
import {
  approved,
  coordinator,
  day,
  otherCoordinator,
  run,
  SN_SECTION,
  senegalRep,
  statusContent,
  submitted,
  synthesisAction,
  technicalTeam,
} from "./test-fixtures.ts";
import { applyReportAction } from "./workflow.ts";

const sendBack = { kind: "send-back" as const, reasons: ["The Mali section has no indicators", " "] };

describe("submitting to the hub", () => {
  it("records the submission time and keeps revision 1 as sent", () => {
    const report = submitted(day(12));
    expect(report.state).toBe("submitted");
    expect(report.firstSubmittedAt).toEqual(day(12));
    expect(report.revision).toBe(1);
    expect(report.history).toHaveLength(1);
    expect(report.history[0]).toMatchObject({
      revision: 1,
      submittedAt: day(12),
      submittedBy: coordinator.id,
      acknowledgedAt: null,
      sentBack: null,
    });
    expect(report.history[0]?.sections.map((s) => s.id)).toEqual(report.sections.map((s) => s.id));
    expect(report.history[0]?.synthesis?.statements).toHaveLength(2);
  });

  it("is the approving region's coordinator's, from approved only", () => {
    expect(applyReportAction(approved(), { kind: "submit-to-hub" }, otherCoordinator, day(12))).toEqual({
      ok: false,
      error: { kind: "forbidden", action: "submit-to-hub", role: "regional_coordinator" },
    });
    expect(applyReportAction(submitted(), { kind: "submit-to-hub" }, coordinator, day(13))).toEqual({
      ok: false,
      error: { kind: "not-allowed-in-state", action: "submit-to-hub", state: "submitted" },
    });
  });
});

describe("the hub's answer", () => {
  it("acknowledges with a receipt on the submitted revision", () => {
    const report = run(submitted(), [[{ kind: "acknowledge" }, technicalTeam, day(14)]]);
    expect(report.state).toBe("acknowledged");
    expect(report.history[0]?.acknowledgedAt).toEqual(day(14));
    expect(report.events.at(-1)).toMatchObject({ action: "acknowledge", actorId: technicalTeam.id, revision: 1 });
  });

  it("is the technical team's only", () => {
    expect(applyReportAction(submitted(), { kind: "acknowledge" }, coordinator, day(14))).toEqual({
      ok: false,
      error: { kind: "forbidden", action: "acknowledge", role: "regional_coordinator" },
    });
    expect(applyReportAction(submitted(), sendBack, senegalRep, day(14))).toEqual({
      ok: false,
      error: { kind: "forbidden", action: "send-back", role: "platform_representative" },
    });
  });

  it("sends back with reasons: revision 1 keeps the reasons, the region works on revision 2", () => {
    const report = run(submitted(), [[sendBack, technicalTeam, day(14)]]);
    expect(report.state).toBe("revising");
    expect(report.revision).toBe(2);
    expect(report.approvedAt).toBeNull();
    expect(report.history[0]?.sentBack).toEqual({ at: day(14), reasons: ["The Mali section has no indicators"] });
    expect(report.events.at(-1)).toMatchObject({
      action: "send-back",
      revision: 1,
      reason: "The Mali section has no indicators",
    });
  });

  it("refuses a send-back without a reason", () => {
    expect(applyReportAction(submitted(), { kind: "send-back", reasons: ["", "  "] }, technicalTeam, day(14))).toEqual({
      ok: false,
      error: { kind: "reason-required" },
    });
  });
});

describe("a change after submission is a new revision", () => {
  it("keeps submitted sections locked until the coordinator returns one, then resubmits as revision 2", () => {
    const sentBack = run(submitted(day(12)), [[sendBack, technicalTeam, day(14)]]);
    const section = sentBack.sections.find((s) => s.id === SN_SECTION);
    expect(section && isSectionLocked(sentBack, section)).toBe(true);

    const revised = run(sentBack, [
      [{ kind: "return-section", sectionId: SN_SECTION, reason: "Hub asks for figures" }, coordinator, day(15)],
      [{ kind: "save-section", sectionId: SN_SECTION, content: statusContent("revised") }, senegalRep, day(16)],
      [{ kind: "submit-section", sectionId: SN_SECTION }, senegalRep, day(17)],
      [synthesisAction, coordinator, day(18)],
      [{ kind: "approve" }, coordinator, day(19)],
      [{ kind: "submit-to-hub" }, coordinator, day(20)],
    ]);
    expect(revised.state).toBe("submitted");
    expect(revised.revision).toBe(2);
    expect(revised.firstSubmittedAt).toEqual(day(12));
    expect(revised.history.map((h) => [h.revision, h.submittedAt])).toEqual([
      [1, day(12)],
      [2, day(20)],
    ]);
    expect(revised.history[0]?.sections.find((s) => s.id === SN_SECTION)?.content.texts.situation?.text).toBe(
      "Senegal",
    );
    expect(revised.history[1]?.sections.find((s) => s.id === SN_SECTION)?.content.texts.situation?.text).toBe(
      "revised",
    );
  });

  it("lets the coordinator reopen an acknowledged or published report with a reason, as the next revision", () => {
    const acknowledged = run(submitted(), [[{ kind: "acknowledge" }, technicalTeam, day(14)]]);
    const reopened = run(acknowledged, [[{ kind: "reopen", reason: "Wrong figure for Mali" }, coordinator, day(15)]]);
    expect(reopened.state).toBe("revising");
    expect(reopened.revision).toBe(2);
    expect(reopened.history[0]?.reopened).toEqual({ at: day(15), reason: "Wrong figure for Mali" });
    expect(applyReportAction(acknowledged, { kind: "reopen", reason: "" }, coordinator, day(15))).toEqual({
      ok: false,
      error: { kind: "reason-required" },
    });
    expect(applyReportAction(submitted(), { kind: "reopen", reason: "x" }, coordinator, day(13))).toEqual({
      ok: false,
      error: { kind: "not-allowed-in-state", action: "reopen", state: "submitted" },
    });
  });
});

describe("publication", () => {
  const acknowledged = () => run(submitted(), [[{ kind: "acknowledge" }, technicalTeam, day(14)]]);

  it("requires the public edition's review of the current revision", () => {
    expect(applyReportAction(acknowledged(), { kind: "publish" }, technicalTeam, day(15))).toEqual({
      ok: false,
      error: { kind: "review-required" },
    });
    const published = run(acknowledged(), [
      [{ kind: "review-public-edition" }, technicalTeam, day(15)],
      [{ kind: "publish" }, technicalTeam, day(16)],
    ]);
    expect(published.state).toBe("published");
    expect(published.publishedAt).toEqual(day(16));
    expect(published.publicReview).toEqual({ by: technicalTeam.id, at: day(15), revision: 1 });
  });

  it("asks for a new review after a reopened report is resubmitted", () => {
    const republishable = run(acknowledged(), [
      [{ kind: "review-public-edition" }, technicalTeam, day(15)],
      [{ kind: "publish" }, technicalTeam, day(16)],
      [{ kind: "reopen", reason: "Correction" }, coordinator, day(17)],
      [{ kind: "approve" }, coordinator, day(18)],
      [{ kind: "submit-to-hub" }, coordinator, day(19)],
      [{ kind: "acknowledge" }, technicalTeam, day(20)],
    ]);
    expect(republishable.publicReview).toBeNull();
    expect(applyReportAction(republishable, { kind: "publish" }, technicalTeam, day(21))).toEqual({
      ok: false,
      error: { kind: "review-required" },
    });
  });

  it("cannot be done by the region, nor before acknowledgement", () => {
    expect(applyReportAction(acknowledged(), { kind: "publish" }, coordinator, day(15))).toEqual({
      ok: false,
      error: { kind: "forbidden", action: "publish", role: "regional_coordinator" },
    });
    expect(applyReportAction(submitted(), { kind: "publish" }, technicalTeam, day(15))).toEqual({
      ok: false,
      error: { kind: "not-allowed-in-state", action: "publish", state: "submitted" },
    });
  });
});
