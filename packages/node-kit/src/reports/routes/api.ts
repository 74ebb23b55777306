import { createIndicatorDefinitionRepo, reportToJson } from "@dynamo/db";
import {
  INDICATOR_UNITS,
  LOCALES,
  REGION_CODES,
  REPORT_KINDS,
  type Report,
  type Result,
  type SectionContent,
  type SectionId,
} from "@dynamo/domain";
import type { TenantEnv } from "@dynamo/http";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { authorize } from "../../identity/middleware/authorize.ts";
import { signedIn } from "../../identity/routes/respond.ts";
import { problemResponses, security } from "../../identity/routes/schemas.ts";
import type { ReportsDeps } from "../deps.ts";
import type { ReportsError } from "../services/errors.ts";
import {
  aggregatedIndicatorsOf,
  decideReport,
  expectReport,
  publishReport,
  reportingDashboardOf,
} from "../services/hub.ts";
import { listReports } from "../services/queries.ts";
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
import { ReportWireSchema, SectionContentSchema, StatementSchema } from "../wire/report-schema.ts";
import { reportsContext } from "./context.ts";
import { aggregatesCsv, dashboardCsv, dashboardJson, exportReportResponse } from "./exports.tsx";
import { reportsProblem } from "./respond.ts";

const tags = ["reports"];
const ReportParams = z.object({ id: z.string().uuid() });
const SectionParams = z.object({ id: z.string().uuid(), sectionId: z.string().min(1).max(200) });
const CycleParams = z.object({ cycle: z.string().regex(/^\d{4}(-\d{4})?$/) });
const ReportResponse = { "application/json": { schema: z.object({ report: ReportWireSchema }) } };
const json = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { "application/json": { schema } } },
});

const guarded = (action: Parameters<typeof authorize>[0]) => ({
  tags,
  security,
  middleware: [authorize(action)],
});

const createReportRoute = createRoute({
  method: "post",
  path: "/api/reports",
  operationId: "createReport",
  summary: "Open a report for a cycle; every platform is asked for its section",
  ...guarded("reports.create"),
  request: json(
    z.object({
      kind: z.enum(REPORT_KINDS),
      cycle: z.string().regex(/^\d{4}(-\d{4})?$/),
      dueDate: z.string().datetime({ offset: true }),
      sectionDueDate: z.string().datetime({ offset: true }).optional(),
    }),
  ),
  responses: { 201: { description: "Opened", content: ReportResponse }, ...problemResponses(400, 401, 403, 409) },
});

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

const getReportRoute = createRoute({
  method: "get",
  path: "/api/reports/{id}",
  operationId: "getReport",
  summary: "A report: the internal edition, with its sections, synthesis, revisions and trail",
  ...guarded("reports.read"),
  request: { params: ReportParams },
  responses: { 200: { description: "The report", content: ReportResponse }, ...problemResponses(401, 403, 404) },
});

const saveSectionRoute = createRoute({
  method: "put",
  path: "/api/reports/{id}/sections/{sectionId}",
  operationId: "saveReportSection",
  summary: "Save a section (its platform, or the coordinator for the coordination's own)",
  ...guarded("reports.write-section"),
  request: { params: SectionParams, ...json(SectionContentSchema) },
  responses: { 200: { description: "Saved", content: ReportResponse }, ...problemResponses(400, 401, 403, 404, 409) },
});

const sectionAction = (
  path: string,
  operationId: string,
  summary: string,
  action: Parameters<typeof authorize>[0],
  body?: z.ZodType,
) =>
  createRoute({
    method: "post",
    path: path,
    operationId: operationId,
    summary: summary,
    ...guarded(action),
    request: { params: SectionParams, ...(body === undefined ? {} : json(body)) },
    responses: { 200: { description: "Done", content: ReportResponse }, ...problemResponses(400, 401, 403, 404, 409) },
  });

const submitSectionRoute = sectionAction(
  "/api/reports/{id}/sections/{sectionId}/submit",
  "submitReportSection",
  "Submit a section to the coordination: it locks",
  "reports.write-section",
);
const ReasonSchema = z.object({ reason: z.string().trim().min(1).max(2000) });
const returnSectionRoute = sectionAction(
  "/api/reports/{id}/sections/{sectionId}/return",
  "returnReportSection",
  "The coordinator sends a section back to its platform with a reason: it unlocks",
  "reports.coordinate",
  ReasonSchema,
);

const reportAction = (path: string, operationId: string, summary: string, action: Parameters<typeof authorize>[0]) =>
  createRoute({
    method: "post",
    path: path,
    operationId: operationId,
    summary: summary,
    ...guarded(action),
    request: { params: ReportParams },
    responses: { 200: { description: "Done", content: ReportResponse }, ...problemResponses(401, 403, 404, 409) },
  });

const SynthesisSchema = z.object({ locale: z.enum(LOCALES), statements: z.array(StatementSchema).min(1).max(500) });
const synthesisRoute = createRoute({
  method: "put",
  path: "/api/reports/{id}/synthesis",
  operationId: "writeReportSynthesis",
  summary: "The coordinator's synthesis; each statement names the sections it draws on",
  ...guarded("reports.coordinate"),
  request: { params: ReportParams, ...json(SynthesisSchema) },
  responses: { 200: { description: "Saved", content: ReportResponse }, ...problemResponses(400, 401, 403, 404, 409) },
});
const approveRoute = reportAction(
  "/api/reports/{id}/approve",
  "approveReport",
  "The region approves the report: its content locks",
  "reports.coordinate",
);
const submitRoute = reportAction(
  "/api/reports/{id}/submit",
  "submitReportToHub",
  "Sign the approved report with the region's key and send it to the hub",
  "reports.coordinate",
);
const publishRoute = reportAction(
  "/api/reports/{id}/publish",
  "publishReport",
  "Publish a reviewed report: its public edition goes to every region",
  "reports.decide",
);

const DecisionSchema = z.discriminatedUnion("decision", [
  z.object({ decision: z.literal("acknowledge") }),
  z.object({ decision: z.literal("send-back"), reasons: z.array(z.string().trim().min(1).max(2000)).min(1).max(50) }),
  z.object({ decision: z.literal("review-public-edition") }),
]);
const decideRoute = createRoute({
  method: "post",
  path: "/api/reports/{id}/decision",
  operationId: "decideReport",
  summary:
    "The hub acknowledges a report (signed receipt), sends it back with reasons, or records the public edition's review",
  ...guarded("reports.decide"),
  request: { params: ReportParams, ...json(DecisionSchema) },
  responses: { 200: { description: "Decided", content: ReportResponse }, ...problemResponses(400, 401, 403, 404, 409) },
});

const Counts = z.object({
  expected: z.number(),
  received: z.number(),
  onTime: z.number(),
  late: z.number(),
  missing: z.number(),
  pending: z.number(),
});
const dashboardRoute = createRoute({
  method: "get",
  path: "/api/reporting/{cycle}/dashboard",
  operationId: "getReportingDashboard",
  summary: "Expected, received, on-time and late reports per region and platform (CSV with ?format=csv)",
  ...guarded("reports.dashboard"),
  request: { params: CycleParams, query: z.object({ format: z.enum(["json", "csv"]).optional() }) },
  responses: {
    200: {
      description: "The dashboard",
      content: {
        "application/json": {
          schema: z.object({
            cycle: z.string(),
            network: Counts,
            regions: z.array(
              z.object({
                region: z.enum(REGION_CODES),
                reports: Counts,
                sections: Counts,
                platforms: z.array(z.object({ platformId: z.string(), counts: Counts })),
                state: z.string().nullable(),
              }),
            ),
            entries: z.array(
              z.object({
                kind: z.enum(REPORT_KINDS),
                region: z.enum(REGION_CODES),
                platformId: z.string().nullable(),
                dueDate: z.string(),
                status: z.string(),
                signedAt: z.string().nullable(),
                receivedAt: z.string().nullable(),
              }),
            ),
          }),
        },
        "text/csv": { schema: z.string() },
      },
    },
    ...problemResponses(401, 403),
  },
});

const aggregatesRoute = createRoute({
  method: "get",
  path: "/api/reporting/{cycle}/indicators",
  operationId: "getAggregatedIndicators",
  summary: "Indicators aggregated per region and network-wide (sum or average per definition; CSV with ?format=csv)",
  ...guarded("reports.dashboard"),
  request: {
    params: CycleParams,
    query: z.object({ kind: z.enum(["diagnosis", "status"]).optional(), format: z.enum(["json", "csv"]).optional() }),
  },
  responses: {
    200: {
      description: "The aggregates",
      content: {
        "application/json": { schema: z.record(z.string(), z.unknown()) },
        "text/csv": { schema: z.string() },
      },
    },
    ...problemResponses(401, 403),
  },
});

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
    ...problemResponses(401, 403, 404, 409),
  },
});

const IndicatorDefinitionSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9-]{1,100}$/),
    version: z.number().int().min(1),
    cycles: z.array(z.string().regex(/^\d{4}(-\d{4})?$/)).min(1),
    labels: z.record(z.enum(LOCALES), z.string().min(1).max(200)),
    unit: z.enum(INDICATOR_UNITS),
    aggregation: z.enum(["sum", "average"]),
    breakdown: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("none") }),
      z.object({ kind: z.literal("population-group") }),
      z.object({ kind: z.literal("age-band"), bands: z.array(z.string().min(1).max(20)).min(1).max(20) }),
    ]),
    sensitive: z.boolean(),
    comparableWith: z.array(z.number().int().min(1)),
  })
  .openapi("IndicatorDefinition");

const putDefinitionsRoute = createRoute({
  method: "put",
  path: "/api/indicator-definitions",
  operationId: "putIndicatorDefinitions",
  summary: "Add or replace indicator definitions (data, versioned per reporting cycle)",
  tags,
  security,
  middleware: [authorize("reports.define")],
  request: json(z.object({ definitions: z.array(IndicatorDefinitionSchema).min(1).max(200) })),
  responses: {
    200: {
      description: "Saved",
      content: { "application/json": { schema: z.object({ definitions: z.array(IndicatorDefinitionSchema) }) } },
    },
    ...problemResponses(400, 401, 403),
  },
});

const expectRoute = createRoute({
  method: "put",
  path: "/api/reporting/{cycle}/expectations",
  operationId: "expectReport",
  summary: "The hub expects a region's report of a kind in a cycle, by a due date",
  ...guarded("reports.decide"),
  request: {
    params: CycleParams,
    ...json(
      z.object({
        region: z.enum(REGION_CODES),
        kind: z.enum(REPORT_KINDS),
        dueDate: z.string().datetime({ offset: true }),
        platforms: z.array(z.string().max(200)).max(200).default([]),
      }),
    ),
  },
  responses: { 204: { description: "Expected" }, ...problemResponses(400, 401, 403) },
});

export function mountReportsApi(router: OpenAPIHono<TenantEnv>, deps: ReportsDeps): void {
  const ctx = (c: Context<TenantEnv>) => reportsContext(c, deps);
  const person = (c: Context<TenantEnv>) => signedIn(c).person;
  type Outcome = Result<{ report: Report }, ReportsError>;
  const answer = (c: Context<TenantEnv>, result: Outcome, status: 200 | 201 = 200) =>
    result.ok ? c.json({ report: reportToJson(result.value.report) }, status) : reportsProblem(c, result.error);

  router.openapi(createReportRoute, async (c) => {
    const body = c.req.valid("json");
    const result = await createRegionReport(ctx(c), person(c), {
      kind: body.kind,
      cycle: body.cycle,
      dueDate: new Date(body.dueDate),
      sectionDueDate: body.sectionDueDate === undefined ? undefined : new Date(body.sectionDueDate),
    });
    if (!result.ok) return reportsProblem(c, result.error);
    return c.json({ report: reportToJson(result.value) }, 201);
  });

  router.openapi(listReportsRoute, async (c) => {
    const reports = await listReports(ctx(c));
    return c.json({ reports: reports.map(reportToJson) }, 200);
  });

  router.openapi(getReportRoute, async (c) => {
    const report = await findReport(ctx(c), c.req.valid("param").id);
    if (report === undefined) return reportsProblem(c, { kind: "not-found" });
    return c.json({ report: reportToJson(report) }, 200);
  });

  router.openapi(saveSectionRoute, async (c) => {
    const { id, sectionId } = c.req.valid("param");
    return answer(c, await saveReportSection(ctx(c), person(c), id, sectionId, c.req.valid("json") as SectionContent));
  });
  router.openapi(submitSectionRoute, async (c) => {
    const { id, sectionId } = c.req.valid("param");
    return answer(c, await submitReportSection(ctx(c), person(c), id, sectionId));
  });
  router.openapi(returnSectionRoute, async (c) => {
    const { id, sectionId } = c.req.valid("param");
    const { reason } = (await c.req.json()) as { reason: string };
    return answer(c, await returnReportSection(ctx(c), person(c), id, sectionId, reason));
  });
  router.openapi(synthesisRoute, async (c) => {
    const body = c.req.valid("json");
    return answer(
      c,
      await writeReportSynthesis(ctx(c), person(c), c.req.valid("param").id, {
        locale: body.locale,
        statements: body.statements.map((s) => ({ ...s, sourceSectionIds: s.sourceSectionIds as SectionId[] })),
      }),
    );
  });
  router.openapi(approveRoute, async (c) => answer(c, await approveReport(ctx(c), person(c), c.req.valid("param").id)));
  router.openapi(submitRoute, async (c) => {
    const result = await submitReportToHub(ctx(c), person(c), c.req.valid("param").id);
    return result.ok ? c.json({ report: reportToJson(result.value) }, 200) : reportsProblem(c, result.error);
  });
  router.openapi(decideRoute, async (c) => {
    const body = c.req.valid("json");
    const decision =
      body.decision === "send-back"
        ? ({ kind: "send-back", reasons: body.reasons } as const)
        : ({ kind: body.decision } as const);
    return answer(c, await decideReport(ctx(c), person(c), c.req.valid("param").id, decision));
  });
  router.openapi(publishRoute, async (c) => answer(c, await publishReport(ctx(c), person(c), c.req.valid("param").id)));

  router.openapi(dashboardRoute, async (c) => {
    const { cycle } = c.req.valid("param");
    const data = await reportingDashboardOf(ctx(c), cycle);
    if (c.req.valid("query").format === "csv") {
      return c.body(dashboardCsv(data), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="reporting-${cycle}.csv"`,
      });
    }
    return c.json(dashboardJson(data), 200);
  });

  router.openapi(aggregatesRoute, async (c) => {
    const { cycle } = c.req.valid("param");
    const query = c.req.valid("query");
    const data = await aggregatedIndicatorsOf(ctx(c), cycle, query.kind ?? "status");
    if (query.format === "csv") {
      return c.body(aggregatesCsv(data), 200, {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="indicators-${cycle}.csv"`,
      });
    }
    return c.json({ cycle, kind: data.kind, ...data.aggregates }, 200);
  });

  router.openapi(putDefinitionsRoute, async (c) => {
    const context = ctx(c);
    const repo = createIndicatorDefinitionRepo(context.db, context.tenant.id);
    const { definitions } = c.req.valid("json");
    for (const definition of definitions) await repo.put(definition, context.clock());
    return c.json({ definitions: (await repo.list()) as z.infer<typeof IndicatorDefinitionSchema>[] }, 200);
  });

  router.openapi(expectRoute, async (c) => {
    const body = c.req.valid("json");
    await expectReport(ctx(c), {
      cycle: c.req.valid("param").cycle,
      kind: body.kind,
      region: body.region,
      dueDate: new Date(body.dueDate),
      platforms: body.platforms,
    });
    return c.body(null, 204);
  });

  router.openapi(exportRoute, async (c) => {
    const { format, edition } = c.req.valid("query");
    return exportReportResponse(c, ctx(c), c.req.valid("param").id, format, edition);
  });
}
