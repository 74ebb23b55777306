import { createIndicatorDefinitionRepo, createReportRepo } from "../db/reports.ts";
import type { ReportsContext } from "../deps.ts";
import type { IndicatorDefinition } from "../domain/indicator.ts";
import type { Report } from "../domain/report.ts";

/** Every report the tenant holds: a region's own and the published reports of others; the hub's copies. */
export async function listReports(ctx: ReportsContext): Promise<Report[]> {
  return (await createReportRepo(ctx.db, ctx.tenant.id).list()).map((s) => s.report);
}

export async function definitionsOf(ctx: ReportsContext, cycle?: string): Promise<IndicatorDefinition[]> {
  const repo = createIndicatorDefinitionRepo(ctx.db, ctx.tenant.id);
  return cycle === undefined ? repo.list() : repo.forCycle(cycle);
}
