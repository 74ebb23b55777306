import { err, LOCALES, type Locale, type LocalizedText, ok, type Result } from "@dynamo/core";

/**
 * A text of the rules of procedure: sections of articles. Each section and article has a stable
 * id that survives renumbering; numbers come from positions (sections I, II, …; articles 1, 2, …
 * across the whole text, the way the network numbers its ROI). Wording is per language; a missing
 * language is absent, never an empty string.
 */
export interface Article {
  id: string;
  wording: LocalizedText;
}

export interface Section {
  id: string;
  title: LocalizedText;
  articles: Article[];
}

export interface RulesText {
  title: LocalizedText;
  sections: Section[];
}

/** Which text: the international ROI (kept at the hub) or a region's own (kept at its region). */
export type TextKey = "international" | `region-${"AF" | "AM" | "AS" | "EU"}`;

export function isTextKey(value: string): value is TextKey {
  return value === "international" || /^region-(AF|AM|AS|EU)$/.test(value);
}

/** One change an amendment makes. A `null` wording removes that language (only an inverse needs it). */
export type Operation =
  | { op: "replace"; articleId: string; wording: Partial<Record<Locale, string | null>> }
  | { op: "insert"; sectionId: string; after: string | null; article: Article }
  | { op: "delete"; articleId: string };

export type OperationProblem =
  | { kind: "unknown-article"; articleId: string }
  | { kind: "unknown-section"; sectionId: string }
  | { kind: "duplicate-article"; articleId: string }
  | { kind: "empty-wording"; articleId: string }
  | { kind: "no-operation" };

const ROMAN: [number, string][] = [
  [1000, "M"],
  [900, "CM"],
  [500, "D"],
  [400, "CD"],
  [100, "C"],
  [90, "XC"],
  [50, "L"],
  [40, "XL"],
  [10, "X"],
  [9, "IX"],
  [5, "V"],
  [4, "IV"],
  [1, "I"],
];

export function romanNumeral(n: number): string {
  let rest = n;
  let out = "";
  for (const [value, letters] of ROMAN) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

/** Where an article stands: its section, its number in the text, its section's numeral. */
export interface ArticlePlace {
  article: Article;
  section: Section;
  sectionNumber: string;
  number: number;
}

/** Every article with its number, in order. */
export function numberArticles(text: RulesText): ArticlePlace[] {
  const out: ArticlePlace[] = [];
  let number = 0;
  text.sections.forEach((section, index) => {
    for (const article of section.articles) {
      number += 1;
      out.push({ article, section, sectionNumber: romanNumeral(index + 1), number });
    }
  });
  return out;
}

export function findArticle(text: RulesText, articleId: string): ArticlePlace | undefined {
  return numberArticles(text).find((place) => place.article.id === articleId);
}

const cleanWording = (wording: Partial<Record<Locale, string | null>>, base: LocalizedText): LocalizedText => {
  const out: LocalizedText = {};
  for (const locale of LOCALES) {
    const next = locale in wording ? wording[locale] : base[locale];
    if (typeof next === "string" && next !== "") out[locale] = next;
  }
  return out;
};

/** Applies one operation: the next text, or what makes it impossible. Never mutates its input. */
export function applyOperation(text: RulesText, operation: Operation): Result<RulesText, OperationProblem> {
  switch (operation.op) {
    case "replace": {
      const place = findArticle(text, operation.articleId);
      if (place === undefined) return err({ kind: "unknown-article", articleId: operation.articleId });
      const wording = cleanWording(operation.wording, place.article.wording);
      if (Object.keys(wording).length === 0) return err({ kind: "empty-wording", articleId: operation.articleId });
      return ok(mapArticles(text, (a) => (a.id === operation.articleId ? { id: a.id, wording } : a)));
    }
    case "insert": {
      if (findArticle(text, operation.article.id) !== undefined)
        return err({ kind: "duplicate-article", articleId: operation.article.id });
      const section = text.sections.find((s) => s.id === operation.sectionId);
      if (section === undefined) return err({ kind: "unknown-section", sectionId: operation.sectionId });
      const wording = cleanWording(operation.article.wording, {});
      if (Object.keys(wording).length === 0) return err({ kind: "empty-wording", articleId: operation.article.id });
      let at = 0;
      if (operation.after !== null) {
        const index = section.articles.findIndex((a) => a.id === operation.after);
        if (index < 0) return err({ kind: "unknown-article", articleId: operation.after });
        at = index + 1;
      }
      const articles = [...section.articles];
      articles.splice(at, 0, { id: operation.article.id, wording });
      return ok({
        ...text,
        sections: text.sections.map((s) => (s.id === section.id ? { ...s, articles } : s)),
      });
    }
    case "delete": {
      if (findArticle(text, operation.articleId) === undefined)
        return err({ kind: "unknown-article", articleId: operation.articleId });
      return ok({
        ...text,
        sections: text.sections.map((s) => ({
          ...s,
          articles: s.articles.filter((a) => a.id !== operation.articleId),
        })),
      });
    }
  }
}

/** Applies operations in order; the first that fails stops it. */
export function applyOperations(
  text: RulesText,
  operations: readonly Operation[],
): Result<RulesText, OperationProblem> {
  if (operations.length === 0) return err({ kind: "no-operation" });
  let current = text;
  for (const operation of operations) {
    const next = applyOperation(current, operation);
    if (!next.ok) return next;
    current = next.value;
  }
  return ok(current);
}

/**
 * The operation that undoes `operation` on `text` (the text it applies to): a replace restores
 * the previous wording of the languages it touched, an insert is deleted, a delete is inserted
 * back where it was.
 */
export function inverseOperation(text: RulesText, operation: Operation): Operation | undefined {
  switch (operation.op) {
    case "replace": {
      const place = findArticle(text, operation.articleId);
      if (place === undefined) return undefined;
      const wording: Partial<Record<Locale, string | null>> = {};
      for (const locale of LOCALES)
        if (locale in operation.wording) wording[locale] = place.article.wording[locale] ?? null;
      return { op: "replace", articleId: operation.articleId, wording };
    }
    case "insert":
      return { op: "delete", articleId: operation.article.id };
    case "delete": {
      const place = findArticle(text, operation.articleId);
      if (place === undefined) return undefined;
      const index = place.section.articles.findIndex((a) => a.id === operation.articleId);
      return {
        op: "insert",
        sectionId: place.section.id,
        after: index === 0 ? null : (place.section.articles[index - 1]?.id ?? null),
        article: place.article,
      };
    }
  }
}

/** The inverse of a whole list, in reverse order; undefined if any does not apply to the text. */
export function inverseOperations(text: RulesText, operations: readonly Operation[]): Operation[] | undefined {
  const inverses: Operation[] = [];
  let current = text;
  for (const operation of operations) {
    const inverse = inverseOperation(current, operation);
    const next = applyOperation(current, operation);
    if (inverse === undefined || !next.ok) return undefined;
    inverses.unshift(inverse);
    current = next.value;
  }
  return inverses;
}

/** The article ids an operation touches. */
export function touchedArticles(operation: Operation): string[] {
  return operation.op === "insert" ? [operation.article.id] : [operation.articleId];
}

function mapArticles(text: RulesText, f: (article: Article) => Article): RulesText {
  return { ...text, sections: text.sections.map((s) => ({ ...s, articles: s.articles.map(f) })) };
}

/** The wording of an article for a reader: their language, else English, else the first it has (marked as shown instead). */
export function wordingFor(
  wording: LocalizedText,
  locale: Locale,
): { text: string; locale: Locale; missing: boolean } | undefined {
  const own = wording[locale];
  if (own !== undefined && own !== "") return { text: own, locale, missing: false };
  for (const other of ["en", ...LOCALES] as const) {
    const text = wording[other];
    if (text !== undefined && text !== "") return { text, locale: other, missing: true };
  }
  return undefined;
}
