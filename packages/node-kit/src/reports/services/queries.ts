import { createIndicatorDefinitionRepo, createReportRepo } from "@dynamo/db";
import type { IndicatorDefinition, Report } from "@dynamo/domain";
import type { ReportsContext } from "../deps.ts";

/** Every report the tenant holds: a region's own and the published reports of others; the hub's copies. */
export async function listReports(ctx: ReportsContext): Promise<Report[]> {
  return (await createReportRepo(ctx.db, ctx.tenant.id).list()).map((s) => s.report);
}

export async function definitionsOf(ctx: ReportsContext, cycle?: string): Promise<IndicatorDefinition[]> {
  const repo = createIndicatorDefinitionRepo(ctx.db, ctx.tenant.id);
  return cycle === undefined ? repo.list() : repo.forCycle(cycle);
}

/**
 * The social diagnosis a status report is read against: the region's latest diagnosis whose
 * cycle ends no later than the status report's cycle starts (or the latest before it).
 */
export async function baselineOf(ctx: ReportsContext, report: Report): Promise<Report | undefined> {
  if (report.kind !== "status") return undefined;
  const diagnoses = (await createReportRepo(ctx.db, ctx.tenant.id).list({ region: report.region, kind: "diagnosis" }))
    .map((s) => s.report)
    .filter((d) => d.cycle <= report.cycle)
    .sort((a, b) => b.cycle.localeCompare(a.cycle));
  return diagnoses[0];
}
