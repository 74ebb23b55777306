import type { Result } from "@dynamo/core";
import type { TenantEnv } from "@dynamo/web";
import { authorize, problemResponses, security, signedIn } from "@dynamo/web";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { reportToJson } from "../db/codec.ts";
import type { ReportsContext, ReportsDeps } from "../deps.ts";
import type { Report } from "../domain/report.ts";
import type { ReportsError } from "../services/errors.ts";
import { ReportWireSchema } from "../wire/report-schema.ts";
import { reportsContext } from "./context.ts";
import { reportsProblem } from "./respond.ts";

/** What the region's and the hub's report operations share: parameters, bodies, guards, answers. */
export const tags = ["reports"];
export const CYCLE_PATTERN = /^\d{4}(-\d{4})?$/;
export const ReportParams = z.object({ id: z.string().uuid() });
export const SectionParams = z.object({ id: z.string().uuid(), sectionId: z.string().min(1).max(200) });
export const CycleParams = z.object({ cycle: z.string().regex(CYCLE_PATTERN) });
export const ReportResponse = { "application/json": { schema: z.object({ report: ReportWireSchema }) } };

export const json = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { "application/json": { schema } } },
});

export type ReportsAction = Parameters<typeof authorize>[0];

/** An operation's tags, security and the policy action it names. */
export const guarded = (action: ReportsAction) => ({
  tags,
  security,
  middleware: [authorize(action)],
});

/** A POST on a report by its id, answering the report. */
export const reportAction = (path: string, operationId: string, summary: string, action: ReportsAction) =>
  createRoute({
    method: "post",
    path: path,
    operationId: operationId,
    summary: summary,
    ...guarded(action),
    request: { params: ReportParams },
    responses: { 200: { description: "Done", content: ReportResponse }, ...problemResponses(401, 403, 404, 409) },
  });

/** The per-request helpers of the report operations. */
export function apiKit(deps: ReportsDeps) {
  const ctx = (c: Context<TenantEnv>): ReportsContext => reportsContext(c, deps);
  const person = (c: Context<TenantEnv>) => signedIn(c).person;
  /** A use-case's outcome: the report as JSON, or its problem. */
  const answer = (c: Context<TenantEnv>, result: Result<{ report: Report }, ReportsError>) =>
    result.ok ? c.json({ report: reportToJson(result.value.report) }, 200) : reportsProblem(c, result.error);
  return { ctx, person, answer };
}
