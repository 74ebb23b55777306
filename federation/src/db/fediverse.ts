import type { LocalizedText, TenantId } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { and, asc, eq, sql } from "drizzle-orm";
import type { BlockedServer, FediverseFollower, FediverseProfile } from "../domain/fediverse.ts";
import { blockedServers, fediverseFollowers, fediverseProfiles } from "./fediverse-schema.ts";

const toFollower = (row: typeof fediverseFollowers.$inferSelect): FediverseFollower => ({
  actorId: row.actorId,
  inbox: row.inbox,
  sharedInbox: row.sharedInbox,
  server: row.server,
  name: row.name,
  since: row.since,
});

/** A tenant's fediverse followers and the servers its admin blocked. */
export function createFollowerRepo(db: DbOrTx, tenantId: TenantId) {
  const scoped = (...conditions: Parameters<typeof and>) =>
    and(eq(fediverseFollowers.tenantId, tenantId), ...conditions);
  return {
    async list(options: { limit: number; offset?: number }): Promise<FediverseFollower[]> {
      const rows = await db
        .select()
        .from(fediverseFollowers)
        .where(scoped())
        .orderBy(asc(fediverseFollowers.since), asc(fediverseFollowers.actorId))
        .limit(options.limit)
        .offset(options.offset ?? 0);
      return rows.map(toFollower);
    },

    async count(): Promise<number> {
      const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(fediverseFollowers).where(scoped());
      return row?.n ?? 0;
    },

    async find(actorId: string): Promise<FediverseFollower | undefined> {
      const [row] = await db
        .select()
        .from(fediverseFollowers)
        .where(scoped(eq(fediverseFollowers.actorId, actorId)));
      return row && toFollower(row);
    },

    async upsert(id: string, follower: FediverseFollower & { followActivityId: string }): Promise<void> {
      const { actorId, ...values } = follower;
      await db
        .insert(fediverseFollowers)
        .values({ id, tenantId, actorId, ...values })
        .onConflictDoUpdate({ target: [fediverseFollowers.tenantId, fediverseFollowers.actorId], set: values });
    },

    async remove(actorId: string): Promise<boolean> {
      const removed = await db
        .delete(fediverseFollowers)
        .where(scoped(eq(fediverseFollowers.actorId, actorId)))
        .returning({ id: fediverseFollowers.id });
      return removed.length > 0;
    },

    async removeServer(server: string): Promise<number> {
      const removed = await db
        .delete(fediverseFollowers)
        .where(scoped(eq(fediverseFollowers.server, server)))
        .returning({ id: fediverseFollowers.id });
      return removed.length;
    },

    async isBlocked(server: string): Promise<boolean> {
      const [row] = await db
        .select({ server: blockedServers.server })
        .from(blockedServers)
        .where(and(eq(blockedServers.tenantId, tenantId), eq(blockedServers.server, server)));
      return row !== undefined;
    },

    async blocked(): Promise<BlockedServer[]> {
      const rows = await db
        .select()
        .from(blockedServers)
        .where(eq(blockedServers.tenantId, tenantId))
        .orderBy(asc(blockedServers.server));
      return rows.map((r) => ({ server: r.server, reason: r.reason, blockedAt: r.blockedAt }));
    },

    async block(server: string, reason: string | null, blockedBy: string | null, now: Date): Promise<void> {
      await db
        .insert(blockedServers)
        .values({ tenantId, server, reason, blockedBy, blockedAt: now })
        .onConflictDoUpdate({ target: [blockedServers.tenantId, blockedServers.server], set: { reason, blockedBy } });
    },

    async unblock(server: string): Promise<boolean> {
      const removed = await db
        .delete(blockedServers)
        .where(and(eq(blockedServers.tenantId, tenantId), eq(blockedServers.server, server)))
        .returning({ server: blockedServers.server });
      return removed.length > 0;
    },
  };
}

const DEFAULT_PROFILE: FediverseProfile = { summaries: {}, discoverable: true, icon: null, updatedAt: null };

/** The tenant's fediverse profile settings (the defaults until its admin sets them). */
export function createProfileRepo(db: DbOrTx, tenantId: TenantId) {
  return {
    async get(): Promise<FediverseProfile> {
      const [row] = await db.select().from(fediverseProfiles).where(eq(fediverseProfiles.tenantId, tenantId));
      if (row === undefined) return DEFAULT_PROFILE;
      return {
        summaries: row.summaries,
        discoverable: row.discoverable,
        icon:
          row.icon && row.iconMediaType
            ? { mediaType: row.iconMediaType, bytes: new Uint8Array(Buffer.from(row.icon, "base64")) }
            : null,
        updatedAt: row.updatedAt,
      };
    },

    async save(
      change: { summaries?: LocalizedText; discoverable?: boolean; icon?: FediverseProfile["icon"] },
      now: Date,
    ): Promise<void> {
      const current = await this.get();
      const icon = change.icon === undefined ? current.icon : change.icon;
      const values = {
        summaries: change.summaries ?? current.summaries,
        discoverable: change.discoverable ?? current.discoverable,
        icon: icon ? Buffer.from(icon.bytes).toString("base64") : null,
        iconMediaType: icon?.mediaType ?? null,
        updatedAt: now,
      };
      await db
        .insert(fediverseProfiles)
        .values({ tenantId, ...values })
        .onConflictDoUpdate({ target: fediverseProfiles.tenantId, set: values });
    },
  };
}
