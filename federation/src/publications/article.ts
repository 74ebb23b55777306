import type { Locale, LocalizedText } from "@dynamo/core";
import { Article, Hashtag, PUBLIC_COLLECTION, Source } from "@fedify/vocab";
import { Temporal } from "temporal-polyfill";
import { PUBLICATION_KINDS, type PublicationKind } from "../domain/publication.ts";
import { excerptOf, fromLocalizedValues, htmlToPlainText, localizedValues, renderText } from "../vocab/public-text.ts";

/** An article as the network exchanges it, in our terms. */
export interface ArticleData {
  objectId: string;
  url: string;
  authorActorId: string;
  kind: PublicationKind;
  titles: LocalizedText;
  /** Each language's text, in our light Markdown. */
  bodies: LocalizedText;
  /** The language it was written in (the others are translations); undefined: the first it has. */
  language: Locale | undefined;
  publishedAt: Date;
  updatedAt: Date;
}

/** Where the page of each kind of publication lives: the hashtag's link. */
export const kindPageUrl = (origin: URL, kind: PublicationKind) => new URL(`/publications/kinds/${kind}`, origin);

const MARKDOWN = "text/markdown";

/**
 * The Article every fediverse server reads: title, text and a short excerpt in the original
 * language (`name`, `content`, `summary`: Misskey reads those; Mastodon shows title, excerpt and
 * link) and in every language (`nameMap`, `contentMap`, `summaryMap`, the original first, where
 * Mastodon reads the post's language); the text as the HTML fediverse servers keep, and as
 * written (`source`, Markdown, which our peers keep); its kind as a hashtag; public.
 */
export function toArticle(data: ArticleData, followers: URL, origin: URL): Article {
  const summaries: LocalizedText = {};
  for (const [locale, body] of Object.entries(data.bodies) as [Locale, string][]) summaries[locale] = excerptOf(body);
  return new Article({
    id: new URL(data.objectId),
    url: new URL(data.url),
    attribution: new URL(data.authorActorId),
    names: localizedValues(data.titles, data.language),
    contents: localizedValues(data.bodies, data.language, renderText),
    summaries: localizedValues(summaries, data.language),
    source: new Source({ contents: localizedValues(data.bodies, data.language).slice(1), mediaType: MARKDOWN }),
    published: Temporal.Instant.fromEpochMilliseconds(data.publishedAt.getTime()),
    updated: Temporal.Instant.fromEpochMilliseconds(data.updatedAt.getTime()),
    tags: [new Hashtag({ name: `#${data.kind}`, href: kindPageUrl(origin, data.kind) })],
    to: PUBLIC_COLLECTION,
    cc: followers,
  });
}

/** Reads an Article from a peer; undefined when it lacks what we need (id, author, a language). */
export async function fromArticle(article: Article): Promise<ArticleData | undefined> {
  const objectId = article.id?.href;
  const authorActorId = article.attributionId?.href;
  if (objectId === undefined || authorActorId === undefined) return undefined;
  const titles = fromLocalizedValues(article.names, (v) => v.trim()).text;
  // The text as its author wrote it when the article carries it; else what its HTML says.
  const source = article.source?.mediaType === MARKDOWN ? fromLocalizedValues(article.source.contents) : undefined;
  const html = fromLocalizedValues(article.contents, htmlToPlainText);
  const bodies = source && Object.keys(source.text).length > 0 ? source.text : html.text;
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
    language: html.original,
    publishedAt: published,
    updatedAt: updated,
  };
}
