import { err, ok, type Result } from "@dynamo/core";
import {
  ACTION_ROLES,
  ACTION_STATES,
  type ReportAction,
  type ReportActor,
  type ReportRefusal,
  type SectionRequest,
} from "./actions.ts";
import {
  EMPTY_CONTENT,
  isSectionLocked,
  missingSectionFields,
  type Report,
  type ReportRevision,
  type ReportSection,
  type SectionId,
} from "./report.ts";

type Outcome = Result<Report, ReportRefusal>;

/**
 * The report workflow as a pure state machine (DHIS2-style data sets, with sections):
 *
 *   draft ─request-sections→ collecting ⇄ synthesis ─approve→ approved ─submit-to-hub→ submitted
 *   submitted ─acknowledge→ acknowledged ─review-public-edition, publish→ published
 *   submitted|acknowledged ─send-back→ revising;  acknowledged|published ─reopen→ revising
 *   revising ─approve→ approved (the next revision)
 *
 * `collecting` becomes `synthesis` by itself when the last requested section is submitted, and
 * goes back when the coordinator returns a section. A submitted section is locked until the
 * coordinator returns it (with a reason), which unlocks it for its platform. From `approved` on,
 * everything is locked. Each submission to the hub keeps the submitted content in `history`;
 * a send-back or a reopening starts the next revision. Every applied action is in `events`.
 *
 * Refusals are checked in this order: the actor's role (and region), the report's state, the
 * section (exists, belongs to the actor, unlocked), then the action's own conditions. A refused
 * action changes nothing.
 */
export function applyReportAction(report: Report, action: ReportAction, actor: ReportActor, now: Date): Outcome {
  if (!ACTION_ROLES[action.kind].includes(actor.role)) {
    return err({ kind: "forbidden", action: action.kind, role: actor.role });
  }
  if (actor.role === "regional_coordinator" && actor.region !== report.region) {
    return err({ kind: "forbidden", action: action.kind, role: actor.role });
  }
  if (!ACTION_STATES[action.kind].includes(report.state)) {
    return err({ kind: "not-allowed-in-state", action: action.kind, state: report.state });
  }
  const outcome = decide(report, action, actor, now);
  if (!outcome.ok) return outcome;
  const sectionId = "sectionId" in action ? action.sectionId : null;
  const reason =
    action.kind === "return-section" || action.kind === "reopen"
      ? action.reason.trim()
      : action.kind === "send-back"
        ? action.reasons
            .map((r) => r.trim())
            .filter((r) => r !== "")
            .join("\n")
        : null;
  const event = {
    action: action.kind,
    actorId: actor.id,
    role: actor.role,
    at: now,
    revision: report.revision,
    sectionId,
    reason,
  };
  return ok({ ...outcome.value, events: [...report.events, event] });
}

function decide(report: Report, action: ReportAction, actor: ReportActor, now: Date): Outcome {
  switch (action.kind) {
    case "request-sections":
      return requestSections(report, action.sections);
    case "save-section":
      return withAuthoredSection(report, action, actor, (section) =>
        ok({
          ...section,
          content: action.content,
          status: section.status === "requested" ? "in-progress" : section.status,
        }),
      );
    case "submit-section":
      return withAuthoredSection(report, action, actor, (section) => {
        const missingFields = missingSectionFields(report.kind, section.platformId, section.content);
        if (missingFields.length > 0) return err({ kind: "incomplete-section", sectionId: section.id, missingFields });
        return ok({
          ...section,
          status: "submitted",
          submittedAt: now,
          firstSubmittedAt: section.firstSubmittedAt ?? now,
          returnReason: null,
        });
      });
    case "return-section": {
      const section = report.sections.find((s) => s.id === action.sectionId);
      if (section === undefined) return err({ kind: "unknown-section", sectionId: action.sectionId });
      if (section.status !== "submitted") return err({ kind: "section-not-submitted", sectionId: section.id });
      const reason = action.reason.trim();
      if (reason === "") return err({ kind: "reason-required" });
      return ok(replaceSection(report, { ...section, status: "returned", returnReason: reason }));
    }
    case "write-synthesis": {
      const known = new Set<string>(report.sections.map((s) => s.id));
      for (const [statementIndex, statement] of action.statements.entries()) {
        const unknown = statement.sourceSectionIds.find((id) => !known.has(id));
        if (unknown !== undefined) return err({ kind: "unlinked-statement", statementIndex, sectionId: unknown });
      }
      return ok({ ...report, synthesis: { locale: action.locale, statements: action.statements, writtenAt: now } });
    }
    case "approve": {
      const waiting = report.sections.filter((s) => s.status !== "submitted").map((s) => s.id);
      if (waiting.length > 0) return err({ kind: "missing-sections", sectionIds: waiting });
      if (report.synthesis === null || report.synthesis.statements.length === 0) {
        return err({ kind: "missing-synthesis" });
      }
      return ok({ ...report, state: "approved", approvedAt: now });
    }
    case "submit-to-hub": {
      const revision: ReportRevision = {
        revision: report.revision,
        submittedAt: now,
        submittedBy: actor.id,
        sections: report.sections,
        synthesis: report.synthesis,
        acknowledgedAt: null,
        sentBack: null,
        reopened: null,
      };
      return ok({
        ...report,
        state: "submitted",
        firstSubmittedAt: report.firstSubmittedAt ?? now,
        history: [...report.history, revision],
      });
    }
    case "acknowledge":
      return ok({ ...withLastRevision(report, (r) => ({ ...r, acknowledgedAt: now })), state: "acknowledged" });
    case "send-back": {
      const reasons = action.reasons.map((r) => r.trim()).filter((r) => r !== "");
      if (reasons.length === 0) return err({ kind: "reason-required" });
      return ok(nextRevision(withLastRevision(report, (r) => ({ ...r, sentBack: { at: now, reasons } }))));
    }
    case "review-public-edition":
      return ok({ ...report, publicReview: { by: actor.id, at: now, revision: report.revision } });
    case "publish":
      if (report.publicReview?.revision !== report.revision) return err({ kind: "review-required" });
      return ok({ ...report, state: "published", publishedAt: now });
    case "reopen": {
      const reason = action.reason.trim();
      if (reason === "") return err({ kind: "reason-required" });
      return ok(nextRevision(withLastRevision(report, (r) => ({ ...r, reopened: { at: now, reason } }))));
    }
  }
}

function requestSections(report: Report, requests: readonly SectionRequest[]): Outcome {
  const platforms = new Set(report.sections.map((s) => s.platformId));
  const ids = new Set<string>(report.sections.map((s) => s.id));
  const added: ReportSection[] = [];
  for (const request of requests) {
    if (platforms.has(request.platformId)) return err({ kind: "section-exists", platformId: request.platformId });
    if (ids.has(request.sectionId))
      throw new Error(`section id ${request.sectionId} used twice in report ${report.id}`);
    platforms.add(request.platformId);
    ids.add(request.sectionId);
    added.push({
      id: request.sectionId,
      platformId: request.platformId,
      locale: request.locale,
      dueDate: request.dueDate ?? report.dueDate,
      status: "requested",
      content: EMPTY_CONTENT,
      submittedAt: null,
      firstSubmittedAt: null,
      returnReason: null,
    });
  }
  const state = report.state === "draft" ? "collecting" : report.state;
  return ok(settle({ ...report, state, sections: [...report.sections, ...added] }));
}

/** Finds the section, checks the actor is its author and that it is unlocked, then applies the change. */
function withAuthoredSection(
  report: Report,
  action: { kind: "save-section" | "submit-section"; sectionId: SectionId },
  actor: ReportActor,
  change: (section: ReportSection) => Result<ReportSection, ReportRefusal>,
): Outcome {
  const { sectionId } = action;
  const section = report.sections.find((s) => s.id === sectionId);
  if (section === undefined) return err({ kind: "unknown-section", sectionId });
  const isAuthor =
    section.platformId === null
      ? actor.role === "regional_coordinator"
      : actor.role === "platform_representative" && actor.platformId === section.platformId;
  if (!isAuthor) return err({ kind: "forbidden", action: action.kind, role: actor.role });
  if (isSectionLocked(report, section)) return err({ kind: "section-locked", sectionId });
  const changed = change(section);
  if (!changed.ok) return changed;
  return ok(replaceSection(report, changed.value));
}

function replaceSection(report: Report, section: ReportSection): Report {
  return settle({ ...report, sections: report.sections.map((s) => (s.id === section.id ? section : s)) });
}

/** `collecting` and `synthesis` follow the sections: synthesis once every requested section is in. */
function settle(report: Report): Report {
  if (report.state !== "collecting" && report.state !== "synthesis") return report;
  const allIn = report.sections.length > 0 && report.sections.every((s) => s.status === "submitted");
  return { ...report, state: allIn ? "synthesis" : "collecting" };
}

function withLastRevision(report: Report, change: (revision: ReportRevision) => ReportRevision): Report {
  const last = report.history.at(-1);
  if (last === undefined) throw new Error(`report ${report.id} is ${report.state} without a submitted revision`);
  return { ...report, history: [...report.history.slice(0, -1), change(last)] };
}

/** After a submission, the next change is a new revision: unapproved, unreviewed, content kept. */
function nextRevision(report: Report): Report {
  return { ...report, state: "revising", revision: report.revision + 1, approvedAt: null, publicReview: null };
}
