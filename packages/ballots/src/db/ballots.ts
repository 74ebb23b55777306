import type { TenantId } from "@dynamo/core";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { ElectorateMember } from "../domain/ballot.ts";
import type { BallotId } from "../domain/ids.ts";
import type { BallotRecord, BallotStatus } from "../domain/lifecycle.ts";
import type { Reception } from "../domain/reception.ts";
import { type BallotMandate, ballots, type StoredReception } from "./schema.ts";

export type { BallotMandate };

import type { DbOrTx } from "@dynamo/db";

type Row = typeof ballots.$inferSelect;

const receptionOf = (stored: StoredReception | null): Reception | null =>
  stored && {
    downtime: stored.downtime.map((o) => ({ from: new Date(o.from), to: new Date(o.to) })),
    downtimeMs: stored.downtimeMs,
    collectingSince: stored.collectingSince === null ? null : new Date(stored.collectingSince),
    asked: stored.asked,
    answers: stored.answers.map((a) => ({ ...a, at: new Date(a.at) })),
  };

const storedReception = (reception: Reception): StoredReception => ({
  downtime: reception.downtime.map((o) => ({ from: o.from.toISOString(), to: o.to.toISOString() })),
  downtimeMs: reception.downtimeMs,
  collectingSince: reception.collectingSince?.toISOString() ?? null,
  asked: reception.asked,
  answers: reception.answers.map((a) => ({ ...a, at: a.at.toISOString() })),
});

function toRecord(row: Row): BallotRecord {
  return {
    id: row.id as BallotId,
    uri: row.uri,
    role: row.role,
    title: row.title,
    description: row.description,
    rules: row.rules,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
    graceMs: row.graceMs,
    extensionMs: row.extensionMs,
    reception: receptionOf(row.reception),
    status: row.status,
    electorate: row.electorate,
    cancelReason: row.cancelReason,
    createdAt: row.createdAt,
    openedAt: row.openedAt,
    cancelledAt: row.cancelledAt,
    closedAt: row.closedAt,
  };
}

export type NewBallotRecord = Omit<
  BallotRecord,
  "openedAt" | "cancelledAt" | "closedAt" | "cancelReason" | "extensionMs" | "reception"
> & {
  createdBy: string | null;
};

/** The ballots of one tenant: issued by the hub, or received by a region. */
export function createBallotRepo(db: DbOrTx, tenantId: TenantId) {
  const scoped = (...conditions: Parameters<typeof and>) => and(eq(ballots.tenantId, tenantId), ...conditions);

  return {
    async create(record: NewBallotRecord): Promise<BallotRecord> {
      const [row] = await db
        .insert(ballots)
        .values({
          ...record,
          tenantId,
          updatedAt: record.createdAt,
        })
        .returning();
      if (row === undefined) throw new Error("insert returned no row");
      return toRecord(row);
    },

    async findById(id: string): Promise<BallotRecord | undefined> {
      const [row] = await db
        .select()
        .from(ballots)
        .where(scoped(eq(ballots.id, id)));
      return row && toRecord(row);
    },

    /** The ballot, locked until the transaction ends: two processes never change it at once. */
    async lock(id: string): Promise<BallotRecord | undefined> {
      const [row] = await db
        .select()
        .from(ballots)
        .where(scoped(eq(ballots.id, id)))
        .for("update");
      return row && toRecord(row);
    },

    async findByUri(uri: string): Promise<BallotRecord | undefined> {
      const [row] = await db
        .select()
        .from(ballots)
        .where(scoped(eq(ballots.uri, uri)));
      return row && toRecord(row);
    },

    /** Every ballot, the ones closing last first; drafts are listed only when asked for. */
    async list(options: { includeDrafts: boolean }): Promise<BallotRecord[]> {
      const rows = await db
        .select()
        .from(ballots)
        .where(options.includeDrafts ? scoped() : scoped(sql`${ballots.status} <> 'draft'`))
        .orderBy(desc(ballots.closesAt), asc(ballots.id));
      return rows.map(toRecord);
    },

    /** The hub's reception of an open ballot: its downtime, the regions asked and their answers. */
    async setReception(id: string, extensionMs: number, reception: Reception, now: Date): Promise<void> {
      await db
        .update(ballots)
        .set({ extensionMs, reception: storedReception(reception), updatedAt: now })
        .where(scoped(eq(ballots.id, id)));
    },

    async open(id: string, electorate: ElectorateMember[], now: Date): Promise<void> {
      await db
        .update(ballots)
        .set({ status: "open", electorate, openedAt: now, updatedAt: now })
        .where(scoped(eq(ballots.id, id)));
    },

    async cancel(id: string, reason: string, now: Date): Promise<void> {
      await db
        .update(ballots)
        .set({ status: "cancelled", cancelReason: reason, cancelledAt: now, updatedAt: now })
        .where(scoped(eq(ballots.id, id)));
    },

    async close(id: string, now: Date): Promise<void> {
      await db
        .update(ballots)
        .set({ status: "closed", closedAt: now, updatedAt: now })
        .where(scoped(eq(ballots.id, id)));
    },

    /** A region's copy of a ballot, as the hub last described it (a new one, or its update). */
    async saveReceived(
      record: Omit<NewBallotRecord, "createdBy" | "role"> & { cancelReason: string | null; extensionMs: number },
    ) {
      const values = {
        ...record,
        tenantId,
        role: "received" as const,
        createdBy: null,
        updatedAt: record.createdAt,
        cancelledAt: record.status === "cancelled" ? record.createdAt : null,
      };
      const [row] = await db
        .insert(ballots)
        .values(values)
        .onConflictDoUpdate({
          target: [ballots.tenantId, ballots.uri],
          set: {
            title: values.title,
            description: values.description,
            rules: values.rules,
            opensAt: values.opensAt,
            closesAt: values.closesAt,
            graceMs: values.graceMs,
            extensionMs: values.extensionMs,
            electorate: values.electorate,
            // A ballot never goes back: a closed or cancelled copy stays so.
            status: sql`case when ${ballots.status} in ('closed', 'cancelled') then ${ballots.status} else excluded.status end`,
            cancelReason: values.cancelReason,
            updatedAt: values.createdAt,
          },
        })
        .returning();
      if (row === undefined) throw new Error("upsert returned no row");
      return toRecord(row);
    },

    /** A region's copy: the mandates in force, as the hub last announced them. */
    async mandates(id: string): Promise<BallotMandate[]> {
      const [row] = await db
        .select({ mandates: ballots.mandates })
        .from(ballots)
        .where(scoped(eq(ballots.id, id)));
      return row?.mandates ?? [];
    },

    async setMandates(id: string, mandates: readonly BallotMandate[], now: Date): Promise<void> {
      await db
        .update(ballots)
        .set({ mandates: [...mandates], updatedAt: now })
        .where(scoped(eq(ballots.id, id)));
    },

    async setStatus(id: string, status: BallotStatus, now: Date): Promise<void> {
      await db
        .update(ballots)
        .set({ status, updatedAt: now, ...(status === "closed" ? { closedAt: now } : {}) })
        .where(scoped(eq(ballots.id, id)));
    },
  };
}

export type BallotRepo = ReturnType<typeof createBallotRepo>;

/**
 * Node-level: the open ballots past their reception deadline, of every tenant of the node, for
 * the tally poller. The tally itself then works inside the ballot's own tenant.
 */
export async function listBallotsDue(db: DbOrTx, now: Date): Promise<{ tenantId: TenantId; ballotId: BallotId }[]> {
  const rows = await db
    .select({ tenantId: ballots.tenantId, id: ballots.id })
    .from(ballots)
    .where(
      and(
        eq(ballots.role, "issued"),
        eq(ballots.status, "open"),
        sql`${ballots.closesAt} + ((${ballots.graceMs} + ${ballots.extensionMs}) * interval '1 millisecond') <= ${now.toISOString()}::timestamptz`,
      ),
    )
    .orderBy(asc(ballots.closesAt));
  return rows.map((row) => ({ tenantId: row.tenantId as TenantId, ballotId: row.id as BallotId }));
}
