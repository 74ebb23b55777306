import { type Activity, Create, Document, Note, type Object as ObjectType, Question, Update } from "@fedify/vocab";
import { Temporal } from "temporal-polyfill";

/**
 * The IPG ballot's messages on the wire, in plain terms. Every message carries our own data as
 * one JSON document inside an `attachment` Document of media type BALLOT_MEDIA_TYPE (the
 * extension terms for rules, electorate, choices, receipts, results); the rest is the Mastodon
 * poll shape, so any fediverse server shows a ballot as a poll:
 *
 * - ballot: Create/Update(Question{oneOf|anyOf: Note{name}, endTime, closed}) from the hub;
 * - vote: Create(Note{name: option, inReplyTo: question}) from a platform's actor;
 * - receipt: Create(Note{inReplyTo: the vote's Create}) from the hub to the platform's actor;
 * - attestation: Create(Note{inReplyTo: question}) from a region's actor to the hub.
 *
 * The delivery worker signs each activity (HTTP Signatures, Fedify's proofs); a vote carries in
 * addition its own signed document (see vote-proof.ts), which stays verifiable once published.
 */
export const BALLOT_MEDIA_TYPE = "application/vnd.dynamo.ballot+json";

export type BallotWireObject =
  | {
      type: "Question";
      id: string;
      name: string;
      content: string;
      options: string[];
      multiple: boolean;
      endTime: Date;
      closed: Date | null;
      voters: number | null;
      payload: unknown;
    }
  | { type: "Note"; id: string; name: string; inReplyTo: string; published: Date; payload: unknown };

export type BallotWireActivity = { type: "Create" | "Update"; id: string; published: Date; object: BallotWireObject };

const instant = (date: Date) => Temporal.Instant.fromEpochMilliseconds(date.getTime());
const payloadDocument = (payload: unknown) =>
  new Document({ mediaType: BALLOT_MEDIA_TYPE, content: JSON.stringify(payload) });

function toVocabObject(object: BallotWireObject, actor: URL, to: URL[]): ObjectType {
  if (object.type === "Question") {
    const options = object.options.map((name) => new Note({ name }));
    return new Question({
      id: new URL(object.id),
      attribution: actor,
      name: object.name,
      content: object.content,
      ...(object.multiple ? { inclusiveOptions: options } : { exclusiveOptions: options }),
      endTime: instant(object.endTime),
      closed: object.closed === null ? null : instant(object.closed),
      voters: object.voters,
      tos: to,
      attachments: [payloadDocument(object.payload)],
    });
  }
  return new Note({
    id: new URL(object.id),
    attribution: actor,
    name: object.name,
    replyTarget: new URL(object.inReplyTo),
    published: instant(object.published),
    tos: to,
    attachments: [payloadDocument(object.payload)],
  });
}

/** The activity Fedify signs and sends, from our plain description. */
export function toVocabActivity(activity: BallotWireActivity, actor: URL, to: URL[]): Activity {
  const common = { id: new URL(activity.id), actor, tos: to, published: instant(activity.published) };
  const object = toVocabObject(activity.object, actor, to);
  return activity.type === "Create" ? new Create({ ...common, object }) : new Update({ ...common, object });
}

export type ReadFailure =
  | { kind: "not-ballot-activity" }
  | { kind: "no-payload" }
  | { kind: "malformed"; detail: string };

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
const idOf = (value: unknown): string | undefined =>
  typeof value === "string" ? value : isRecord(value) && typeof value.id === "string" ? value.id : undefined;
const textOf = (value: unknown): string | undefined => {
  if (typeof value === "string") return value;
  if (isRecord(value)) return Object.values(value).find((v): v is string => typeof v === "string");
  return undefined;
};
const dateOf = (value: unknown): Date | undefined => {
  if (typeof value !== "string") return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
};

function payloadOf(object: Json): unknown {
  for (const item of asArray(object.attachment)) {
    if (!isRecord(item) || item.mediaType !== BALLOT_MEDIA_TYPE || typeof item.content !== "string") continue;
    try {
      return JSON.parse(item.content) as unknown;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

const ACTIVITY_TYPES = ["Create", "Update"] as const;

/** Reads the plain shape of a ballot activity from its JSON, without checking any signature. */
export function parseBallotActivity(
  json: unknown,
): { ok: true; value: BallotWireActivity & { actor: string } } | { ok: false; error: ReadFailure } {
  if (!isRecord(json) || !ACTIVITY_TYPES.includes(json.type as (typeof ACTIVITY_TYPES)[number])) {
    return { ok: false, error: { kind: "not-ballot-activity" } };
  }
  const type = json.type as (typeof ACTIVITY_TYPES)[number];
  const id = idOf(json.id);
  const actor = idOf(json.actor);
  const published = dateOf(json.published);
  if (id === undefined || actor === undefined || published === undefined) {
    return { ok: false, error: { kind: "malformed", detail: "id, actor or published" } };
  }
  const object = json.object;
  if (!isRecord(object)) return { ok: false, error: { kind: "not-ballot-activity" } };
  const payload = payloadOf(object);
  if (payload === undefined) return { ok: false, error: { kind: "no-payload" } };
  const objectId = idOf(object.id);
  if (objectId === undefined) return { ok: false, error: { kind: "malformed", detail: "object.id" } };
  if (object.type === "Question") {
    const multiple = object.anyOf !== undefined;
    const options = asArray(multiple ? object.anyOf : object.oneOf)
      .map((option) => (isRecord(option) ? textOf(option.name) : undefined))
      .filter((name): name is string => name !== undefined);
    const endTime = dateOf(object.endTime);
    if (endTime === undefined) return { ok: false, error: { kind: "malformed", detail: "object.endTime" } };
    return {
      ok: true,
      value: {
        type,
        id,
        actor,
        published,
        object: {
          type: "Question",
          id: objectId,
          name: textOf(object.name) ?? "",
          content: textOf(object.content) ?? "",
          options,
          multiple,
          endTime,
          closed: dateOf(object.closed) ?? null,
          voters: typeof object.votersCount === "number" ? object.votersCount : null,
          payload,
        },
      },
    };
  }
  if (object.type === "Note") {
    const inReplyTo = idOf(object.inReplyTo);
    const notePublished = dateOf(object.published);
    const name = textOf(object.name);
    if (inReplyTo === undefined || notePublished === undefined || name === undefined) {
      return { ok: false, error: { kind: "malformed", detail: "object.inReplyTo, published or name" } };
    }
    return {
      ok: true,
      value: {
        type,
        id,
        actor,
        published,
        object: { type: "Note", id: objectId, name, inReplyTo, published: notePublished, payload },
      },
    };
  }
  return { ok: false, error: { kind: "not-ballot-activity" } };
}
