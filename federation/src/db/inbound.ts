import type { TenantId } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { inboundMessages as inbox } from "./schema.ts";

export interface PendingMessage {
  id: string;
  tenantId: TenantId;
  activityId: string;
  activity: Record<string, unknown>;
  via: "inbox" | "catch-up";
  receivedAt: Date;
  attempts: number;
}

/** Keeps an activity of a tenant for the inbound worker; a second copy of one activity is dropped. */
export async function keepInboundMessage(
  db: DbOrTx,
  row: {
    id: string;
    tenantId: TenantId;
    activityId: string;
    activity: Record<string, unknown>;
    via: "inbox" | "catch-up";
    receivedAt: Date;
  },
): Promise<boolean> {
  const rows = await db
    .insert(inbox)
    .values(row)
    .onConflictDoNothing({ target: [inbox.tenantId, inbox.activityId] })
    .returning({ id: inbox.id });
  return rows.length > 0;
}

/**
 * Node-level, for the inbound worker: claims up to `limit` pending activities of any tenant
 * (oldest first) with a lease, skipping those another worker holds. Each is then applied in its
 * tenant's scope.
 */
export async function claimInboundMessages(
  db: DbOrTx,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<PendingMessage[]> {
  const due = db
    .select({ id: inbox.id })
    .from(inbox)
    .where(and(isNull(inbox.processedAt), or(isNull(inbox.leaseUntil), lte(inbox.leaseUntil, now))))
    .orderBy(asc(inbox.receivedAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(inbox)
    .set({ leaseUntil: new Date(now.getTime() + leaseMs) })
    .where(inArray(inbox.id, due))
    .returning();
  return claimed
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())
    .map((row) => ({
      id: row.id,
      tenantId: row.tenantId as TenantId,
      activityId: row.activityId,
      activity: row.activity,
      via: row.via,
      receivedAt: row.receivedAt,
      attempts: row.attempts,
    }));
}

export async function markInboundMessageProcessed(db: DbOrTx, tenantId: TenantId, id: string, now: Date) {
  await db
    .update(inbox)
    .set({ processedAt: now, leaseUntil: null })
    .where(and(eq(inbox.tenantId, tenantId), eq(inbox.id, id)));
}

/** A failed attempt: tried again once the lease (pushed back by `retryInMs`) runs out. */
export async function markInboundMessageFailed(
  db: DbOrTx,
  tenantId: TenantId,
  id: string,
  error: string,
  retryAt: Date,
) {
  await db
    .update(inbox)
    .set({ attempts: sql`${inbox.attempts} + 1`, lastError: error.slice(0, 1000), leaseUntil: retryAt })
    .where(and(eq(inbox.tenantId, tenantId), eq(inbox.id, id)));
}

/** Whether the inbound worker has applied an activity of the tenant (its area accepted or refused it). */
export async function isInboundMessageApplied(db: DbOrTx, tenantId: TenantId, activityId: string): Promise<boolean> {
  const [row] = await db
    .select({ processedAt: inbox.processedAt })
    .from(inbox)
    .where(and(eq(inbox.tenantId, tenantId), eq(inbox.activityId, activityId)));
  return row?.processedAt != null;
}
