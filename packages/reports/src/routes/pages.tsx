import { isRegionCode } from "@dynamo/core";
import type { TenantEnv } from "@dynamo/web";
import { authorize, type Frame, mayDo, pageFrame, parseForm, renderPage, signedIn } from "@dynamo/web";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { createReportRepo } from "../db/reports.ts";
import type { ReportsDeps } from "../deps.ts";
import { carriesIndicators, listsActivities, REPORT_KINDS, type ReportKind } from "../domain/report.ts";
import { reportActorFor } from "../services/actor.ts";
import { baselineReadingOf } from "../services/baseline.ts";
import { platformDirectoryOf } from "../services/directory.ts";
import type { ReportsError } from "../services/errors.ts";
import { decideReport, publishReport } from "../services/hub.ts";
import { definitionsOf, listReports } from "../services/queries.ts";
import {
  approveReport,
  createRegionReport,
  returnReportSection,
  saveReportSection,
  submitReportSection,
  submitReportToHub,
  writeReportSynthesis,
} from "../services/region.ts";
import { findReport } from "../services/store.ts";
import { ReportPage, ReportsPage } from "../views/report-pages.tsx";
import { SectionEditPage } from "../views/section-page.tsx";
import { reportsContext } from "./context.ts";
import { exportReportResponse } from "./exports.tsx";
import { type Form, ReportForm, sectionContentOf, synthesisOf, text } from "./form.ts";
import { errorMessage, reportsProblem } from "./respond.ts";
import { indicatorInputs, regionName, reportListItem, reportView, sectionFields } from "./views.ts";

/** The site's frame: the same navigation (every area's pages) and account on every page. */
export function reportsFrame(c: Context<TenantEnv>, path: string): Frame {
  return pageFrame(c, path);
}

const NOTICES = {
  created: "reports.created",
  saved: "reports.section.saved",
  sent: "reports.section.sent",
  synthesis: "reports.synthesis.saved",
  approved: "reports.approved",
  submitted: "reports.submittedNotice",
  decided: "reports.decided",
  reviewed: "reports.reviewed",
  published: "reports.published",
} as const;

function notice(c: Context<TenantEnv>): string | undefined {
  const key = c.req.query("done") as keyof typeof NOTICES | undefined;
  return key !== undefined && key in NOTICES ? c.get("t")(NOTICES[key]) : undefined;
}

export function mountReportPages(router: OpenAPIHono<TenantEnv>, deps: ReportsDeps): void {
  const ctx = (c: Context<TenantEnv>) => reportsContext(c, deps);

  const listPage = async (c: Context<TenantEnv>, error?: ReportsError, status: 200 | 400 | 409 = 200) => {
    const reports = await listReports(ctx(c));
    const now = deps.clock();
    return renderPage(
      c,
      <ReportsPage
        frame={reportsFrame(c, "/reports")}
        reports={reports.map((r) => reportListItem(c.get("t"), r, now))}
        canCreate={mayDo(c, "reports.create")}
        errorMessage={error === undefined ? undefined : errorMessage(c.get("t"), error)}
      />,
      status,
    );
  };

  router.get("/reports", authorize("reports.read"), (c) => listPage(c));

  router.post("/reports", authorize("reports.create"), async (c) => {
    const parsed = await parseForm(c, ReportForm);
    if (!parsed.ok) return parsed.response;
    const form = parsed.value;
    const kind = text(form, "kind");
    const due = text(form, "dueDate");
    const result = await createRegionReport(ctx(c), signedIn(c).person, {
      kind: (REPORT_KINDS as readonly string[]).includes(kind) ? (kind as ReportKind) : "status",
      cycle: text(form, "cycle").trim(),
      // A due date is the end of that day (UTC).
      dueDate: new Date(`${due}T23:59:59Z`),
    });
    if (result.ok) return c.redirect(`/reports/${result.value.id}?done=created`, 303);
    return listPage(c, result.error, result.error.kind === "report-exists" ? 409 : 400);
  });

  const reportPage = async (c: Context<TenantEnv>, id: string, error?: ReportsError) => {
    const context = ctx(c);
    const report = await findReport(context, id);
    if (report === undefined) return reportsProblem(c, { kind: "not-found" });
    const person = signedIn(c).person;
    const coordinator = reportActorFor(c.get("tenant"), person)?.role === "regional_coordinator";
    const editable = ["collecting", "synthesis", "revising"].includes(report.state);
    const own = report.region === c.get("tenant").regionCode;
    const view = reportView(c.get("t"), report, {
      directory: await platformDirectoryOf(context, report),
      definitions: await definitionsOf(context),
      baseline: (await baselineReadingOf(context, report))?.comparisons,
      now: deps.clock(),
      rights: {
        canEdit: (s) =>
          own &&
          editable &&
          s.status !== "submitted" &&
          (s.platformId === null ? coordinator : person.platformId === s.platformId),
        canReturn: own && editable && coordinator,
      },
    });
    const decider = mayDo(c, "reports.decide");
    return renderPage(
      c,
      <ReportPage
        frame={reportsFrame(c, `/reports/${id}`)}
        report={view}
        notice={notice(c)}
        errorMessage={error === undefined ? undefined : errorMessage(c.get("t"), error)}
        actions={{
          canSynthesize: own && coordinator && editable,
          canApprove: own && coordinator && editable,
          canSubmit: own && coordinator && report.state === "approved",
          canDecide: decider && ["submitted", "acknowledged"].includes(report.state),
          canExport: mayDo(c, "reports.export"),
        }}
      />,
      error === undefined ? 200 : error.kind === "forbidden" ? 403 : 409,
    );
  };

  router.get("/reports/:id", authorize("reports.read"), (c) => reportPage(c, c.req.param("id")));

  /** Runs a form's use-case, then back to the report with a notice, or the report with the refusal. */
  const act =
    (
      done: keyof typeof NOTICES,
      run: (c: Context<TenantEnv>, form: Form) => Promise<{ ok: true } | { ok: false; error: ReportsError }>,
    ) =>
    async (c: Context<TenantEnv>) => {
      const id = c.req.param("id") ?? "";
      const parsed = await parseForm(c, ReportForm);
      if (!parsed.ok) return parsed.response;
      const result = await run(c, parsed.value);
      if (result.ok) return c.redirect(`/reports/${id}?done=${done}`, 303);
      if (result.error.kind === "not-found") return reportsProblem(c, result.error);
      return reportPage(c, id, result.error);
    };

  const sectionPage = async (c: Context<TenantEnv>, error?: ReportsError) => {
    const context = ctx(c);
    const id = c.req.param("id") ?? "";
    const report = await findReport(context, id);
    const section = report?.sections.find((s) => s.id === c.req.param("sectionId"));
    if (report === undefined || section === undefined) return reportsProblem(c, { kind: "not-found" });
    const person = signedIn(c).person;
    const author =
      section.platformId === null
        ? reportActorFor(c.get("tenant"), person)?.role === "regional_coordinator"
        : person.platformId === section.platformId;
    if (!author) return reportsProblem(c, { kind: "forbidden" });
    const directory = await platformDirectoryOf(context, report);
    const definitions = carriesIndicators(report.kind, section.platformId)
      ? await definitionsOf(context, report.cycle)
      : [];
    const view = reportView(c.get("t"), report, {
      directory,
      definitions,
      baseline: undefined,
      now: deps.clock(),
      rights: { canEdit: () => true, canReturn: false },
    }).sections.find((s) => s.id === section.id);
    if (view === undefined) return reportsProblem(c, { kind: "not-found" });
    const locked = !["collecting", "synthesis", "revising"].includes(report.state) || section.status === "submitted";
    return renderPage(
      c,
      <SectionEditPage
        frame={reportsFrame(c, `/reports/${id}`)}
        reportId={id}
        reportTitle={`${c.get("t")(`reports.kind.${report.kind}`)} — ${regionName(c.get("t"), report)} — ${report.cycle}`}
        section={view}
        fields={sectionFields(c.get("t"), report, section)}
        indicators={indicatorInputs(c.get("t"), definitions, section.content.indicators)}
        withActivities={listsActivities(report.kind, section.platformId)}
        locked={locked}
        notice={notice(c)}
        errorMessage={error === undefined ? undefined : errorMessage(c.get("t"), error)}
      />,
      error === undefined ? 200 : error.kind === "forbidden" ? 403 : error.kind === "refused" ? 409 : 400,
    );
  };

  router.get("/reports/:id/sections/:sectionId", authorize("reports.write-section"), (c) => sectionPage(c));

  router.post("/reports/:id/sections/:sectionId", authorize("reports.write-section"), async (c) => {
    const context = ctx(c);
    const id = c.req.param("id");
    const sectionId = c.req.param("sectionId");
    const report = await findReport(context, id);
    const section = report?.sections.find((s) => s.id === sectionId);
    if (report === undefined || section === undefined) return reportsProblem(c, { kind: "not-found" });
    const parsed = await parseForm(c, ReportForm);
    if (!parsed.ok) return parsed.response;
    const form = parsed.value;
    const fields = sectionFields(c.get("t"), report, section).map((f) => f.field);
    const definitions = carriesIndicators(report.kind, section.platformId)
      ? await definitionsOf(context, report.cycle)
      : [];
    const content = sectionContentOf(form, fields, definitions);
    const person = signedIn(c).person;
    const saved = await saveReportSection(context, person, id, sectionId, content);
    if (!saved.ok) return sectionPage(c, saved.error);
    if (text(form, "intent") !== "submit") return c.redirect(`/reports/${id}/sections/${sectionId}?done=saved`, 303);
    const submitted = await submitReportSection(context, person, id, sectionId);
    if (!submitted.ok) return sectionPage(c, submitted.error);
    return c.redirect(`/reports/${id}?done=sent`, 303);
  });

  router.post(
    "/reports/:id/sections/:sectionId/return",
    authorize("reports.coordinate"),
    act("saved", (c, form) =>
      returnReportSection(
        ctx(c),
        signedIn(c).person,
        c.req.param("id") ?? "",
        c.req.param("sectionId") ?? "",
        text(form, "reason"),
      ),
    ),
  );
  router.post(
    "/reports/:id/synthesis",
    authorize("reports.coordinate"),
    act("synthesis", (c, form) =>
      writeReportSynthesis(ctx(c), signedIn(c).person, c.req.param("id") ?? "", synthesisOf(form, c.get("locale"))),
    ),
  );
  router.post(
    "/reports/:id/approve",
    authorize("reports.coordinate"),
    act("approved", (c) => approveReport(ctx(c), signedIn(c).person, c.req.param("id") ?? "")),
  );
  router.post(
    "/reports/:id/submit",
    authorize("reports.coordinate"),
    act("submitted", (c) => submitReportToHub(ctx(c), signedIn(c).person, c.req.param("id") ?? "")),
  );
  router.post("/reports/:id/decision", authorize("reports.decide"), async (c) => {
    const parsed = await parseForm(c, ReportForm);
    if (!parsed.ok) return parsed.response;
    const form = parsed.value;
    const decision = text(form, "decision");
    const handler = act(decision === "review-public-edition" ? "reviewed" : "decided", (cc) =>
      decideReport(
        ctx(cc),
        signedIn(cc).person,
        cc.req.param("id") ?? "",
        decision === "send-back"
          ? {
              kind: "send-back",
              reasons: text(form, "reasons")
                .split("\n")
                .map((r) => r.trim())
                .filter((r) => r !== ""),
            }
          : decision === "review-public-edition"
            ? { kind: "review-public-edition" }
            : { kind: "acknowledge" },
      ),
    );
    return handler(c);
  });
  router.post(
    "/reports/:id/publish",
    authorize("reports.decide"),
    act("published", (c) => publishReport(ctx(c), signedIn(c).person, c.req.param("id") ?? "")),
  );

  router.get("/reports/:id/edition", authorize("reports.export"), (c) =>
    exportReportResponse(
      c,
      ctx(c),
      c.req.param("id"),
      "html",
      c.req.query("edition") === "public" ? "public" : "internal",
      c.req.query("preview") === "1",
    ),
  );

  /** A published report's public edition, for anyone: on the hub and on every region it reached. */
  router.get("/published/reports/:id", async (c) => {
    const context = ctx(c);
    const stored = await createReportRepo(context.db, c.get("tenant").id).find(c.req.param("id"));
    if (stored === undefined || stored.report.state !== "published" || !isRegionCode(stored.report.region)) {
      return reportsProblem(c, { kind: "not-found" });
    }
    return exportReportResponse(c, context, stored.report.id, "html", "public");
  });
}
