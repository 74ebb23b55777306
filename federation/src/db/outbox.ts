import type { TenantId } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { deliveries, outboxActivities } from "./network-schema.ts";

export interface OutboxEntry {
  id: string;
  seq: number;
  actorIdentifier: string;
  activityId: string;
  type: string;
  objectId: string | null;
  payload: Record<string, unknown>;
  listed: boolean;
  createdAt: Date;
}

export interface NewOutboxEntry {
  id: string;
  actorIdentifier: string;
  activityId: string;
  type: string;
  objectId: string | null;
  payload: Record<string, unknown>;
  listed: boolean;
}

const toEntry = (row: typeof outboxActivities.$inferSelect): OutboxEntry => ({
  id: row.id,
  seq: row.seq,
  actorIdentifier: row.actorIdentifier,
  activityId: row.activityId,
  type: row.type,
  objectId: row.objectId,
  payload: row.payload,
  listed: row.listed,
  createdAt: row.createdAt,
});

/** A tenant's sent activities: written with the change they announce, one delivery row per recipient. */
export function createOutboxRepo(db: DbOrTx, tenantId: TenantId) {
  return {
    async add(
      entry: NewOutboxEntry,
      recipients: readonly { deliveryId: string; peerActorId: string; inbox: string }[],
      now: Date,
    ): Promise<void> {
      await db.insert(outboxActivities).values({ ...entry, tenantId, createdAt: now });
      if (recipients.length === 0) return;
      await db.insert(deliveries).values(
        recipients.map((r) => ({
          id: r.deliveryId,
          tenantId,
          outboxId: entry.id,
          peerActorId: r.peerActorId,
          inbox: r.inbox,
          state: "queued" as const,
          nextAttemptAt: now,
          createdAt: now,
          updatedAt: now,
        })),
      );
    },

    /** The actor's listed activities, newest first, a page at a time (before: a seq cursor). */
    async page(
      actorIdentifier: string,
      options: { limit: number; before?: number | undefined },
    ): Promise<OutboxEntry[]> {
      const rows = await db
        .select()
        .from(outboxActivities)
        .where(
          and(
            eq(outboxActivities.tenantId, tenantId),
            eq(outboxActivities.actorIdentifier, actorIdentifier),
            eq(outboxActivities.listed, true),
            options.before === undefined ? undefined : lt(outboxActivities.seq, options.before),
          ),
        )
        .orderBy(desc(outboxActivities.seq))
        .limit(options.limit);
      return rows.map(toEntry);
    },

    async count(actorIdentifier: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(outboxActivities)
        .where(
          and(
            eq(outboxActivities.tenantId, tenantId),
            eq(outboxActivities.actorIdentifier, actorIdentifier),
            eq(outboxActivities.listed, true),
          ),
        );
      return row?.n ?? 0;
    },

    async findByActivityId(activityId: string): Promise<OutboxEntry | undefined> {
      const [row] = await db
        .select()
        .from(outboxActivities)
        .where(and(eq(outboxActivities.tenantId, tenantId), eq(outboxActivities.activityId, activityId)));
      return row && toEntry(row);
    },
  };
}

export type OutboxRepo = ReturnType<typeof createOutboxRepo>;
