import type { Result } from "@dynamo/core";
import type { EditionStatus } from "./edition.ts";

/**
 * An IPG edition's documents and its minutes: drafted (and revised) by the secretariat, put to an
 * IPG ballot, published once the ballot adopts them. A rejected ballot (or one without quorum)
 * leaves the text a draft, to be revised and put again.
 */
export const DOCUMENT_KINDS = ["document", "minutes"] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const DOCUMENT_STATES = ["draft", "in-vote", "published"] as const;
export type DocumentState = (typeof DOCUMENT_STATES)[number];

/** The longest title and Markdown text kept. */
export const TITLE_MAX = 300;
export const BODY_MAX = 100_000;

export interface IpgDocument {
  id: string;
  editionId: string;
  kind: DocumentKind;
  title: string;
  /** Markdown: rendered with raw HTML escaped. */
  body: string;
  state: DocumentState;
  /** Drafted once, then each revision after a rejected ballot adds one. */
  revision: number;
  /** The ballot it is (or was last) put to. */
  ballotId: string | null;
  ballotUri: string | null;
  /** The last ballot's outcome, while it is a draft again. */
  lastOutcome: "rejected" | "no-quorum" | null;
  publishedAt: Date | null;
  updatedAt: Date;
}

export type DocumentRefusal =
  | { kind: "document-in-vote" }
  | { kind: "document-published" }
  /** The minutes are put to the vote once the session closed. */
  | { kind: "edition-not-closed"; status: EditionStatus }
  /** One minutes per edition: the secretariat revises the one drafted. */
  | { kind: "minutes-exist" };

/** Whether a new document of that kind may be drafted, given the edition's other documents. */
export function checkNewDocument(
  kind: DocumentKind,
  others: readonly Pick<IpgDocument, "kind">[],
): Result<true, DocumentRefusal> {
  if (kind === "minutes" && others.some((d) => d.kind === "minutes"))
    return { ok: false, error: { kind: "minutes-exist" } };
  return { ok: true, value: true };
}

/** The secretariat revises a draft; a text in vote or published stays as it is. */
export function reviseDocument(
  document: IpgDocument,
  change: { title: string; body: string },
  now: Date,
): Result<IpgDocument, DocumentRefusal> {
  if (document.state === "in-vote") return { ok: false, error: { kind: "document-in-vote" } };
  if (document.state === "published") return { ok: false, error: { kind: "document-published" } };
  const revision = document.lastOutcome === null ? document.revision : document.revision + 1;
  return { ok: true, value: { ...document, ...change, revision, lastOutcome: null, updatedAt: now } };
}

/** A draft is put to the IPG's vote; the minutes only once the edition's session is closed. */
export function checkSubmission(document: IpgDocument, edition: EditionStatus): Result<true, DocumentRefusal> {
  if (document.state === "in-vote") return { ok: false, error: { kind: "document-in-vote" } };
  if (document.state === "published") return { ok: false, error: { kind: "document-published" } };
  if (document.kind === "minutes" && edition !== "closed")
    return { ok: false, error: { kind: "edition-not-closed", status: edition } };
  return { ok: true, value: true };
}

/** The ballot it was put to closed: adopted → published; otherwise a draft again. Another ballot's outcome changes nothing. */
export function recordDocumentOutcome(
  document: IpgDocument,
  ballotId: string,
  outcome: "adopted" | "rejected" | "no-quorum",
  now: Date,
): { changed: false } | { changed: true; document: IpgDocument } {
  if (document.state !== "in-vote" || document.ballotId !== ballotId) return { changed: false };
  if (outcome === "adopted")
    return { changed: true, document: { ...document, state: "published", publishedAt: now, updatedAt: now } };
  return { changed: true, document: { ...document, state: "draft", lastOutcome: outcome, updatedAt: now } };
}
