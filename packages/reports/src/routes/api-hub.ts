import { LOCALES, REGION_CODES } from "@dynamo/core";
import type { TenantEnv } from "@dynamo/web";
import { authorize, problemResponses, security } from "@dynamo/web";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { createIndicatorDefinitionRepo } from "../db/reports.ts";
import type { ReportsDeps } from "../deps.ts";
import { INDICATOR_UNITS } from "../domain/indicator.ts";
import { REPORT_KINDS } from "../domain/report.ts";
import {
  aggregatedIndicatorsOf,
  decideReport,
  expectReport,
  publishReport,
  reportingDashboardOf,
} from "../services/hub.ts";
import {
  apiKit,
  CYCLE_PATTERN,
  CycleParams,
  guarded,
  json,
  ReportParams,
  ReportResponse,
  reportAction,
  tags,
} from "./api-kit.ts";
import { aggregatesCsv, dashboardCsv, dashboardJson } from "./exports.tsx";

/**
 * The hub's side of reports: its decision on a received report (signed receipt or send-back),
 * publication, the cycle's dashboard and aggregated indicators, the indicator definitions and
 * what it expects of each region.
 */

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

const IndicatorDefinitionSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9-]{1,100}$/),
    version: z.number().int().min(1),
    cycles: z.array(z.string().regex(CYCLE_PATTERN)).min(1),
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

export function mountHubReportsApi(router: OpenAPIHono<TenantEnv>, deps: ReportsDeps): void {
  const { ctx, person, answer } = apiKit(deps);

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
}
