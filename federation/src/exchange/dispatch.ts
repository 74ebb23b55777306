import type { RegionCode, Tenant, TenantKind } from "@dynamo/core";
import type { Db, DbOrTx, Tx } from "@dynamo/db";
import type { Logger } from "@logtape/logtape";
import type { DocumentOf, DocumentType, ReceivedMessage } from "./document-type.ts";
import type { FoundDocument } from "./envelope.ts";
import type { Exchange } from "./exchange.ts";
import { type ProofLoaders, verifyJson } from "./proof.ts";

/** The peer a message came through, as the areas need it. */
export interface SendingPeer {
  actorId: string;
  regionCode: RegionCode | null;
  role: "hub" | "region";
}

/** What a handler gets besides the message: where it runs and what it may use. */
export interface InboundContext<D extends DbOrTx = DbOrTx> {
  /** The inbound transaction (a route applied "in-transaction") or the database (applied "by-worker"). */
  db: D;
  tenant: Tenant;
  peer: SendingPeer;
  exchange: Exchange;
  clock: () => Date;
  newId: () => string;
  logger: Logger;
}

/** A handler's answer: nothing (applied), or a refusal recorded like any other (nothing applied). */
export type Handled = undefined | { refused: string; detail?: string };

/**
 * Where one kind of message goes: which kind of tenant takes it, and when it is applied:
 * - "in-transaction": in the transaction that records the activity as received (its proof was
 *   checked just before), so the message and its effects are kept together or not at all;
 * - "by-worker": kept in that transaction, then applied by federation's inbound worker in a
 *   transaction of the handler's own, retried until it succeeds: for work that must not hold the
 *   inbound transaction (a vote's receipt, a tally).
 */
export interface InboxRoute {
  mediaType: string;
  kind: string;
  on: TenantKind;
  apply: "in-transaction" | "by-worker";
  handle(ctx: InboundContext, message: ReceivedMessage): Promise<Handled>;
}

/**
 * Declares the route of one kind of one document type; the handler gets that kind's document,
 * typed, and the inbound transaction ("in-transaction") or the database ("by-worker").
 */
export function route<T extends DocumentType, const K extends keyof T["kinds"] & string>(
  type: T,
  kind: K,
  spec:
    | {
        on: TenantKind;
        apply: "in-transaction";
        handle(ctx: InboundContext<Tx>, message: ReceivedMessage<DocumentOf<T, K>>): Promise<Handled>;
      }
    | {
        on: TenantKind;
        apply: "by-worker";
        handle(ctx: InboundContext<Db>, message: ReceivedMessage<DocumentOf<T, K>>): Promise<Handled>;
      },
): InboxRoute {
  return {
    mediaType: type.mediaType,
    kind,
    on: spec.on,
    apply: spec.apply,
    handle: spec.handle as InboxRoute["handle"],
  };
}

/** Every document type and route of a node, looked up by media type and kind. */
export interface InboxTable {
  mediaTypes: ReadonlySet<string>;
  typeOf(mediaType: string): DocumentType | undefined;
  routeOf(mediaType: string, kind: string, tenantKind: TenantKind): InboxRoute | undefined;
}

export function createInboxTable(types: readonly DocumentType[], routes: readonly InboxRoute[]): InboxTable {
  const byMediaType = new Map<string, DocumentType>();
  for (const type of types) {
    if (byMediaType.has(type.mediaType)) throw new Error(`document type ${type.mediaType} is declared twice`);
    byMediaType.set(type.mediaType, type);
  }
  const byKey = new Map<string, InboxRoute>();
  for (const r of routes) {
    const type = byMediaType.get(r.mediaType);
    if (type === undefined) throw new Error(`a route names ${r.mediaType}, which no area declares`);
    if (!Object.hasOwn(type.kinds, r.kind)) throw new Error(`${r.mediaType} has no kind ${r.kind}`);
    const key = `${r.on} ${r.mediaType} ${r.kind}`;
    if (byKey.has(key)) throw new Error(`two routes for ${key}`);
    byKey.set(key, r);
  }
  return {
    mediaTypes: new Set(byMediaType.keys()),
    typeOf: (mediaType) => byMediaType.get(mediaType),
    routeOf: (mediaType, kind, tenantKind) => byKey.get(`${tenantKind} ${mediaType} ${kind}`),
  };
}

export type Checked =
  | { ok: true; route: InboxRoute; message: Omit<ReceivedMessage, "via" | "receivedAt"> }
  | { ok: false; ignored: true }
  | { ok: false; ignored: false; reason: string; detail: string };

const refused = (reason: string, detail: string): Checked => ({ ok: false, ignored: false, reason, detail });

/**
 * A refused document as it is recorded, whatever its type: the activity that carried it, its
 * sender, its kind, and the message's own id with the reason's detail.
 */
export function documentRefusal(
  table: InboxTable,
  found: FoundDocument,
  reason: string,
  detail: string | undefined,
): { activityId: string; actorId: string; type: string; reason: string; detail: string } {
  const type = table.typeOf(found.mediaType);
  const doc =
    typeof found.document === "object" && found.document !== null ? (found.document as Record<string, unknown>) : {};
  const messageId = typeof doc.id === "string" ? `message ${doc.id}` : undefined;
  return {
    activityId: found.envelope.activityId,
    actorId: found.envelope.actorId,
    type: (type && kindOf(type, found.document)) ?? found.mediaType,
    reason,
    detail: [messageId, detail].filter((part) => part !== undefined && part !== "").join("; "),
  };
}

/** The kind a document names, if it is a string. */
export function kindOf(type: DocumentType, document: unknown): string | undefined {
  const value =
    typeof document === "object" && document !== null
      ? (document as Record<string, unknown>)[type.kindField]
      : undefined;
  return typeof value === "string" ? value : undefined;
}

/** Which route takes a found document on this tenant, before anything is checked (undefined: not ours). */
export function routeFor(table: InboxTable, found: FoundDocument, tenant: Tenant): InboxRoute | undefined {
  const type = table.typeOf(found.mediaType);
  const kind = type && kindOf(type, found.document);
  return kind === undefined ? undefined : table.routeOf(found.mediaType, kind, tenant.kind);
}

/**
 * Checks a found document as every area's messages are checked: its kind has a route on this
 * kind of tenant (else it is ignored: not for us), its shape (zod, before anything reads it), and
 * for signed kinds its proof, made by the very actor that sent the activity (and named as the
 * document's `actor` when it names one). Outside any transaction: a signer's key may be fetched.
 */
export async function checkDocument(
  table: InboxTable,
  found: FoundDocument,
  tenant: Tenant,
  loaders: ProofLoaders,
): Promise<Checked> {
  const type = table.typeOf(found.mediaType);
  if (type === undefined) return { ok: false, ignored: true };
  const kind = kindOf(type, found.document);
  if (kind === undefined || !Object.hasOwn(type.kinds, kind))
    return refused("malformed", `${found.mediaType}: no known ${type.kindField}`);
  const route = table.routeOf(found.mediaType, kind, tenant.kind);
  if (route === undefined) return { ok: false, ignored: true };
  const spec = type.kinds[kind];
  if (spec === undefined) return { ok: false, ignored: true };
  const parsed = spec.schema.safeParse(found.document);
  if (!parsed.success) {
    return refused(
      "malformed",
      parsed.error.issues
        .slice(0, 5)
        .map((issue) => `${issue.path.join(".") || "(document)"}: ${issue.message}`)
        .join("; "),
    );
  }
  const raw = found.document as Record<string, unknown>;
  let signer: ReceivedMessage["signer"] = null;
  if (spec.signed) {
    const verified = await verifyJson(raw, loaders);
    if (!verified.ok) {
      const { error } = verified;
      return refused("bad-proof", "keyId" in error ? `${error.kind} (${error.keyId})` : error.kind);
    }
    const named = typeof raw.actor === "string" ? raw.actor : found.envelope.actorId;
    if (verified.value.controller !== found.envelope.actorId || named !== found.envelope.actorId) {
      return refused("actor-mismatch", `signed by ${verified.value.controller} for ${named}`);
    }
    signer = { actorId: verified.value.controller, keyId: verified.value.keyId, created: verified.value.created };
  }
  return {
    ok: true,
    route,
    message: { mediaType: found.mediaType, kind, document: parsed.data, raw, signer, envelope: found.envelope },
  };
}
