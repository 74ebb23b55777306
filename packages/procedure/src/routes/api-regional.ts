import type { TenantEnv } from "@dynamo/web";
import { authorize, problem, problemResponses as problems, security } from "@dynamo/web";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { ProcedureDeps } from "../deps.ts";
import * as regional from "../services/regional.ts";
import * as rules from "../services/rules.ts";
import { asking, json, Text, TextParam, Timing, timingOf } from "./api-kit.ts";
import { procedureContext, procedureProblem } from "./respond.ts";

/** The regional ROI: the coordinator's draft, members' comments, its submission and the IPG's ballot. */
export function mountRegionalApi(router: OpenAPIHono<TenantEnv>, deps: ProcedureDeps): void {
  router.openapi(
    createRoute({
      method: "get",
      path: "/api/rules/{textKey}/draft",
      operationId: "getRegionalRulesDraft",
      summary: "A regional ROI being drafted (its region) or submitted (the hub), with the members' comments",
      tags: ["procedure"],
      security,
      middleware: [authorize("procedure.read")] as const,
      request: { params: TextParam },
      responses: { 200: json("The draft"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const found = await regional.getDraft(procedureContext(c, deps), c.req.valid("param").textKey);
      if (found === undefined) return problem(c, "not-found");
      return c.json(
        {
          ...found.draft,
          updatedAt: found.draft.updatedAt.toISOString(),
          comments: found.comments.map((x) => ({ ...x, createdAt: x.createdAt.toISOString() })),
        },
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/api/rules/{textKey}/draft/comments",
      operationId: "commentRegionalRules",
      summary: "A member of the region comments one article of the regional ROI being drafted",
      tags: ["procedure"],
      security,
      middleware: [authorize("procedure.comment")] as const,
      request: {
        params: TextParam,
        body: {
          required: true,
          content: {
            "application/json": { schema: z.object({ articleId: Text(200), body: Text(5000).min(1) }) },
          },
        },
      },
      responses: { 201: json("The comment"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const result = await regional.commentDraft(procedureContext(c, deps), asking(c), body.articleId, body.body);
      if (!result.ok) return procedureProblem(c, result.error);
      return c.json({ ...result.value, createdAt: result.value.createdAt.toISOString() }, 201);
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/api/rules/{textKey}/draft/submit",
      operationId: "submitRegionalRules",
      summary: "The regional coordinator submits the region's ROI to the hub for an IPG ballot",
      tags: ["procedure"],
      security,
      middleware: [authorize("procedure.draft")] as const,
      request: { params: TextParam },
      responses: { 200: json("The draft, submitted"), ...problems(401, 403, 404, 409) },
    }),
    async (c) => {
      const ctx = procedureContext(c, deps);
      if (c.req.valid("param").textKey !== rules.ownRegionalKey(ctx))
        return procedureProblem(c, { kind: "wrong-text" });
      const result = await regional.submitDraft(ctx);
      if (!result.ok) return procedureProblem(c, result.error);
      return c.json({ textKey: result.value.textKey, state: result.value.state }, 200);
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/api/rules/{textKey}/draft/schedule",
      operationId: "scheduleRegionalRules",
      summary: "The secretariat puts a submitted regional ROI to an IPG ballot (hub)",
      tags: ["procedure"],
      security,
      middleware: [authorize("procedure.manage")] as const,
      request: { params: TextParam, body: { required: false, content: { "application/json": { schema: Timing } } } },
      responses: { 200: json("The draft, scheduled"), ...problems(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const result = await regional.scheduleDraft(
        procedureContext(c, deps),
        asking(c),
        c.req.valid("param").textKey,
        timingOf(c.req.valid("json") ?? { graceMinutes: 60 }, deps.clock()),
      );
      if (!result.ok) return procedureProblem(c, result.error);
      return c.json(
        {
          textKey: result.value.textKey,
          state: result.value.state,
          ballotId: result.value.ballotId,
          ballotUri: result.value.ballotUri,
        },
        200,
      );
    },
  );
}
