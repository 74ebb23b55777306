import type { CountryCode } from "@dynamo/core";
import type { BallotsContext } from "../deps.ts";
import type { Ballot } from "../domain/ballot.ts";
import { chainVotes } from "../domain/chain.ts";
import type { BallotId } from "../domain/ids.ts";
import type { BallotRecord } from "../domain/lifecycle.ts";
import { verifyReceipts } from "../domain/receipts.ts";
import { maxChoicesOf } from "../domain/rules.ts";
import { tallyBallot } from "../domain/tally.ts";
import type { VoteRecord } from "../domain/vote.ts";
import { DelegationPayloadSchema, type PublishedVote, type ResultPayload, VotePayloadSchema } from "../wire.ts";
import { publishedVoteRecord } from "./roll-call.ts";

export type Verification =
  | { agrees: true; counted: VoteRecord[] }
  | {
      agrees: false;
      problem: string;
      counted: VoteRecord[];
      /** The region's own signed votes the result misses. */
      evidence?: Record<string, unknown>[];
    };

const disagree = (problem: string): Verification => ({ agrees: false, problem, counted: [] });

/** The electorate as the region received it when the ballot opened, and as the result says. */
const sameElectorate = (a: BallotRecord["electorate"], b: ResultPayload["electorate"]) =>
  JSON.stringify((a ?? []).map(memberKey)) === JSON.stringify(b.map(memberKey));
const memberKey = (m: { platformId: string; regionCode: string }) => `${m.regionCode}:${m.platformId}`;

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
  if (result.votes === null || result.chainHead === null) return disagree("missing-votes");
  if (!sameElectorate(ballot.electorate, result.electorate)) return disagree("electorate-changed");
  const records: VoteRecord[] = [];
  const ballotId = result.ballotId as BallotId;
  for (const published of result.votes) {
    const problem = published.inRoom === null ? await checkSignedVote(ctx, result, published) : null;
    if (problem !== null) return disagree(`${problem}:${published.id}`);
    const record = publishedVoteRecord(published, ballotId);
    if (record === undefined) return disagree(`vote-mismatch:${published.id}`);
    records.push(record);
  }
  if (chainVotes(ballotId, records, ctx.hash).head !== result.chainHead) return disagree("chain-mismatch");
  const domainBallot: Ballot = {
    id: ballotId,
    question: ballot.title,
    rules: ballot.rules,
    opensAt: ballot.opensAt,
    closesAt: ballot.closesAt,
    graceMs: ballot.graceMs,
    extensionMs: result.extensionMs,
    electorate: result.electorate.map((m) => ({ platformId: m.platformId as CountryCode, regionCode: m.regionCode })),
  };
  const tally = tallyBallot(domainBallot, records);
  const same =
    sameCounts(tally.counts, result.counts) &&
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

/** The same counts, option by option, in the same order (whatever the order of each count's keys). */
const sameCounts = (
  a: readonly { optionId: string; votes: number }[],
  b: readonly { optionId: string; votes: number }[],
) => a.length === b.length && a.every((count, n) => count.optionId === b[n]?.optionId && count.votes === b[n]?.votes);

/**
 * A published signed vote: its integrity proof checked against its actor's key, the actor the
 * platform's (or, by proxy, its holder's) at that platform's region, the same vote, ballot and
 * platform as published, and for a proxy vote the mandate it was cast under. Null when it holds.
 */
async function checkSignedVote(
  ctx: BallotsContext,
  result: ResultPayload,
  published: PublishedVote,
): Promise<string | null> {
  const network = ctx.network;
  if (published.signed === null) return "unsigned-vote";
  const parsed = VotePayloadSchema.safeParse(published.signed);
  if (!parsed.success) return "vote-mismatch";
  const doc = parsed.data;
  const proof = await network.verifyVote(ctx.tenant, published.signed);
  if (!proof.ok || proof.value.controller !== doc.actor) return "bad-signature";
  const speaker = doc.castBy.kind === "proxy" ? doc.castBy.holder : published.platformId;
  if (
    doc.id !== published.id ||
    doc.ballot !== result.ballot ||
    doc.platformId !== published.platformId ||
    !speaksFrom(network, result, doc.actor, speaker)
  ) {
    return "vote-mismatch";
  }
  return doc.castBy.kind === "proxy" ? checkMandate(ctx, result, published.mandate, doc) : null;
}

/** Whether an actor is the platform's, living at the origin of the platform's region's node. */
function speaksFrom(
  network: BallotsContext["network"],
  result: ResultPayload,
  actorUri: string,
  platformId: string,
): boolean {
  const actor = network.platformOfActor(actorUri);
  const member = result.electorate.find((m) => m.platformId === platformId);
  const region = member && result.regions.find((r) => r.regionCode === member.regionCode);
  return actor?.platformId === platformId && region !== undefined && new URL(region.actorId).origin === actor.origin;
}

/**
 * A proxy vote carries the delegation that gave its holder the mandate: it must be signed by the
 * delegating platform's actor at its region, for this ballot, to this holder, before the vote.
 */
async function checkMandate(
  ctx: BallotsContext,
  result: ResultPayload,
  mandate: Record<string, unknown> | null,
  vote: { platformId: string; castBy: { kind: string; holder?: string }; signedAt: string },
): Promise<string | null> {
  const network = ctx.network;
  if (mandate === null) return "no-mandate";
  const parsed = DelegationPayloadSchema.safeParse(mandate);
  if (!parsed.success) return "mandate-mismatch";
  const doc = parsed.data;
  const proof = await network.verifyVote(ctx.tenant, mandate);
  if (!proof.ok || proof.value.controller !== doc.actor) return "mandate-bad-signature";
  const same =
    doc.ballot === result.ballot &&
    doc.platformId === vote.platformId &&
    doc.holder === vote.castBy.holder &&
    new Date(doc.signedAt).getTime() <= new Date(vote.signedAt).getTime() &&
    speaksFrom(network, result, doc.actor, vote.platformId);
  return same ? null : "mandate-mismatch";
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
