import { at, tenantId } from "@dynamo/db/schema";
import { sql } from "drizzle-orm";
import { bigserial, check, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * Fedify's key–value store: remote documents and keys it cached, inbox idempotence records,
 * circuit-breaker state. The key is Fedify's array of strings, kept as an array so a prefix is
 * a slice. A row past its expires_at is as good as absent.
 */
export const fedifyKv = pgTable(
  "fedify_kv",
  {
    key: text("key").array().primaryKey(),
    value: jsonb("value").notNull(),
    expiresAt: at("expires_at"),
  },
  (t) => [index("fedify_kv_expires_at_idx").on(t.expiresAt)],
);

/**
 * Fedify's message queue: outgoing deliveries, incoming activities, fan-outs. A worker claims a
 * row by setting a lease (lease_until, lease_token) and deletes it only after its handler
 * succeeded; a lease that runs out makes the row claimable again. The payload carries the
 * sender's private keys, so it is stored sealed (AES-256-GCM under a key derived from the node
 * secret), never as JSON. seq orders rows that share an ordering key.
 */
export const fedifyQueue = pgTable(
  "fedify_queue",
  {
    id: uuid("id").primaryKey(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    payload: text("payload").notNull(),
    orderingKey: text("ordering_key"),
    availableAt: at("available_at").notNull().defaultNow(),
    leaseUntil: at("lease_until"),
    leaseToken: uuid("lease_token"),
    attempts: integer("attempts").notNull().default(0),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [
    index("fedify_queue_available_idx").on(t.availableAt, t.seq),
    index("fedify_queue_ordering_idx").on(t.orderingKey, t.seq).where(sql`${t.orderingKey} is not null`),
  ],
);

export type ActorKeyKind = "rsa" | "ed25519";

/**
 * The key pairs of a tenant's ActivityPub actors: RSA for HTTP Signatures, Ed25519 for
 * integrity proofs. The private key is sealed with a key derived from the node secret. A
 * rotation retires the active keys (retired_at) and adds new ones; at most one active key of
 * each kind per actor.
 */
export const actorKeys = pgTable(
  "actor_keys",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    actorIdentifier: text("actor_identifier").notNull(),
    kind: text("kind").$type<ActorKeyKind>().notNull(),
    publicKey: jsonb("public_key").$type<JsonWebKey>().notNull(),
    privateKey: text("private_key").notNull(),
    createdAt: at("created_at").notNull().defaultNow(),
    retiredAt: at("retired_at"),
  },
  (t) => [
    uniqueIndex("actor_keys_active_key").on(t.tenantId, t.actorIdentifier, t.kind).where(sql`${t.retiredAt} is null`),
    check("actor_keys_kind_check", sql`${t.kind} in ('rsa', 'ed25519')`),
  ],
);

/**
 * Messages of our signed document types kept for federation's inbound worker (the routes applied
 * "by-worker"): the activity as received, kept in the transaction that records it, applied later
 * in a transaction of the area's own (checking a proof may fetch keys over the network, which
 * must not happen inside the inbound transaction). A worker claims a row with a lease, applies it
 * and marks it processed; a failure is retried with backoff.
 */
export const inboundMessages = pgTable(
  "inbound_messages",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    activityId: text("activity_id").notNull(),
    activity: jsonb("activity").$type<Record<string, unknown>>().notNull(),
    via: text("via").$type<"inbox" | "catch-up">().notNull().default("inbox"),
    receivedAt: at("received_at").notNull(),
    leaseUntil: at("lease_until"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    processedAt: at("processed_at"),
  },
  (t) => [
    uniqueIndex("inbound_messages_activity_key").on(t.tenantId, t.activityId),
    index("inbound_messages_pending_idx").on(t.receivedAt).where(sql`${t.processedAt} is null`),
  ],
);
