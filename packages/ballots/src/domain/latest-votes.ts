import type { CountryCode } from "@dynamo/core";
import { canonicalVote } from "./canonical-vote.ts";
import { compareCodeUnits } from "./ids.ts";
import type { VoteRecord } from "./vote.ts";

/**
 * The order in which a platform's votes replace each other: by `signedAt`, then by id. Two
 * records with the same id and time (a forged or corrupted duplicate) are ordered by their
 * canonical text, so the order is total and every node picks the same vote.
 */
export function compareVotesBySigning(a: VoteRecord, b: VoteRecord): number {
  const byTime = a.signedAt.getTime() - b.signedAt.getTime();
  if (byTime !== 0) return byTime < 0 ? -1 : 1;
  const byId = compareCodeUnits(a.id, b.id);
  if (byId !== 0) return byId;
  return compareCodeUnits(canonicalVote(a), canonicalVote(b));
}

/** The order of reception, the order of the published vote chain: `receivedAt`, then id. */
export function compareVotesByReception(a: VoteRecord, b: VoteRecord): number {
  const byTime = a.receivedAt.getTime() - b.receivedAt.getTime();
  if (byTime !== 0) return byTime < 0 ? -1 : 1;
  const byId = compareCodeUnits(a.id, b.id);
  if (byId !== 0) return byId;
  return compareCodeUnits(canonicalVote(a), canonicalVote(b));
}

/**
 * The last vote of each platform (votes may change until the close; the last one counts), in
 * platform id order. Whatever order the votes come in, the answer is the same. Validity is not
 * checked here: see tallyBallot, which drops refused votes first.
 */
export function latestVotes(votes: Iterable<VoteRecord>): VoteRecord[] {
  const latest = new Map<CountryCode, VoteRecord>();
  for (const vote of votes) {
    const current = latest.get(vote.platformId);
    if (current === undefined || compareVotesBySigning(vote, current) > 0) latest.set(vote.platformId, vote);
  }
  return [...latest.values()].sort((a, b) => compareCodeUnits(a.platformId, b.platformId));
}
