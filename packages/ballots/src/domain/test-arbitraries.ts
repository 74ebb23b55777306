// fast-check arbitraries for the ballot property tests (not exported from the package).
import fc from "fast-check";
import type { Ballot } from "./ballot.ts";
import { fraction } from "./fraction.ts";
import type { VoteId } from "./ids.ts";
import type { BallotOptions, BallotRules, Majority } from "./rules.ts";
import { BALLOT_ID, CLOSES_AT, GRACE_MS, makeBallot, OPENS_AT, platform } from "./test-fixtures.ts";
import type { CastBy, VoteChoice, VoteRecord } from "./vote.ts";

export const shareArb = (
  min: "zero" | "above-half" | "half",
): fc.Arbitrary<{ numerator: number; denominator: number }> =>
  fc.integer({ min: 1, max: 12 }).chain((denominator) => {
    const low = min === "zero" ? 0 : min === "half" ? Math.ceil(denominator / 2) : Math.floor(denominator / 2) + 1;
    return fc.integer({ min: low, max: denominator }).map((numerator) => fraction(numerator, denominator));
  });

/** Every majority the draft validation accepts: more than half, always. */
export const majorityArb: fc.Arbitrary<Majority> = fc.oneof(
  fc.constant<Majority>({ kind: "simple" }),
  fc.constant<Majority>({ kind: "absolute" }),
  fc
    .tuple(shareArb("above-half"), fc.constantFrom("cast" as const, "electorate" as const))
    .map(([share, base]): Majority => ({ kind: "qualified", share, base, comparison: "at-least" })),
  fc
    .tuple(shareArb("half"), fc.constantFrom("cast" as const, "electorate" as const))
    .filter(([share]) => share.numerator < share.denominator)
    .map(([share, base]): Majority => ({ kind: "qualified", share, base, comparison: "more-than" })),
);

const OPTION_IDS = ["a", "b", "c", "d"];

export const optionsArb: fc.Arbitrary<BallotOptions> = fc.oneof(
  fc.constant<BallotOptions>({ kind: "yes-no" }),
  fc.integer({ min: 2, max: 4 }).chain((count) =>
    fc.oneof(
      fc.constant<BallotOptions>({
        kind: "custom",
        options: OPTION_IDS.slice(0, count).map((id) => ({ id, label: { en: id } })),
        choice: { kind: "single" },
      }),
      fc.integer({ min: 1, max: count }).map(
        (maxChoices): BallotOptions => ({
          kind: "custom",
          options: OPTION_IDS.slice(0, count).map((id) => ({ id, label: { en: id } })),
          choice: { kind: "multiple", maxChoices },
        }),
      ),
    ),
  ),
);

export const rulesArb: fc.Arbitrary<BallotRules> = fc.record({
  options: optionsArb,
  majority: majorityArb,
  abstentions: fc.constantFrom("excluded" as const, "counted-as-cast" as const),
  blanks: fc.constantFrom("excluded" as const, "counted-as-cast" as const),
  quorum: fc.option(shareArb("zero"), { nil: null }),
  maxProxiesPerHolder: fc.integer({ min: 0, max: 3 }),
  substitutesAllowed: fc.boolean(),
  secrecy: fc.constantFrom("roll-call" as const, "secret" as const),
});

export const ballotArb: fc.Arbitrary<Ballot> = fc
  .tuple(fc.integer({ min: 1, max: 12 }), rulesArb)
  .map(([electorate, rules]) => makeBallot({ electorate, rules }));

const SPAN = CLOSES_AT.getTime() - OPENS_AT.getTime();

/** Option ids a vote may name: the ballot's, plus one it does not offer. */
function choiceArb(ballot: Ballot): fc.Arbitrary<VoteChoice> {
  const offered = ballot.rules.options.kind === "yes-no" ? ["yes", "no"] : OPTION_IDS;
  return fc
    .oneof(
      { weight: 6, arbitrary: fc.subarray(offered, { minLength: 1, maxLength: 2 }) },
      { weight: 1, arbitrary: fc.constant(["zz"]) },
      { weight: 1, arbitrary: fc.constant([]) },
    )
    .chain((optionIds) =>
      fc.oneof(
        { weight: 6, arbitrary: fc.constant<VoteChoice>({ kind: "options", optionIds }) },
        { weight: 2, arbitrary: fc.constant<VoteChoice>({ kind: "abstain" }) },
        { weight: 1, arbitrary: fc.constant<VoteChoice>({ kind: "blank" }) },
      ),
    );
}

/**
 * Votes for a ballot, valid or not: platforms in and out of the electorate, signing times on a
 * coarse grid (so ties happen) from before the opening to after the close, receptions up to
 * past the grace, repeated ids, proxies to anyone.
 */
export function votesArb(ballot: Ballot, options: { valid?: boolean; maxLength?: number } = {}) {
  const size = ballot.electorate.length;
  const platformIndex = fc.integer({ min: 0, max: options.valid ? size - 1 : size + 1 });
  const castByArb: fc.Arbitrary<CastBy> = fc.oneof(
    { weight: 4, arbitrary: fc.constant<CastBy>({ kind: "representative" }) },
    { weight: 1, arbitrary: fc.constant<CastBy>({ kind: "substitute" }) },
    {
      weight: 3,
      // Mostly two busy holders, so that caps are reached often.
      arbitrary: fc
        .oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 1 }) }, { weight: 1, arbitrary: platformIndex })
        .map((holder): CastBy => ({ kind: "proxy", holder: platform(holder) })),
    },
  );
  const slot = options.valid ? fc.integer({ min: 0, max: 7 }) : fc.integer({ min: -1, max: 8 });
  const delay = options.valid
    ? fc.constantFrom(0, 1000)
    : fc.constantFrom(0, 1000, SPAN / 8 + GRACE_MS - 1, SPAN / 8 + GRACE_MS);
  const vote: fc.Arbitrary<VoteRecord> = fc
    .record({
      n: platformIndex,
      choice: choiceArb(ballot),
      castBy: castByArb,
      slot,
      delay,
      id: fc.integer({ min: 0, max: 40 }),
    })
    .map(({ n, choice, castBy, slot, delay, id }) => {
      const signedAt = new Date(OPENS_AT.getTime() + (slot * SPAN) / 8);
      return {
        id: `v${id}` as VoteId,
        ballotId: BALLOT_ID,
        platformId: platform(n),
        choice,
        castBy,
        signedAt,
        receivedAt: new Date(signedAt.getTime() + delay),
      };
    });
  return fc.array(vote, { maxLength: options.maxLength ?? 40, size: "max" });
}

export const ballotAndVotesArb = ballotArb.chain((ballot) => fc.tuple(fc.constant(ballot), votesArb(ballot)));
