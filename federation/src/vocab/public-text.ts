import { LOCALES, type Locale, type LocalizedText } from "@dynamo/core";
import { LanguageString } from "@fedify/fedify";
import MarkdownIt from "markdown-it";

/**
 * What a fediverse server keeps of the HTML it receives (Mastodon's and Misskey's sanitisers):
 * paragraphs and line breaks, links, lists, emphasis. Our texts are written as light Markdown
 * and rendered to exactly that subset: raw HTML is escaped, and every other Markdown construct
 * (headings, images, tables, code) is left as the text it was.
 */
const markdown = new MarkdownIt("zero", { html: false, linkify: true, breaks: true, typographer: false }).enable([
  "paragraph",
  "newline",
  "list",
  "emphasis",
  "link",
  "autolink",
  "linkify",
  "escape",
  "entity",
]);

// Links open outside the reader's server and carry no referrer (Mastodon sets the same).
const defaultLinkOpen =
  markdown.renderer.rules.link_open ?? ((tokens, i, o, _e, self) => self.renderToken(tokens, i, o));
markdown.renderer.rules.link_open = (tokens, index, options, env, self) => {
  tokens[index]?.attrSet("rel", "nofollow noopener noreferrer");
  return defaultLinkOpen(tokens, index, options, env, self);
};

/** A text written in our light Markdown, as the HTML fediverse servers keep. */
export function renderText(text: string): string {
  return markdown.render(text).trim();
}

const ENTITIES: Record<string, string> = { "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&amp;": "&" };

/** HTML (ours, or a peer's) back to plain text: paragraphs on blank lines, list items on lines. */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<br\s*\/?>\n?/gi, "\n")
    .replace(/<li>/gi, "- ")
    .replace(/<\/li>\s*/gi, "\n")
    .replace(/<\/(?:p|ul|ol)>\s*/gi, "\n\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(?:lt|gt|quot|#39|amp);/g, (entity) => ENTITIES[entity] ?? entity)
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * A short plain-text excerpt of a text (its first paragraph, cut at a word under `max`
 * characters): what Mastodon shows between an article's title and its link.
 */
export function excerptOf(text: string, max = 280): string {
  const first =
    htmlToPlainText(renderText(text))
      .split(/\n{2,}/)[0]
      ?.replace(/\s+/g, " ")
      .trim() ?? "";
  if (first.length <= max) return first;
  const cut = first.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The language a text was written in: the one named if it has it, else the first it has. */
export function originalLanguage(text: LocalizedText, preferred: Locale | null | undefined): Locale | undefined {
  if (preferred && text[preferred]) return preferred;
  return LOCALES.find((locale) => text[locale]);
}

/**
 * A text in every language it has, as Fedify's plural properties take it: first the original
 * language's text alone (what ActivityStreams calls `content`, `name`, `summary`, and what
 * Misskey reads), then each language tagged (the `contentMap` …), the original first, so the
 * first entry of a map — where Mastodon reads a post's language — is the original too.
 */
export function localizedValues(
  text: LocalizedText,
  original: Locale | null | undefined,
  map: (value: string) => string = (value) => value,
): (string | LanguageString)[] {
  const first = originalLanguage(text, original);
  if (first === undefined) return [];
  const order = [first, ...LOCALES.filter((locale) => locale !== first)];
  const tagged = order.flatMap((locale) => {
    const value = text[locale];
    return value ? [new LanguageString(map(value), locale)] : [];
  });
  return [map(text[first] as string), ...tagged];
}

/** Back from Fedify's plural property: each of our languages once, and the original (the first tagged). */
export function fromLocalizedValues(
  values: readonly (string | LanguageString)[],
  map: (value: string) => string = (value) => value,
): { text: LocalizedText; original: Locale | undefined } {
  const text: LocalizedText = {};
  let original: Locale | undefined;
  const plain = values.find((value) => !(value instanceof LanguageString));
  for (const value of values) {
    if (!(value instanceof LanguageString)) continue;
    const language = value.locale.language;
    if (!(LOCALES as readonly string[]).includes(language) || text[language as Locale] !== undefined) continue;
    text[language as Locale] = map(String(value));
    if (original === undefined && (plain === undefined || String(plain) === String(value)))
      original = language as Locale;
  }
  return { text, original: original ?? originalLanguage(text, undefined) };
}
