import type { TenantId } from "@dynamo/core";
import { and, asc, eq, inArray, isNull, lte, notExists, sql } from "drizzle-orm";
import { areaEventReceipts, areaEvents } from "./schema.ts";
import type { DbOrTx } from "./types.ts";

export interface StoredEvent {
  id: string;
  tenantId: TenantId;
  name: string;
  payload: unknown;
  createdAt: Date;
  attempts: number;
}

/** Records an event in the caller's transaction: it exists for subscribers only if that transaction commits. */
export async function recordAreaEvent(
  db: DbOrTx,
  event: { id: string; tenantId: TenantId; name: string; payload: unknown; at: Date },
): Promise<void> {
  await db.insert(areaEvents).values({
    id: event.id,
    tenantId: event.tenantId,
    name: event.name,
    payload: event.payload,
    createdAt: event.at,
  });
}

/**
 * Claims, for one subscriber, up to `limit` events of the names it follows that it has not
 * handled: those it never saw (oldest first), and those whose earlier attempt failed or whose
 * lease ran out (another process died holding it). Each claimed one is leased until `leaseUntil`.
 */
export async function claimAreaEvents(
  db: DbOrTx,
  subscriber: string,
  names: readonly string[],
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<StoredEvent[]> {
  if (names.length === 0) return [];
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const fresh = await db
    .select({ id: areaEvents.id })
    .from(areaEvents)
    .where(
      and(
        inArray(areaEvents.name, [...names]),
        notExists(
          db
            .select({ one: sql`1` })
            .from(areaEventReceipts)
            .where(and(eq(areaEventReceipts.subscriber, subscriber), eq(areaEventReceipts.eventId, areaEvents.id))),
        ),
      ),
    )
    .orderBy(asc(areaEvents.seq))
    .limit(limit);
  // A fresh event is claimed by the worker whose insert wins; one whose earlier attempt failed,
  // or whose holder died, by the worker whose update still finds its lease run out.
  const inserted =
    fresh.length === 0
      ? []
      : await db
          .insert(areaEventReceipts)
          .values(fresh.map((e) => ({ subscriber, eventId: e.id, leaseUntil })))
          .onConflictDoNothing()
          .returning({ eventId: areaEventReceipts.eventId, attempts: areaEventReceipts.attempts });
  const retried = await db
    .update(areaEventReceipts)
    .set({ leaseUntil })
    .where(
      and(
        eq(areaEventReceipts.subscriber, subscriber),
        isNull(areaEventReceipts.handledAt),
        lte(areaEventReceipts.leaseUntil, now),
      ),
    )
    .returning({ eventId: areaEventReceipts.eventId, attempts: areaEventReceipts.attempts });
  const claimed = [...inserted, ...retried];
  if (claimed.length === 0) return [];
  const attempts = new Map(claimed.map((c) => [c.eventId, c.attempts]));
  const rows = await db
    .select()
    .from(areaEvents)
    .where(inArray(areaEvents.id, [...attempts.keys()]))
    .orderBy(asc(areaEvents.seq));
  return rows.map((row) => ({
    id: row.id,
    tenantId: row.tenantId as TenantId,
    name: row.name,
    payload: row.payload,
    createdAt: row.createdAt,
    attempts: attempts.get(row.id) ?? 0,
  }));
}

export async function markAreaEventHandled(db: DbOrTx, subscriber: string, eventId: string, now: Date) {
  await db
    .update(areaEventReceipts)
    .set({ handledAt: now, leaseUntil: null })
    .where(and(eq(areaEventReceipts.subscriber, subscriber), eq(areaEventReceipts.eventId, eventId)));
}

export async function markAreaEventFailed(
  db: DbOrTx,
  subscriber: string,
  eventId: string,
  error: string,
  retryAt: Date,
) {
  await db
    .update(areaEventReceipts)
    .set({ attempts: sql`${areaEventReceipts.attempts} + 1`, lastError: error.slice(0, 1000), leaseUntil: retryAt })
    .where(and(eq(areaEventReceipts.subscriber, subscriber), eq(areaEventReceipts.eventId, eventId)));
}
