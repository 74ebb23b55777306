import { err, ok, type Result } from "@dynamo/core";
import { canonicalVote } from "./canonical-vote.ts";
import type { BallotId } from "./ids.ts";
import { compareVotesByReception } from "./latest-votes.ts";
import type { VoteRecord } from "./vote.ts";

/**
 * A hash of a text, returned as text (e.g. SHA-256 in lower-case hex). The domain stays pure:
 * the caller passes the function, such as `(s) => createHash("sha256").update(s).digest("hex")`.
 */
export type HashFunction = (input: string) => string;

/** One vote in the chain, with the hash of the link before it and its own. */
export interface ChainLink {
  vote: VoteRecord;
  previous: string;
  hash: string;
}

/**
 * The published votes of a roll-call ballot, chained: each link's hash covers the previous
 * link's hash and the vote's canonical text, so no vote can be removed, added or changed
 * without every later hash changing. The links are in order of reception (receivedAt, id).
 */
export interface VoteChain {
  ballotId: BallotId;
  links: ChainLink[];
  /** The last link's hash; for an empty chain, the genesis hash. */
  head: string;
}

export type ChainProblem =
  | { kind: "wrong-ballot"; index: number }
  | { kind: "out-of-order"; index: number }
  | { kind: "broken-link"; index: number }
  | { kind: "hash-mismatch"; index: number }
  | { kind: "head-mismatch" };

/** The hash the first link points back to: it ties the chain to its ballot. */
export function chainGenesis(ballotId: BallotId, hash: HashFunction): string {
  return hash(`dynamo-vote-chain/1\n${ballotId}`);
}

function linkHash(previous: string, vote: VoteRecord, hash: HashFunction): string {
  return hash(`${previous}\n${canonicalVote(vote)}`);
}

/** Chains the votes in order of reception, whatever order they are given in. */
export function chainVotes(ballotId: BallotId, votes: Iterable<VoteRecord>, hash: HashFunction): VoteChain {
  let previous = chainGenesis(ballotId, hash);
  const links: ChainLink[] = [];
  for (const vote of [...votes].sort(compareVotesByReception)) {
    const current = linkHash(previous, vote, hash);
    links.push({ vote, previous, hash: current });
    previous = current;
  }
  return { ballotId, links, head: previous };
}

/**
 * Recomputes a published chain: every vote of its ballot, in order of reception, each link's
 * hashes as recomputed, and the head. Returns the head, or the first problem found.
 */
export function verifyChain(chain: VoteChain, hash: HashFunction): Result<string, ChainProblem> {
  let previous = chainGenesis(chain.ballotId, hash);
  let before: VoteRecord | undefined;
  for (const [index, link] of chain.links.entries()) {
    if (link.vote.ballotId !== chain.ballotId) return err({ kind: "wrong-ballot", index });
    if (before !== undefined && compareVotesByReception(before, link.vote) >= 0) {
      return err({ kind: "out-of-order", index });
    }
    if (link.previous !== previous) return err({ kind: "broken-link", index });
    if (link.hash !== linkHash(previous, link.vote, hash)) return err({ kind: "hash-mismatch", index });
    previous = link.hash;
    before = link.vote;
  }
  return chain.head === previous ? ok(previous) : err({ kind: "head-mismatch" });
}
