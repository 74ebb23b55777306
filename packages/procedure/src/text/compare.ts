import type { Locale } from "@dynamo/core";
import { diffWords } from "diff";
import { numberArticles, type RulesText } from "../domain/text.ts";

/** One run of a word diff: kept, added or removed. */
export interface DiffPart {
  kind: "same" | "added" | "removed";
  text: string;
}

const segmenters = new Map<Locale, Intl.Segmenter>();
const segmenterFor = (locale: Locale) => {
  let segmenter = segmenters.get(locale);
  if (segmenter === undefined) {
    segmenter = new Intl.Segmenter(locale, { granularity: "word" });
    segmenters.set(locale, segmenter);
  }
  return segmenter;
};

/**
 * A word-level diff with jsdiff's `diffWords`, words cut by `Intl.Segmenter` in the text's own
 * language: accented letters (é, ñ, ção) stay inside their word, punctuation is its own token.
 */
export function wordDiff(before: string, after: string, locale: Locale): DiffPart[] {
  return diffWords(before, after, { intlSegmenter: segmenterFor(locale) }).map((change) => ({
    kind: change.added ? "added" : change.removed ? "removed" : "same",
    text: change.value,
  }));
}

/** What happened to one article between two versions. */
export interface ArticleChange {
  articleId: string;
  change: "same" | "changed" | "added" | "removed";
  /** Its number in each version (absent where it does not exist). */
  before: number | undefined;
  after: number | undefined;
  /** The diff of its wording in the reader's language (or the language both have). */
  locale: Locale | undefined;
  parts: DiffPart[];
}

/** Two versions compared article by article, in the order of the newer, removed articles where they were. */
export function compareTexts(older: RulesText, newer: RulesText, locale: Locale): ArticleChange[] {
  const before = numberArticles(older);
  const after = numberArticles(newer);
  const beforeById = new Map(before.map((p) => [p.article.id, p]));
  const afterIds = new Set(after.map((p) => p.article.id));
  const out: ArticleChange[] = [];
  const removedBefore = (upTo: number) => {
    for (const place of before) {
      if (place.number > upTo || afterIds.has(place.article.id) || out.some((c) => c.articleId === place.article.id))
        continue;
      const pick = pickShared(place.article.wording, {}, locale);
      out.push({
        articleId: place.article.id,
        change: "removed",
        before: place.number,
        after: undefined,
        locale: pick,
        parts: pick === undefined ? [] : [{ kind: "removed", text: place.article.wording[pick] ?? "" }],
      });
    }
  };
  for (const place of after) {
    const old = beforeById.get(place.article.id);
    if (old !== undefined) removedBefore(old.number);
    const pick = pickShared(old?.article.wording ?? {}, place.article.wording, locale);
    const oldText = pick === undefined ? "" : (old?.article.wording[pick] ?? "");
    const newText = pick === undefined ? "" : (place.article.wording[pick] ?? "");
    const same = old !== undefined && JSON.stringify(old.article.wording) === JSON.stringify(place.article.wording);
    out.push({
      articleId: place.article.id,
      change: old === undefined ? "added" : same ? "same" : "changed",
      before: old?.number,
      after: place.number,
      locale: pick,
      parts: old === undefined ? [{ kind: "added", text: newText }] : wordDiff(oldText, newText, pick ?? locale),
    });
  }
  removedBefore(Number.POSITIVE_INFINITY);
  return out;
}

/** The reader's language if either side has it, else the first language both (or either) have. */
function pickShared(
  a: Partial<Record<Locale, string>>,
  b: Partial<Record<Locale, string>>,
  locale: Locale,
): Locale | undefined {
  if (a[locale] !== undefined || b[locale] !== undefined) return locale;
  const order: Locale[] = ["fr", "en", "es", "pt"];
  return order.find((l) => a[l] !== undefined && b[l] !== undefined) ?? order.find((l) => a[l] ?? b[l]);
}

/** A diff as plain text, for a ballot's description: [-removed-] {+added+}. */
export function diffAsText(parts: readonly DiffPart[]): string {
  return parts
    .map((p) => (p.kind === "same" ? p.text : p.kind === "added" ? `{+${p.text}+}` : `[-${p.text}-]`))
    .join("");
}
