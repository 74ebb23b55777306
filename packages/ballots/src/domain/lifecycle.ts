import type { LocalizedText, RegionCode } from "@dynamo/core";
import { type CountryCode, err, ok, type Result } from "@dynamo/core";
import {
  type Ballot,
  type BallotDraft,
  type BallotProblem,
  type ElectorateMember,
  type ElectorateProblem,
  freezeElectorate,
  type RosterPlatform,
  validateBallotDraft,
  validateElectorate,
} from "./ballot.ts";
import { type BallotId, compareCodeUnits } from "./ids.ts";
import { everyoneAnswered, type Reception } from "./reception.ts";
import type { BallotRules } from "./rules.ts";
import { receptionDeadline } from "./vote.ts";

/**
 * Where a ballot is in its life. The hub drafts it, opens it (the electorate is frozen then) or
 * cancels it with a reason; its tally at closesAt + grace closes it. A region's copy follows
 * what the hub tells it.
 */
export const BALLOT_STATUSES = ["draft", "open", "cancelled", "closed"] as const;
export type BallotStatus = (typeof BALLOT_STATUSES)[number];

/** A ballot as a node keeps it: the hub's own (issued) or the copy a region received. */
export interface BallotRecord {
  id: BallotId;
  /** The Question's URI: the ballot's name across the network. */
  uri: string;
  role: "issued" | "received";
  title: LocalizedText;
  description: LocalizedText;
  rules: BallotRules;
  opensAt: Date;
  closesAt: Date;
  graceMs: number;
  /** How much longer the hub receives votes (its downtime near the close, then the regions' answers). */
  extensionMs: number;
  /** At the hub: its downtime and the regions it asked before counting. Null at a region. */
  reception: Reception | null;
  status: BallotStatus;
  electorate: ElectorateMember[] | null;
  cancelReason: string | null;
  createdAt: Date;
  openedAt: Date | null;
  cancelledAt: Date | null;
  closedAt: Date | null;
}

/** What the secretariat writes: the draft's fields. */
export interface BallotInput {
  title: LocalizedText;
  description: LocalizedText;
  rules: BallotRules;
  opensAt: Date;
  closesAt: Date;
  graceMs: number;
}

export function draftOf(input: Pick<BallotInput, "title" | "rules" | "opensAt" | "closesAt" | "graceMs">): BallotDraft {
  return {
    question: input.title,
    rules: input.rules,
    opensAt: input.opensAt,
    closesAt: input.closesAt,
    graceMs: input.graceMs,
  };
}

/** The domain's ballot (for checking and counting votes): only once the electorate is frozen. */
export function ballotOf(record: BallotRecord): Ballot | undefined {
  if (record.electorate === null) return undefined;
  return { id: record.id, ...draftOf(record), electorate: record.electorate, extensionMs: record.extensionMs };
}

/** Where a ballot stands at a moment, as pages show it. */
export const BALLOT_PHASES = ["draft", "scheduled", "voting", "grace", "counting", "closed", "cancelled"] as const;
export type BallotPhase = (typeof BALLOT_PHASES)[number];

export function ballotPhase(
  record: Pick<BallotRecord, "status" | "opensAt" | "closesAt" | "graceMs" | "extensionMs" | "reception">,
  now: Date,
) {
  const phase = ((): BallotPhase => {
    switch (record.status) {
      case "draft":
        return "draft";
      case "cancelled":
        return "cancelled";
      case "closed":
        return "closed";
      case "open": {
        const time = now.getTime();
        if (time < record.opensAt.getTime()) return "scheduled";
        if (time < record.closesAt.getTime()) return "voting";
        if (record.reception?.collectingSince) return "counting";
        if (time < receptionDeadline(record).getTime()) return "grace";
        return "counting";
      }
    }
  })();
  return phase;
}

/** Whether a voter may cast (or change) a vote now: the ballot is open and not yet closed. */
export function acceptsVotes(record: Pick<BallotRecord, "status" | "opensAt" | "closesAt">, now: Date): boolean {
  const time = now.getTime();
  return record.status === "open" && time >= record.opensAt.getTime() && time < record.closesAt.getTime();
}

/**
 * Whether the hub must ask the regions now: open, past close + grace + its downtime, and not
 * asked yet. (The downtime is known once the hub has read its heartbeat: see reception.ts.)
 */
export function collectionDue(
  record: Pick<BallotRecord, "status" | "closesAt" | "graceMs" | "extensionMs" | "reception">,
  now: Date,
): boolean {
  return (
    record.status === "open" &&
    !record.reception?.collectingSince &&
    now.getTime() >= receptionDeadline(record).getTime()
  );
}

/**
 * Whether the hub must count the ballot now: it asked the regions, and every one answered or the
 * time it gave them (its reception deadline, extended by the collection) has passed.
 */
export function tallyDue(
  record: Pick<BallotRecord, "status" | "closesAt" | "graceMs" | "extensionMs" | "reception">,
  now: Date,
): boolean {
  const reception = record.reception;
  if (record.status !== "open" || !reception?.collectingSince) return false;
  return now.getTime() >= receptionDeadline(record).getTime() || everyoneAnswered(reception);
}

export type LifecycleProblem =
  | { kind: "not-draft"; status: BallotStatus }
  | { kind: "already-ended"; status: BallotStatus }
  | { kind: "closes-in-past" }
  | { kind: "reason-required" }
  | { kind: "invalid-draft"; problems: BallotProblem[] }
  | { kind: "invalid-electorate"; problems: ElectorateProblem[] }
  | { kind: "roster-conflict"; platformIds: CountryCode[] };

/** Checks a draft (new or edited): every problem of its rules and dates. */
export function checkDraft(input: BallotInput): Result<BallotInput, LifecycleProblem> {
  const problems = validateBallotDraft(draftOf(input));
  return problems.length === 0 ? ok(input) : err({ kind: "invalid-draft", problems });
}

/**
 * The platforms (countries) that more than one trusted region lists as active: one of those
 * regions speaks for a platform that is not its own, and the hub cannot tell which.
 */
export function rosterConflicts(
  roster: readonly RosterPlatform[],
  trustedRegions: readonly RegionCode[],
): CountryCode[] {
  const regionsOf = new Map<CountryCode, Set<RegionCode>>();
  for (const platform of roster) {
    if (platform.status !== "active" || !trustedRegions.includes(platform.regionCode)) continue;
    const regions = regionsOf.get(platform.platformId) ?? new Set<RegionCode>();
    regions.add(platform.regionCode);
    regionsOf.set(platform.platformId, regions);
  }
  return [...regionsOf]
    .filter(([, regions]) => regions.size > 1)
    .map(([id]) => id)
    .sort(compareCodeUnits);
}

/**
 * Opening a draft freezes its electorate: the active platforms of the trusted regions at that
 * moment. A ballot whose close is already past cannot open, nor one with nobody to vote, nor
 * one while two regions claim the same platform (the secretariat settles that first).
 */
export function openBallot(
  record: BallotRecord,
  roster: readonly RosterPlatform[],
  trustedRegions: readonly RegionCode[],
  now: Date,
): Result<ElectorateMember[], LifecycleProblem> {
  if (record.status !== "draft") return err({ kind: "not-draft", status: record.status });
  const draftProblems = validateBallotDraft(draftOf(record));
  if (draftProblems.length > 0) return err({ kind: "invalid-draft", problems: draftProblems });
  if (record.closesAt.getTime() <= now.getTime()) return err({ kind: "closes-in-past" });
  const conflicts = rosterConflicts(roster, trustedRegions);
  if (conflicts.length > 0) return err({ kind: "roster-conflict", platformIds: conflicts });
  const electorate = freezeElectorate(roster, trustedRegions);
  const problems = validateElectorate(electorate);
  if (problems.length > 0) return err({ kind: "invalid-electorate", problems });
  return ok(electorate);
}

/** A draft or an open ballot may be cancelled, with a reason; a closed one stands. */
export function cancelBallot(record: BallotRecord, reason: string): Result<string, LifecycleProblem> {
  if (record.status === "cancelled" || record.status === "closed") {
    return err({ kind: "already-ended", status: record.status });
  }
  const trimmed = reason.trim();
  return trimmed === "" ? err({ kind: "reason-required" }) : ok(trimmed);
}
