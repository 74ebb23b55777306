import type { CountryCode } from "@dynamo/core";
import type { BallotId, VoteId } from "../domain/ids.ts";
import { type BallotRecord, ballotOf } from "../domain/lifecycle.ts";
import { type RollCallLine, rollCall } from "../domain/roll-call.ts";
import { tallyBallot } from "../domain/tally.ts";
import type { CastBy, VoteChoice, VoteRecord } from "../domain/vote.ts";
import { type PublishedVote, type ResultPayload, VotePayloadSchema } from "../wire.ts";

/**
 * A published vote in domain terms: the signed document's content, or the secretariat's in-room
 * record. Undefined when a signed vote does not read as a vote. Signatures are not checked here
 * (see region-verify.ts, which does, and names any problem).
 */
export function publishedVoteRecord(published: PublishedVote, ballotId: BallotId): VoteRecord | undefined {
  const common = {
    id: published.id as VoteId,
    ballotId,
    platformId: published.platformId as CountryCode,
    receivedAt: new Date(published.receivedAt),
  };
  if (published.inRoom !== null) {
    return {
      ...common,
      choice: published.inRoom.choice as VoteChoice,
      castBy: published.inRoom.castBy as CastBy,
      signedAt: new Date(published.inRoom.signedAt),
    };
  }
  const payload = VotePayloadSchema.safeParse(published.signed);
  if (!payload.success) return undefined;
  return {
    ...common,
    choice: payload.data.choice as VoteChoice,
    castBy: payload.data.castBy as CastBy,
    signedAt: new Date(payload.data.signedAt),
  };
}

/** A line of the roll call, with whether its vote was recorded in the room and by whom. */
export type RollCallView = RollCallLine & { recordedBy: string | null };

/**
 * The roll call of a roll-call ballot's published result: every platform of the electorate with
 * its counted vote and who cast it (its representative, substitute, or proxy holder, or the
 * secretariat in the room), counted again from the published votes with the domain's tally.
 * Undefined for a secret ballot, whose result publishes no votes.
 */
export function rollCallOf(ballot: BallotRecord, result: ResultPayload): RollCallView[] | undefined {
  const copy = ballotOf(ballot);
  if (result.votes === null || copy === undefined) return undefined;
  // Counted as the hub counted: with the reception it published (its downtime, the regions' answers).
  const domainBallot = { ...copy, extensionMs: result.extensionMs };
  const records = result.votes
    .map((published) => publishedVoteRecord(published, ballot.id))
    .filter((record): record is VoteRecord => record !== undefined);
  const inRoom = new Map(result.votes.filter((v) => v.inRoom !== null).map((v) => [v.id, v.inRoom?.recordedBy ?? ""]));
  return rollCall(domainBallot, tallyBallot(domainBallot, records)).map((line) => ({
    ...line,
    recordedBy: line.voteId === null ? null : (inRoom.get(line.voteId) ?? null),
  }));
}
