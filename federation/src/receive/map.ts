import {
  Accept,
  Activity,
  Article,
  Block,
  Collection,
  Create,
  Delete,
  Follow,
  isActor,
  Organization,
  Reject,
  Tombstone,
  Undo,
  Update,
} from "@fedify/vocab";
import { type NetworkRole, networkRoleOf } from "../actors.ts";
import { type FoundDocument, findDocument } from "../exchange/envelope.ts";
import { type ArticleData, fromArticle } from "../publications/article.ts";
import { type RosterMessage, readRoster } from "../roster/wire.ts";

/** What a received activity means to us, once read: plain values the use-cases handle. */
export type Inbound =
  | {
      kind: "follow";
      objectId: string;
      actor: {
        inbox: string;
        sharedInbox: string | null;
        name: string | null;
        /** An Organization, as network nodes are: its Follow asks to peer. Anyone else is a reader following publications. */
        asksToPeer: boolean;
        /** What it says it is in the network (only our nodes say it). */
        role: NetworkRole | null;
      } | null;
    }
  | { kind: "accept" | "reject"; followId: string | null }
  | { kind: "undo"; undoneId: string | null; undoneType: string | null }
  | { kind: "block" }
  | { kind: "article"; verb: "Create" | "Update"; article: ArticleData }
  | { kind: "delete"; objectId: string }
  | { kind: "roster"; roster: RosterMessage; collectionId: string }
  /** A peer's Update of its own actor: it sends one when it starts, so we retry at once what waits for it. */
  | { kind: "actor-update" }
  /** One of the areas' signed documents (a vote, a report), found but not yet checked. */
  | { kind: "document"; found: FoundDocument; json: Record<string, unknown> }
  | { kind: "other" };

export interface InboundActivity {
  id: string;
  type: string;
  actorId: string;
  message: Inbound;
  activity: Activity;
}

const typeName = (activity: Activity) => {
  const id = (activity.constructor as typeof Activity).typeId.href;
  return id.slice(id.lastIndexOf("#") + 1);
};

/**
 * Reads an activity Fedify verified (or one fetched from a peer's outbox) into our terms.
 * Embedded objects are read as they came; only a Follow's actor is looked up, for its inbox
 * (Fedify has it cached from checking the signature). Undefined when it has no id or actor.
 */
const refuseToFetch = async (url: string): Promise<never> => {
  throw new Error(`an activity's object is not fetched (${url})`);
};

export async function readActivity(
  activity: Activity,
  loaders: { documentLoader: unknown; contextLoader: unknown },
  documentTypes: ReadonlySet<string>,
): Promise<InboundActivity | undefined> {
  const id = activity.id?.href;
  const actorId = activity.actorId?.href;
  if (id === undefined || actorId === undefined) return undefined;
  const options = loaders as Parameters<Activity["getObject"]>[0];
  const base = { id, type: typeName(activity), actorId, activity };
  // What we act on comes embedded; an object given by its id only (our own Follow in an Accept,
  // a deleted article) is read as that id, never fetched.
  const object = await activity
    .getObject({ ...options, documentLoader: refuseToFetch, crossOrigin: "ignore" })
    .catch(() => null);

  if (activity instanceof Follow) {
    const actor = await activity.getActor(options).catch(() => null);
    const objectId = activity.objectId?.href;
    if (objectId === undefined) return undefined;
    const found =
      actor && isActor(actor) && actor.inboxId
        ? {
            inbox: actor.inboxId.href,
            sharedInbox: actor.endpoints?.sharedInbox?.href ?? null,
            name: actor.name?.toString() ?? actor.preferredUsername?.toString() ?? null,
            asksToPeer: actor instanceof Organization,
            role: await networkRoleOf(actor),
          }
        : null;
    return { ...base, message: { kind: "follow", objectId, actor: found } };
  }
  if (activity instanceof Accept || activity instanceof Reject) {
    const followId = object instanceof Follow ? (object.id?.href ?? null) : (activity.objectId?.href ?? null);
    return { ...base, message: { kind: activity instanceof Accept ? "accept" : "reject", followId } };
  }
  if (activity instanceof Undo) {
    const undone = object instanceof Activity ? object : null;
    return {
      ...base,
      message: {
        kind: "undo",
        undoneId: undone?.id?.href ?? activity.objectId?.href ?? null,
        undoneType: undone ? typeName(undone) : null,
      },
    };
  }
  if (activity instanceof Block) return { ...base, message: { kind: "block" } };
  if (activity instanceof Update && object !== null && isActor(object) && object.id?.href === actorId) {
    return { ...base, message: { kind: "actor-update" } };
  }
  if (activity instanceof Create || activity instanceof Update) {
    if (object instanceof Article) {
      const article = await fromArticle(object);
      if (article === undefined) return { ...base, message: { kind: "other" } };
      return { ...base, message: { kind: "article", verb: activity instanceof Create ? "Create" : "Update", article } };
    }
    if (activity instanceof Update && object instanceof Collection && object.id) {
      const roster = await readRoster(object);
      if (roster) return { ...base, message: { kind: "roster", roster, collectionId: object.id.href } };
    }
    // The Linked Data Signature Fedify may add is for the hop; a document's own proof stays inside it.
    const { signature: _ldSignature, ...json } = (await activity.toJsonLd()) as Record<string, unknown>;
    const found = findDocument(json, documentTypes);
    if (found) return { ...base, message: { kind: "document", found, json } };
    return { ...base, message: { kind: "other" } };
  }
  if (activity instanceof Delete) {
    const objectId =
      object instanceof Tombstone || object instanceof Article ? object.id?.href : activity.objectId?.href;
    if (objectId) return { ...base, message: { kind: "delete", objectId } };
  }
  return { ...base, message: { kind: "other" } };
}

/** The id of what an activity acts on, for the origin check: an article, a roster, an undone activity. */
export function ownedObjectId(message: Inbound): string | null {
  switch (message.kind) {
    case "article":
      return message.article.objectId;
    case "delete":
      return message.objectId;
    case "roster":
      return message.collectionId;
    case "document":
      return message.found.envelope.objectId;
    case "undo":
      return message.undoneId;
    default:
      return null;
  }
}
