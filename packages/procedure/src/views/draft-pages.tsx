import { LOCALES } from "@dynamo/core";
import { CsrfField, type MessageKey, PageFrame } from "@dynamo/ui";
import type { DraftComment, RegionalDraft } from "../db/repo.ts";

import { type Frame, language, TextBody, textName } from "./common.tsx";

export function ImportPage(props: { frame: Frame; textKey: string }) {
  const { t, csrfToken } = props.frame;
  return (
    <PageFrame {...props.frame} title={t("procedure.form.importTitle")}>
      <h1>{t("procedure.form.importTitle")}</h1>
      <p>{textName(t, props.textKey)}</p>
      <form method="post" action={`/rules/${props.textKey}/import`}>
        <CsrfField token={csrfToken} />
        {LOCALES.map((l) => (
          <label>
            {t("procedure.form.markdown", { language: language(t, l) })}
            <textarea name={`markdown.${l}`} rows={8} lang={l} />
          </label>
        ))}
        <button type="submit">{t("procedure.form.import")}</button>
      </form>
    </PageFrame>
  );
}

export function DraftPage(props: {
  frame: Frame;
  draft: RegionalDraft;
  comments: DraftComment[];
  may: { comment: boolean; submit: boolean; schedule: boolean };
  defaultCloses: string;
}) {
  const { t, csrfToken } = props.frame;
  const d = props.draft;
  const commentsOf = (articleId: string) => {
    const list = props.comments.filter((c) => c.articleId === articleId);
    return (
      <div class="comments">
        {list.length > 0 && (
          <ul>
            {list.map((c) => (
              <li>
                <strong>{c.authorName}</strong>: {c.body}
              </li>
            ))}
          </ul>
        )}
        {props.may.comment && d.state === "draft" && (
          <form method="post" action={`/rules/${d.textKey}/draft/comments`}>
            <CsrfField token={csrfToken} />
            <input type="hidden" name="articleId" value={articleId} />
            <label>
              {t("procedure.form.comment")}
              <textarea name="body" rows={2} required />
            </label>
            <button type="submit">{t("procedure.form.send")}</button>
          </form>
        )}
      </div>
    );
  };
  return (
    <PageFrame {...props.frame} title={t("procedure.draft.title", { text: textName(t, d.textKey) })}>
      <h1>{t("procedure.draft.title", { text: textName(t, d.textKey) })}</h1>
      <p class="draft-state" data-state={d.state}>
        {t(`procedure.draft.state.${d.state}` as MessageKey)}
      </p>
      <div class="actions">
        {props.may.submit && (d.state === "draft" || d.state === "rejected") && (
          <form method="post" action={`/rules/${d.textKey}/draft/submit`}>
            <CsrfField token={csrfToken} />
            <button type="submit">{t("procedure.draft.submit")}</button>
          </form>
        )}
        {props.may.schedule && d.state === "submitted" && (
          <form method="post" action={`/rules/${d.textKey}/draft/schedule`}>
            <CsrfField token={csrfToken} />
            <label>
              {t("procedure.form.closesAt")}
              <input type="datetime-local" name="closesAt" value={props.defaultCloses} required />
            </label>
            <button type="submit">{t("procedure.draft.schedule")}</button>
          </form>
        )}
      </div>
      <TextBody t={t} text={d.text} textKey={d.textKey} links={false} comments={commentsOf} />
    </PageFrame>
  );
}
