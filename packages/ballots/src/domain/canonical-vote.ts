import { canonicalJson, compareCodeUnits } from "@dynamo/core";
import type { VoteRecord } from "./vote.ts";

/**
 * The canonical text of a vote, version 1, the input of the vote chain and of receipts. The
 * options a vote names are sorted: a vote for [a, b] is the vote for [b, a].
 */
export function canonicalVote(vote: VoteRecord): string {
  const choice =
    vote.choice.kind === "options"
      ? { kind: "options", optionIds: [...vote.choice.optionIds].sort(compareCodeUnits) }
      : { kind: vote.choice.kind };
  const castBy =
    vote.castBy.kind === "proxy" ? { kind: "proxy", holder: vote.castBy.holder } : { kind: vote.castBy.kind };
  return canonicalJson({
    format: "dynamo-vote/1",
    id: vote.id,
    ballotId: vote.ballotId,
    platformId: vote.platformId,
    choice,
    castBy,
    signedAt: vote.signedAt,
    receivedAt: vote.receivedAt,
  });
}
