import { type Locale, pickLocalized } from "@dynamo/core";
import { type FrameProps, formatDateTime, type MessageKey, type Translator } from "@dynamo/ui";
import { numberArticles, type RulesText, romanNumeral, wordingFor } from "../domain/text.ts";
import type { RulesVersion } from "../domain/version.ts";
import type { DiffPart } from "../text/compare.ts";

export type Frame = Omit<FrameProps, "title" | "children">;

export function textName(t: Translator, textKey: string): string {
  if (textKey === "international") return t("procedure.text.international");
  return t("procedure.text.regional", { region: t(`procedure.region.${textKey.slice(-2)}` as MessageKey) });
}

export const language = (t: Translator, locale: Locale) => t(`procedure.language.${locale}` as MessageKey);

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
