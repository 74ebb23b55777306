import type { CountryCode, PlatformId, TenantId } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { BallotId } from "../domain/ids.ts";
import type { CastBy, VoteChoice } from "../domain/vote.ts";
import { type CastVoteStatus, castVotes } from "./schema.ts";

export type { CastVoteStatus };

/** A vote a region cast for one of its platforms, and what became of it. */
export interface CastVote {
  id: string;
  ballotId: BallotId;
  /** The platform of the person who cast it (a local platform id). */
  platformId: PlatformId;
  /** Cast by proxy: the country code of the platform the vote is for; null for the platform's own vote. */
  proxyFor: CountryCode | null;
  personId: string | null;
  personName: string | null;
  choice: VoteChoice;
  castBy: CastBy;
  activityUri: string;
  signedAt: Date;
  /** The signed vote document (null for votes cast before it was kept). */
  signed: Record<string, unknown> | null;
  status: CastVoteStatus;
  refusal: { kind: string } | null;
  receipt: string | null;
  receiptNonce: string | null;
  receiptReceivedAt: Date | null;
  hubReceivedAt: Date | null;
}

type Row = typeof castVotes.$inferSelect;

const toCastVote = (row: Row): CastVote => ({
  id: row.id,
  ballotId: row.ballotId as BallotId,
  platformId: row.platformId as PlatformId,
  proxyFor: row.proxyFor as CountryCode | null,
  personId: row.personId,
  personName: row.personName,
  choice: row.choice,
  castBy: row.castBy,
  activityUri: row.activityUri,
  signedAt: row.signedAt,
  signed: row.signed,
  status: row.status,
  refusal: row.refusal,
  receipt: row.receipt,
  receiptNonce: row.receiptNonce,
  receiptReceivedAt: row.receiptReceivedAt,
  hubReceivedAt: row.hubReceivedAt,
});

export function createCastVoteRepo(db: DbOrTx, tenantId: TenantId) {
  const scoped = (...conditions: Parameters<typeof and>) => and(eq(castVotes.tenantId, tenantId), ...conditions);

  return {
    async add(vote: Omit<CastVote, "refusal" | "receipt" | "receiptNonce" | "receiptReceivedAt" | "hubReceivedAt">) {
      await db.insert(castVotes).values({ ...vote, tenantId, updatedAt: vote.signedAt });
    },

    async findById(id: string): Promise<CastVote | undefined> {
      const [row] = await db
        .select()
        .from(castVotes)
        .where(scoped(eq(castVotes.id, id)));
      return row && toCastVote(row);
    },

    async findByActivityUri(activityUri: string): Promise<CastVote | undefined> {
      const [row] = await db
        .select()
        .from(castVotes)
        .where(scoped(eq(castVotes.activityUri, activityUri)));
      return row && toCastVote(row);
    },

    /** The votes cast in a ballot (for some platforms, or all), the last cast first. */
    async list(ballotId: BallotId, platformIds?: readonly string[]): Promise<CastVote[]> {
      if (platformIds !== undefined && platformIds.length === 0) return [];
      const rows = await db
        .select()
        .from(castVotes)
        .where(
          platformIds === undefined
            ? scoped(eq(castVotes.ballotId, ballotId))
            : scoped(eq(castVotes.ballotId, ballotId), inArray(castVotes.platformId, [...platformIds])),
        )
        .orderBy(desc(castVotes.signedAt), desc(castVotes.activityUri));
      return rows.map(toCastVote);
    },

    /** The hub's receipt: delivered (with the receipt) or refused (with the reason). */
    async recordReceipt(
      activityUri: string,
      receipt: {
        status: "delivered" | "refused";
        refusal: { kind: string } | null;
        receipt: string | null;
        nonce: string | null;
        hubReceivedAt: Date | null;
        at: Date;
      },
    ): Promise<boolean> {
      const rows = await db
        .update(castVotes)
        .set({
          status: receipt.status,
          refusal: receipt.refusal,
          receipt: receipt.receipt,
          receiptNonce: receipt.nonce,
          hubReceivedAt: receipt.hubReceivedAt,
          receiptReceivedAt: receipt.at,
          updatedAt: receipt.at,
        })
        .where(scoped(eq(castVotes.activityUri, activityUri)))
        .returning({ id: castVotes.id });
      return rows.length > 0;
    },

    async markCounted(ids: readonly string[], at: Date): Promise<void> {
      if (ids.length === 0) return;
      await db
        .update(castVotes)
        .set({ status: "counted", updatedAt: at })
        .where(scoped(inArray(castVotes.id, [...ids])));
    },

    /** A ballot's votes still queued when its result came: never "queued" beside a result. */
    async markNotCounted(ballotId: BallotId, at: Date): Promise<void> {
      await db
        .update(castVotes)
        .set({ status: "not-counted", updatedAt: at })
        .where(scoped(eq(castVotes.ballotId, ballotId), eq(castVotes.status, "queued")));
    },
  };
}

export type CastVoteRepo = ReturnType<typeof createCastVoteRepo>;
