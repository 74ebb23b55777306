import type { TenantId } from "@dynamo/core";
import type { Db, DbOrTx } from "@dynamo/db";
import { and, asc, desc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { DELIVERY_STATES, type Delivery, type DeliveryState, type PeerDeliverySummary } from "../domain/delivery.ts";
import { deliveries, outboxActivities } from "./network-schema.ts";

/** A delivery a worker holds a lease on, with what to send. */
export interface ClaimedDelivery {
  id: string;
  tenantId: TenantId;
  peerActorId: string;
  inbox: string;
  attempts: number;
  firstFailedAt: Date | null;
  actorIdentifier: string;
  activityId: string;
  payload: Record<string, unknown>;
  /** Until then, retried at least every few seconds whatever the back-off (see nextAttempt). */
  urgentUntil: Date | null;
}

type Row = typeof deliveries.$inferSelect;

const toDelivery = (row: Row, activity: { activityId: string; type: string }): Delivery => ({
  id: row.id,
  activityId: activity.activityId,
  activityType: activity.type,
  peerActorId: row.peerActorId,
  inbox: row.inbox,
  state: row.state,
  attempts: row.attempts,
  nextAttemptAt: row.state === "queued" || row.state === "retrying" ? row.nextAttemptAt : null,
  firstFailedAt: row.firstFailedAt,
  lastStatus: row.lastStatus,
  lastError: row.lastError,
  deliveredAt: row.deliveredAt,
  createdAt: row.createdAt,
});

/**
 * The node's delivery rows across its tenants, for the worker: claim what is due (FOR UPDATE
 * SKIP LOCKED, then a lease, so several workers or processes never send the same one at once),
 * then record the outcome. A worker that dies leaves a lease that runs out: the delivery is
 * sent again and the peer, which records activities by id, applies it once.
 */
export function createDeliveryQueue(db: Db) {
  return {
    async claimDue(limit: number, leaseMs: number, now: Date): Promise<ClaimedDelivery[]> {
      const due = db
        .select({ id: deliveries.id })
        .from(deliveries)
        .innerJoin(outboxActivities, eq(outboxActivities.id, deliveries.outboxId))
        .where(
          and(
            inArray(deliveries.state, ["queued", "retrying"]),
            lte(deliveries.nextAttemptAt, now),
            or(isNull(deliveries.leaseUntil), lte(deliveries.leaseUntil, now)),
          ),
        )
        .orderBy(asc(deliveries.nextAttemptAt), asc(outboxActivities.seq))
        .limit(limit)
        .for("update", { of: deliveries, skipLocked: true });
      const claimed = await db
        .update(deliveries)
        .set({ leaseUntil: new Date(now.getTime() + leaseMs) })
        .where(inArray(deliveries.id, due))
        .returning();
      if (claimed.length === 0) return [];
      const activities = await db
        .select()
        .from(outboxActivities)
        .where(
          inArray(
            outboxActivities.id,
            claimed.map((d) => d.outboxId),
          ),
        );
      const byId = new Map(activities.map((a) => [a.id, a]));
      // In the order they were due, then written: a peer gets the Accept before what follows it.
      return claimed
        .flatMap((d) => {
          const activity = byId.get(d.outboxId);
          return activity === undefined ? [] : [{ d, activity }];
        })
        .sort(
          (a, b) =>
            (a.d.nextAttemptAt?.getTime() ?? 0) - (b.d.nextAttemptAt?.getTime() ?? 0) ||
            a.activity.seq - b.activity.seq,
        )
        .map(({ d, activity }) => ({
          id: d.id,
          tenantId: d.tenantId as TenantId,
          peerActorId: d.peerActorId,
          inbox: d.inbox,
          attempts: d.attempts,
          firstFailedAt: d.firstFailedAt,
          actorIdentifier: activity.actorIdentifier,
          activityId: activity.activityId,
          payload: activity.payload,
          urgentUntil: activity.urgentUntil,
        }));
    },

    async delivered(id: string, now: Date, status: number | null): Promise<void> {
      await db
        .update(deliveries)
        .set({
          state: "delivered",
          attempts: sql`${deliveries.attempts} + 1`,
          deliveredAt: now,
          lastStatus: status,
          lastError: null,
          leaseUntil: null,
          updatedAt: now,
        })
        .where(eq(deliveries.id, id));
    },

    async failed(
      id: string,
      outcome: { state: "retrying" | "refused" | "unreachable"; nextAttemptAt: Date | null },
      failure: { status: number | null; error: string; firstFailedAt: Date },
      now: Date,
    ): Promise<void> {
      await db
        .update(deliveries)
        .set({
          state: outcome.state,
          attempts: sql`${deliveries.attempts} + 1`,
          nextAttemptAt: outcome.nextAttemptAt,
          firstFailedAt: failure.firstFailedAt,
          lastStatus: failure.status,
          lastError: failure.error.slice(0, 1000),
          leaseUntil: null,
          updatedAt: now,
        })
        .where(eq(deliveries.id, id));
    },

    /** Gives a claimed delivery back untouched (the worker is stopping). */
    async release(id: string): Promise<void> {
      await db.update(deliveries).set({ leaseUntil: null }).where(eq(deliveries.id, id));
    },

    /** The earliest time a delivery becomes due, to sleep until then. */
    async nextDueAt(): Promise<Date | undefined> {
      const [row] = await db
        .select({ at: sql<Date | string | null>`min(${deliveries.nextAttemptAt})` })
        .from(deliveries)
        .where(inArray(deliveries.state, ["queued", "retrying"]));
      return row?.at ? new Date(row.at) : undefined;
    },
  };
}

export type DeliveryQueue = ReturnType<typeof createDeliveryQueue>;

/** One tenant's deliveries, for its admins. */
export function createDeliveryRepo(db: DbOrTx, tenantId: TenantId) {
  return {
    /**
     * A peer says it is back: what waits for its inboxes (queued, or retrying on the back-off)
     * is due now. Returns how many deliveries were brought forward.
     */
    async retryNow(origin: string, now: Date): Promise<number> {
      const rows = await db
        .update(deliveries)
        .set({ nextAttemptAt: now, updatedAt: now })
        .where(
          and(
            eq(deliveries.tenantId, tenantId),
            inArray(deliveries.state, ["queued", "retrying"]),
            sql`${deliveries.nextAttemptAt} > ${now.toISOString()}::timestamptz`,
            sql`starts_with(${deliveries.inbox}, ${`${origin}/`})`,
          ),
        )
        .returning({ id: deliveries.id });
      return rows.length;
    },

    async list(options: {
      peerActorId?: string | undefined;
      states?: readonly DeliveryState[];
      limit: number;
    }): Promise<Delivery[]> {
      const rows = await db
        .select({ d: deliveries, activityId: outboxActivities.activityId, type: outboxActivities.type })
        .from(deliveries)
        .innerJoin(outboxActivities, eq(outboxActivities.id, deliveries.outboxId))
        .where(
          and(
            eq(deliveries.tenantId, tenantId),
            options.peerActorId === undefined ? undefined : eq(deliveries.peerActorId, options.peerActorId),
            options.states === undefined ? undefined : inArray(deliveries.state, [...options.states]),
          ),
        )
        .orderBy(desc(deliveries.createdAt), desc(outboxActivities.seq))
        .limit(options.limit);
      return rows.map((r) => toDelivery(r.d, r));
    },

    async summary(): Promise<PeerDeliverySummary[]> {
      const rows = await db
        .select({
          peerActorId: deliveries.peerActorId,
          state: deliveries.state,
          n: sql<number>`count(*)::int`,
          failingSince: sql<
            Date | string | null
          >`min(${deliveries.firstFailedAt}) filter (where ${deliveries.state} in ('retrying', 'unreachable'))`,
          lastDeliveredAt: sql<Date | string | null>`max(${deliveries.deliveredAt})`,
        })
        .from(deliveries)
        .where(eq(deliveries.tenantId, tenantId))
        .groupBy(deliveries.peerActorId, deliveries.state);
      const byPeer = new Map<string, PeerDeliverySummary>();
      const date = (value: Date | string | null) => (value === null ? null : new Date(value));
      for (const row of rows) {
        let summary = byPeer.get(row.peerActorId);
        if (summary === undefined) {
          const counts = Object.fromEntries(DELIVERY_STATES.map((s) => [s, 0])) as Record<DeliveryState, number>;
          summary = { peerActorId: row.peerActorId, counts, failingSince: null, lastDeliveredAt: null };
          byPeer.set(row.peerActorId, summary);
        }
        summary.counts[row.state] = row.n;
        const since = date(row.failingSince);
        if (since && (summary.failingSince === null || since < summary.failingSince)) summary.failingSince = since;
        const last = date(row.lastDeliveredAt);
        if (last && (summary.lastDeliveredAt === null || last > summary.lastDeliveredAt))
          summary.lastDeliveredAt = last;
      }
      return [...byPeer.values()].sort((a, b) => a.peerActorId.localeCompare(b.peerActorId));
    },
  };
}

export type DeliveryRepo = ReturnType<typeof createDeliveryRepo>;
