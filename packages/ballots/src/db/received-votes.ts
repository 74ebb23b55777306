import type { CountryCode, RegionCode, TenantId } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { and, asc, eq, sql } from "drizzle-orm";
import type { BallotId, VoteId } from "../domain/ids.ts";
import type { CastBy, VoteChoice, VoteRecord } from "../domain/vote.ts";
import { receivedVotes } from "./schema.ts";

type Row = typeof receivedVotes.$inferSelect;

/** A vote as the hub received (or recorded) it, with what became of it. */
export interface ReceivedVote {
  id: string;
  ballotId: BallotId;
  vote: VoteRecord;
  actorUri: string | null;
  regionCode: RegionCode | null;
  signedActivity: Record<string, unknown> | null;
  inRoom: boolean;
  recordedBy: string | null;
  recordedByName: string | null;
  outcome: "accepted" | "refused";
  refusal: { kind: string } | null;
  receiptNonce: string | null;
  receipt: string | null;
  /** For a vote cast by proxy: the signed delegation that gave its holder the mandate. */
  mandate: Record<string, unknown> | null;
}

export type NewReceivedVote = Omit<ReceivedVote, "id"> & { id: string };

function toVote(row: Row): ReceivedVote {
  return {
    id: row.id,
    ballotId: row.ballotId as BallotId,
    vote: {
      id: row.voteUri as VoteId,
      ballotId: row.ballotId as BallotId,
      platformId: row.platformId as CountryCode,
      choice: row.choice as VoteChoice,
      castBy: row.castBy as CastBy,
      signedAt: row.signedAt,
      receivedAt: row.receivedAt,
    },
    actorUri: row.actorUri,
    regionCode: row.regionCode,
    signedActivity: row.signedActivity,
    inRoom: row.inRoom,
    recordedBy: row.recordedBy,
    recordedByName: row.recordedByName,
    outcome: row.outcome,
    refusal: row.refusal,
    receiptNonce: row.receiptNonce,
    receipt: row.receipt,
    mandate: row.mandate,
  };
}

/** The votes the hub received for its ballots: accepted ones count, refused ones are kept with the reason. */
export function createReceivedVoteRepo(db: DbOrTx, tenantId: TenantId) {
  const scoped = (...conditions: Parameters<typeof and>) => and(eq(receivedVotes.tenantId, tenantId), ...conditions);

  return {
    /** Records a vote once: a second record of the same vote id changes nothing and returns false. */
    async add(vote: NewReceivedVote): Promise<boolean> {
      const rows = await db
        .insert(receivedVotes)
        .values({
          id: vote.id,
          tenantId,
          ballotId: vote.ballotId,
          voteUri: vote.vote.id,
          actorUri: vote.actorUri,
          platformId: vote.vote.platformId,
          regionCode: vote.regionCode,
          choice: vote.vote.choice,
          castBy: vote.vote.castBy,
          signedAt: vote.vote.signedAt,
          receivedAt: vote.vote.receivedAt,
          signedActivity: vote.signedActivity,
          inRoom: vote.inRoom,
          recordedBy: vote.recordedBy,
          recordedByName: vote.recordedByName,
          outcome: vote.outcome,
          refusal: vote.refusal,
          receiptNonce: vote.receiptNonce,
          receipt: vote.receipt,
          mandate: vote.mandate,
        })
        .onConflictDoNothing({ target: [receivedVotes.tenantId, receivedVotes.voteUri] })
        .returning({ id: receivedVotes.id });
      return rows.length > 0;
    },

    async findByUri(voteUri: string): Promise<ReceivedVote | undefined> {
      const [row] = await db
        .select()
        .from(receivedVotes)
        .where(scoped(eq(receivedVotes.voteUri, voteUri)));
      return row && toVote(row);
    },

    /** The accepted votes of a ballot, in order of reception. */
    async listAccepted(ballotId: BallotId): Promise<ReceivedVote[]> {
      const rows = await db
        .select()
        .from(receivedVotes)
        .where(scoped(eq(receivedVotes.ballotId, ballotId), eq(receivedVotes.outcome, "accepted")))
        .orderBy(asc(receivedVotes.receivedAt), asc(receivedVotes.voteUri));
      return rows.map(toVote);
    },

    /** Every vote of a ballot, accepted or refused, in order of reception. */
    async list(ballotId: BallotId): Promise<ReceivedVote[]> {
      const rows = await db
        .select()
        .from(receivedVotes)
        .where(scoped(eq(receivedVotes.ballotId, ballotId)))
        .orderBy(asc(receivedVotes.receivedAt), asc(receivedVotes.voteUri));
      return rows.map(toVote);
    },

    /** How many platforms of each region have an accepted vote: turnout, never choices. */
    async turnoutByRegion(ballotId: BallotId): Promise<{ regionCode: RegionCode | null; platforms: number }[]> {
      const rows = await db
        .select({
          regionCode: receivedVotes.regionCode,
          platforms: sql<number>`count(distinct ${receivedVotes.platformId})::int`,
        })
        .from(receivedVotes)
        .where(scoped(eq(receivedVotes.ballotId, ballotId), eq(receivedVotes.outcome, "accepted")))
        .groupBy(receivedVotes.regionCode);
      return rows.map((row) => ({ regionCode: row.regionCode, platforms: Number(row.platforms) }));
    },
  };
}

export type ReceivedVoteRepo = ReturnType<typeof createReceivedVoteRepo>;
