import { pickLocalized } from "@dynamo/core";
import { formatDateTime, type MessageKey, PageFrame } from "@dynamo/ui";
import type { RegionalDraft } from "../db/repo.ts";
import { numberArticles, romanNumeral } from "../domain/text.ts";
import type { RulesVersion } from "../domain/version.ts";
import type { HistoryEntry } from "../services/rules.ts";
import type { ArticleChange } from "../text/compare.ts";

import { ballotLabel, Diff, type Frame, inForceLine, TextBody, textName } from "./common.tsx";

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
          {" · "}
          <a href={`/api/rules/${v.textKey}/versions/${v.number}?format=pdf`}>{t("procedure.version.pdf")}</a>
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
