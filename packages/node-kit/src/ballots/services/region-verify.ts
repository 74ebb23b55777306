import type { BallotRecord } from "@dynamo/domain";
import {
  type Ballot,
  type BallotId,
  type CastBy,
  chainVotes,
  maxChoicesOf,
  type PlatformId,
  tallyBallot,
  type VoteChoice,
  type VoteId,
  type VoteRecord,
  verifyReceipts,
} from "@dynamo/domain";
import type { BallotsContext } from "../deps.ts";
import { type ResultPayload, VotePayloadSchema } from "../wire.ts";

export type Verification =
  | { agrees: true; counted: VoteRecord[] }
  | { agrees: false; problem: string; counted: VoteRecord[] };

const disagree = (problem: string): Verification => ({ agrees: false, problem, counted: [] });

/** The electorate as the region received it when the ballot opened, and as the result says. */
const sameElectorate = (a: BallotRecord["electorate"], b: ResultPayload["electorate"]) =>
  JSON.stringify(a ?? []) === JSON.stringify(b);

/**
 * Recomputes a roll-call result from what the hub published, with the same domain code: every
 * signed vote's integrity proof checked against its platform actor's key, that actor living at
 * its region's origin, the chain of votes rebuilt to the same head, and the tally counted again
 * to the same figures. Any difference is named.
 */
export async function verifyRollCall(
  ctx: BallotsContext,
  ballot: BallotRecord,
  result: ResultPayload,
): Promise<Verification> {
  const network = ctx.network;
  if (network === undefined) return disagree("not-peered");
  if (result.votes === null || result.chainHead === null) return disagree("missing-votes");
  if (!sameElectorate(ballot.electorate, result.electorate)) return disagree("electorate-changed");
  const records: VoteRecord[] = [];
  const ballotId = result.ballotId as BallotId;
  for (const published of result.votes) {
    const receivedAt = new Date(published.receivedAt);
    if (published.inRoom !== null) {
      records.push({
        id: published.id as VoteId,
        ballotId,
        platformId: published.platformId as PlatformId,
        choice: published.inRoom.choice as VoteChoice,
        castBy: published.inRoom.castBy as CastBy,
        signedAt: new Date(published.inRoom.signedAt),
        receivedAt,
      });
      continue;
    }
    if (published.signed === null) return disagree(`unsigned-vote:${published.id}`);
    const payload = VotePayloadSchema.safeParse(published.signed);
    if (!payload.success) return disagree(`vote-mismatch:${published.id}`);
    const doc = payload.data;
    const proof = await network.verifyVote(ctx.tenant, published.signed);
    if (!proof.ok || proof.value.controller !== doc.actor) return disagree(`bad-signature:${published.id}`);
    const actor = network.platformOfActor(doc.actor);
    const member = result.electorate.find((m) => m.platformId === published.platformId);
    const region = member && result.regions.find((r) => r.regionCode === member.regionCode);
    if (
      doc.id !== published.id ||
      doc.ballot !== result.ballot ||
      doc.platformId !== published.platformId ||
      actor?.platformId !== published.platformId ||
      region === undefined ||
      new URL(region.actorId).origin !== actor.origin
    ) {
      return disagree(`vote-mismatch:${published.id}`);
    }
    records.push({
      id: published.id as VoteId,
      ballotId,
      platformId: published.platformId as PlatformId,
      choice: doc.choice as VoteChoice,
      castBy: doc.castBy as CastBy,
      signedAt: new Date(doc.signedAt),
      receivedAt,
    });
  }
  if (chainVotes(ballotId, records, ctx.hash).head !== result.chainHead) return disagree("chain-mismatch");
  const domainBallot: Ballot = {
    id: ballotId,
    question: ballot.title,
    rules: ballot.rules,
    opensAt: ballot.opensAt,
    closesAt: ballot.closesAt,
    graceMs: ballot.graceMs,
    electorate: result.electorate.map((m) => ({ platformId: m.platformId as PlatformId, regionCode: m.regionCode })),
  };
  const tally = tallyBallot(domainBallot, records);
  const same =
    JSON.stringify(tally.counts) === JSON.stringify(result.counts) &&
    tally.electorate === result.electorateSize &&
    tally.votesCounted === result.votesCounted &&
    tally.abstentions === result.abstentions &&
    tally.blanks === result.blanks &&
    tally.cast === result.cast &&
    tally.quorumReached === result.quorumReached &&
    tally.majorityReached === result.majorityReached &&
    tally.outcome.kind === result.outcome &&
    JSON.stringify(tally.outcome.kind === "adopted" ? tally.outcome.optionIds : []) === JSON.stringify(result.adopted);
  return same
    ? { agrees: true, counted: tally.counted }
    : { agrees: false, problem: "count-mismatch", counted: tally.counted };
}

/**
 * A secret ballot publishes counts and receipts only: the list must be sorted, match its digest
 * and hold one receipt per counted vote, and every receipt this region holds for its platforms'
 * counted votes must be in it.
 */
export function verifySecret(
  ctx: BallotsContext,
  ballot: BallotRecord,
  result: ResultPayload,
  ownReceipts: readonly string[],
): Verification {
  if (result.receipts === null || result.receiptsDigest === null) return disagree("missing-receipts");
  if (!sameElectorate(ballot.electorate, result.electorate)) return disagree("electorate-changed");
  const list = { ballotId: result.ballotId as BallotId, receipts: result.receipts, digest: result.receiptsDigest };
  if (!verifyReceipts(list, ctx.hash)) return disagree("receipts-digest");
  if (result.receipts.length !== result.votesCounted) return disagree("receipts-count");
  const optionTotal = result.counts.reduce((sum, c) => sum + c.votes, 0);
  const singleChoice = maxChoicesOf(ballot.rules.options) === 1;
  if (singleChoice && optionTotal + result.abstentions + result.blanks !== result.votesCounted) {
    return disagree("count-mismatch");
  }
  const included = new Set(result.receipts);
  for (const receipt of ownReceipts) if (!included.has(receipt)) return disagree("receipt-missing");
  return { agrees: true, counted: [] };
}
