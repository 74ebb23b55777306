import { LOCALES, pickLocalized } from "@dynamo/core";
import { CsrfField, type MessageKey, Notice, PageFrame, type Translator } from "@dynamo/ui";
import { numberArticles, romanNumeral, wordingFor } from "../domain/text.ts";
import type { RulesVersion } from "../domain/version.ts";
import type { AmendmentDetail, AmendmentView } from "../services/amendment-views.ts";
import { operationDiffs } from "../services/amendment-views.ts";

import { Diff, type Frame, language, textName } from "./common.tsx";

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
