import { LOCALES, type Locale, type LocalizedText } from "@dynamo/core";

/** What a publication is: a piece of news or a formal statement of the network. */
export const PUBLICATION_KINDS = ["news", "statement"] as const;
export type PublicationKind = (typeof PUBLICATION_KINDS)[number];

/** An article published by a region or the hub, in one or more languages, as every node keeps it. */
export interface Publication {
  /** The ActivityPub id of the article (under its author's origin). */
  objectId: string;
  /** The local id, for this node's page. */
  id: string;
  authorActorId: string;
  authorName: string | null;
  /** Written on this tenant (true) or received from a peer. */
  local: boolean;
  kind: PublicationKind;
  titles: LocalizedText;
  /** Each language's text, in light Markdown (paragraphs, links, lists, emphasis). */
  bodies: LocalizedText;
  /** The language it was written in; the others are translations. Null: not said (older articles). */
  language: Locale | null;
  publishedAt: Date;
  updatedAt: Date;
}

export interface NewPublication {
  kind: PublicationKind;
  titles: LocalizedText;
  bodies: LocalizedText;
  /** The language it was written in; by default the tenant's own language if it has it, else its first. */
  language?: Locale | null | undefined;
}

export type PublicationProblem =
  | { kind: "no-language" }
  | { kind: "title-missing"; locale: Locale }
  | { kind: "body-missing"; locale: Locale }
  | { kind: "too-long"; locale: Locale }
  | { kind: "language-missing"; locale: Locale };

const MAX_BODY = 100_000;

/**
 * A publication needs at least one language, and each language it has needs a title and a body;
 * the language it was written in, when named, must be one of them (by default: `preferred` if it
 * has it, else its first language).
 */
export function validateNewPublication(
  input: NewPublication,
  preferred: Locale,
): {
  problems: PublicationProblem[];
  publication: NewPublication & { language: Locale | null };
} {
  const titles: LocalizedText = {};
  const bodies: LocalizedText = {};
  const problems: PublicationProblem[] = [];
  for (const locale of LOCALES) {
    const title = input.titles[locale]?.trim() ?? "";
    const body = input.bodies[locale]?.trim() ?? "";
    if (title === "" && body === "") continue;
    if (title === "") problems.push({ kind: "title-missing", locale });
    if (body === "") problems.push({ kind: "body-missing", locale });
    if (body.length > MAX_BODY || title.length > 300) problems.push({ kind: "too-long", locale });
    titles[locale] = title;
    bodies[locale] = body;
  }
  if (Object.keys(titles).length === 0) problems.push({ kind: "no-language" });
  const named = input.language ?? null;
  if (named !== null && titles[named] === undefined && Object.keys(titles).length > 0)
    problems.push({ kind: "language-missing", locale: named });
  const language = named ?? (titles[preferred] !== undefined ? preferred : (LOCALES.find((l) => titles[l]) ?? null));
  return { problems, publication: { kind: input.kind, titles, bodies, language } };
}

/**
 * Whether a received version of an article should replace the one kept: only a strictly newer
 * one does, so the same Update twice, or an older Update after a newer one, changes nothing.
 */
export function isNewerVersion(kept: { updatedAt: Date } | undefined, received: { updatedAt: Date }): boolean {
  return kept === undefined || received.updatedAt.getTime() > kept.updatedAt.getTime();
}
