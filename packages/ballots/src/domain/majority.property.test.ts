import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Fraction } from "./fraction.ts";
import type { BallotRules, Majority } from "./rules.ts";
import { tallyBallot } from "./tally.ts";
import { majorityArb, shareArb } from "./test-arbitraries.ts";
import { makeBallot, makeVote } from "./test-fixtures.ts";

/*
 * The majority and quorum rules, written a second time as plain inequalities between integers,
 * and checked against the tally on small electorates, where every boundary is hit often.
 */

const countingArb = fc.constantFrom("excluded" as const, "counted-as-cast" as const);

/** Splits `total` among `parts` non-negative counts. */
const splitArb = (total: number, parts: number) =>
  fc.array(fc.integer({ min: 0, max: parts }), { minLength: total, maxLength: total }).map((slots) => {
    const counts = Array<number>(parts + 1).fill(0);
    for (const slot of slots) counts[slot] = (counts[slot] ?? 0) + 1;
    return counts.slice(0, parts); // the last slot: platforms that did not vote
  });

const scenarioArb = fc.integer({ min: 1, max: 15 }).chain((electorate) =>
  fc.record({
    electorate: fc.constant(electorate),
    counts: splitArb(electorate, 4),
    majority: majorityArb,
    abstentions: countingArb,
    blanks: countingArb,
    quorum: fc.option(shareArb("zero"), { nil: null }),
  }),
);

/** `count` against `share` of `base`, as the rule says, in integers only. */
function meets(count: number, base: number, share: Fraction, comparison: "at-least" | "more-than"): boolean {
  const left = count * share.denominator;
  const right = base * share.numerator;
  return comparison === "at-least" ? left >= right : left > right;
}

function threshold(majority: Majority) {
  if (majority.kind === "simple")
    return { share: { numerator: 1, denominator: 2 }, base: "cast", comparison: "more-than" } as const;
  if (majority.kind === "absolute") {
    return { share: { numerator: 1, denominator: 2 }, base: "electorate", comparison: "more-than" } as const;
  }
  return majority;
}

describe("majority and quorum at every boundary", () => {
  it("decides a yes/no motion exactly as the rules read", () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const [yes = 0, no = 0, abstain = 0, blank = 0] = s.counts;
        const rules: Partial<BallotRules> = {
          majority: s.majority,
          abstentions: s.abstentions,
          blanks: s.blanks,
          quorum: s.quorum,
        };
        const choices = [
          ...Array<"yes">(yes).fill("yes"),
          ...Array<"no">(no).fill("no"),
          ...Array<"abstain">(abstain).fill("abstain"),
          ...Array<"blank">(blank).fill("blank"),
        ];
        const tally = tallyBallot(
          makeBallot({ electorate: s.electorate, rules }),
          choices.map((choice, n) => makeVote({ platform: n, choice })),
        );

        const takingPart = yes + no + abstain + blank;
        const quorum = s.quorum === null || takingPart * s.quorum.denominator >= s.electorate * s.quorum.numerator;
        const cast =
          yes + no + (s.abstentions === "counted-as-cast" ? abstain : 0) + (s.blanks === "counted-as-cast" ? blank : 0);
        const rule = threshold(s.majority);
        const base = rule.base === "cast" ? cast : s.electorate;
        const passes = yes >= 1 && yes > no && meets(yes, base, rule.share, rule.comparison);
        const expected = !quorum ? "no-quorum" : passes ? "adopted" : "rejected";

        expect(tally.outcome.kind).toBe(expected);
        expect(tally.quorumReached).toBe(quorum);
        expect(tally.cast).toBe(cast);
        if (tally.outcome.kind === "rejected") {
          expect(tally.outcome.reason).toBe(yes === no && yes > 0 ? "tie" : "majority-not-reached");
        }
        // The figure shown is the boundary itself: one vote fewer would not do.
        const { required } = tally.outcome.figures;
        expect(meets(required, base, rule.share, rule.comparison) || required === 1).toBe(true);
        if (required > 1) expect(meets(required - 1, base, rule.share, rule.comparison)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it("never adopts a tie, in a motion or between custom options", () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(scenarioArb, fc.boolean(), (s, custom) => {
        const [first = 0, , abstain = 0] = s.counts;
        const options = custom
          ? {
              kind: "custom" as const,
              options: ["a", "b"].map((id) => ({ id, label: { en: id } })),
              choice: { kind: "single" as const },
            }
          : { kind: "yes-no" as const };
        const ids = custom ? ["a", "b"] : ["yes", "no"];
        const tied = Math.min(first, Math.floor((s.electorate - abstain) / 2));
        const choices = [
          ...Array<string>(tied).fill(ids[0] ?? ""),
          ...Array<string>(tied).fill(ids[1] ?? ""),
          ...Array<string>(abstain).fill("abstain"),
        ];
        const ballot = makeBallot({
          electorate: s.electorate,
          rules: { options, majority: s.majority, abstentions: s.abstentions, quorum: s.quorum },
        });
        const tally = tallyBallot(
          ballot,
          choices.map((choice, n) => makeVote({ platform: n, choice: choice === "abstain" ? "abstain" : [choice] })),
        );
        expect(tally.outcome.kind).not.toBe("adopted");
        if (tally.outcome.kind === "rejected" && tied > 0) expect(tally.outcome.reason).toBe("tie");
      }),
      { numRuns: 500 },
    );
  });
});

describe("custom options at every boundary", () => {
  const customArb = fc.integer({ min: 1, max: 15 }).chain((electorate) =>
    fc.record({
      electorate: fc.constant(electorate),
      multiple: fc.boolean(),
      // Each voter's marks over three options a, b, c (single choice: the first mark only).
      ballots: fc.array(fc.subarray(["a", "b", "c"], { minLength: 1, maxLength: 3 }), { maxLength: electorate }),
      majority: majorityArb,
    }),
  );

  it("adopts exactly the options that meet the rule: the unique leader, or each on its own", () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(customArb, (s) => {
        const marks = s.ballots.map((chosen) => (s.multiple ? chosen : chosen.slice(0, 1)));
        const options = ["a", "b", "c"].map((id) => ({ id, label: { en: id } }));
        const ballot = makeBallot({
          electorate: s.electorate,
          rules: {
            options: {
              kind: "custom",
              options,
              choice: s.multiple ? { kind: "multiple", maxChoices: 3 } : { kind: "single" },
            },
            majority: s.majority,
          },
        });
        const tally = tallyBallot(
          ballot,
          marks.map((chosen, n) => makeVote({ platform: n, choice: chosen })),
        );
        const votesFor = (id: string) => marks.filter((chosen) => chosen.includes(id)).length;
        const rule = threshold(s.majority);
        const base = rule.base === "cast" ? marks.length : s.electorate;
        const passing = ["a", "b", "c"].filter(
          (id) => votesFor(id) >= 1 && meets(votesFor(id), base, rule.share, rule.comparison),
        );
        const expected = s.multiple
          ? passing.sort((x, y) => votesFor(y) - votesFor(x) || x.localeCompare(y))
          : passing.filter((id) => ["a", "b", "c"].every((other) => other === id || votesFor(other) < votesFor(id)));
        expect(tally.outcome.kind === "adopted" ? tally.outcome.optionIds : []).toEqual(expected);
        for (const count of tally.counts) expect(count.votes).toBe(votesFor(count.optionId));
      }),
      { numRuns: 500 },
    );
  });
});
