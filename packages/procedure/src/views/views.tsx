import { LOCALES, type Locale, pickLocalized } from "@dynamo/core";
import {
  CsrfField,
  type FrameProps,
  formatDateTime,
  type MessageKey,
  Notice,
  PageFrame,
  type Translator,
} from "@dynamo/ui";
import type { DraftComment, RegionalDraft } from "../db/repo.ts";
import { numberArticles, type RulesText, romanNumeral, wordingFor } from "../domain/text.ts";
import type { RulesVersion } from "../domain/version.ts";
import type { AmendmentDetail, AmendmentView } from "../services/amendments.ts";
import { operationDiffs } from "../services/amendments.ts";
import type { HistoryEntry } from "../services/rules.ts";
import type { ArticleChange, DiffPart } from "../text/compare.ts";

export type Frame = Omit<FrameProps, "title" | "children">;

export function textName(t: Translator, textKey: string): string {
  if (textKey === "international") return t("procedure.text.international");
  return t("procedure.text.regional", { region: t(`procedure.region.${textKey.slice(-2)}` as MessageKey) });
}

const language = (t: Translator, locale: Locale) => t(`procedure.language.${locale}` as MessageKey);

/** A word diff: removed words struck through, added ones underlined (ins/del, readable without colour). */
export function Diff(props: { parts: readonly DiffPart[]; lang: Locale }) {
  return (
    <p class="diff" lang={props.lang}>
      {props.parts.map((p) =>
        p.kind === "same" ? p.text : p.kind === "added" ? <ins>{p.text}</ins> : <del>{p.text}</del>,
      )}
    </p>
  );
}

/** A ballot named by the start of its id (the end of its URI). */
export const ballotLabel = (uri: string) => (uri.split("/").at(-1) ?? uri).slice(0, 8);

export function inForceLine(t: Translator, version: RulesVersion): string {
  const since = version.inForceSince === null ? "" : formatDateTime(t, version.inForceSince);
  const by =
    version.ballotUri === null
      ? t("procedure.version.imported")
      : t("procedure.version.adoptedBy", { ballot: ballotLabel(version.ballotUri) });
  return `${t("procedure.list.inForce", { number: version.number, since })} — ${by}`;
}

export function RulesListPage(props: {
  frame: Frame;
  texts: RulesVersion[];
  drafts: RegionalDraft[];
  canImport: string | undefined;
}) {
  const { t } = props.frame;
  return (
    <PageFrame {...props.frame} title={t("procedure.list.title")}>
      <h1>{t("procedure.list.title")}</h1>
      {props.texts.length === 0 && <p>{t("procedure.list.empty")}</p>}
      <ul class="rules-list">
        {props.texts.map((v) => (
          <li>
            <a href={`/rules/${v.textKey}`}>{textName(t, v.textKey)}</a>
            <br />
            <small>{inForceLine(t, v)}</small>
          </li>
        ))}
      </ul>
      {props.drafts.length > 0 && (
        <>
          <h2>{t("procedure.drafts.title")}</h2>
          <ul>
            {props.drafts.map((d) => (
              <li>
                <a href={`/rules/${d.textKey}/draft`}>{t("procedure.draft.title", { text: textName(t, d.textKey) })}</a>{" "}
                — {t(`procedure.draft.state.${d.state}` as MessageKey)}
              </li>
            ))}
          </ul>
        </>
      )}
      {props.canImport && (
        <p>
          <a href={`/rules/${props.canImport}/import`}>{t("procedure.form.importTitle")}</a>
        </p>
      )}
    </PageFrame>
  );
}

/** A text's articles, numbered, each with its permanent link; a wording missing in the reader's language says so. */
export function TextBody(props: {
  t: Translator;
  text: RulesText;
  textKey: string;
  links: boolean;
  comments?: (articleId: string) => unknown;
}) {
  const { t } = props;
  const places = numberArticles(props.text);
  return (
    <>
      {props.text.sections.map((section, index) => (
        <section class="rules-section" id={section.id}>
          <h2>
            {romanNumeral(index + 1)}. {pickLocalized(section.title, t.locale) ?? ""}
          </h2>
          {places
            .filter((p) => p.section.id === section.id)
            .map((p) => {
              const shown = wordingFor(p.article.wording, t.locale);
              return (
                <article class="rules-article" id={p.article.id}>
                  <h3>
                    <a href={`#${p.article.id}`}>{t("procedure.version.article", { number: p.number })}</a>
                  </h3>
                  {shown?.missing && (
                    <p class="missing-language">
                      {t("procedure.version.missing", {
                        language: language(t, t.locale),
                        shown: language(t, shown.locale),
                      })}
                    </p>
                  )}
                  <div lang={shown?.locale}>
                    {(shown?.text ?? "").split("\n").map((line) => (
                      <p>{line}</p>
                    ))}
                  </div>
                  {props.links && (
                    <p class="article-links">
                      <a href={`/rules/${props.textKey}/articles/${p.article.id}`}>{t("procedure.version.history")}</a>
                    </p>
                  )}
                  {props.comments?.(p.article.id)}
                </article>
              );
            })}
        </section>
      ))}
    </>
  );
}

export function VersionPage(props: {
  frame: Frame;
  version: RulesVersion;
  versions: RulesVersion[];
  canPropose: boolean;
  print: boolean;
}) {
  const { t } = props.frame;
  const v = props.version;
  const title = t("procedure.version.title", { text: textName(t, v.textKey), number: v.number });
  const places = numberArticles(v.text);
  const last = props.versions.at(-1);
  return (
    <PageFrame {...props.frame} title={title}>
      <h1>{pickLocalized(v.text.title, t.locale) ?? textName(t, v.textKey)}</h1>
      <p class="in-force" data-version={v.number}>
        {inForceLine(t, v)}
      </p>
      {last !== undefined && last.number !== v.number && (
        <p class="notice">
          <a href={`/rules/${v.textKey}`}>{t("procedure.version.superseded", { number: last.number })}</a>
        </p>
      )}
      {!props.print && (
        <p class="actions">
          {props.canPropose && (
            <>
              <a href={`/rules/${v.textKey}/amend`}>{t("procedure.version.amend")}</a>
              {" · "}
            </>
          )}
          <a href={`/rules/${v.textKey}/versions/${v.number}/print`}>{t("procedure.version.print")}</a>
          {" · "}
          <a href={`/api/rules/${v.textKey}/versions/${v.number}?format=markdown`}>{t("procedure.version.markdown")}</a>
          {v.number > 1 && (
            <>
              {" · "}
              <a href={`/rules/${v.textKey}/compare?from=${v.number - 1}&to=${v.number}`}>
                {t("procedure.version.compare")}
              </a>
            </>
          )}
        </p>
      )}
      <nav class="toc" aria-label={t("procedure.version.contents")}>
        <h2>{t("procedure.version.contents")}</h2>
        <ol>
          {v.text.sections.map((section, index) => (
            <li>
              <a href={`#${section.id}`}>
                {romanNumeral(index + 1)}. {pickLocalized(section.title, t.locale) ?? ""}
              </a>{" "}
              <small>
                {places
                  .filter((p) => p.section.id === section.id)
                  .map((p) => (
                    <>
                      <a href={`#${p.article.id}`}>{p.number}</a>{" "}
                    </>
                  ))}
              </small>
            </li>
          ))}
        </ol>
      </nav>
      <TextBody t={t} text={v.text} textKey={v.textKey} links={!props.print} />
      {!props.print && (
        <section>
          <h2>{t("procedure.version.versions")}</h2>
          <ol>
            {props.versions.map((x) => (
              <li>
                <a href={`/rules/${x.textKey}/versions/${x.number}`}>{inForceLine(t, x)}</a>
              </li>
            ))}
          </ol>
          <p>
            <small>{t("procedure.version.chain", { hash: v.hash.slice(0, 16) })}</small>
          </p>
        </section>
      )}
    </PageFrame>
  );
}

export function ComparePage(props: {
  frame: Frame;
  textKey: string;
  from: number;
  to: number;
  changes: ArticleChange[];
}) {
  const { t } = props.frame;
  const changed = props.changes.filter((c) => c.change !== "same");
  return (
    <PageFrame {...props.frame} title={t("procedure.compare.title", { from: props.from, to: props.to })}>
      <h1>{textName(t, props.textKey)}</h1>
      <h2>{t("procedure.compare.title", { from: props.from, to: props.to })}</h2>
      {changed.length === 0 && <p>{t("procedure.compare.none")}</p>}
      {changed.map((c) => (
        <article class={`change change-${c.change}`}>
          <h3>
            {t("procedure.version.article", { number: c.after ?? c.before ?? "" })} —{" "}
            {t(`procedure.compare.${c.change}` as MessageKey)}
          </h3>
          <Diff parts={c.parts} lang={c.locale ?? t.locale} />
        </article>
      ))}
    </PageFrame>
  );
}

export function HistoryPage(props: { frame: Frame; textKey: string; articleId: string; entries: HistoryEntry[] }) {
  const { t } = props.frame;
  return (
    <PageFrame {...props.frame} title={t("procedure.history.title", { id: props.articleId })}>
      <h1>{t("procedure.history.title", { id: props.articleId })}</h1>
      <p>
        <a href={`/rules/${props.textKey}#${props.articleId}`}>{textName(t, props.textKey)}</a>
      </p>
      <ol class="history">
        {props.entries.map((e) => (
          <li>
            <strong>{t(`procedure.history.${e.change}` as MessageKey, { version: e.version })}</strong>
            {e.inForceSince && ` — ${formatDateTime(t, e.inForceSince)}`}
            {e.amendments.map((a) => (
              <>
                {" "}
                <a href={`/amendments/${a.id}`}>{t("procedure.history.by", { author: a.author.name })}</a>
              </>
            ))}
            {e.ballotUri && <> {t("procedure.version.adoptedBy", { ballot: ballotLabel(e.ballotUri) })}</>}
            <Diff parts={e.parts} lang={t.locale} />
          </li>
        ))}
      </ol>
    </PageFrame>
  );
}

const stateLabel = (t: Translator, state: string) => t(`procedure.state.${state}` as MessageKey);

export function AmendmentListPage(props: { frame: Frame; amendments: AmendmentView[]; notice: string | undefined }) {
  const { t } = props.frame;
  return (
    <PageFrame {...props.frame} title={t("procedure.amendments.title")}>
      <h1>{t("procedure.amendments.title")}</h1>
      <Notice text={props.notice} />
      {props.amendments.length === 0 && <p>{t("procedure.amendments.empty")}</p>}
      <ul class="amendments">
        {props.amendments.map(({ amendment: a, stale, conflictsWith }) => (
          <li data-state={a.state}>
            <a href={`/amendments/${a.id}`}>{textName(t, a.textKey)}</a> — <strong>{stateLabel(t, a.state)}</strong>
            <br />
            <small>
              {t("procedure.amendments.by", {
                author: a.author.name,
                region: t(`procedure.region.${a.author.regionCode}` as MessageKey),
              })}
            </small>
            {conflictsWith.length > 0 && <p class="warning">{t("procedure.amendments.conflicts")}</p>}
            {stale && <p class="warning">{t("procedure.amendments.stale")}</p>}
          </li>
        ))}
      </ul>
    </PageFrame>
  );
}

export function AmendmentPage(props: {
  frame: Frame;
  detail: AmendmentDetail;
  notice: string | undefined;
  may: { withdraw: boolean; rebase: boolean; decide: boolean; schedule: boolean; apply: boolean };
  defaultCloses: string;
}) {
  const { t, csrfToken } = props.frame;
  const { amendment: a, stale, conflictsWith, base, current } = props.detail;
  const diffs = base === undefined ? [] : operationDiffs(base.text, a.operations, t.locale);
  return (
    <PageFrame {...props.frame} title={t("procedure.amendment.title", { text: textName(t, a.textKey) })}>
      <h1>{t("procedure.amendment.title", { text: textName(t, a.textKey) })}</h1>
      <Notice text={props.notice} />
      <p class="amendment-state" data-state={a.state}>
        <strong>{stateLabel(t, a.state)}</strong>
        {a.reason && ` — ${t("procedure.amendment.reason", { reason: a.reason })}`}
      </p>
      <p>
        {t("procedure.amendments.by", {
          author: a.author.name,
          region: t(`procedure.region.${a.author.regionCode}` as MessageKey),
        })}{" "}
        · {t("procedure.amendment.base", { number: a.baseVersion })}
        {a.appliedVersion !== null && (
          <>
            {" · "}
            <a href={`/rules/${a.textKey}/versions/${a.appliedVersion}`}>
              {t("procedure.amendment.appliedAs", { number: a.appliedVersion })}
            </a>
          </>
        )}
      </p>
      {a.ballotUri && (
        <p>
          {t("procedure.amendment.ballot")}: <code>{a.ballotUri}</code>
        </p>
      )}
      {stale && <p class="notice warning">{t("procedure.amendments.stale")}</p>}
      {conflictsWith.length > 0 && (
        <p class="notice warning">
          {t("procedure.amendment.conflictsWith")}{" "}
          {conflictsWith.map((id) => (
            <>
              <a href={`/amendments/${id}`}>{id.slice(0, 8)}</a>{" "}
            </>
          ))}
        </p>
      )}
      <h2>{t("procedure.amendment.rationale")}</h2>
      <p>{a.rationale}</p>
      {diffs.map((d) => (
        <section class="operation">
          <h3>
            {t(`procedure.op.${d.op}` as MessageKey, { number: d.number ?? "" })} ({language(t, d.locale)})
          </h3>
          <Diff parts={d.parts} lang={d.locale} />
          {stale && current !== undefined && (
            <div class="side-by-side">
              <h4>{t("procedure.amendment.nowInForce")}</h4>
              <p lang={d.locale}>
                {numberArticles(current.text).find((p) => p.article.id === d.articleId)?.article.wording[d.locale] ??
                  "—"}
              </p>
            </div>
          )}
        </section>
      ))}
      <div class="actions">
        {props.may.withdraw && (
          <form method="post" action={`/amendments/${a.id}/withdraw`}>
            <CsrfField token={csrfToken} />
            <button type="submit">{t("procedure.amendment.withdraw")}</button>
          </form>
        )}
        {props.may.rebase && current !== undefined && (
          <form method="post" action={`/amendments/${a.id}/rebase`}>
            <CsrfField token={csrfToken} />
            {a.operations
              .filter((op) => op.op === "replace")
              .map((op) =>
                LOCALES.filter((l) => l in op.wording).map((l) => (
                  <label>
                    {t("procedure.form.wording", { language: language(t, l) })}
                    <textarea name={`wording.${l}`} rows={4}>
                      {op.wording[l] ?? ""}
                    </textarea>
                  </label>
                )),
              )}
            <button type="submit">{t("procedure.amendment.rebase")}</button>
          </form>
        )}
        {props.may.decide && (
          <form method="post" action={`/amendments/${a.id}/admissibility`}>
            <CsrfField token={csrfToken} />
            <label>
              {t("procedure.form.reason")}
              <textarea name="reason" rows={2} />
            </label>
            <button type="submit" name="admissible" value="yes">
              {t("procedure.amendment.admissible")}
            </button>{" "}
            <button type="submit" name="admissible" value="no">
              {t("procedure.amendment.notAdmissible")}
            </button>
          </form>
        )}
        {props.may.schedule && (
          <form method="post" action={`/amendments/${a.id}/schedule`}>
            <CsrfField token={csrfToken} />
            <label>
              {t("procedure.form.closesAt")}
              <input type="datetime-local" name="closesAt" value={props.defaultCloses} required />
            </label>
            <button type="submit">{t("procedure.amendment.schedule")}</button>
          </form>
        )}
        {props.may.apply && (
          <form method="post" action={`/amendments/${a.id}/apply`}>
            <CsrfField token={csrfToken} />
            {stale && (
              <label>
                {t("procedure.form.resolution")}
                <textarea name="note" rows={3} />
              </label>
            )}
            <button type="submit">{t("procedure.amendment.apply")}</button>
          </form>
        )}
      </div>
    </PageFrame>
  );
}

export function AmendFormPage(props: { frame: Frame; version: RulesVersion }) {
  const { t, csrfToken } = props.frame;
  const v = props.version;
  const places = numberArticles(v.text);
  return (
    <PageFrame {...props.frame} title={t("procedure.form.title")}>
      <h1>{t("procedure.form.title")}</h1>
      <p>
        {textName(t, v.textKey)} — {t("procedure.amendment.base", { number: v.number })}
      </p>
      <p>{t("procedure.form.intro")}</p>
      <form method="post" action={`/rules/${v.textKey}/amendments`} class="amend-form">
        <CsrfField token={csrfToken} />
        <fieldset>
          <legend>{t("procedure.form.kind")}</legend>
          {(["replace", "insert", "delete"] as const).map((kind, i) => (
            <label class="choice">
              <input type="radio" name="op" value={kind} checked={i === 0} /> {t(`procedure.kind.${kind}`)}
            </label>
          ))}
        </fieldset>
        <label for="articleId">{t("procedure.form.article")}</label>
        <select id="articleId" name="articleId">
          {places.map((p) => (
            <option value={p.article.id}>
              {t("procedure.version.article", { number: p.number })} —{" "}
              {(wordingFor(p.article.wording, t.locale)?.text ?? "").slice(0, 60)}
            </option>
          ))}
        </select>
        <label for="after">{t("procedure.form.after")}</label>
        <select id="after" name="after">
          {v.text.sections.map((s, index) => (
            <option value={`start:${s.id}`}>
              {t("procedure.version.section", { number: romanNumeral(index + 1) })} —{" "}
              {pickLocalized(s.title, t.locale) ?? ""}
            </option>
          ))}
          {places.map((p) => (
            <option value={`after:${p.article.id}`}>{t("procedure.version.article", { number: p.number })}</option>
          ))}
        </select>
        <p class="hint">{t("procedure.form.wordingHint")}</p>
        {[t.locale, ...LOCALES.filter((l) => l !== t.locale)].map((l) => (
          <>
            <label for={`wording-${l}`}>{t("procedure.form.wording", { language: language(t, l) })}</label>
            <textarea id={`wording-${l}`} name={`wording.${l}`} rows={4} lang={l} />
          </>
        ))}
        <label for="rationale">{t("procedure.form.rationale")}</label>
        <textarea id="rationale" name="rationale" rows={4} required />
        <button type="submit">{t("procedure.form.submit")}</button>
      </form>
    </PageFrame>
  );
}

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
