// Builders shared by the ballot tests (not exported from the package).
import { type CountryCode, REGION_CODES } from "@dynamo/core";
import type { Ballot, ElectorateMember } from "./ballot.ts";
import type { BallotId, VoteId } from "./ids.ts";
import { type BallotRules, defaultBallotRules } from "./rules.ts";
import type { CastBy, VoteChoice, VoteRecord } from "./vote.ts";

export const BALLOT_ID = "ballot-2026-01" as BallotId;
export const OPENS_AT = new Date("2026-06-01T09:00:00.000Z");
export const CLOSES_AT = new Date("2026-06-08T09:00:00.000Z");
export const GRACE_MS = 60 * 60 * 1000;
export const HOUR = 60 * 60 * 1000;

/** Platform ids that sort in number order: p000, p001… */
export const platform = (n: number): CountryCode => `p${String(n).padStart(3, "0")}` as CountryCode;

export function electorateOf(size: number): ElectorateMember[] {
  return Array.from({ length: size }, (_, n) => ({
    platformId: platform(n),
    regionCode: REGION_CODES[n % REGION_CODES.length] ?? "EU",
  }));
}

export function makeBallot(input: { electorate?: number; rules?: Partial<BallotRules> } = {}): Ballot {
  return {
    id: BALLOT_ID,
    question: { en: "Adopt the 2027 budget?", fr: "Adopter le budget 2027 ?" },
    rules: { ...defaultBallotRules(), quorum: null, ...input.rules },
    opensAt: OPENS_AT,
    closesAt: CLOSES_AT,
    graceMs: GRACE_MS,
    electorate: electorateOf(input.electorate ?? 10),
  };
}

export type ChoiceShorthand = "yes" | "no" | "abstain" | "blank" | string[];

export function choiceOf(choice: ChoiceShorthand): VoteChoice {
  if (choice === "abstain" || choice === "blank") return { kind: choice };
  return { kind: "options", optionIds: typeof choice === "string" ? [choice] : choice };
}

/** A vote of platform n, signed `at` ms after the opening and received `delay` ms later. */
export function makeVote(input: {
  platform: number;
  choice?: ChoiceShorthand;
  castBy?: CastBy;
  at?: number;
  delay?: number;
  id?: string;
}): VoteRecord {
  const at = input.at ?? HOUR;
  const signedAt = new Date(OPENS_AT.getTime() + at);
  return {
    id: (input.id ?? `vote-${platform(input.platform)}-${at}`) as VoteId,
    ballotId: BALLOT_ID,
    platformId: platform(input.platform),
    choice: choiceOf(input.choice ?? "yes"),
    castBy: input.castBy ?? { kind: "representative" },
    signedAt,
    receivedAt: new Date(signedAt.getTime() + (input.delay ?? 1000)),
  };
}

export const byProxy = (holder: number): CastBy => ({ kind: "proxy", holder: platform(holder) });

/** One vote per platform, from p000 on: `yes` yes votes, then `no`, abstentions, blanks. */
export function votesOf(counts: { yes?: number; no?: number; abstain?: number; blank?: number }): VoteRecord[] {
  const choices: ChoiceShorthand[] = [
    ...Array<ChoiceShorthand>(counts.yes ?? 0).fill("yes"),
    ...Array<ChoiceShorthand>(counts.no ?? 0).fill("no"),
    ...Array<ChoiceShorthand>(counts.abstain ?? 0).fill("abstain"),
    ...Array<ChoiceShorthand>(counts.blank ?? 0).fill("blank"),
  ];
  return choices.map((choice, n) => makeVote({ platform: n, choice }));
}
