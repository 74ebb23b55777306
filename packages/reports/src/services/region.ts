import { err, type Locale, ok, type Person, type PlatformId, type Result } from "@dynamo/core";
import { createPlatformRepo, type Platform } from "@dynamo/identity";
import { reportToJson } from "../db/codec.ts";
import { createIndicatorDefinitionRepo, createReportRepo } from "../db/reports.ts";
import type { ReportsContext } from "../deps.ts";
import { validateIndicatorValues } from "../domain/indicator.ts";
import {
  cycleYears,
  EMPTY_CONTENT,
  createReport as newReport,
  type Report,
  type ReportActivity,
  type ReportId,
  type ReportKind,
  type SectionContent,
  type SectionId,
  type SynthesisStatement,
} from "../domain/report.ts";
import { REPORTS_CONTEXT, type SubmissionMessage, type UnsignedMessage } from "../wire/messages.ts";
import { reportActorFor } from "./actor.ts";
import { platformDirectoryOf } from "./directory.ts";
import type { ReportsError } from "./errors.ts";
import { auditReport, changeReport, decideAction } from "./store.ts";

type Acting = Pick<Person, "id" | "roles" | "platformId">;

export interface NewReportInput {
  kind: ReportKind;
  cycle: string;
  dueDate: Date;
  /** Each platform section's due date; the report's when absent. */
  sectionDueDate?: Date | undefined;
  /** The language each platform writes in; the region's default when absent. */
  locales?: Partial<Record<string, Locale>>;
}

const CYCLE = /^\d{4}(-\d{4})?$/;

/**
 * A coordinator opens a report for a cycle and requests a section from every platform that takes
 * part (active or observer), plus the coordination's own section in an activity report (the
 * year's activities) and in a status report whose period has activities to list.
 */
export async function createRegionReport(
  ctx: ReportsContext,
  person: Acting,
  input: NewReportInput,
): Promise<Result<Report, ReportsError>> {
  const actor = reportActorFor(ctx.tenant, person);
  if (actor?.role !== "regional_coordinator") return err({ kind: "forbidden" });
  if (!CYCLE.test(input.cycle)) return err({ kind: "invalid", field: "cycle", code: "cycle" });
  if (Number.isNaN(input.dueDate.getTime())) return err({ kind: "invalid", field: "dueDate", code: "due-date" });
  const platforms = (await createPlatformRepo(ctx.db, ctx.tenant.id).list()).filter((p) => p.status !== "suspended");
  if (platforms.length === 0 && input.kind !== "activity") {
    return err({ kind: "invalid", field: "kind", code: "no-platforms" });
  }
  // An annual activity report starts with the year's recorded activities in the coordination's
  // section, a biennial status report with the period's (nothing typed twice); the coordinator
  // edits them before submitting. A status report has a coordination section only when the
  // period has activities to list.
  const source = input.kind === "diagnosis" ? undefined : ctx.activities;
  const activities: ReportActivity[] = [];
  for (const year of source === undefined ? [] : cycleYears(input.cycle))
    activities.push(...((await source?.(ctx.db, ctx.tenant, year)) ?? []));
  const withCoordination = input.kind === "activity" || (input.kind === "status" && activities.length > 0);
  const now = ctx.clock();
  const created = newReport({
    id: ctx.newId() as ReportId,
    kind: input.kind,
    region: actor.region,
    cycle: input.cycle,
    dueDate: input.dueDate,
  });
  const sections = [
    ...(withCoordination ? [{ platformId: null, locale: ctx.tenant.defaultLocale }] : []),
    ...platforms.map((p: Platform) => ({
      platformId: p.id as PlatformId | null,
      locale: input.locales?.[p.id] ?? ctx.tenant.defaultLocale,
    })),
  ].map((s) => ({ ...s, sectionId: ctx.newId() as SectionId, dueDate: input.sectionDueDate }));
  const requested = decideAction(created, { kind: "request-sections", sections }, actor, now);
  if (!requested.ok) return requested;
  let report = requested.value;
  const coordination = report.sections.find((s) => s.platformId === null);
  if (activities.length > 0 && coordination !== undefined) {
    const content = { ...EMPTY_CONTENT, activities };
    const filled = decideAction(report, { kind: "save-section", sectionId: coordination.id, content }, actor, now);
    if (filled.ok) report = filled.value;
  }
  const inserted = await createReportRepo(ctx.db, ctx.tenant.id).insert(report, now);
  if (!inserted.ok) return err({ kind: "report-exists" });
  return ok(report);
}

function sectionOf(report: Report, sectionId: string) {
  return report.sections.find((s) => s.id === sectionId);
}

/** A platform (or the coordinator, for the coordination's section) saves its section. */
export async function saveReportSection(
  ctx: ReportsContext,
  person: Acting,
  reportId: string,
  sectionId: string,
  content: SectionContent,
) {
  const definitions = await createIndicatorDefinitionRepo(ctx.db, ctx.tenant.id).list();
  return changeReport(ctx, reportId, (report) => {
    const problems = validateIndicatorValues(
      definitions.filter((d) => d.cycles.includes(report.cycle)),
      content.indicators,
    );
    if (problems.length > 0) return err({ kind: "invalid-indicators", problems });
    const actor = reportActorFor(ctx.tenant, person, sectionOf(report, sectionId));
    return decideAction(
      report,
      { kind: "save-section", sectionId: sectionId as SectionId, content },
      actor,
      ctx.clock(),
    );
  });
}

export async function submitReportSection(ctx: ReportsContext, person: Acting, reportId: string, sectionId: string) {
  return changeReport(ctx, reportId, (report) =>
    decideAction(
      report,
      { kind: "submit-section", sectionId: sectionId as SectionId },
      reportActorFor(ctx.tenant, person, sectionOf(report, sectionId)),
      ctx.clock(),
    ),
  );
}

export async function returnReportSection(
  ctx: ReportsContext,
  person: Acting,
  reportId: string,
  sectionId: string,
  reason: string,
) {
  return changeReport(
    ctx,
    reportId,
    (report) =>
      decideAction(
        report,
        { kind: "return-section", sectionId: sectionId as SectionId, reason },
        reportActorFor(ctx.tenant, person),
        ctx.clock(),
      ),
    (report, tx) => auditReport(ctx, tx, "reports.return-section", report, { sectionId }),
  );
}

export async function writeReportSynthesis(
  ctx: ReportsContext,
  person: Acting,
  reportId: string,
  synthesis: { locale: Locale; statements: SynthesisStatement[] },
) {
  return changeReport(ctx, reportId, (report) =>
    decideAction(report, { kind: "write-synthesis", ...synthesis }, reportActorFor(ctx.tenant, person), ctx.clock()),
  );
}

export async function approveReport(ctx: ReportsContext, person: Acting, reportId: string) {
  return changeReport(ctx, reportId, (report) =>
    decideAction(report, { kind: "approve" }, reportActorFor(ctx.tenant, person), ctx.clock()),
  );
}

/**
 * Signs the approved report with the region's actor key and hands it to the delivery queue
 * addressed to the hub. The report is `submitted` once signed — the signing time is what its
 * timeliness is judged by — whether or not the hub is reachable now; the queue retries for days.
 */
export async function submitReportToHub(ctx: ReportsContext, person: Acting, reportId: string) {
  const network = ctx.network;
  const hub = (await network.peers(ctx.db, ctx.tenant)).find((p) => p.role === "hub");
  if (hub === undefined) return err({ kind: "not-peered" } as const);
  const actorId = network.actorId(ctx.tenant);
  const sign = await network.signer(ctx.tenant);
  const changed = await changeReport(
    ctx,
    reportId,
    (report) => decideAction(report, { kind: "submit-to-hub" }, reportActorFor(ctx.tenant, person), ctx.clock()),
    async (report, tx) => {
      const signedAt = report.history.at(-1)?.submittedAt ?? ctx.clock();
      const message: UnsignedMessage<SubmissionMessage> = {
        "@context": REPORTS_CONTEXT,
        type: "ReportSubmission",
        id: `${actorId}/reports/${report.id}/revisions/${report.revision}`,
        actor: actorId,
        signedAt: signedAt.toISOString(),
        report: reportToJson(report) as SubmissionMessage["report"],
        platforms: await platformDirectoryOf(ctx, report, tx),
      };
      await network.enqueue(tx, ctx.tenant, [hub], await sign(message, signedAt), false);
    },
  );
  if (!changed.ok) return changed;
  network.wake();
  ctx.logger.info("report {reportId} revision {revision} signed and queued for the hub", {
    reportId,
    revision: changed.value.report.revision,
  });
  return ok(changed.value.report);
}
