import type { CountryCode, LocalizedText, PlatformStatus, RegionCode } from "@dynamo/core";
import { compareFractions, fraction, isShare } from "./fraction.ts";
import { type BallotId, compareCodeUnits } from "./ids.ts";
import { type BallotRules, isBuiltInChoiceName, RESERVED_OPTION_IDS } from "./rules.ts";

/** A platform with a vote in one ballot, and the region it votes from. */
export interface ElectorateMember {
  platformId: CountryCode;
  regionCode: RegionCode;
}

/** A ballot as drafted by the IPG secretariat, before it opens. */
export interface BallotDraft {
  question: LocalizedText;
  rules: BallotRules;
  /** Votes signed from `opensAt` (inclusive) to `closesAt` (exclusive) count. */
  opensAt: Date;
  closesAt: Date;
  /** A vote signed in time counts when received before `closesAt + graceMs` (exclusive). */
  graceMs: number;
}

/** An open or closed ballot: the electorate was frozen when it opened. */
export interface Ballot extends BallotDraft {
  id: BallotId;
  electorate: readonly ElectorateMember[];
  /**
   * How much longer than closesAt + grace the hub received votes: its own downtime near the close,
   * and the time it gave the regions to answer before counting (see reception.ts). 0 by default.
   */
  extensionMs?: number;
}

export type BallotProblem =
  | { kind: "no-question" }
  | { kind: "too-few-options"; count: number }
  | { kind: "invalid-option-id"; optionId: string }
  | { kind: "reserved-option-id"; optionId: string }
  | { kind: "duplicate-option"; optionId: string }
  | { kind: "option-without-label"; optionId: string }
  | { kind: "built-in-option-label"; optionId: string; label: string }
  | { kind: "invalid-max-choices"; maxChoices: number; options: number }
  | { kind: "invalid-share"; field: "majority" | "quorum" }
  | { kind: "majority-too-low" }
  | { kind: "invalid-proxy-cap"; maxProxiesPerHolder: number }
  | { kind: "invalid-date"; field: "opensAt" | "closesAt" }
  | { kind: "closes-before-opens" }
  | { kind: "invalid-grace"; graceMs: number };

export type ElectorateProblem = { kind: "empty-electorate" } | { kind: "duplicate-platform"; platformId: CountryCode };

const OPTION_ID = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
const HALF = fraction(1, 2);
/** A week: a region offline at the close has that long to deliver the votes it signed in time. */
export const MAX_GRACE_MS = 7 * 24 * 60 * 60 * 1000;
export const MAX_PROXIES_PER_HOLDER = 100;

/**
 * Checks a draft and lists every problem. A qualified majority must always demand more than
 * half (a share above 1/2 "at least", or at least 1/2 "more than"), so that a tie can never be
 * adopted and two options can never both pass a single-choice ballot.
 */
export function validateBallotDraft(draft: BallotDraft): BallotProblem[] {
  const problems: BallotProblem[] = [];
  if (!Object.values(draft.question).some((text) => text !== undefined && text.trim() !== "")) {
    problems.push({ kind: "no-question" });
  }
  problems.push(...optionProblems(draft.rules));
  problems.push(...majorityProblems(draft.rules));
  if (draft.rules.quorum !== null && !isShare(draft.rules.quorum))
    problems.push({ kind: "invalid-share", field: "quorum" });
  const cap = draft.rules.maxProxiesPerHolder;
  if (!Number.isSafeInteger(cap) || cap < 0 || cap > MAX_PROXIES_PER_HOLDER) {
    problems.push({ kind: "invalid-proxy-cap", maxProxiesPerHolder: cap });
  }
  const opens = draft.opensAt.getTime();
  const closes = draft.closesAt.getTime();
  if (Number.isNaN(opens)) problems.push({ kind: "invalid-date", field: "opensAt" });
  if (Number.isNaN(closes)) problems.push({ kind: "invalid-date", field: "closesAt" });
  if (!Number.isNaN(opens) && !Number.isNaN(closes) && closes <= opens) problems.push({ kind: "closes-before-opens" });
  if (!Number.isSafeInteger(draft.graceMs) || draft.graceMs < 0 || draft.graceMs > MAX_GRACE_MS) {
    problems.push({ kind: "invalid-grace", graceMs: draft.graceMs });
  }
  return problems;
}

function optionProblems(rules: BallotRules): BallotProblem[] {
  if (rules.options.kind === "yes-no") return [];
  const problems: BallotProblem[] = [];
  const { options, choice } = rules.options;
  if (options.length < 2) problems.push({ kind: "too-few-options", count: options.length });
  const seen = new Set<string>();
  for (const option of options) {
    if (!OPTION_ID.test(option.id)) problems.push({ kind: "invalid-option-id", optionId: option.id });
    else if (RESERVED_OPTION_IDS.includes(option.id))
      problems.push({ kind: "reserved-option-id", optionId: option.id });
    if (seen.has(option.id)) problems.push({ kind: "duplicate-option", optionId: option.id });
    seen.add(option.id);
    if (!Object.values(option.label).some((text) => text !== undefined && text.trim() !== "")) {
      problems.push({ kind: "option-without-label", optionId: option.id });
    }
    const builtIn = Object.values(option.label).find((text) => text !== undefined && isBuiltInChoiceName(text));
    if (builtIn !== undefined) problems.push({ kind: "built-in-option-label", optionId: option.id, label: builtIn });
  }
  if (choice.kind === "multiple") {
    const { maxChoices } = choice;
    if (!Number.isSafeInteger(maxChoices) || maxChoices < 1 || maxChoices > options.length) {
      problems.push({ kind: "invalid-max-choices", maxChoices, options: options.length });
    }
  }
  return problems;
}

function majorityProblems(rules: BallotRules): BallotProblem[] {
  const majority = rules.majority;
  if (majority.kind !== "qualified") return [];
  if (!isShare(majority.share)) return [{ kind: "invalid-share", field: "majority" }];
  const versusHalf = compareFractions(majority.share, HALF);
  const demandsMoreThanHalf = majority.comparison === "at-least" ? versusHalf > 0 : versusHalf >= 0;
  // "More than the whole electorate" can never be reached: refuse it as an invalid share.
  if (majority.comparison === "more-than" && majority.share.numerator === majority.share.denominator) {
    return [{ kind: "invalid-share", field: "majority" }];
  }
  return demandsMoreThanHalf ? [] : [{ kind: "majority-too-low" }];
}

/** Checks a frozen electorate: not empty, each platform once. */
export function validateElectorate(electorate: readonly ElectorateMember[]): ElectorateProblem[] {
  const problems: ElectorateProblem[] = [];
  if (electorate.length === 0) problems.push({ kind: "empty-electorate" });
  const seen = new Set<CountryCode>();
  for (const member of electorate) {
    if (seen.has(member.platformId)) problems.push({ kind: "duplicate-platform", platformId: member.platformId });
    seen.add(member.platformId);
  }
  return problems;
}

/** A platform as the hub's roster knows it when a ballot opens. */
export interface RosterPlatform {
  platformId: CountryCode;
  regionCode: RegionCode;
  status: PlatformStatus;
}

/**
 * The electorate a ballot freezes when it opens: the active platforms of the trusted regions,
 * each once, ordered by region then platform id.
 */
export function freezeElectorate(
  roster: readonly RosterPlatform[],
  trustedRegions: readonly RegionCode[],
): ElectorateMember[] {
  const byPlatform = new Map<CountryCode, ElectorateMember>();
  for (const platform of roster) {
    if (platform.status !== "active" || !trustedRegions.includes(platform.regionCode)) continue;
    byPlatform.set(platform.platformId, { platformId: platform.platformId, regionCode: platform.regionCode });
  }
  return [...byPlatform.values()].sort(
    (a, b) => compareCodeUnits(a.regionCode, b.regionCode) || compareCodeUnits(a.platformId, b.platformId),
  );
}
