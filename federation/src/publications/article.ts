import { isLocale, LOCALES, type LocalizedText } from "@dynamo/core";
import { LanguageString } from "@fedify/fedify";
import { Article, Hashtag, PUBLIC_COLLECTION } from "@fedify/vocab";
import { Temporal } from "temporal-polyfill";
import { PUBLICATION_KINDS, type PublicationKind } from "../domain/publication.ts";

/** An article as the network exchanges it, in our terms. */
export interface ArticleData {
  objectId: string;
  url: string;
  authorActorId: string;
  kind: PublicationKind;
  titles: LocalizedText;
  bodies: LocalizedText;
  publishedAt: Date;
  updatedAt: Date;
}

const escapeHtml = (text: string) =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");

/** Plain text paragraphs as the HTML fediverse servers expect in content. */
export const paragraphs = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replaceAll("\n", "<br>")}</p>`)
    .join("");

/** Back to plain text: what we keep and show (escaped again on our pages). */
function plainText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/p>\s*<p>/gi, "\n\n")
    .replace(/<[^>]*>/g, "")
    .replaceAll("&lt;", "<")
    .replaceAll("&gt;", ">")
    .replaceAll("&quot;", '"')
    .replaceAll("&amp;", "&")
    .trim();
}

const localized = (text: LocalizedText, map: (value: string) => string = (v) => v) =>
  LOCALES.flatMap((locale) => {
    const value = text[locale];
    return value ? [new LanguageString(map(value), locale)] : [];
  });

/** The Article: a title and content per language (nameMap, contentMap), its kind as a hashtag, public. */
export function toArticle(data: ArticleData, followers: URL, tagBase: URL): Article {
  return new Article({
    id: new URL(data.objectId),
    url: new URL(data.url),
    attribution: new URL(data.authorActorId),
    names: localized(data.titles),
    contents: localized(data.bodies, paragraphs),
    published: Temporal.Instant.fromEpochMilliseconds(data.publishedAt.getTime()),
    updated: Temporal.Instant.fromEpochMilliseconds(data.updatedAt.getTime()),
    tags: [new Hashtag({ name: `#${data.kind}`, href: new URL(`${tagBase.href}${data.kind}`) })],
    to: PUBLIC_COLLECTION,
    cc: followers,
  });
}

function fromLanguageStrings(values: readonly (string | LanguageString)[], map: (v: string) => string): LocalizedText {
  const text: LocalizedText = {};
  for (const value of values) {
    const language = value instanceof LanguageString ? value.locale.language : undefined;
    if (language !== undefined && isLocale(language) && text[language] === undefined)
      text[language] = map(String(value));
  }
  return text;
}

/** Reads an Article from a peer; undefined when it lacks what we need (id, author, a language). */
export async function fromArticle(article: Article): Promise<ArticleData | undefined> {
  const objectId = article.id?.href;
  const authorActorId = article.attributionId?.href;
  if (objectId === undefined || authorActorId === undefined) return undefined;
  const titles = fromLanguageStrings(article.names, (v) => v.trim());
  const bodies = fromLanguageStrings(article.contents, plainText);
  if (Object.keys(bodies).length === 0) return undefined;
  let kind: PublicationKind = "news";
  for await (const tag of article.getTags()) {
    const name = tag instanceof Hashtag ? tag.name?.toString().replace(/^#/, "") : undefined;
    if (name && (PUBLICATION_KINDS as readonly string[]).includes(name)) kind = name as PublicationKind;
  }
  const published = article.published ? new Date(article.published.epochMilliseconds) : new Date(0);
  const updated = article.updated ? new Date(article.updated.epochMilliseconds) : published;
  return {
    objectId,
    url: article.url instanceof URL ? article.url.href : objectId,
    authorActorId,
    kind,
    titles,
    bodies,
    publishedAt: published,
    updatedAt: updated,
  };
}
