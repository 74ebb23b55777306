import type { TenantId } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { and, desc, eq } from "drizzle-orm";
import { inboxRefusals, receivedActivities } from "./network-schema.ts";

export interface InboxRefusal {
  at: Date;
  activityId: string | null;
  actorId: string | null;
  type: string | null;
  reason: string;
  detail: string | null;
}

/** What a tenant received: activities applied (by id, once each) and messages refused, with why. */
export function createReceivedRepo(db: DbOrTx, tenantId: TenantId) {
  return {
    /**
     * Records an activity as applied; false when it already was (from the inbox or a catch-up).
     * Called first in the transaction that applies it: a second copy waits on the row, then
     * finds it and applies nothing.
     */
    async claim(activity: { activityId: string; actorId: string; type: string; via: "inbox" | "catch-up" }, now: Date) {
      const inserted = await db
        .insert(receivedActivities)
        .values({ tenantId, ...activity, receivedAt: now })
        .onConflictDoNothing()
        .returning({ id: receivedActivities.activityId });
      return inserted.length === 1;
    },

    async seen(activityId: string): Promise<boolean> {
      const [row] = await db
        .select({ id: receivedActivities.activityId })
        .from(receivedActivities)
        .where(and(eq(receivedActivities.tenantId, tenantId), eq(receivedActivities.activityId, activityId)));
      return row !== undefined;
    },

    async refuse(id: string, refusal: Omit<InboxRefusal, "at">, now: Date): Promise<void> {
      await db.insert(inboxRefusals).values({ id, tenantId, at: now, ...refusal });
    },

    async refusals(limit: number): Promise<InboxRefusal[]> {
      const rows = await db
        .select()
        .from(inboxRefusals)
        .where(eq(inboxRefusals.tenantId, tenantId))
        .orderBy(desc(inboxRefusals.at))
        .limit(limit);
      return rows.map(({ at, activityId, actorId, type, reason, detail }) => ({
        at,
        activityId,
        actorId,
        type,
        reason,
        detail,
      }));
    },
  };
}

export type ReceivedRepo = ReturnType<typeof createReceivedRepo>;
