import type { TenantId } from "@dynamo/domain";
import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { ballotInbox } from "../../schema/ballots.ts";
import type { DbOrTx } from "../../types.ts";

export interface PendingBallotActivity {
  id: string;
  tenantId: TenantId;
  activityId: string;
  activity: Record<string, unknown>;
  attempts: number;
}

/** Keeps a ballot activity of a tenant for the ballots worker; a second copy of one activity is dropped. */
export async function keepBallotActivity(
  db: DbOrTx,
  row: { id: string; tenantId: TenantId; activityId: string; activity: Record<string, unknown>; receivedAt: Date },
): Promise<boolean> {
  const rows = await db
    .insert(ballotInbox)
    .values(row)
    .onConflictDoNothing({ target: [ballotInbox.tenantId, ballotInbox.activityId] })
    .returning({ id: ballotInbox.id });
  return rows.length > 0;
}

/**
 * Node-level, for the ballots worker: claims up to `limit` pending activities of any tenant
 * (oldest first) with a lease, skipping those another worker holds. Each is then applied in its
 * tenant's scope.
 */
export async function claimBallotActivities(
  db: DbOrTx,
  now: Date,
  leaseMs: number,
  limit: number,
): Promise<PendingBallotActivity[]> {
  const due = db
    .select({ id: ballotInbox.id })
    .from(ballotInbox)
    .where(and(isNull(ballotInbox.processedAt), or(isNull(ballotInbox.leaseUntil), lte(ballotInbox.leaseUntil, now))))
    .orderBy(asc(ballotInbox.receivedAt))
    .limit(limit)
    .for("update", { skipLocked: true });
  const claimed = await db
    .update(ballotInbox)
    .set({ leaseUntil: new Date(now.getTime() + leaseMs) })
    .where(inArray(ballotInbox.id, due))
    .returning();
  return claimed
    .sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime())
    .map((row) => ({
      id: row.id,
      tenantId: row.tenantId as TenantId,
      activityId: row.activityId,
      activity: row.activity,
      attempts: row.attempts,
    }));
}

export async function markBallotActivityProcessed(db: DbOrTx, tenantId: TenantId, id: string, now: Date) {
  await db
    .update(ballotInbox)
    .set({ processedAt: now, leaseUntil: null })
    .where(and(eq(ballotInbox.tenantId, tenantId), eq(ballotInbox.id, id)));
}

/** A failed attempt: tried again once the lease (pushed back by `retryInMs`) runs out. */
export async function markBallotActivityFailed(
  db: DbOrTx,
  tenantId: TenantId,
  id: string,
  error: string,
  retryAt: Date,
) {
  await db
    .update(ballotInbox)
    .set({ attempts: sql`${ballotInbox.attempts} + 1`, lastError: error.slice(0, 1000), leaseUntil: retryAt })
    .where(and(eq(ballotInbox.tenantId, tenantId), eq(ballotInbox.id, id)));
}

/** Whether the ballots worker has applied an activity of the tenant (accepted, refused or dropped it). */
export async function isBallotActivityApplied(db: DbOrTx, tenantId: TenantId, activityId: string): Promise<boolean> {
  const [row] = await db
    .select({ processedAt: ballotInbox.processedAt })
    .from(ballotInbox)
    .where(and(eq(ballotInbox.tenantId, tenantId), eq(ballotInbox.activityId, activityId)));
  return row?.processedAt != null;
}
