import type { TenantEnv } from "@dynamo/web";
import { authorize, problem, problemResponses as problems, security, signedIn } from "@dynamo/web";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { ProcedureDeps } from "../deps.ts";
import type { Operation } from "../domain/text.ts";
import * as amendments from "../services/amendments.ts";
import * as regional from "../services/regional.ts";
import * as rules from "../services/rules.ts";
import { exportMarkdown } from "../text/markdown.ts";
import { OperationSchema as WireOperation } from "../wire.ts";
import { amendmentDetailJson, amendmentJson, versionJson, versionSummaryJson } from "./json.ts";
import { procedureContext, procedureProblem } from "./respond.ts";

const json = (description: string) => ({
  description,
  content: { "application/json": { schema: z.object({}).passthrough() } },
});
const TextKey = z
  .string()
  .regex(/^(international|region-(AF|AM|AS|EU))$/)
  .openapi({
    description: "international, or region-AF / region-AM / region-AS / region-EU",
    example: "international",
  });
const TextParam = z.object({ textKey: TextKey });
const Id = z.object({ id: z.string().uuid() });
const Text = (max: number) => z.string().max(max);
const Wording = z
  .object({ fr: Text(20_000), en: Text(20_000), es: Text(20_000), pt: Text(20_000) })
  .partial()
  .openapi("Wording");
/** An operation as a member writes it: an inserted article's id is made by the node. */
const OperationInput = z
  .discriminatedUnion("op", [
    z.object({ op: z.literal("replace"), articleId: Text(200), wording: Wording }),
    z.object({
      op: z.literal("insert"),
      sectionId: Text(200),
      after: Text(200).nullable().default(null),
      wording: Wording,
    }),
    z.object({ op: z.literal("delete"), articleId: Text(200) }),
  ])
  .openapi("AmendmentOperation");
const Timing = z.object({
  closesAt: z.string().datetime({ offset: true }).optional().openapi({ description: "Defaults to 14 days from now" }),
  graceMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(60),
});

/** The operations with the ids the node gives inserted articles. */
export function operationsOf(input: z.infer<typeof OperationInput>[], newId: () => string): Operation[] {
  return input.map((op) =>
    op.op === "insert"
      ? {
          op: "insert",
          sectionId: op.sectionId,
          after: op.after,
          article: { id: `art-${newId().slice(0, 8)}`, wording: op.wording },
        }
      : op,
  );
}

export const timingOf = (body: z.infer<typeof Timing>, now: Date) => ({
  closesAt: body.closesAt === undefined ? new Date(now.getTime() + 14 * 86_400_000) : new Date(body.closesAt),
  graceMs: body.graceMinutes * 60_000,
});

const asking = (c: Parameters<typeof signedIn>[0]) => {
  const auth = signedIn(c);
  return { personId: auth.person.id, name: auth.person.displayName };
};

/** The rules of procedure's API, mirroring the pages. */
export function mountProcedureApi(router: OpenAPIHono<TenantEnv>, deps: ProcedureDeps): void {
  router.openapi(
    createRoute({
      method: "get",
      path: "/api/rules",
      operationId: "listRules",
      summary:
        "The rules of procedure this node keeps (the international ROI, the regions' own), each with its version in force and its versions",
      tags: ["procedure"],
      security,
      middleware: [authorize("procedure.read")] as const,
      responses: { 200: json("The texts"), ...problems(401, 403) },
    }),
    async (c) => {
      const ctx = procedureContext(c, deps);
      const texts = await rules.listRules(ctx);
      const drafts = await regional.listDrafts(ctx);
      return c.json(
        {
          texts: await Promise.all(
            texts.map(async (current) => ({
              textKey: current.textKey,
              current: versionSummaryJson(current),
              versions: (await rules.listVersions(ctx, current.textKey)).map(versionSummaryJson),
            })),
          ),
          drafts: drafts.map((d) => ({ textKey: d.textKey, state: d.state, ballotUri: d.ballotUri })),
        },
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: "get",
      path: "/api/rules/{textKey}/versions/{number}",
      operationId: "getRulesVersion",
      summary:
        "A version of a text (`current`: the one in force), numbered, in every language; `?format=markdown` in the reader's language",
      tags: ["procedure"],
      security,
      middleware: [authorize("procedure.read")] as const,
      request: {
        params: z.object({ textKey: TextKey, number: z.union([z.literal("current"), z.coerce.number().int().min(1)]) }),
        query: z.object({ format: z.enum(["json", "markdown"]).default("json") }),
      },
      responses: {
        200: {
          description: "The version",
          content: {
            "application/json": { schema: z.object({}).passthrough() },
            "text/markdown": { schema: z.string() },
          },
        },
        ...problems(400, 401, 403, 404),
      },
    }),
    async (c) => {
      const { textKey, number } = c.req.valid("param");
      const version = await rules.getVersion(
        procedureContext(c, deps),
        textKey,
        number === "current" ? undefined : number,
      );
      if (version === undefined) return problem(c, "not-found");
      if (c.req.valid("query").format === "markdown") {
        const t = c.var.t;
        c.header("Content-Type", "text/markdown; charset=utf-8");
        return c.body(
          exportMarkdown(version.text, t.locale, (shown) =>
            t("procedure.version.missing", {
              language: t(`procedure.language.${t.locale}`),
              shown: t(`procedure.language.${shown}`),
            }),
          ),
          200,
        ) as never;
      }
      return c.json(versionJson(version, c.var.locale), 200);
    },
  );

  router.openapi(
    createRoute({
      method: "get",
      path: "/api/rules/{textKey}/compare",
      operationId: "compareRulesVersions",
      summary: "Two versions of a text compared article by article, with a word diff in the reader's language",
      tags: ["procedure"],
      security,
      middleware: [authorize("procedure.read")] as const,
      request: {
        params: TextParam,
        query: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
      },
      responses: { 200: json("The changes"), ...problems(400, 401, 403, 404) },
    }),
    async (c) => {
      const { from, to } = c.req.valid("query");
      const result = await rules.compareVersions(
        procedureContext(c, deps),
        c.req.valid("param").textKey,
        from,
        to,
        c.var.locale,
      );
      if (!result.ok) return procedureProblem(c, result.error);
      return c.json(
        {
          from: versionSummaryJson(result.value.from),
          to: versionSummaryJson(result.value.to),
          changes: result.value.changes,
        },
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: "get",
      path: "/api/rules/{textKey}/articles/{articleId}/history",
      operationId: "getArticleHistory",
      summary: "An article's history: each version that changed it, by which amendment, adopted by which ballot, when",
      tags: ["procedure"],
      security,
      middleware: [authorize("procedure.read")] as const,
      request: { params: z.object({ textKey: TextKey, articleId: Text(200) }) },
      responses: { 200: json("The history"), ...problems(401, 403, 404) },
    }),
    async (c) => {
      const { textKey, articleId } = c.req.valid("param");
      const result = await rules.articleHistory(procedureContext(c, deps), textKey, articleId, c.var.locale);
      if (!result.ok) return procedureProblem(c, result.error);
      return c.json(
        {
          articleId,
          entries: result.value.map((e) => ({ ...e, inForceSince: e.inForceSince?.toISOString() ?? null })),
        },
        200,
      );
    },
  );

  router.openapi(
    createRoute({
      method: "post",
      path: "/api/rules/{textKey}/import",
      operationId: "importRules",
      summary:
        "The first version of a text from Markdown (headings → sections, paragraphs → articles): the international ROI at the hub (in force at once, sent to every region), the region's ROI draft at a region",
      tags: ["procedure"],
      security,
      middleware: [authorize("procedure.import")] as const,
      request: {
        params: TextParam,
        body: {
          required: true,
          content: {
            "application/json": {
              schema: z.object({
                markdown: z
                  .object({ fr: Text(200_000), en: Text(200_000), es: Text(200_000), pt: Text(200_000) })
                  .partial(),
              }),
            },
          },
        },
      },
      responses: { 201: json("The version or the draft"), ...problems(400, 401, 403, 409) },
    }),
    async (c) => {
      const result = await rules.importRules(
        procedureContext(c, deps),
        c.req.valid("param").textKey,
        c.req.valid("json").markdown,
      );
      if (!result.ok) return procedureProblem(c, result.error);
      if (result.value.kind === "version") return c.json(versionJson(result.value.version, c.var.locale), 201);
      return c.json({ textKey: c.req.valid("param").textKey, state: "draft", text: result.value.text }, 201);
    },
  );

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
      const list = await amendments.listAmendments(procedureContext(c, deps), c.req.valid("query").textKey);
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
      const detail = await amendments.getAmendment(procedureContext(c, deps), c.req.valid("param").id);
      if (detail === undefined) return problem(c, "not-found");
      return c.json(amendmentDetailJson(detail, c.var.locale), 200);
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

  mountRegionalApi(router, deps);
}

/** The regional ROI: the coordinator's draft, members' comments, its submission and the IPG's ballot. */
function mountRegionalApi(router: OpenAPIHono<TenantEnv>, deps: ProcedureDeps): void {
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
