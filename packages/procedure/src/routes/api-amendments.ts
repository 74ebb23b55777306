import type { TenantEnv } from "@dynamo/web";
import { authorize, problem, problemResponses as problems, security } from "@dynamo/web";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { ProcedureDeps } from "../deps.ts";
import type { Operation } from "../domain/text.ts";
import * as views from "../services/amendment-views.ts";
import * as amendments from "../services/amendments.ts";
import { OperationSchema as WireOperation } from "../wire.ts";
import {
  asking,
  Id,
  json,
  OperationInput,
  operationsOf,
  Text,
  TextKey,
  TextParam,
  Timing,
  timingOf,
} from "./api-kit.ts";
import { amendmentDetailJson, amendmentJson, versionSummaryJson } from "./json.ts";
import { procedureContext, procedureProblem } from "./respond.ts";

/** Amendments: proposed at a region by any member, decided, scheduled and applied at the hub. */
export function mountAmendmentsApi(router: OpenAPIHono<TenantEnv>, deps: ProcedureDeps): void {
  router.openapi(
    createRoute({
      method: "post",
      path: "/api/rules/{textKey}/amendments",
      operationId: "proposeAmendment",
      summary:
        "Any member proposes an amendment of the version in force, from their region: replace an article's wording, insert one, delete one, with a rationale; sent to the hub signed by the region",
      tags: ["procedure"],
      security,
      middleware: [authorize("procedure.propose")] as const,
      request: {
        params: TextParam,
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z.object({ operations: z.array(OperationInput).min(1).max(50), rationale: Text(20_000) }),
            },
          },
        },
      },
      responses: { 201: json("The amendment, submitted"), ...problems(400, 401, 403, 409, 422) },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const result = await amendments.proposeAmendment(procedureContext(c, deps), asking(c), {
        textKey: c.req.valid("param").textKey,
        operations: operationsOf(body.operations, deps.newId),
        rationale: body.rationale,
      });
      if (!result.ok) return procedureProblem(c, result.error);
      return c.json(amendmentJson({ amendment: result.value, stale: false, conflictsWith: [] }), 201);
    },
  );

  router.openapi(
    createRoute({
      method: "get",
      path: "/api/amendments",
      operationId: "listAmendments",
      summary: "Every amendment this node knows and its state, stale or not, and the open amendments it conflicts with",
      tags: ["procedure"],
      security,
      middleware: [authorize("procedure.read")] as const,
      request: { query: z.object({ textKey: TextKey.optional() }) },
      responses: { 200: json("The amendments"), ...problems(400, 401, 403) },
    }),
    async (c) => {
      const list = await views.listAmendments(procedureContext(c, deps), c.req.valid("query").textKey);
      return c.json({ amendments: list.map(amendmentJson) }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: "get",
      path: "/api/amendments/{id}",
      operationId: "getAmendment",
      summary: "An amendment with its word diff against its base, and the wording in force now when it is stale",
      tags: ["procedure"],
      security,
      middleware: [authorize("procedure.read")] as const,
      request: { params: Id },
      responses: { 200: json("The amendment"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const detail = await views.getAmendment(procedureContext(c, deps), c.req.valid("param").id);
      if (detail === undefined) return problem(c, "not-found");
      return c.json(amendmentDetailJson(detail, c.get("locale")), 200);
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/api/amendments/{id}/withdraw",
      operationId: "withdrawAmendment",
      summary: "Its author withdraws an amendment, until it is scheduled",
      tags: ["procedure"],
      security,
      middleware: [authorize("procedure.propose")] as const,
      request: { params: Id },
      responses: { 200: json("The amendment, withdrawn"), ...problems(401, 403, 404, 409) },
    }),
    async (c) => {
      const result = await amendments.withdrawAmendment(procedureContext(c, deps), asking(c), c.req.valid("param").id);
      if (!result.ok) return procedureProblem(c, result.error);
      return c.json(amendmentJson({ amendment: result.value, stale: false, conflictsWith: [] }), 200);
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/api/amendments/{id}/rebase",
      operationId: "rebaseAmendment",
      summary: "Its author brings a stale amendment onto the version in force, with the wording they want now",
      tags: ["procedure"],
      security,
      middleware: [authorize("procedure.propose")] as const,
      request: {
        params: Id,
        body: {
          required: true,
          content: {
            "application/json": { schema: z.object({ operations: z.array(OperationInput).min(1).max(50) }) },
          },
        },
      },
      responses: { 200: json("The amendment, rebased"), ...problems(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const result = await amendments.rebaseAmendment(
        procedureContext(c, deps),
        asking(c),
        c.req.valid("param").id,
        operationsOf(c.req.valid("json").operations, deps.newId),
      );
      if (!result.ok) return procedureProblem(c, result.error);
      return c.json(amendmentJson({ amendment: result.value, stale: false, conflictsWith: [] }), 200);
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/api/amendments/{id}/admissibility",
      operationId: "decideAdmissibility",
      summary: "The IPG secretariat finds a submitted amendment admissible, or not with a reason (hub)",
      tags: ["procedure"],
      security,
      middleware: [authorize("procedure.manage")] as const,
      request: {
        params: Id,
        body: {
          required: true,
          content: {
            "application/json": { schema: z.object({ admissible: z.boolean(), reason: Text(20_000).default("") }) },
          },
        },
      },
      responses: { 200: json("The amendment"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const result = await amendments.decideAdmissibility(
        procedureContext(c, deps),
        c.req.valid("param").id,
        c.req.valid("json"),
      );
      if (!result.ok) return procedureProblem(c, result.error);
      return c.json(amendmentJson({ amendment: result.value, stale: false, conflictsWith: [] }), 200);
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/api/amendments/{id}/schedule",
      operationId: "scheduleAmendment",
      summary:
        "The secretariat puts an admissible amendment to the IPG in one step: its ballot opens with the amendment and its diff as text (hub)",
      tags: ["procedure"],
      security,
      middleware: [authorize("procedure.manage")] as const,
      request: { params: Id, body: { required: false, content: { "application/json": { schema: Timing } } } },
      responses: { 200: json("The amendment, scheduled"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const result = await amendments.scheduleAmendment(
        procedureContext(c, deps),
        asking(c),
        c.req.valid("param").id,
        timingOf(c.req.valid("json") ?? { graceMinutes: 60 }, deps.clock()),
      );
      if (!result.ok) return procedureProblem(c, result.error);
      return c.json(amendmentJson({ amendment: result.value, stale: false, conflictsWith: [] }), 200);
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/api/amendments/{id}/apply",
      operationId: "applyAmendment",
      summary:
        "The secretariat applies an adopted amendment: the next version in force, signed to every region; on a superseded base its resolution (wording and note) is required and recorded (hub)",
      tags: ["procedure"],
      security,
      middleware: [authorize("procedure.manage")] as const,
      request: {
        params: Id,
        body: {
          required: false,
          content: {
            "application/json": {
              schema: z.object({
                resolution: z
                  .object({ operations: z.array(WireOperation).min(1).max(50), note: Text(20_000) })
                  .optional(),
              }),
            },
          },
        },
      },
      responses: { 200: json("The amendment and the new version"), ...problems(400, 401, 403, 404, 409, 422) },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const result = await amendments.applyAmendment(
        procedureContext(c, deps),
        c.req.valid("param").id,
        body?.resolution as { operations: Operation[]; note: string } | undefined,
      );
      if (!result.ok) return procedureProblem(c, result.error);
      return c.json(
        {
          amendment: amendmentJson({ amendment: result.value.amendment, stale: false, conflictsWith: [] }),
          version: versionSummaryJson(result.value.version),
        },
        200,
      );
    },
  );
}
