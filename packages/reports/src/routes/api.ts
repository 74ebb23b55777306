import type { TenantEnv } from "@dynamo/web";
import { problemResponses } from "@dynamo/web";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { reportToJson } from "../db/codec.ts";
import type { ReportsDeps } from "../deps.ts";
import { type BaselineReading, baselineReadingOf } from "../services/baseline.ts";
import { listReports } from "../services/queries.ts";
import { findReport } from "../services/store.ts";
import { ReportWireSchema } from "../wire/report-schema.ts";
import { mountHubReportsApi } from "./api-hub.ts";
import { apiKit, guarded, ReportParams } from "./api-kit.ts";
import { mountRegionReportsApi } from "./api-region.ts";
import { exportReportResponse } from "./exports.tsx";
import { reportsProblem } from "./respond.ts";

/**
 * The reports API: the region's operations (api-region.ts), the hub's (api-hub.ts), and reading
 * and exporting a report, which both sides do (the policy decides who may).
 */

const listReportsRoute = createRoute({
  method: "get",
  path: "/api/reports",
  operationId: "listReports",
  summary: "The reports this tenant holds",
  ...guarded("reports.read"),
  responses: {
    200: {
      description: "Reports",
      content: { "application/json": { schema: z.object({ reports: z.array(ReportWireSchema) }) } },
    },
    ...problemResponses(401, 403),
  },
});

const number = z.number().nullable();
const BaselineSchema = z
  .object({
    reportId: z.string(),
    cycle: z.string(),
    revision: z
      .number()
      .int()
      .openapi({ description: "The diagnosis's last submitted revision, read as the baseline" }),
    indicators: z.array(
      z.object({
        key: z.string(),
        status: z.enum(["changed", "unchanged", "new", "missing", "redefined"]).openapi({
          description:
            "new: no baseline number; missing: not reported now; redefined: counted differently, both numbers, no difference",
        }),
        version: z.number().int().nullable(),
        baselineVersion: z.number().int().nullable(),
        current: number,
        baseline: number,
        delta: number,
        relativeDelta: number,
        byCategory: z.record(z.string(), z.object({ current: number, baseline: number, delta: number })),
      }),
    ),
  })
  .openapi("ReportBaseline");

const getReportRoute = createRoute({
  method: "get",
  path: "/api/reports/{id}",
  operationId: "getReport",
  summary:
    "A report: the internal edition, with its sections, synthesis, revisions and trail; a status report with its indicators against the diagnosis baseline",
  ...guarded("reports.read"),
  request: { params: ReportParams },
  responses: {
    200: {
      description: "The report",
      content: {
        "application/json": { schema: z.object({ report: ReportWireSchema, baseline: BaselineSchema.nullable() }) },
      },
    },
    ...problemResponses(401, 403, 404),
  },
});

/** A status report's indicators against its baseline, one shape for every status of comparison. */
function baselineJson(reading: BaselineReading | undefined): z.infer<typeof BaselineSchema> | null {
  if (reading === undefined) return null;
  return {
    reportId: reading.baseline.id,
    cycle: reading.baseline.cycle,
    revision: reading.baseline.revision,
    indicators: reading.comparisons.map((c) => ({
      key: c.key,
      status: c.status,
      version: "version" in c ? c.version : null,
      baselineVersion: "baselineVersion" in c ? c.baselineVersion : null,
      current: "current" in c ? c.current : null,
      baseline: "baseline" in c ? c.baseline : null,
      delta: "delta" in c ? c.delta : null,
      relativeDelta: "relativeDelta" in c ? c.relativeDelta : null,
      byCategory: "byCategory" in c ? c.byCategory : {},
    })),
  };
}

const exportRoute = createRoute({
  method: "get",
  path: "/api/reports/{id}/export",
  operationId: "exportReport",
  summary: "A report as CSV, printable HTML or PDF, in the internal or (once reviewed) the public edition",
  ...guarded("reports.export"),
  request: {
    params: ReportParams,
    query: z.object({
      format: z.enum(["csv", "html", "pdf"]).default("csv"),
      edition: z.enum(["internal", "public"]).default("internal"),
    }),
  },
  responses: {
    200: {
      description: "The export",
      content: {
        "text/csv": { schema: z.string() },
        "text/html": { schema: z.string() },
        "application/pdf": { schema: z.string().openapi({ format: "binary" }) },
      },
    },
    ...problemResponses(401, 403, 404, 409, 503),
  },
});

export function mountReportsApi(router: OpenAPIHono<TenantEnv>, deps: ReportsDeps): void {
  const { ctx } = apiKit(deps);

  router.openapi(listReportsRoute, async (c) => {
    const reports = await listReports(ctx(c));
    return c.json({ reports: reports.map(reportToJson) }, 200);
  });

  router.openapi(getReportRoute, async (c) => {
    const context = ctx(c);
    const report = await findReport(context, c.req.valid("param").id);
    if (report === undefined) return reportsProblem(c, { kind: "not-found" });
    return c.json(
      { report: reportToJson(report), baseline: baselineJson(await baselineReadingOf(context, report)) },
      200,
    );
  });

  router.openapi(exportRoute, async (c) => {
    const { format, edition } = c.req.valid("query");
    return exportReportResponse(c, ctx(c), c.req.valid("param").id, format, edition);
  });

  mountRegionReportsApi(router, deps);
  mountHubReportsApi(router, deps);
}
