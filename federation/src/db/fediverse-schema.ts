import type { LocalizedText } from "@dynamo/core";
import { at, tenantId } from "@dynamo/db/schema";
import { boolean, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";

/**
 * Fediverse readers who follow a tenant's publications: actors of servers that are not peers
 * (a Mastodon or Misskey account). Kept apart from peering: a follower receives the public
 * publications and nothing else, and is never trusted.
 */
export const fediverseFollowers = pgTable(
  "fediverse_followers",
  {
    id: uuid("id").primaryKey(),
    tenantId: tenantId(),
    actorId: text("actor_id").notNull(),
    inbox: text("inbox").notNull(),
    sharedInbox: text("shared_inbox"),
    /** The follower's server (host[:port]): what an admin blocks. */
    server: text("server").notNull(),
    followActivityId: text("follow_activity_id").notNull(),
    name: text("name"),
    since: at("since").notNull(),
  },
  (t) => [uniqueIndex("fediverse_followers_tenant_actor_key").on(t.tenantId, t.actorId)],
);

/** Servers a tenant's admin blocked: their follows are refused, their followers removed. */
export const blockedServers = pgTable(
  "blocked_servers",
  {
    tenantId: tenantId(),
    server: text("server").notNull(),
    reason: text("reason"),
    blockedBy: uuid("blocked_by"),
    blockedAt: at("blocked_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.server] })],
);

/** How a tenant's actor presents itself on the fediverse, as its admin set it. */
export const fediverseProfiles = pgTable("fediverse_profiles", {
  tenantId: tenantId().primaryKey(),
  summaries: jsonb("summaries").$type<LocalizedText>().notNull(),
  discoverable: boolean("discoverable").notNull(),
  /** The logo, base64, and its media type; null: the network's logo. */
  icon: text("icon"),
  iconMediaType: text("icon_media_type"),
  updatedAt: at("updated_at").notNull(),
});
