import { LOCALES } from "@dynamo/core";
import type { TenantEnv } from "@dynamo/web";
import { problemResponses } from "@dynamo/web";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import { reportToJson } from "../db/codec.ts";
import type { ReportsDeps } from "../deps.ts";
import { REPORT_KINDS, type SectionContent, type SectionId } from "../domain/report.ts";
import {
  approveReport,
  createRegionReport,
  returnReportSection,
  saveReportSection,
  submitReportSection,
  submitReportToHub,
  writeReportSynthesis,
} from "../services/region.ts";
import { SectionContentSchema, StatementSchema } from "../wire/report-schema.ts";
import {
  apiKit,
  CYCLE_PATTERN,
  guarded,
  json,
  ReportParams,
  ReportResponse,
  type ReportsAction,
  reportAction,
  SectionParams,
} from "./api-kit.ts";
import { reportsProblem } from "./respond.ts";

/** The region's side of a report: opening it, the platforms' sections, the synthesis, approval, signing to the hub. */

const createReportRoute = createRoute({
  method: "post",
  path: "/api/reports",
  operationId: "createReport",
  summary: "Open a report for a cycle; every platform is asked for its section",
  ...guarded("reports.create"),
  request: json(
    z.object({
      kind: z.enum(REPORT_KINDS),
      cycle: z.string().regex(CYCLE_PATTERN),
      dueDate: z.string().datetime({ offset: true }),
      sectionDueDate: z.string().datetime({ offset: true }).optional(),
    }),
  ),
  responses: { 201: { description: "Opened", content: ReportResponse }, ...problemResponses(400, 401, 403, 409) },
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

const sectionAction = (path: string, operationId: string, summary: string, action: ReportsAction, body?: z.ZodType) =>
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

export function mountRegionReportsApi(router: OpenAPIHono<TenantEnv>, deps: ReportsDeps): void {
  const { ctx, person, answer } = apiKit(deps);

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
}
