import type { TenantId } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { and, desc, eq, lt, or, type SQL, sql } from "drizzle-orm";
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
  urgentUntil?: Date | null;
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

/** Addressed to the public collection (as Fedify writes it): anyone may read it. */
const isPublic = sql`(${outboxActivities.payload} -> 'to' @> '"as:Public"'::jsonb or ${outboxActivities.payload} -> 'cc' @> '"as:Public"'::jsonb)`;

/**
 * Who reads an actor's outbox: anyone (the public activities), or one of the tenant's active
 * peers on a signed fetch (the public activities and those that were sent to that peer).
 */
export type OutboxReader = { peer: string } | "anyone";

function visibleTo(reader: OutboxReader): SQL {
  if (reader === "anyone") return isPublic;
  const sentToPeer = sql`exists (select 1 from ${deliveries} where ${deliveries.outboxId} = ${outboxActivities.id} and ${deliveries.peerActorId} = ${reader.peer})`;
  return or(isPublic, sentToPeer) as SQL;
}

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

    /** The actor's listed activities the reader may see, newest first, a page at a time (before: a seq cursor). */
    async page(
      actorIdentifier: string,
      options: { limit: number; before?: number | undefined; reader: OutboxReader },
    ): Promise<OutboxEntry[]> {
      const rows = await db
        .select()
        .from(outboxActivities)
        .where(
          and(
            eq(outboxActivities.tenantId, tenantId),
            eq(outboxActivities.actorIdentifier, actorIdentifier),
            eq(outboxActivities.listed, true),
            visibleTo(options.reader),
            options.before === undefined ? undefined : lt(outboxActivities.seq, options.before),
          ),
        )
        .orderBy(desc(outboxActivities.seq))
        .limit(options.limit);
      return rows.map(toEntry);
    },

    async count(actorIdentifier: string, reader: OutboxReader): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(outboxActivities)
        .where(
          and(
            eq(outboxActivities.tenantId, tenantId),
            eq(outboxActivities.actorIdentifier, actorIdentifier),
            eq(outboxActivities.listed, true),
            visibleTo(reader),
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
