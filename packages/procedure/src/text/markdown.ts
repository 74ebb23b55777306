import { type Locale, type LocalizedText, pickLocalized } from "@dynamo/core";
import MarkdownIt from "markdown-it";
import { numberArticles, type RulesText, romanNumeral, type Section, wordingFor } from "../domain/text.ts";

/** CommonMark, raw HTML kept as text: we read the document's structure, never render it. */
const parser = new MarkdownIt("commonmark", { html: false });

/** One language's document as read: the title, then each heading with its paragraphs. */
interface Outline {
  title: string | undefined;
  sections: { heading: string; paragraphs: string[] }[];
}

/**
 * Reads a Markdown document's outline with markdown-it: a first-level heading is the text's
 * title when it comes first, every other heading opens a section, every top-level paragraph is
 * an article, and a top-level list belongs to the article before it (its items as "- " lines).
 */
export function outlineOf(markdown: string): Outline {
  const tokens = parser.parse(markdown, {});
  const outline: Outline = { title: undefined, sections: [] };
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === undefined) continue;
    if (token.type === "bullet_list_open" || token.type === "ordered_list_open") {
      if (depth === 0) {
        const items: string[] = [];
        let j = i + 1;
        let nested = 1;
        for (; j < tokens.length && nested > 0; j++) {
          const t = tokens[j];
          if (t === undefined) break;
          if (t.type === "bullet_list_open" || t.type === "ordered_list_open") nested++;
          if (t.type === "bullet_list_close" || t.type === "ordered_list_close") nested--;
          if (t.type === "inline" && nested === 1) items.push(`- ${t.content}`);
        }
        const section = lastSection(outline);
        const last = section.paragraphs.length - 1;
        if (last >= 0) section.paragraphs[last] = `${section.paragraphs[last]}\n${items.join("\n")}`;
        else section.paragraphs.push(items.join("\n"));
        i = j - 1;
        continue;
      }
    }
    if (token.type === "heading_open") {
      const inline = tokens[i + 1]?.content.trim() ?? "";
      if (token.tag === "h1" && outline.title === undefined && outline.sections.length === 0) outline.title = inline;
      else outline.sections.push({ heading: inline, paragraphs: [] });
      i += 2;
      continue;
    }
    if (token.type === "blockquote_open") depth++;
    if (token.type === "blockquote_close") depth--;
    if (token.type === "inline" && tokens[i - 1]?.type === "paragraph_open" && depth === 0) {
      const text = token.content.trim();
      if (text !== "") lastSection(outline).paragraphs.push(text);
    }
  }
  return outline;
}

function lastSection(outline: Outline) {
  let section = outline.sections.at(-1);
  if (section === undefined) {
    section = { heading: "", paragraphs: [] };
    outline.sections.push(section);
  }
  return section;
}

export type ImportProblem =
  | { kind: "empty"; locale: Locale }
  | { kind: "structure-mismatch"; locale: Locale; expected: string; got: string }
  | { kind: "no-language" };

/**
 * A text from its Markdown in one or more languages. Every language given must have the same
 * structure (sections and articles in the same order): the first given sets the ids
 * (`sec-1`, `art-1`, …), the others add their wording to the same articles.
 */
export function importMarkdown(
  documents: Partial<Record<Locale, string>>,
): { ok: true; text: RulesText } | { ok: false; problem: ImportProblem } {
  const given = (Object.entries(documents) as [Locale, string][]).filter(([, md]) => md.trim() !== "");
  if (given.length === 0) return { ok: false, problem: { kind: "no-language" } };
  const outlines = given.map(([locale, md]) => ({ locale, outline: outlineOf(md) }));
  const first = outlines[0];
  if (first === undefined) return { ok: false, problem: { kind: "no-language" } };
  const shape = (o: Outline) => o.sections.map((s) => s.paragraphs.length).join(",");
  for (const { locale, outline } of outlines) {
    if (outline.sections.every((s) => s.paragraphs.length === 0))
      return { ok: false, problem: { kind: "empty", locale } };
    if (shape(outline) !== shape(first.outline))
      return {
        ok: false,
        problem: { kind: "structure-mismatch", locale, expected: shape(first.outline), got: shape(outline) },
      };
  }
  const title: LocalizedText = {};
  for (const { locale, outline } of outlines) if (outline.title) title[locale] = outline.title;
  let article = 0;
  const sections: Section[] = first.outline.sections.map((section, s) => {
    const heading: LocalizedText = {};
    for (const { locale, outline } of outlines) {
      const h = outline.sections[s]?.heading;
      if (h) heading[locale] = h;
    }
    return {
      id: `sec-${s + 1}`,
      title: heading,
      articles: section.paragraphs.map((_, p) => {
        article += 1;
        const wording: LocalizedText = {};
        for (const { locale, outline } of outlines) {
          const text = outline.sections[s]?.paragraphs[p];
          if (text) wording[locale] = text;
        }
        return { id: `art-${article}`, wording };
      }),
    };
  });
  return { ok: true, text: { title, sections } };
}

/**
 * A version as Markdown in one language: the title, each section as a heading, each article as
 * a paragraph led by its number. A wording missing in that language is given in the language
 * shown instead, marked.
 */
export function exportMarkdown(text: RulesText, locale: Locale, missing: (shown: Locale) => string): string {
  const lines: string[] = [];
  const title = pickLocalized(text.title, locale);
  if (title) lines.push(`# ${title}`, "");
  const places = numberArticles(text);
  text.sections.forEach((section, index) => {
    const heading = pickLocalized(section.title, locale) ?? "";
    lines.push(`## ${romanNumeral(index + 1)}. ${heading}`.trimEnd(), "");
    for (const place of places.filter((p) => p.section.id === section.id)) {
      const shown = wordingFor(place.article.wording, locale);
      const note = shown?.missing ? ` _(${missing(shown.locale)})_` : "";
      lines.push(`**Art. ${place.number}.**${note} ${shown?.text ?? ""}`, "");
    }
  });
  return `${lines.join("\n").trimEnd()}\n`;
}
