import type { TenantEnv } from "@dynamo/web";
import { authorize, pdfResponse, problem, problemResponses as problems, security } from "@dynamo/web";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { ProcedureDeps } from "../deps.ts";
import * as regional from "../services/regional.ts";
import * as rules from "../services/rules.ts";
import { exportMarkdown } from "../text/markdown.ts";
import { mountAmendmentsApi } from "./api-amendments.ts";
import { json, Text, TextKey, TextParam } from "./api-kit.ts";
import { mountRegionalApi } from "./api-regional.ts";
import { versionJson, versionSummaryJson } from "./json.ts";
import { printableVersionHtml, versionFileName } from "./printable.tsx";
import { procedureContext, procedureProblem } from "./respond.ts";

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
        "A version of a text (`current`: the one in force), numbered, in every language; `?format=markdown` or `?format=pdf` (its printable page) in the reader's language",
      tags: ["procedure"],
      security,
      middleware: [authorize("procedure.read")] as const,
      request: {
        params: z.object({ textKey: TextKey, number: z.union([z.literal("current"), z.coerce.number().int().min(1)]) }),
        query: z.object({ format: z.enum(["json", "markdown", "pdf"]).default("json") }),
      },
      responses: {
        200: {
          description: "The version",
          content: {
            "application/json": { schema: z.object({}).passthrough() },
            "text/markdown": { schema: z.string() },
            "application/pdf": { schema: z.string().openapi({ format: "binary" }) },
          },
        },
        ...problems(400, 401, 403, 404, 503),
      },
    }),
    async (c) => {
      const { textKey, number } = c.req.valid("param");
      const ctx = procedureContext(c, deps);
      const version = await rules.getVersion(ctx, textKey, number === "current" ? undefined : number);
      if (version === undefined) return problem(c, "not-found");
      const format = c.req.valid("query").format;
      if (format === "pdf") {
        const html = printableVersionHtml(c, version, await rules.listVersions(ctx, textKey));
        return (await pdfResponse(c, deps.pdf, html, versionFileName(version, c.get("locale")))) as never;
      }
      if (format === "markdown") {
        const t = c.get("t");
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
      return c.json(versionJson(version, c.get("locale")), 200);
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
        c.get("locale"),
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
      const result = await rules.articleHistory(procedureContext(c, deps), textKey, articleId, c.get("locale"));
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
      if (result.value.kind === "version") return c.json(versionJson(result.value.version, c.get("locale")), 201);
      return c.json({ textKey: c.req.valid("param").textKey, state: "draft", text: result.value.text }, 201);
    },
  );

  mountAmendmentsApi(router, deps);
  mountRegionalApi(router, deps);
}
