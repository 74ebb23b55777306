import { err, ok, type Result } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { createReportRepo, type StoredReport } from "../db/reports.ts";
import type { ReportsContext } from "../deps.ts";
import type { ReportAction, ReportActor } from "../domain/actions.ts";
import type { Report } from "../domain/report.ts";
import { applyReportAction } from "../domain/workflow.ts";
import type { ReportsError } from "./errors.ts";

/**
 * Loads a report (locked), lets `decide` work out the next one, saves it: one transaction. A
 * refusal changes nothing. `after` runs inside the transaction once the report is saved.
 */
export async function changeReport<T = Report>(
  ctx: ReportsContext,
  reportId: string,
  decide: (report: Report) => Promise<Result<Report, ReportsError>> | Result<Report, ReportsError>,
  after?: (report: Report, tx: DbOrTx, before: StoredReport) => Promise<T>,
): Promise<Result<{ report: Report; extra: T | undefined }, ReportsError>> {
  return ctx.db.transaction(async (tx) => {
    const repo = createReportRepo(tx, ctx.tenant.id);
    const stored = await repo.findForUpdate(reportId);
    if (stored === undefined) return err({ kind: "not-found" } as const);
    const decided = await decide(stored.report);
    if (!decided.ok) return decided;
    const saved = await repo.update(decided.value, stored.version, ctx.clock());
    if (!saved.ok) return err({ kind: "stale" } as const);
    const extra = after === undefined ? undefined : await after(decided.value, tx, stored);
    return ok({ report: decided.value, extra });
  });
}

/** The domain's decision as a use-case result. */
export function decideAction(
  report: Report,
  action: ReportAction,
  actor: ReportActor | undefined,
  now: Date,
): Result<Report, ReportsError> {
  if (actor === undefined) return err({ kind: "forbidden" });
  const outcome = applyReportAction(report, action, actor, now);
  return outcome.ok ? outcome : err({ kind: "refused", refusal: outcome.error });
}

export async function findReport(ctx: ReportsContext, id: string): Promise<Report | undefined> {
  return (await createReportRepo(ctx.db, ctx.tenant.id).find(id))?.report;
}

/** Records a governance action on a report in the audit log, in the action's transaction. */
export async function auditReport(
  ctx: ReportsContext,
  tx: DbOrTx,
  action: `reports.${string}`,
  report: Report,
  details: Record<string, unknown> = {},
): Promise<void> {
  await ctx.audit?.(
    {
      action,
      target: { type: "report", id: report.id, label: `${report.kind} ${report.region} ${report.cycle}` },
      details: { revision: report.revision, ...details },
    },
    tx,
  );
}
