import type { LocalizedText } from "@dynamo/core";
import { type Comparison, type Fraction, fraction } from "./fraction.ts";

/** One answer a voter may choose; its label is translated by the ballot's author. */
export interface BallotOption {
  id: string;
  label: LocalizedText;
}

/**
 * Single choice: a vote names exactly one option. Multiple choice: a vote names one option or
 * more, at most `maxChoices`, each at most once; every option is then judged on its own (see
 * tally.ts).
 */
export type ChoiceRule = { kind: "single" } | { kind: "multiple"; maxChoices: number };

/**
 * The answers of a ballot. `yes-no` is a motion: the options are "yes" and "no" (their labels
 * come from the interface's catalogs) and only "yes" can be adopted. Abstaining and voting blank
 * are always possible and are not options (see VoteChoice).
 */
export type BallotOptions = { kind: "yes-no" } | { kind: "custom"; options: BallotOption[]; choice: ChoiceRule };

export const YES = "yes";
export const NO = "no";

/** Option ids no custom option may take, so they never read as abstaining or voting blank. */
export const RESERVED_OPTION_IDS: readonly string[] = ["abstain", "blank"];

/**
 * How every ballot names abstaining and voting blank in the four languages (the catalogs'
 * `ballots.choice.*`, whose test keeps both in step), and their usual short forms: no custom
 * option may be labelled like one, or a voter would see two "Abstain" and not know which is which.
 */
export const BUILT_IN_CHOICE_NAMES: readonly string[] = [
  "abstain",
  "abstention",
  "abstencion",
  "abstencao",
  "abster-se",
  "abstenerse",
  "s'abstenir",
  "blank",
  "blank vote",
  "vote blanc",
  "blanc",
  "voto en blanco",
  "en blanco",
  "voto em branco",
  "em branco",
];

/** A label as it reads: case, accents, apostrophes and spacing left out. */
export function comparableLabel(label: string): string {
  return label
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** Whether a label reads like abstaining or voting blank, in any of the four languages. */
export function isBuiltInChoiceName(label: string): boolean {
  return BUILT_IN_CHOICE_NAMES.includes(comparableLabel(label));
}

/**
 * - simple: more than half of the votes cast;
 * - absolute: more than half of the electorate;
 * - qualified: a share (e.g. two thirds) of the votes cast or of the electorate, reached "at
 *   least" (2/3 exactly passes) or only when exceeded ("more-than": 2/3 exactly fails).
 */
export type Majority =
  | { kind: "simple" }
  | { kind: "absolute" }
  | { kind: "qualified"; share: Fraction; base: MajorityBase; comparison: Comparison };

export type MajorityBase = "cast" | "electorate";

/**
 * How abstentions (or blank votes) count towards the votes cast, the base of a majority of the
 * votes cast: `excluded` — they are not votes cast; `counted-as-cast` — they are, and so weigh
 * like votes against. Either way they count as taking part, for the quorum.
 */
export type CountingRule = "excluded" | "counted-as-cast";

/** Roll-call: each platform's vote is published. Secret: counts and receipts only. */
export type Secrecy = "roll-call" | "secret";

export interface BallotRules {
  options: BallotOptions;
  majority: Majority;
  abstentions: CountingRule;
  blanks: CountingRule;
  /** Share of the electorate that must take part (reached at the share exactly); null: none. */
  quorum: Fraction | null;
  /** Votes of other platforms one platform may hold by proxy; 0 forbids proxies. */
  maxProxiesPerHolder: number;
  /** Whether a platform's substitute may cast its vote in place of its representative. */
  substitutesAllowed: boolean;
  secrecy: Secrecy;
}

/** The usual IPG motion: yes/no, simple majority, abstentions and blanks excluded, quorum of half. */
export function defaultBallotRules(): BallotRules {
  return {
    options: { kind: "yes-no" },
    majority: { kind: "simple" },
    abstentions: "excluded",
    blanks: "excluded",
    quorum: fraction(1, 2),
    maxProxiesPerHolder: 1,
    substitutesAllowed: true,
    secrecy: "roll-call",
  };
}

/** The ids a vote may name, in the ballot's order. */
export function optionIdsOf(options: BallotOptions): string[] {
  return options.kind === "yes-no" ? [YES, NO] : options.options.map((option) => option.id);
}

/** At most how many options one vote may name. */
export function maxChoicesOf(options: BallotOptions): number {
  return options.kind === "custom" && options.choice.kind === "multiple" ? options.choice.maxChoices : 1;
}

/** A majority as one threshold: `votes (>= | >) share × count of base`. */
export interface Threshold {
  share: Fraction;
  base: MajorityBase;
  comparison: Comparison;
}

const HALF = fraction(1, 2);

export function thresholdOf(majority: Majority): Threshold {
  switch (majority.kind) {
    case "simple":
      return { share: HALF, base: "cast", comparison: "more-than" };
    case "absolute":
      return { share: HALF, base: "electorate", comparison: "more-than" };
    case "qualified":
      return { share: majority.share, base: majority.base, comparison: majority.comparison };
  }
}
