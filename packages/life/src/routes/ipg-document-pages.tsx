import type { FieldErrorView } from "@dynamo/ui";
import {
  authorize,
  formField,
  mayDo,
  pageFrame,
  parseForm,
  problem,
  renderPage,
  signedIn,
  type TenantEnv,
} from "@dynamo/web";
import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { LifeContext, LifeDeps } from "../deps.ts";
import { isEditionStatus } from "../domain/edition.ts";
import { BODY_MAX, DOCUMENT_KINDS, type DocumentKind, TITLE_MAX } from "../domain/ipg-document.ts";
import type { LifeError } from "../services/errors.ts";
import {
  changeIpgEditionStatus,
  draftIpgDocument,
  getIpgDocument,
  ipgEditionHeading,
  listIpgDocuments,
  reviseIpgDocument,
  submitIpgDocumentToVote,
} from "../services/ipg-documents.ts";
import { IpgDocumentPage, IpgDocumentsPage } from "../views/ipg-documents.tsx";
import { errorMessage } from "./respond.ts";

const NOTICES = {
  drafted: "life.document.drafted",
  submitted: "life.document.submitted",
  status: "life.edition.changed",
} as const;

const uuid = z.string().uuid();
// One more than kept: an over-long text is answered on the page, translated, rather than by the form parser.
const DocumentForm = z.object({
  kind: formField.line(20),
  title: formField.line(TITLE_MAX + 1),
  body: formField.lines(BODY_MAX + 1),
});

const statusOf = (error: LifeError) => (error.kind === "invalid" ? 400 : 409);

/** The IPG's documents and minutes as pages (no script needed): read by everyone, drafted and put to the vote by the secretariat. */
export function mountIpgDocumentPages(router: OpenAPIHono<TenantEnv>, deps: LifeDeps): void {
  const ctx = (c: Context<TenantEnv>): LifeContext => ({ ...deps, tenant: c.get("tenant"), logger: c.get("logger") });
  const notice = (c: Context<TenantEnv>) => {
    const key = c.req.query("done") as keyof typeof NOTICES | undefined;
    return key !== undefined && key in NOTICES ? c.get("t")(NOTICES[key]) : undefined;
  };
  const fieldErrors = (c: Context<TenantEnv>, error: LifeError): FieldErrorView[] =>
    error.kind === "invalid"
      ? error.problems.map((p) => ({ field: p.field, message: c.get("t")(`life.invalid.${p.code}` as never) }))
      : [{ field: "", message: errorMessage(c.get("t"), error) }];
  /** The text typed, checked as the API checks it: a title, a text, neither too long. */
  const textErrors = (c: Context<TenantEnv>, f: { title: string; body: string }): FieldErrorView[] => {
    const { t } = c.var;
    const errors: FieldErrorView[] = [];
    if (f.title.trim() === "") errors.push({ field: "title", message: t("life.invalid.required") });
    if (f.title.trim().length > TITLE_MAX) errors.push({ field: "title", message: t("life.invalid.too-long") });
    if (f.body.trim() === "") errors.push({ field: "body", message: t("life.invalid.required") });
    if (f.body.length > BODY_MAX) errors.push({ field: "body", message: t("life.invalid.too-long") });
    return errors;
  };

  const listPage = async (
    c: Context<TenantEnv>,
    editionId: string,
    extra: { errors?: FieldErrorView[]; values?: { kind?: string; title?: string; body?: string } } = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    if (!uuid.safeParse(editionId).success) return problem(c, "not-found");
    const edition = await ipgEditionHeading(ctx(c), editionId);
    const canManage = mayDo(c, "life.ipg");
    const documents = await listIpgDocuments(ctx(c), editionId, { seesDrafts: canManage });
    if (edition === undefined || !documents.ok) return problem(c, "not-found");
    return renderPage(
      c,
      <IpgDocumentsPage
        frame={pageFrame(c, "/life/ipg")}
        edition={edition}
        documents={documents.value}
        canManage={canManage}
        notice={notice(c)}
        {...extra}
      />,
      status,
    );
  };

  const documentPage = async (
    c: Context<TenantEnv>,
    editionId: string,
    documentId: string,
    extra: { errors?: FieldErrorView[]; values?: { title?: string; body?: string } } = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    if (!uuid.safeParse(editionId).success || !uuid.safeParse(documentId).success) return problem(c, "not-found");
    const edition = await ipgEditionHeading(ctx(c), editionId);
    const canManage = mayDo(c, "life.ipg");
    const document = await getIpgDocument(ctx(c), editionId, documentId, { seesDrafts: canManage });
    if (edition === undefined || !document.ok) return problem(c, "not-found");
    const inAWeek = new Date(deps.clock().getTime() + 7 * 86_400_000).toISOString().slice(0, 16);
    return renderPage(
      c,
      <IpgDocumentPage
        frame={pageFrame(c, "/life/ipg")}
        edition={edition}
        document={document.value}
        canManage={canManage}
        closesAt={inAWeek}
        notice={notice(c)}
        {...extra}
      />,
      status,
    );
  };

  router.get("/life/ipg/:id/documents", authorize("life.read"), (c) => listPage(c, c.req.param("id")));
  router.get("/life/ipg/:id/documents/:documentId", authorize("life.read"), (c) =>
    documentPage(c, c.req.param("id"), c.req.param("documentId")),
  );

  router.post("/life/ipg/:id/status", authorize("life.ipg"), async (c) => {
    const parsed = await parseForm(c, z.object({ status: formField.line(20) }));
    if (!parsed.ok) return parsed.response;
    const id = c.req.param("id");
    if (!uuid.safeParse(id).success) return problem(c, "not-found");
    const target = parsed.value.status;
    if (!isEditionStatus(target))
      return listPage(c, id, { errors: [{ field: "status", message: c.get("t")("life.invalid.format") }] }, 400);
    const result = await changeIpgEditionStatus(ctx(c), id, target);
    if (!result.ok) {
      if (result.error.kind === "not-found") return problem(c, "not-found");
      return listPage(c, id, { errors: fieldErrors(c, result.error) }, 409);
    }
    return c.redirect(`/life/ipg/${id}/documents?done=status`, 303);
  });

  router.post("/life/ipg/:id/documents", authorize("life.ipg"), async (c) => {
    const parsed = await parseForm(c, DocumentForm);
    if (!parsed.ok) return parsed.response;
    const id = c.req.param("id");
    const f = parsed.value;
    const errors = textErrors(c, f);
    if (!(DOCUMENT_KINDS as readonly string[]).includes(f.kind))
      errors.push({ field: "kind", message: c.get("t")("life.invalid.format") });
    if (errors.length > 0) return listPage(c, id, { errors, values: f }, 400);
    const result = await draftIpgDocument(ctx(c), id, { kind: f.kind as DocumentKind, title: f.title, body: f.body });
    if (!result.ok) {
      if (result.error.kind === "not-found") return problem(c, "not-found");
      return listPage(c, id, { errors: fieldErrors(c, result.error), values: f }, statusOf(result.error));
    }
    return c.redirect(`/life/ipg/${id}/documents/${result.value.id}?done=drafted`, 303);
  });

  router.post("/life/ipg/:id/documents/:documentId", authorize("life.ipg"), async (c) => {
    const parsed = await parseForm(c, DocumentForm.omit({ kind: true }));
    if (!parsed.ok) return parsed.response;
    const { id, documentId } = c.req.param();
    const f = parsed.value;
    const errors = textErrors(c, f);
    if (errors.length > 0) return documentPage(c, id, documentId, { errors, values: f }, 400);
    const result = await reviseIpgDocument(ctx(c), id, documentId, f);
    if (!result.ok) {
      if (result.error.kind === "not-found") return problem(c, "not-found");
      return documentPage(c, id, documentId, { errors: fieldErrors(c, result.error) }, statusOf(result.error));
    }
    return c.redirect(`/life/ipg/${id}/documents/${documentId}?done=drafted`, 303);
  });

  router.post("/life/ipg/:id/documents/:documentId/ballot", authorize("life.ipg"), async (c) => {
    const parsed = await parseForm(c, z.object({ closesAt: formField.line(40) }));
    if (!parsed.ok) return parsed.response;
    const { id, documentId } = c.req.param();
    // The form's date and time are read in UTC, as its label says.
    const closesAt = new Date(`${parsed.value.closesAt}:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(parsed.value.closesAt) || Number.isNaN(closesAt.getTime()))
      return documentPage(
        c,
        id,
        documentId,
        { errors: [{ field: "closesAt", message: c.get("t")("life.invalid.date") }] },
        400,
      );
    const person = signedIn(c).person;
    const result = await submitIpgDocumentToVote(
      ctx(c),
      { personId: person.id, name: person.displayName },
      id,
      documentId,
      { closesAt, graceMs: 60 * 60_000 },
    );
    if (!result.ok) {
      if (result.error.kind === "not-found") return problem(c, "not-found");
      return documentPage(c, id, documentId, { errors: fieldErrors(c, result.error) }, statusOf(result.error));
    }
    return c.redirect(`/life/ipg/${id}/documents/${documentId}?done=submitted`, 303);
  });
}
