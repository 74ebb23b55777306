import {
  CsrfField,
  type FieldErrorView,
  FormErrors,
  type FrameProps,
  type MessageKey,
  Notice,
  PageFrame,
  TextField,
} from "@dynamo/ui";
import { raw } from "hono/html";
import { type EditionStatus, nextEditionStatus } from "../domain/edition.ts";
import { BODY_MAX, DOCUMENT_KINDS, type IpgDocument, TITLE_MAX } from "../domain/ipg-document.ts";
import { renderDocument } from "../text/markdown.ts";

type Frame = Omit<FrameProps, "title" | "children">;
type T = FrameProps["t"];

/** The edition a documents page is about: at the hub the edition, at a region its Event. */
export interface EditionHeading {
  id: string;
  name: string;
  status: EditionStatus | null;
}

const kind = (t: T, d: Pick<IpgDocument, "kind">) => t(`life.document.kind.${d.kind}` as MessageKey);
const state = (t: T, d: Pick<IpgDocument, "state">) => t(`life.document.state.${d.state}` as MessageKey);

function DocumentState(props: { t: T; document: IpgDocument }) {
  const { t, document: d } = props;
  return (
    <p data-state={d.state}>
      {kind(t, d)} · <strong>{state(t, d)}</strong> · {t("life.document.revision", { revision: d.revision })}
      {d.publishedAt !== null && (
        <>
          {" "}
          · <time datetime={d.publishedAt.toISOString()}>{d.publishedAt.toISOString().slice(0, 10)}</time>
        </>
      )}
      {d.lastOutcome !== null && (
        <>
          <br />
          <em>{t(`life.document.outcome.${d.lastOutcome}` as MessageKey)}</em>
        </>
      )}
    </p>
  );
}

/** The secretariat's button moving an edition to its next status (up to closed; the minutes' ballot does the rest). */
export function StatusForm(props: { t: T; csrfToken: string | undefined; editionId: string; status: EditionStatus }) {
  const next = nextEditionStatus(props.status);
  if (next === undefined || next === "minutes-approved") return null;
  return (
    <form method="post" action={`/life/ipg/${props.editionId}/status`}>
      <CsrfField token={props.csrfToken} />
      <button type="submit" name="status" value={next}>
        {props.t("life.edition.advance", { status: props.t(`life.edition.${next}` as MessageKey) })}
      </button>
    </form>
  );
}

/** An edition's documents and minutes: the published ones for everyone, the drafts and the drafting form for the secretariat. */
export function IpgDocumentsPage(props: {
  frame: Frame;
  edition: EditionHeading;
  documents: IpgDocument[];
  canManage: boolean;
  values?: { kind?: string; title?: string; body?: string } | undefined;
  notice?: string | undefined;
  errors?: FieldErrorView[] | undefined;
}) {
  const { t } = props.frame;
  const { edition } = props;
  const v = props.values ?? {};
  return (
    <PageFrame {...props.frame} title={`${t("life.documents.title")} — ${edition.name}`}>
      <p>
        <a href="/life/ipg">{t("life.document.back")}</a>
      </p>
      <h1>
        {t("life.documents.title")} — {edition.name}
      </h1>
      {edition.status !== null && (
        <p data-edition-status={edition.status}>{t(`life.edition.${edition.status}` as MessageKey)}</p>
      )}
      <Notice text={props.notice} />
      <FormErrors t={t} errors={props.errors} />
      {props.canManage && edition.status !== null && (
        <StatusForm t={t} csrfToken={props.frame.csrfToken} editionId={edition.id} status={edition.status} />
      )}
      {props.documents.length === 0 && <p>{t("life.documents.none")}</p>}
      <ul class="documents">
        {props.documents.map((d) => (
          <li data-document={d.id}>
            <a href={`/life/ipg/${edition.id}/documents/${d.id}`}>{d.title}</a>
            <DocumentState t={t} document={d} />
          </li>
        ))}
      </ul>
      {props.canManage && (
        <section>
          <h2>{t("life.document.draft")}</h2>
          <form method="post" action={`/life/ipg/${edition.id}/documents`}>
            <CsrfField token={props.frame.csrfToken} />
            <label for="field-kind">{t("life.document.kind")}</label>
            <select id="field-kind" name="kind">
              {DOCUMENT_KINDS.map((k) => (
                <option value={k} selected={k === (v.kind ?? "minutes")}>
                  {kind(t, { kind: k })}
                </option>
              ))}
            </select>
            <TextField
              name="title"
              label={t("life.document.title")}
              value={v.title}
              required
              maxlength={TITLE_MAX}
              errors={props.errors}
            />
            <BodyField t={t} value={v.body} />
            <p>
              <button type="submit">{t("life.document.save")}</button>
            </p>
          </form>
        </section>
      )}
    </PageFrame>
  );
}

function BodyField(props: { t: T; value: string | undefined }) {
  return (
    <>
      <label for="field-body">{props.t("life.document.body")}</label>
      <textarea id="field-body" name="body" rows={12} required maxlength={BODY_MAX} style="width:100%">
        {props.value ?? ""}
      </textarea>
    </>
  );
}

/** One document, rendered from its Markdown (raw HTML escaped); the secretariat revises a draft or puts it to the vote. */
export function IpgDocumentPage(props: {
  frame: Frame;
  edition: EditionHeading;
  document: IpgDocument;
  canManage: boolean;
  /** A suggested close for the ballot: `YYYY-MM-DDTHH:mm`, UTC. */
  closesAt: string;
  values?: { title?: string; body?: string } | undefined;
  notice?: string | undefined;
  errors?: FieldErrorView[] | undefined;
}) {
  const { t } = props.frame;
  const { edition, document: d } = props;
  const base = `/life/ipg/${edition.id}/documents/${d.id}`;
  const editable = props.canManage && d.state === "draft";
  return (
    <PageFrame {...props.frame} title={d.title}>
      <p>
        <a href={`/life/ipg/${edition.id}/documents`}>
          {t("life.documents.title")} — {edition.name}
        </a>
      </p>
      <h1>{d.title}</h1>
      <DocumentState t={t} document={d} />
      <Notice text={props.notice} />
      <FormErrors t={t} errors={props.errors} />
      <article class="card document-text">{raw(renderDocument(d.body))}</article>
      {editable && (
        <>
          <section>
            <h2>{t("life.document.revise")}</h2>
            <form method="post" action={base}>
              <CsrfField token={props.frame.csrfToken} />
              <TextField
                name="title"
                label={t("life.document.title")}
                value={props.values?.title ?? d.title}
                required
                maxlength={TITLE_MAX}
                errors={props.errors}
              />
              <BodyField t={t} value={props.values?.body ?? d.body} />
              <p>
                <button type="submit">{t("life.document.revise")}</button>
              </p>
            </form>
          </section>
          <section>
            <h2>{t("life.document.submit")}</h2>
            <form method="post" action={`${base}/ballot`}>
              <CsrfField token={props.frame.csrfToken} />
              <TextField
                name="closesAt"
                type="datetime-local"
                label={t("life.document.closesAt")}
                value={props.closesAt}
                required
                errors={props.errors}
              />
              <p>
                <button type="submit">{t("life.document.submit")}</button>
              </p>
            </form>
          </section>
        </>
      )}
    </PageFrame>
  );
}
