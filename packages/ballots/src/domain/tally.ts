import type { CountryCode } from "@dynamo/core";
import type { Ballot } from "./ballot.ts";
import { canonicalVote } from "./canonical-vote.ts";
import { type Fraction, minimumCount } from "./fraction.ts";
import { type BallotId, compareCodeUnits, type VoteId } from "./ids.ts";
import { compareVotesByReception, compareVotesBySigning } from "./latest-votes.ts";
import { type ProxyHolding, proxyHoldings } from "./roll-call.ts";
import { type MajorityBase, NO, optionIdsOf, thresholdOf, YES } from "./rules.ts";
import { checkVoteAlone, indexBallot, type VoteRecord, type VoteRefusal } from "./vote.ts";

/*
 * How a ballot is decided.
 *
 * 1. Votes that fail a check of their own (electorate, timing, options, who cast them) are not
 *    counted; of two records with one id, the one with the smaller canonical text is kept.
 * 2. Each platform's last vote (by signedAt, then id) is the only one counted.
 * 3. A holder counts for at most `maxProxiesPerHolder` platforms: beyond that, its proxy votes
 *    signed last are not counted, and the platform is then counted as not voting (its earlier
 *    votes do not come back). The hub refuses such votes on arrival (createBallotBox), so a
 *    tally of the votes the hub accepted never drops one here, whatever their order.
 * 4. Taking part: every counted vote, abstentions and blank votes included. The quorum is reached
 *    when at least `quorum × electorate` platforms take part (exactly at the share: reached).
 * 5. Votes cast: the votes naming options, plus abstentions and blanks when the ballot counts
 *    them as cast. The majority's base is the votes cast or the electorate; `required` is the
 *    smallest number of votes that satisfies the rule, and never less than one.
 * 6. Yes/no: adopted when "yes" has at least `required` votes and more than "no". Single choice:
 *    the option with the most votes is adopted when it has at least `required` and no other
 *    option has as many. Multiple choice: each option is judged on its own, adopted when named
 *    by at least `required` votes; every option that reaches it is adopted (the number of
 *    options a vote may name does not limit the number adopted). Ties fail: an equal count for
 *    first place is never adopted, and the rules (validateBallotDraft) make every majority
 *    demand more than half, so a tie can never reach one.
 * 7. Without the quorum, the outcome is `no-quorum` whatever the votes say.
 *
 * The whole tally is linear in the votes, plus sorting: O(n log n).
 */

export interface OptionCount {
  optionId: string;
  votes: number;
}

/** A vote not counted, and why. */
export interface ExcludedVote {
  vote: VoteRecord;
  reason: VoteRefusal | { kind: "superseded"; by: VoteId };
}

/** The numbers that decided the outcome. */
export interface OutcomeFigures {
  electorate: number;
  votesCounted: number;
  quorumRequired: number;
  base: MajorityBase;
  baseCount: number;
  required: number;
  /** The options, most votes first (ties in the ballot's order). */
  ranking: OptionCount[];
}

export type BallotOutcome =
  | { kind: "adopted"; optionIds: string[]; figures: OutcomeFigures }
  | { kind: "rejected"; reason: "majority-not-reached" | "tie"; figures: OutcomeFigures }
  | { kind: "no-quorum"; figures: OutcomeFigures };

export interface Tally {
  ballotId: BallotId;
  electorate: number;
  /** Platforms whose vote counts: optionVotes + abstentions + blanks. */
  votesCounted: number;
  /** Counted votes naming at least one option. */
  optionVotes: number;
  abstentions: number;
  blanks: number;
  /** Votes per option, in the ballot's order. In a single-choice ballot they sum to optionVotes. */
  counts: OptionCount[];
  /** Votes cast, the base of a majority of votes cast (see the counting rules). */
  cast: number;
  turnout: Fraction;
  quorumReached: boolean;
  majorityReached: boolean;
  outcome: BallotOutcome;
  /** The votes counted, one per platform, in platform id order. */
  counted: VoteRecord[];
  /** Every other vote with the reason, in order of reception. */
  excluded: ExcludedVote[];
  /** Who held whose vote, among the votes counted. */
  proxies: ProxyHolding[];
}

export function tallyBallot(ballot: Ballot, votes: Iterable<VoteRecord>): Tally {
  const { counted, excluded } = selectCountedVotes(ballot, votes);
  const optionIds = optionIdsOf(ballot.rules.options);
  const perOption = new Map<string, number>(optionIds.map((id) => [id, 0]));
  let optionVotes = 0;
  let abstentions = 0;
  let blanks = 0;
  for (const vote of counted) {
    switch (vote.choice.kind) {
      case "options":
        optionVotes += 1;
        for (const id of vote.choice.optionIds) perOption.set(id, (perOption.get(id) ?? 0) + 1);
        break;
      case "abstain":
        abstentions += 1;
        break;
      case "blank":
        blanks += 1;
        break;
    }
  }
  const counts = optionIds.map((optionId) => ({ optionId, votes: perOption.get(optionId) ?? 0 }));
  const { rules } = ballot;
  const cast =
    optionVotes +
    (rules.abstentions === "counted-as-cast" ? abstentions : 0) +
    (rules.blanks === "counted-as-cast" ? blanks : 0);
  const electorate = ballot.electorate.length;
  const votesCounted = counted.length;
  const threshold = thresholdOf(rules.majority);
  const baseCount = threshold.base === "cast" ? cast : electorate;
  const quorumRequired = rules.quorum === null ? 0 : minimumCount(electorate, rules.quorum, "at-least");
  const figures: OutcomeFigures = {
    electorate,
    votesCounted,
    quorumRequired,
    base: threshold.base,
    baseCount,
    required: Math.max(1, minimumCount(baseCount, threshold.share, threshold.comparison)),
    ranking: rank(counts),
  };
  const decision = decide(ballot, counts, figures);
  const quorumReached = votesCounted >= quorumRequired;
  const outcome: BallotOutcome = !quorumReached
    ? { kind: "no-quorum", figures }
    : decision.adopted.length > 0
      ? { kind: "adopted", optionIds: decision.adopted, figures }
      : { kind: "rejected", reason: decision.tie ? "tie" : "majority-not-reached", figures };
  return {
    ballotId: ballot.id,
    electorate,
    votesCounted,
    optionVotes,
    abstentions,
    blanks,
    counts,
    cast,
    turnout: electorate === 0 ? { numerator: 0, denominator: 1 } : { numerator: votesCounted, denominator: electorate },
    quorumReached,
    majorityReached: decision.adopted.length > 0,
    outcome,
    counted,
    excluded,
    proxies: proxyHoldings(counted),
  };
}

function rank(counts: readonly OptionCount[]): OptionCount[] {
  return counts
    .map((count, order) => ({ count, order }))
    .sort((a, b) => b.count.votes - a.count.votes || a.order - b.order)
    .map(({ count }) => count);
}

function decide(ballot: Ballot, counts: readonly OptionCount[], figures: OutcomeFigures) {
  const { options } = ballot.rules;
  const { required, ranking } = figures;
  if (options.kind === "yes-no") {
    const yes = counts.find((count) => count.optionId === YES)?.votes ?? 0;
    const no = counts.find((count) => count.optionId === NO)?.votes ?? 0;
    return { adopted: yes >= required && yes > no ? [YES] : [], tie: yes === no && yes > 0 };
  }
  if (options.choice.kind === "multiple") {
    return { adopted: ranking.filter((count) => count.votes >= required).map((count) => count.optionId), tie: false };
  }
  const [first, second] = ranking;
  const tie = first !== undefined && second !== undefined && first.votes === second.votes && first.votes > 0;
  return { adopted: first !== undefined && !tie && first.votes >= required ? [first.optionId] : [], tie };
}

/** Steps 1 to 3 above: the votes that count, one per platform, and every other with its reason. */
export function selectCountedVotes(
  ballot: Ballot,
  votes: Iterable<VoteRecord>,
): { counted: VoteRecord[]; excluded: ExcludedVote[] } {
  const index = indexBallot(ballot);
  const excluded: ExcludedVote[] = [];
  const byId = new Map<VoteId, VoteRecord>();
  for (const vote of votes) {
    const refusal = checkVoteAlone(index, vote);
    if (refusal !== null) {
      excluded.push({ vote, reason: refusal });
      continue;
    }
    const twin = byId.get(vote.id);
    if (twin === undefined) {
      byId.set(vote.id, vote);
      continue;
    }
    const keepNew = compareCodeUnits(canonicalVote(vote), canonicalVote(twin)) < 0;
    excluded.push({ vote: keepNew ? twin : vote, reason: { kind: "duplicate-vote", voteId: vote.id } });
    if (keepNew) byId.set(vote.id, vote);
  }

  const latest = new Map<CountryCode, VoteRecord>();
  for (const vote of byId.values()) {
    const current = latest.get(vote.platformId);
    if (current === undefined || compareVotesBySigning(vote, current) > 0) latest.set(vote.platformId, vote);
  }
  for (const vote of byId.values()) {
    const last = latest.get(vote.platformId);
    if (last !== undefined && last !== vote) excluded.push({ vote, reason: { kind: "superseded", by: last.id } });
  }

  const byHolder = new Map<CountryCode, VoteRecord[]>();
  for (const vote of latest.values()) {
    if (vote.castBy.kind !== "proxy") continue;
    const held = byHolder.get(vote.castBy.holder) ?? [];
    held.push(vote);
    byHolder.set(vote.castBy.holder, held);
  }
  const cap = ballot.rules.maxProxiesPerHolder;
  for (const [holder, held] of byHolder) {
    if (held.length <= cap) continue;
    for (const vote of held.sort(compareVotesBySigning).slice(cap)) {
      latest.delete(vote.platformId);
      excluded.push({ vote, reason: { kind: "proxy-cap-exceeded", holder, maxProxiesPerHolder: cap } });
    }
  }

  return {
    counted: [...latest.values()].sort((a, b) => compareCodeUnits(a.platformId, b.platformId)),
    excluded: excluded.sort(
      (a, b) => compareVotesByReception(a.vote, b.vote) || compareCodeUnits(a.reason.kind, b.reason.kind),
    ),
  };
}
