import {
  type Activity,
  Create,
  Document,
  Event,
  Link,
  Note,
  type Object as ObjectType,
  Place,
  Question,
  Update,
} from "@fedify/vocab";
import { Temporal } from "temporal-polyfill";
import type { Envelope } from "./document-type.ts";

/**
 * How a message shows on other fediverse software, in plain terms. Our nodes read only the
 * document; the rest is for everyone else:
 * - "document": a Document whose content is the JSON document (reports);
 * - "note": a Note with a name, answering `about`, the document attached (a vote, a receipt);
 * - "poll": a Question in the Mastodon poll shape, the document attached (a ballot);
 * - "event": an Event (name, content, startTime, endTime, a Place with its address and/or an
 *   online meeting's link as its location), the document attached (the network's life).
 */
export type Display =
  | { as: "document"; name: string }
  | {
      as: "event";
      name: string;
      content: string;
      startTime: Date;
      endTime: Date;
      place: { name: string; address: string | null } | null;
      online: string | null;
    }
  | { as: "note"; name: string; about: string }
  | {
      as: "poll";
      name: string;
      content: string;
      options: readonly string[];
      multiple: boolean;
      endTime: Date;
      closed: Date | null;
      voters: number | null;
    };

/** What an area sends: a document of one of its types, how it travels and to whom. */
export interface OutgoingMessage {
  mediaType: string;
  /** The JSON document (with its proof when its kind is signed). */
  document: Record<string, unknown>;
  activityId: string;
  /** The object's id: the document's own (a report), or the note carrying it, or the ballot. */
  objectId: string;
  verb: "create" | "update";
  published: Date;
  display: Display;
}

const instant = (date: Date) => Temporal.Instant.fromEpochMilliseconds(date.getTime());

function objectOf(message: OutgoingMessage, actor: URL, to: URL[]): ObjectType {
  const { display } = message;
  const json = JSON.stringify(message.document);
  const common = { id: new URL(message.objectId), attribution: actor, tos: to, published: instant(message.published) };
  if (display.as === "document") {
    return new Document({ ...common, name: display.name, mediaType: message.mediaType, content: json });
  }
  const attachments = [new Document({ mediaType: message.mediaType, content: json })];
  if (display.as === "note") {
    return new Note({ ...common, name: display.name, replyTarget: new URL(display.about), attachments });
  }
  if (display.as === "event") {
    const locations: (Place | Link)[] = [];
    if (display.place !== null) {
      const { name, address } = display.place;
      locations.push(new Place({ name, ...(address === null ? {} : { content: address }) }));
    }
    if (display.online !== null) locations.push(new Link({ href: new URL(display.online), name: "online" }));
    return new Event({
      ...common,
      name: display.name,
      content: display.content,
      startTime: instant(display.startTime),
      endTime: instant(display.endTime),
      locations,
      attachments,
    });
  }
  const options = display.options.map((name) => new Note({ name }));
  return new Question({
    ...common,
    name: display.name,
    content: display.content,
    ...(display.multiple ? { inclusiveOptions: options } : { exclusiveOptions: options }),
    endTime: instant(display.endTime),
    closed: display.closed === null ? null : instant(display.closed),
    voters: display.voters,
    attachments,
  });
}

/** The activity Fedify signs and sends. */
export function toActivity(message: OutgoingMessage, actor: URL, to: URL[]): Activity {
  const common = { id: new URL(message.activityId), actor, tos: to, published: instant(message.published) };
  const object = objectOf(message, actor, to);
  return message.verb === "create" ? new Create({ ...common, object }) : new Update({ ...common, object });
}

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
const idOf = (value: unknown): string | null =>
  typeof value === "string" ? value : isRecord(value) && typeof value.id === "string" ? value.id : null;
const textOf = (value: unknown): string | null => {
  if (typeof value === "string") return value;
  if (isRecord(value)) return Object.values(value).find((v): v is string => typeof v === "string") ?? null;
  return null;
};
const dateOf = (value: unknown): Date | null => {
  if (typeof value !== "string") return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
};

/** A document found in an activity: its media type, its JSON text parsed (unchecked), and the envelope. */
export interface FoundDocument {
  mediaType: string;
  document: unknown;
  envelope: Envelope;
}

/**
 * Finds our document in an activity's JSON (compact JSON-LD, as Fedify gives it): the object's
 * content when the object is of one of `mediaTypes`, or else an attached Document of one of them.
 * Undefined when the activity carries none (it is not ours to read here).
 */
export function findDocument(json: unknown, mediaTypes: ReadonlySet<string>): FoundDocument | undefined {
  if (!isRecord(json) || (json.type !== "Create" && json.type !== "Update")) return undefined;
  const activityId = idOf(json.id);
  const actorId = idOf(json.actor);
  const object = json.object;
  if (activityId === null || actorId === null || !isRecord(object)) return undefined;
  let found: { mediaType: string; content: unknown } | undefined;
  if (typeof object.mediaType === "string" && mediaTypes.has(object.mediaType)) {
    found = { mediaType: object.mediaType, content: object.content };
  } else {
    for (const item of asArray(object.attachment)) {
      if (isRecord(item) && typeof item.mediaType === "string" && mediaTypes.has(item.mediaType)) {
        found = { mediaType: item.mediaType, content: item.content };
        break;
      }
    }
  }
  if (found === undefined) return undefined;
  let document: unknown;
  try {
    document = typeof found.content === "string" ? JSON.parse(found.content) : undefined;
  } catch {
    document = undefined;
  }
  return {
    mediaType: found.mediaType,
    document,
    envelope: {
      activityId,
      actorId,
      objectId: idOf(object.id),
      about: idOf(object.inReplyTo),
      name: textOf(object.name) ?? textOf(object.nameMap),
      verb: json.type === "Create" ? "create" : "update",
      published: dateOf(json.published) ?? dateOf(object.published),
    },
  };
}
