import type { RegionCode, TenantId } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { and, asc, eq } from "drizzle-orm";
import type { Peer, PeerDirection, PeerState } from "../domain/peering.ts";
import { peers } from "./network-schema.ts";

type Row = typeof peers.$inferSelect;

const toPeer = (row: Row): Peer => ({
  actorId: row.actorId,
  inbox: row.inbox,
  sharedInbox: row.sharedInbox,
  origin: row.origin,
  direction: row.direction,
  state: row.state,
  followActivityId: row.followActivityId,
  name: row.name,
  regionCode: row.regionCode,
  since: row.since,
  decidedBy: row.decidedBy,
  reason: row.reason,
  lastCaughtUpAt: row.lastCaughtUpAt,
  viaRoster: row.viaRoster,
});

export interface PeerInput {
  actorId: string;
  inbox: string;
  sharedInbox: string | null;
  origin: string;
  direction: PeerDirection;
  state: PeerState;
  followActivityId: string | null;
  name: string | null;
  regionCode?: RegionCode | null;
  viaRoster?: boolean;
}

/** One tenant's peers: the other nodes' actors it federates with. */
export function createPeerRepo(db: DbOrTx, tenantId: TenantId) {
  const scoped = (...conditions: Parameters<typeof and>) => and(eq(peers.tenantId, tenantId), ...conditions);
  return {
    async list(): Promise<Peer[]> {
      return (await db.select().from(peers).where(scoped()).orderBy(asc(peers.origin), asc(peers.actorId))).map(toPeer);
    },

    async listActive(): Promise<Peer[]> {
      return (
        await db
          .select()
          .from(peers)
          .where(scoped(eq(peers.state, "active")))
          .orderBy(asc(peers.actorId))
      ).map(toPeer);
    },

    async find(actorId: string): Promise<Peer | undefined> {
      const [row] = await db
        .select()
        .from(peers)
        .where(scoped(eq(peers.actorId, actorId)));
      return row && toPeer(row);
    },

    /** Locks the peer's row for the transaction, so two messages about one peering apply one after the other. */
    async findForUpdate(actorId: string): Promise<Peer | undefined> {
      const [row] = await db
        .select()
        .from(peers)
        .where(scoped(eq(peers.actorId, actorId)))
        .for("update");
      return row && toPeer(row);
    },

    /** Is an active peer at this origin? */
    async isActiveOrigin(origin: string): Promise<boolean> {
      const [row] = await db
        .select({ id: peers.id })
        .from(peers)
        .where(scoped(eq(peers.origin, origin), eq(peers.state, "active")))
        .limit(1);
      return row !== undefined;
    },

    /** Is there a peering we asked of an actor at this origin, still waiting for its answer? */
    async hasPendingOutgoingAt(origin: string): Promise<boolean> {
      const [row] = await db
        .select({ id: peers.id })
        .from(peers)
        .where(scoped(eq(peers.origin, origin), eq(peers.state, "requested"), eq(peers.direction, "outgoing")))
        .limit(1);
      return row !== undefined;
    },

    async upsert(id: string, input: PeerInput, now: Date, decidedBy: string | null = null): Promise<Peer> {
      const values = {
        inbox: input.inbox,
        sharedInbox: input.sharedInbox,
        origin: input.origin,
        direction: input.direction,
        state: input.state,
        followActivityId: input.followActivityId,
        name: input.name,
        ...(input.regionCode === undefined ? {} : { regionCode: input.regionCode }),
        ...(input.viaRoster === undefined ? {} : { viaRoster: input.viaRoster }),
        since: now,
        decidedBy,
        reason: null,
      };
      const [row] = await db
        .insert(peers)
        .values({ id, tenantId, actorId: input.actorId, ...values })
        .onConflictDoUpdate({ target: [peers.tenantId, peers.actorId], set: values })
        .returning();
      if (row === undefined) throw new Error("upsert into peers returned nothing");
      return toPeer(row);
    },

    async setState(
      actorId: string,
      change: { state: PeerState; decidedBy: string | null; reason: string | null },
      now: Date,
    ): Promise<void> {
      await db
        .update(peers)
        .set({ state: change.state, decidedBy: change.decidedBy, reason: change.reason, since: now })
        .where(scoped(eq(peers.actorId, actorId)));
    },

    async setRegionCode(actorId: string, regionCode: RegionCode | null): Promise<void> {
      await db
        .update(peers)
        .set({ regionCode })
        .where(scoped(eq(peers.actorId, actorId)));
    },

    async setViaRoster(actorId: string, viaRoster: boolean): Promise<void> {
      await db
        .update(peers)
        .set({ viaRoster })
        .where(scoped(eq(peers.actorId, actorId)));
    },

    /** Is there a peering we asked of this very actor, still waiting for its answer? */
    async isPendingOutgoing(actorId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: peers.id })
        .from(peers)
        .where(scoped(eq(peers.actorId, actorId), eq(peers.state, "requested"), eq(peers.direction, "outgoing")))
        .limit(1);
      return row !== undefined;
    },

    async markCaughtUp(actorId: string, now: Date): Promise<void> {
      await db
        .update(peers)
        .set({ lastCaughtUpAt: now })
        .where(scoped(eq(peers.actorId, actorId)));
    },
  };
}

export type PeerRepo = ReturnType<typeof createPeerRepo>;
