import type { PlatformId } from "@dynamo/core";
import { createReportRepo } from "../db/reports.ts";
import type { ReportsContext } from "../deps.ts";
import { aggregateIndicators, type IndicatorSubmission } from "../domain/aggregation.ts";
import { aggregatesAsValues, type BaselineComparison, compareWithBaseline } from "../domain/baseline.ts";
import type { IndicatorDefinition, IndicatorValue } from "../domain/indicator.ts";
import type { Report } from "../domain/report.ts";
import { definitionsOf } from "./queries.ts";

/**
 * The social diagnosis a status report is read against: the region's latest diagnosis submitted
 * to the hub whose cycle is not after the status report's, as it was last submitted (a diagnosis
 * still being written, or reopened and being corrected, is not a baseline).
 */
export async function baselineOf(ctx: ReportsContext, report: Report): Promise<Report | undefined> {
  if (report.kind !== "status") return undefined;
  const diagnoses = (await createReportRepo(ctx.db, ctx.tenant.id).list({ region: report.region, kind: "diagnosis" }))
    .map((s) => s.report)
    .filter((d) => d.history.length > 0 && d.cycle <= report.cycle)
    .sort((a, b) => b.cycle.localeCompare(a.cycle));
  const latest = diagnoses[0];
  const submitted = latest?.history.at(-1);
  if (latest === undefined || submitted === undefined) return undefined;
  return { ...latest, revision: submitted.revision, sections: submitted.sections, synthesis: submitted.synthesis };
}

/**
 * A report's numbers for its region: its platforms' values aggregated by the definitions of its
 * cycle (summed or averaged per definition, a value recorded under a comparable older version
 * counted under the cycle's), as the hub aggregates them.
 */
export function regionValues(report: Report, definitions: readonly IndicatorDefinition[]): IndicatorValue[] {
  const submissions: IndicatorSubmission[] = report.sections.flatMap((s) =>
    s.platformId === null ? [] : [{ region: report.region, platformId: s.platformId, values: s.content.indicators }],
  );
  const expected = { [report.region]: submissions.map((s) => s.platformId as PlatformId) };
  const ofCycle = definitions.filter((d) => d.cycles.includes(report.cycle));
  return aggregatesAsValues(aggregateIndicators(ofCycle, submissions, expected), report.region);
}

export interface BaselineReading {
  baseline: Report;
  comparisons: BaselineComparison[];
}

/** A status report's indicators against its diagnosis baseline ("changed since baseline"); none without one. */
export async function baselineReadingOf(ctx: ReportsContext, report: Report): Promise<BaselineReading | undefined> {
  const baseline = await baselineOf(ctx, report);
  if (baseline === undefined) return undefined;
  const definitions = await definitionsOf(ctx);
  return {
    baseline,
    comparisons: compareWithBaseline(
      regionValues(report, definitions),
      regionValues(baseline, definitions),
      definitions,
    ),
  };
}
