import type { z } from "zod";

/**
 * One kind of message of a signed document type: its schema, and whether the document carries
 * an integrity proof of its own (made by the sending actor, kept and checkable again later: a
 * vote, a report) or relies on the activity's signatures alone (a receipt, a ballot's terms).
 */
export interface MessageKind<S extends z.ZodType = z.ZodType> {
  schema: S;
  signed: boolean;
}

/**
 * A signed document type: our own JSON documents travelling inside ActivityPub activities,
 * named by a media type, each document naming its kind in one field (`kindField`). This is the
 * one way an area declares what it sends and receives across nodes; federation reads, checks
 * (shape, then proof) and routes every message of every type the same way.
 */
export interface DocumentType<K extends Record<string, MessageKind> = Record<string, MessageKind>> {
  mediaType: string;
  kindField: string;
  kinds: K;
}

export function defineDocumentType<const K extends Record<string, MessageKind>>(type: {
  mediaType: string;
  kindField: string;
  kinds: K;
}): DocumentType<K> {
  return type;
}

/** The document of one kind, as its schema reads it. */
export type DocumentOf<T extends DocumentType, Kind extends keyof T["kinds"]> = z.infer<T["kinds"][Kind]["schema"]>;

/** Where a message came from and how it travelled (plain terms; the activity itself stays in federation). */
export interface Envelope {
  activityId: string;
  /** The actor that sent the activity (its HTTP signature and trust were checked). */
  actorId: string;
  /** The id of the object the activity carried (a report, a vote's note, a ballot). */
  objectId: string | null;
  /** What the message answers or is about (a vote: its ballot; a receipt: the vote). */
  about: string | null;
  /** The name other software shows for it (a vote's: its choice). */
  name: string | null;
  /** Whether it created the object or is a new version of it. */
  verb: "create" | "update";
  published: Date | null;
}

/** A message as an area receives it: shape checked, proof verified when its kind is signed, from a trusted peer. */
export interface ReceivedMessage<Document = unknown> {
  mediaType: string;
  kind: string;
  document: Document;
  /** The document exactly as it came (with its proof), to keep and publish again. */
  raw: Record<string, unknown>;
  /** Who signed the document, and when (signed kinds only). */
  signer: { actorId: string; keyId: string; created: Date } | null;
  envelope: Envelope;
  via: "inbox" | "catch-up";
  receivedAt: Date;
}
