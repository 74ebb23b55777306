import type { Locale, LocalizedText, PlatformStatus, RegionCode } from "@dynamo/core";
import { at, tenantId } from "@dynamo/db/schema";
import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { DeliveryState } from "../domain/delivery.ts";
import type { PeerDirection, PeerState } from "../domain/peering.ts";
import type { PublicationKind } from "../domain/publication.ts";

/**
 * The other nodes' actors a tenant federates with: a peering asked for (outgoing) or asked of
 * us (incoming), and where it stands. Only an active peer's origin is trusted.
 */
export const peers = pgTable(
  "peers",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    actorId: text("actor_id").notNull(),
    inbox: text("inbox").notNull(),
    sharedInbox: text("shared_inbox"),
    origin: text("origin").notNull(),
    direction: text("direction").$type<PeerDirection>().notNull(),
    state: text("state").$type<PeerState>().notNull(),
    followActivityId: text("follow_activity_id"),
    name: text("name"),
    regionCode: text("region_code").$type<RegionCode>(),
    since: at("since").notNull(),
    decidedBy: uuid("decided_by"),
    reason: text("reason"),
    lastCaughtUpAt: at("last_caught_up_at"),
    /** The hub's roster made this peering (a region it lists): it ends when the roster drops that region. */
    viaRoster: boolean("via_roster").notNull().default(false),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("peers_tenant_actor_key").on(t.tenantId, t.actorId),
    index("peers_tenant_origin_idx").on(t.tenantId, t.origin),
    check("peers_state_check", sql`${t.state} in ('requested', 'active', 'refused', 'ended')`),
    check("peers_direction_check", sql`${t.direction} in ('outgoing', 'incoming')`),
  ],
);

/**
 * Every activity a tenant's actors sent, written in the transaction of the change it announces.
 * seq orders the actor's outbox collection (peers page it to catch up); listed = shown there.
 */
export const outboxActivities = pgTable(
  "outbox_activities",
  {
    id: uuid("id").primaryKey(),
    seq: bigserial("seq", { mode: "number" }).notNull(),
    tenantId: tenantId(),
    actorIdentifier: text("actor_identifier").notNull(),
    activityId: text("activity_id").notNull(),
    type: text("type").notNull(),
    objectId: text("object_id"),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    listed: boolean("listed").notNull(),
    /** Until then a failed delivery is retried at least every few seconds (a ballot's vote before its deadline). */
    urgentUntil: at("urgent_until"),
    createdAt: at("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("outbox_activities_activity_key").on(t.activityId),
    index("outbox_activities_actor_seq_idx").on(t.tenantId, t.actorIdentifier, t.seq),
  ],
);

/** One outgoing activity for one peer's inbox, and where its delivery stands. */
export const deliveries = pgTable(
  "deliveries",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    outboxId: uuid("outbox_id")
      .notNull()
      .references(() => outboxActivities.id, { onDelete: "cascade" }),
    peerActorId: text("peer_actor_id").notNull(),
    inbox: text("inbox").notNull(),
    state: text("state").$type<DeliveryState>().notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: at("next_attempt_at"),
    firstFailedAt: at("first_failed_at"),
    lastStatus: integer("last_status"),
    lastError: text("last_error"),
    deliveredAt: at("delivered_at"),
    leaseUntil: at("lease_until"),
    createdAt: at("created_at").notNull().defaultNow(),
    updatedAt: at("updated_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("deliveries_outbox_peer_key").on(t.outboxId, t.peerActorId),
    index("deliveries_due_idx").on(t.nextAttemptAt).where(sql`${t.state} in ('queued', 'retrying')`),
    index("deliveries_tenant_peer_idx").on(t.tenantId, t.peerActorId, t.state),
    check("deliveries_state_check", sql`${t.state} in ('queued', 'retrying', 'delivered', 'refused', 'unreachable')`),
  ],
);

/** Activities a tenant applied, by id: the same activity received again (inbox or catch-up) applies once. */
export const receivedActivities = pgTable(
  "received_activities",
  {
    tenantId: tenantId(),
    activityId: text("activity_id").notNull(),
    actorId: text("actor_id").notNull(),
    type: text("type").notNull(),
    via: text("via").$type<"inbox" | "catch-up">().notNull(),
    receivedAt: at("received_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.activityId] })],
);

/** Incoming messages refused, with the reason: nothing of them was applied. */
export const inboxRefusals = pgTable(
  "inbox_refusals",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    at: at("at").notNull().defaultNow(),
    activityId: text("activity_id"),
    actorId: text("actor_id"),
    type: text("type"),
    reason: text("reason").notNull(),
    detail: text("detail"),
  },
  (t) => [index("inbox_refusals_tenant_at_idx").on(t.tenantId, t.at)],
);

/** Articles: the tenant's own and those its peers published. A deleted one stays as a tombstone. */
export const publications = pgTable(
  "publications",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    objectId: text("object_id").notNull(),
    authorActorId: text("author_actor_id").notNull(),
    authorName: text("author_name"),
    local: boolean("local").notNull(),
    kind: text("kind").$type<PublicationKind>().notNull(),
    titles: jsonb("titles").$type<LocalizedText>().notNull(),
    bodies: jsonb("bodies").$type<LocalizedText>().notNull(),
    language: text("language").$type<Locale>(),
    publishedAt: at("published_at").notNull(),
    updatedAt: at("updated_at").notNull(),
    deletedAt: at("deleted_at"),
  },
  (t) => [
    uniqueIndex("publications_tenant_object_key").on(t.tenantId, t.objectId),
    index("publications_tenant_published_idx").on(t.tenantId, t.publishedAt),
  ],
);

/** National platforms of the network as the regions published them; the hub's electorate. */
export const networkPlatforms = pgTable(
  "network_platforms",
  {
    tenantId: tenantId(),
    platformActorId: text("platform_actor_id").notNull(),
    regionActorId: text("region_actor_id").notNull(),
    regionCode: text("region_code").$type<RegionCode>(),
    countryCode: text("country_code").notNull(),
    status: text("status").$type<PlatformStatus>().notNull(),
    names: jsonb("names").$type<LocalizedText>().notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.platformActorId] }),
    index("network_platforms_region_idx").on(t.tenantId, t.regionActorId),
  ],
);

/** The roster of trusted regions a region received from the hub: whom it may peer with at once. */
export const networkRegions = pgTable(
  "network_regions",
  {
    tenantId: tenantId(),
    actorId: text("actor_id").notNull(),
    hubActorId: text("hub_actor_id").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.actorId] })],
);

/** What a tenant last published of a roster (its platforms, or the hub's regions), to send only changes. */
export const rosterDigests = pgTable(
  "roster_digests",
  {
    tenantId: tenantId(),
    roster: text("roster").$type<"platforms" | "regions">().notNull(),
    digest: text("digest").notNull(),
    updatedAt: at("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.roster] })],
);
