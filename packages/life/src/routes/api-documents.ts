import { authorize, mayDo, problemResponses, security, signedIn, type TenantEnv } from "@dynamo/web";
import { createRoute, type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { LifeContext, LifeDeps } from "../deps.ts";
import { EDITION_STATUSES, type IpgEdition } from "../domain/edition.ts";
import { BODY_MAX, DOCUMENT_KINDS, DOCUMENT_STATES, type IpgDocument, TITLE_MAX } from "../domain/ipg-document.ts";
import {
  changeIpgEditionStatus,
  draftIpgDocument,
  listIpgDocuments,
  reviseIpgDocument,
  submitIpgDocumentToVote,
} from "../services/ipg-documents.ts";
import { renderDocument } from "../text/markdown.ts";
import { lifeProblem } from "./respond.ts";

/** The IPG's edition status and its documents and minutes, as OpenAPI routes. */
const tags = ["life"];
type Action = Parameters<typeof authorize>[0];
const guarded = (action: Action) => ({ tags, security, middleware: [authorize(action)] });
const json = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { "application/json": { schema } } },
});
const answer = <T extends z.ZodType>(description: string, schema: T) => ({
  description,
  content: { "application/json": { schema } },
});

const DocumentSchema = z
  .object({
    id: z.string(),
    editionId: z.string(),
    kind: z.enum(DOCUMENT_KINDS),
    title: z.string(),
    body: z.string().openapi({ description: "The text, in Markdown" }),
    html: z.string().openapi({ description: "The text rendered (raw HTML in the Markdown escaped)" }),
    state: z.enum(DOCUMENT_STATES),
    revision: z.number().int(),
    ballotId: z.string().nullable(),
    ballotUri: z.string().nullable(),
    lastOutcome: z.enum(["rejected", "no-quorum"]).nullable(),
    publishedAt: z.string().nullable(),
    updatedAt: z.string(),
  })
  .openapi("IpgDocument");

const documentJson = (d: IpgDocument) => ({
  id: d.id,
  editionId: d.editionId,
  kind: d.kind,
  title: d.title,
  body: d.body,
  html: renderDocument(d.body),
  state: d.state,
  revision: d.revision,
  ballotId: d.ballotId,
  ballotUri: d.ballotUri,
  lastOutcome: d.lastOutcome,
  publishedAt: d.publishedAt?.toISOString() ?? null,
  updatedAt: d.updatedAt.toISOString(),
});

const EditionStatusSchema = z.object({
  id: z.string(),
  year: z.number().int(),
  status: z.enum(EDITION_STATUSES),
  eventUri: z.string(),
});
const editionStatusJson = (e: IpgEdition) => ({ id: e.id, year: e.year, status: e.status, eventUri: e.eventUri });

const EditionParams = z.object({ id: z.string().uuid() });
const DocumentParams = z.object({ id: z.string().uuid(), documentId: z.string().uuid() });
const Text = {
  title: z.string().trim().min(1).max(TITLE_MAX),
  body: z.string().min(1).max(BODY_MAX),
};

export const changeStatusRoute = createRoute({
  method: "post",
  path: "/api/ipg/editions/{id}/status",
  operationId: "changeIpgEditionStatus",
  summary:
    "The secretariat moves an edition one step: planned → convened → in session → closed (never back, never skipping); minutes approved comes from the minutes' ballot only",
  ...guarded("life.ipg"),
  request: { params: EditionParams, ...json(z.object({ status: z.enum(EDITION_STATUSES) })) },
  responses: {
    200: answer("Moved; the edition's Event updated at every region", z.object({ edition: EditionStatusSchema })),
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

export const listDocumentsRoute = createRoute({
  method: "get",
  path: "/api/ipg/editions/{id}/documents",
  operationId: "listIpgDocuments",
  summary:
    "An edition's documents and minutes: the published ones (at the hub and at every region); the secretariat also sees drafts and texts in vote",
  ...guarded("life.read"),
  request: { params: EditionParams },
  responses: {
    200: answer("The documents", z.object({ documents: z.array(DocumentSchema) })),
    ...problemResponses(400, 401, 403, 404),
  },
});

export const draftDocumentRoute = createRoute({
  method: "post",
  path: "/api/ipg/editions/{id}/documents",
  operationId: "draftIpgDocument",
  summary: "The secretariat drafts a document or the edition's minutes (one minutes per edition), in Markdown",
  ...guarded("life.ipg"),
  request: { params: EditionParams, ...json(z.object({ kind: z.enum(DOCUMENT_KINDS), ...Text })) },
  responses: {
    201: answer("Drafted", z.object({ document: DocumentSchema })),
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

export const reviseDocumentRoute = createRoute({
  method: "put",
  path: "/api/ipg/editions/{id}/documents/{documentId}",
  operationId: "reviseIpgDocument",
  summary:
    "The secretariat revises a draft (one a ballot rejected becomes its next revision); a text in vote or published is not changed",
  ...guarded("life.ipg"),
  request: { params: DocumentParams, ...json(z.object(Text)) },
  responses: {
    200: answer("Revised", z.object({ document: DocumentSchema })),
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

export const submitDocumentRoute = createRoute({
  method: "post",
  path: "/api/ipg/editions/{id}/documents/{documentId}/ballot",
  operationId: "submitIpgMinutesToVote",
  summary:
    "The secretariat puts the minutes (once the edition is closed) or a document to an IPG ballot; adopted, it is published to every region and adopted minutes move the edition to minutes approved; rejected, it stays a draft",
  ...guarded("life.ipg"),
  request: {
    params: DocumentParams,
    ...json(
      z.object({
        closesAt: z.string().datetime({ offset: true }),
        graceMinutes: z
          .number()
          .int()
          .min(0)
          .max(7 * 24 * 60)
          .default(60),
      }),
    ),
  },
  responses: {
    202: answer("In the IPG's vote", z.object({ document: DocumentSchema })),
    ...problemResponses(400, 401, 403, 404, 409),
  },
});

export function mountIpgDocumentApi(router: OpenAPIHono<TenantEnv>, deps: LifeDeps): void {
  const ctx = (c: Context<TenantEnv>): LifeContext => ({ ...deps, tenant: c.get("tenant"), logger: c.get("logger") });

  router.openapi(changeStatusRoute, async (c) => {
    const result = await changeIpgEditionStatus(ctx(c), c.req.valid("param").id, c.req.valid("json").status);
    return result.ok ? c.json({ edition: editionStatusJson(result.value) }, 200) : lifeProblem(c, result.error);
  });
  router.openapi(listDocumentsRoute, async (c) => {
    const result = await listIpgDocuments(ctx(c), c.req.valid("param").id, { seesDrafts: mayDo(c, "life.ipg") });
    return result.ok ? c.json({ documents: result.value.map(documentJson) }, 200) : lifeProblem(c, result.error);
  });
  router.openapi(draftDocumentRoute, async (c) => {
    const result = await draftIpgDocument(ctx(c), c.req.valid("param").id, c.req.valid("json"));
    return result.ok ? c.json({ document: documentJson(result.value) }, 201) : lifeProblem(c, result.error);
  });
  router.openapi(reviseDocumentRoute, async (c) => {
    const { id, documentId } = c.req.valid("param");
    const result = await reviseIpgDocument(ctx(c), id, documentId, c.req.valid("json"));
    return result.ok ? c.json({ document: documentJson(result.value) }, 200) : lifeProblem(c, result.error);
  });
  router.openapi(submitDocumentRoute, async (c) => {
    const { id, documentId } = c.req.valid("param");
    const b = c.req.valid("json");
    const person = signedIn(c).person;
    const result = await submitIpgDocumentToVote(
      ctx(c),
      { personId: person.id, name: person.displayName },
      id,
      documentId,
      { closesAt: new Date(b.closesAt), graceMs: b.graceMinutes * 60_000 },
    );
    return result.ok ? c.json({ document: documentJson(result.value) }, 202) : lifeProblem(c, result.error);
  });
}

export { documentJson };
