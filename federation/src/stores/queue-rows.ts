import { randomUUID } from "node:crypto";
import type { Db } from "@dynamo/db";
import { and, eq, gt, isNotNull, isNull, lt, lte, ne, notExists, or, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { SecretBox } from "../crypto/secret-box.ts";

import { fedifyQueue } from "../db/schema.ts";

export interface NewQueueRow {
  message: unknown;
  delayMs: number;
  orderingKey: string | undefined;
}

/** A row a worker holds a lease on. The payload is still sealed: open() may refuse it. */
export interface ClaimedRow {
  id: string;
  leaseToken: string;
  attempts: number;
  sealedPayload: string;
}

/**
 * The queue table's operations, one SQL statement each, so they behave the same on PGlite (one
 * connection) and PostgreSQL (many workers, many processes). A claim picks the oldest available
 * row whose ordering key has no earlier row waiting and none in flight, locks it with
 * FOR UPDATE SKIP LOCKED and writes a lease; after that the lease, not a lock, keeps other
 * workers away. Completing or releasing a row needs the lease token, so a worker whose lease ran
 * out (and whose row was re-claimed) cannot delete or release someone else's claim.
 */
export function createQueueRows(db: Db, box: SecretBox) {
  const other = alias(fedifyQueue, "other");
  const afterMs = (ms: number): SQL => sql`now() + ${Math.max(0, Math.ceil(ms))} * interval '1 millisecond'`;

  return {
    async insert(rows: readonly NewQueueRow[]): Promise<void> {
      if (rows.length === 0) return;
      await db.insert(fedifyQueue).values(
        rows.map((row) => {
          const id = randomUUID();
          return {
            id,
            payload: box.seal(JSON.stringify(row.message), id),
            orderingKey: row.orderingKey ?? null,
            availableAt: afterMs(row.delayMs),
          };
        }),
      );
    },

    async claim(leaseMs: number): Promise<ClaimedRow | undefined> {
      const leaseToken = randomUUID();
      const blockedByItsKey = db
        .select({ one: sql`1` })
        .from(other)
        .where(
          and(
            eq(other.orderingKey, fedifyQueue.orderingKey),
            ne(other.id, fedifyQueue.id),
            or(lt(other.seq, fedifyQueue.seq), gt(other.leaseUntil, sql`now()`)),
          ),
        );
      const next = db
        .select({ id: fedifyQueue.id })
        .from(fedifyQueue)
        .where(
          and(
            lte(fedifyQueue.availableAt, sql`now()`),
            or(isNull(fedifyQueue.leaseUntil), lte(fedifyQueue.leaseUntil, sql`now()`)),
            or(isNull(fedifyQueue.orderingKey), notExists(blockedByItsKey)),
          ),
        )
        .orderBy(fedifyQueue.availableAt, fedifyQueue.seq)
        .limit(1)
        .for("update", { skipLocked: true });
      const [row] = await db
        .update(fedifyQueue)
        .set({ leaseUntil: afterMs(leaseMs), leaseToken, attempts: sql`${fedifyQueue.attempts} + 1` })
        .where(eq(fedifyQueue.id, sql`(${next})`))
        .returning({ id: fedifyQueue.id, attempts: fedifyQueue.attempts, sealedPayload: fedifyQueue.payload });
      return row === undefined ? undefined : { ...row, leaseToken };
    },

    /** The message inside a claimed row; throws SealedValueError if the row was tampered with. */
    open(row: ClaimedRow): unknown {
      return JSON.parse(box.open(row.sealedPayload, row.id));
    },

    /** Keeps a long-running handler's claim: true while the lease is still ours. */
    async extend(row: ClaimedRow, leaseMs: number): Promise<boolean> {
      const updated = await db
        .update(fedifyQueue)
        .set({ leaseUntil: afterMs(leaseMs) })
        .where(held(row))
        .returning({ id: fedifyQueue.id });
      return updated.length === 1;
    },

    /** The handler succeeded: the row goes. */
    async complete(row: ClaimedRow): Promise<void> {
      await db.delete(fedifyQueue).where(held(row));
    },

    /** The handler failed: the row stays, available again after the delay. */
    async release(row: ClaimedRow, delayMs: number): Promise<void> {
      await db
        .update(fedifyQueue)
        .set({ leaseUntil: null, leaseToken: null, availableAt: afterMs(delayMs) })
        .where(held(row));
    },

    async depth(): Promise<{ queued: number; ready: number; delayed: number }> {
      const [row] = await db
        .select({
          queued: sql<number>`count(*)::int`,
          ready: sql<number>`(count(*) filter (where ${fedifyQueue.availableAt} <= now()))::int`,
        })
        .from(fedifyQueue)
        .where(or(isNull(fedifyQueue.leaseUntil), lte(fedifyQueue.leaseUntil, sql`now()`)));
      const queued = row?.queued ?? 0;
      const ready = row?.ready ?? 0;
      return { queued, ready, delayed: queued - ready };
    },
  };
}

function held(row: ClaimedRow): SQL | undefined {
  return and(eq(fedifyQueue.id, row.id), isNotNull(fedifyQueue.leaseToken), eq(fedifyQueue.leaseToken, row.leaseToken));
}

export type QueueRows = ReturnType<typeof createQueueRows>;
