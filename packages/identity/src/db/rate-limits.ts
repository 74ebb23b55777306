import type { TenantId } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { and, eq, sql } from "drizzle-orm";
import { rateLimits } from "./schema.ts";

export interface RateLimitState {
  count: number;
  windowStartedAt: Date;
}

/**
 * Fixed-window counters in the database, so that every node process behind a load balancer
 * counts the same attempts. Times come from the caller's clock.
 */
export function createRateLimitRepo(db: DbOrTx, tenantId: TenantId) {
  return {
    async get(key: string): Promise<RateLimitState | undefined> {
      const [row] = await db
        .select()
        .from(rateLimits)
        .where(and(eq(rateLimits.tenantId, tenantId), eq(rateLimits.key, key)));
      return row && { count: row.count, windowStartedAt: row.windowStartedAt };
    },

    /** Counts one more attempt; a window older than windowMs starts again at one. */
    async hit(key: string, windowMs: number, now: Date): Promise<RateLimitState> {
      const windowStart = new Date(now.getTime() - windowMs);
      const [row] = await db
        .insert(rateLimits)
        .values({ tenantId, key, windowStartedAt: now, count: 1 })
        .onConflictDoUpdate({
          target: [rateLimits.tenantId, rateLimits.key],
          set: {
            count: sql`case when ${rateLimits.windowStartedAt} <= ${windowStart.toISOString()}::timestamptz then 1 else ${rateLimits.count} + 1 end`,
            windowStartedAt: sql`case when ${rateLimits.windowStartedAt} <= ${windowStart.toISOString()}::timestamptz then ${now.toISOString()}::timestamptz else ${rateLimits.windowStartedAt} end`,
          },
        })
        .returning();
      if (row === undefined) throw new Error("rate limit upsert returned nothing");
      return { count: row.count, windowStartedAt: row.windowStartedAt };
    },

    async reset(key: string): Promise<void> {
      await db.delete(rateLimits).where(and(eq(rateLimits.tenantId, tenantId), eq(rateLimits.key, key)));
    },
  };
}

export type RateLimitRepo = ReturnType<typeof createRateLimitRepo>;
