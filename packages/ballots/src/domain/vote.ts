import { type CountryCode, err, ok, type Result } from "@dynamo/core";
import type { Ballot } from "./ballot.ts";
import { type BallotId, compareCodeUnits, type VoteId } from "./ids.ts";
import { compareVotesBySigning } from "./latest-votes.ts";
import { maxChoicesOf, optionIdsOf } from "./rules.ts";

/** What a vote says: one option or more, a deliberate abstention, or a blank ballot. */
export type VoteChoice = { kind: "options"; optionIds: readonly string[] } | { kind: "abstain" } | { kind: "blank" };

/** Who cast the vote: the platform's representative, its substitute, or another platform holding its proxy. */
export type CastBy = { kind: "representative" } | { kind: "substitute" } | { kind: "proxy"; holder: CountryCode };

/** One vote of one platform, as signed by its region and received by the hub. */
export interface VoteRecord {
  id: VoteId;
  ballotId: BallotId;
  platformId: CountryCode;
  choice: VoteChoice;
  castBy: CastBy;
  /** When the voter's region signed it (the voter's time). */
  signedAt: Date;
  /** When the hub received it (the hub's time). */
  receivedAt: Date;
}

/** Why a vote is refused (or, in a tally, not counted). */
export type VoteRefusal =
  | { kind: "wrong-ballot"; ballotId: BallotId }
  | { kind: "duplicate-vote"; voteId: VoteId }
  | { kind: "not-in-electorate"; platformId: CountryCode }
  | { kind: "invalid-timestamp" }
  | { kind: "ballot-not-open"; opensAt: Date }
  | { kind: "ballot-closed"; closesAt: Date }
  | { kind: "received-after-grace"; deadline: Date }
  | { kind: "no-option-chosen" }
  | { kind: "invalid-option"; optionId: string }
  | { kind: "duplicate-option"; optionId: string }
  | { kind: "too-many-options"; chosen: number; maxChoices: number }
  | { kind: "substitute-not-allowed" }
  | { kind: "proxies-not-allowed" }
  | { kind: "proxy-holder-is-self" }
  | { kind: "proxy-holder-not-in-electorate"; holder: CountryCode }
  | { kind: "proxy-cap-exceeded"; holder: CountryCode; maxProxiesPerHolder: number };

/** A ballot with its lookups built once, for checking many votes in linear time. */
export interface BallotIndex {
  ballot: Ballot;
  electorate: ReadonlySet<CountryCode>;
  optionIds: ReadonlySet<string>;
  maxChoices: number;
}

export function indexBallot(ballot: Ballot): BallotIndex {
  return {
    ballot,
    electorate: new Set(ballot.electorate.map((member) => member.platformId)),
    optionIds: new Set(optionIdsOf(ballot.rules.options)),
    maxChoices: maxChoicesOf(ballot.rules.options),
  };
}

/** The moment after which a vote signed in time is no longer received: close + grace, and any extension. */
export function receptionDeadline(ballot: Pick<Ballot, "closesAt" | "graceMs" | "extensionMs">): Date {
  return new Date(ballot.closesAt.getTime() + ballot.graceMs + (ballot.extensionMs ?? 0));
}

/**
 * The checks of a vote on its own, whatever else was received: ballot, electorate, timing
 * (signed in [opensAt, closesAt), received before closesAt + grace), options, who cast it.
 * Returns null when the vote passes them.
 */
export function checkVoteAlone(index: BallotIndex, vote: VoteRecord): VoteRefusal | null {
  const { ballot } = index;
  if (vote.ballotId !== ballot.id) return { kind: "wrong-ballot", ballotId: vote.ballotId };
  if (!index.electorate.has(vote.platformId)) return { kind: "not-in-electorate", platformId: vote.platformId };
  const signed = vote.signedAt.getTime();
  const received = vote.receivedAt.getTime();
  if (Number.isNaN(signed) || Number.isNaN(received)) return { kind: "invalid-timestamp" };
  if (signed < ballot.opensAt.getTime()) return { kind: "ballot-not-open", opensAt: ballot.opensAt };
  if (signed >= ballot.closesAt.getTime()) return { kind: "ballot-closed", closesAt: ballot.closesAt };
  const deadline = receptionDeadline(ballot);
  if (received >= deadline.getTime()) return { kind: "received-after-grace", deadline };
  return checkChoice(index, vote) ?? checkCastBy(index, vote);
}

function checkChoice(index: BallotIndex, vote: VoteRecord): VoteRefusal | null {
  if (vote.choice.kind !== "options") return null;
  const chosen = vote.choice.optionIds;
  if (chosen.length === 0) return { kind: "no-option-chosen" };
  const seen = new Set<string>();
  for (const optionId of chosen) {
    if (!index.optionIds.has(optionId)) return { kind: "invalid-option", optionId };
    if (seen.has(optionId)) return { kind: "duplicate-option", optionId };
    seen.add(optionId);
  }
  if (chosen.length > index.maxChoices) {
    return { kind: "too-many-options", chosen: chosen.length, maxChoices: index.maxChoices };
  }
  return null;
}

function checkCastBy(index: BallotIndex, vote: VoteRecord): VoteRefusal | null {
  const { rules } = index.ballot;
  switch (vote.castBy.kind) {
    case "representative":
      return null;
    case "substitute":
      return rules.substitutesAllowed ? null : { kind: "substitute-not-allowed" };
    case "proxy": {
      const { holder } = vote.castBy;
      if (rules.maxProxiesPerHolder === 0) return { kind: "proxies-not-allowed" };
      if (holder === vote.platformId) return { kind: "proxy-holder-is-self" };
      if (!index.electorate.has(holder)) return { kind: "proxy-holder-not-in-electorate", holder };
      return null;
    }
  }
}

/**
 * The votes a ballot has accepted so far, with what the next check needs: each platform's last
 * vote and the platforms each holder now votes for by proxy. Checking and accepting a vote take
 * constant time, so the hub can take in a whole ballot in linear time.
 */
export interface BallotBox {
  /** Checks a vote against the ballot and the votes accepted so far, without recording it. */
  check(vote: VoteRecord): Result<VoteRecord, VoteRefusal>;
  /** Checks a vote and, when it passes, records it. */
  accept(vote: VoteRecord): Result<VoteRecord, VoteRefusal>;
  /** The platform's last accepted vote, the one that counts. */
  latestOf(platformId: CountryCode): VoteRecord | undefined;
  /** The platforms whose last vote the holder cast by proxy, in platform id order. */
  proxiesHeldBy(holder: CountryCode): CountryCode[];
}

/**
 * A ballot box holding `accepted` (votes accepted earlier, recorded without a new check).
 * A proxy vote is refused when it would become the last vote of its platform and its holder
 * already holds `maxProxiesPerHolder` other platforms' last votes. A vote signed before the
 * platform's last vote is accepted but superseded at once: it changes nothing.
 */
export function createBallotBox(ballot: Ballot, accepted: Iterable<VoteRecord> = []): BallotBox {
  const index = indexBallot(ballot);
  const ids = new Set<VoteId>();
  const latest = new Map<CountryCode, VoteRecord>();
  const held = new Map<CountryCode, Set<CountryCode>>();

  const becomesLatest = (vote: VoteRecord): boolean => {
    const current = latest.get(vote.platformId);
    return current === undefined || compareVotesBySigning(vote, current) > 0;
  };

  const record = (vote: VoteRecord): void => {
    ids.add(vote.id);
    if (!becomesLatest(vote)) return;
    const previous = latest.get(vote.platformId);
    if (previous?.castBy.kind === "proxy") held.get(previous.castBy.holder)?.delete(vote.platformId);
    latest.set(vote.platformId, vote);
    if (vote.castBy.kind === "proxy") {
      const platforms = held.get(vote.castBy.holder) ?? new Set<CountryCode>();
      platforms.add(vote.platformId);
      held.set(vote.castBy.holder, platforms);
    }
  };

  const check = (vote: VoteRecord): Result<VoteRecord, VoteRefusal> => {
    if (ids.has(vote.id) && vote.ballotId === ballot.id) return err({ kind: "duplicate-vote", voteId: vote.id });
    const refusal = checkVoteAlone(index, vote);
    if (refusal !== null) return err(refusal);
    if (vote.castBy.kind === "proxy" && becomesLatest(vote)) {
      const { holder } = vote.castBy;
      const platforms = held.get(holder);
      const cap = ballot.rules.maxProxiesPerHolder;
      if (platforms !== undefined && !platforms.has(vote.platformId) && platforms.size >= cap) {
        return err({ kind: "proxy-cap-exceeded", holder, maxProxiesPerHolder: cap });
      }
    }
    return ok(vote);
  };

  for (const vote of accepted) record(vote);

  return {
    check,
    accept(vote) {
      const result = check(vote);
      if (result.ok) record(vote);
      return result;
    },
    latestOf: (platformId) => latest.get(platformId),
    proxiesHeldBy: (holder) => [...(held.get(holder) ?? [])].sort(compareCodeUnits),
  };
}

/**
 * Whether the hub may accept a vote, given the votes it accepted before (any order). Builds a
 * ballot box each call: to take in many votes, keep one box and call `accept`.
 */
export function validateVote(
  ballot: Ballot,
  vote: VoteRecord,
  accepted: Iterable<VoteRecord> = [],
): Result<VoteRecord, VoteRefusal> {
  return createBallotBox(ballot, accepted).check(vote);
}
