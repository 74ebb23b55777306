import { describe, expect, it } from "vitest";
import { fraction } from "./fraction.ts";
import type { BallotRules } from "./rules.ts";
import { tallyBallot } from "./tally.ts";
import { byProxy, HOUR, makeBallot, makeVote, votesOf } from "./test-fixtures.ts";

const tally = (electorate: number, rules: Partial<BallotRules>, counts: Parameters<typeof votesOf>[0]) =>
  tallyBallot(makeBallot({ electorate, rules }), votesOf(counts));
const kindOf = (electorate: number, rules: Partial<BallotRules>, counts: Parameters<typeof votesOf>[0]) => {
  const { outcome } = tally(electorate, rules, counts);
  return outcome.kind === "rejected" ? `rejected:${outcome.reason}` : outcome.kind;
};

const cast: Partial<BallotRules> = { blanks: "counted-as-cast" };

describe("simple majority: more than half of the votes cast", () => {
  it("fails at 5 of 10 votes cast and passes at 6 of 10", () => {
    expect(kindOf(20, cast, { yes: 5, no: 4, blank: 1 })).toBe("rejected:majority-not-reached");
    expect(kindOf(20, cast, { yes: 6, no: 3, blank: 1 })).toBe("adopted");
    const { outcome } = tally(20, cast, { yes: 5, no: 4, blank: 1 });
    expect(outcome.figures).toMatchObject({ base: "cast", baseCount: 10, required: 6 });
  });

  it("fails a tie, with the tie as the reason", () => {
    expect(kindOf(10, {}, { yes: 5, no: 5 })).toBe("rejected:tie");
    expect(kindOf(10, {}, { yes: 1, no: 0 })).toBe("adopted");
  });

  it("leaves out abstentions when they are excluded and weighs them when counted as cast", () => {
    expect(kindOf(10, { abstentions: "excluded" }, { yes: 3, no: 2, abstain: 4 })).toBe("adopted");
    expect(kindOf(10, { abstentions: "counted-as-cast" }, { yes: 3, no: 2, abstain: 4 })).toBe(
      "rejected:majority-not-reached",
    );
    expect(kindOf(10, { abstentions: "counted-as-cast" }, { yes: 5, no: 2, abstain: 2 })).toBe("adopted");
  });

  it("treats blank votes by their own rule, independently of abstentions", () => {
    const rules: Partial<BallotRules> = { abstentions: "counted-as-cast", blanks: "excluded" };
    const result = tally(10, rules, { yes: 3, no: 1, abstain: 1, blank: 4 });
    expect(result.cast).toBe(5);
    expect(result.outcome.kind).toBe("adopted");
    expect(kindOf(10, { abstentions: "excluded", blanks: "counted-as-cast" }, { yes: 3, no: 1, blank: 4 })).toBe(
      "rejected:majority-not-reached",
    );
  });

  it("rejects when nobody votes yes, even with no vote cast at all", () => {
    const result = tally(10, {}, { abstain: 6 });
    expect(result.cast).toBe(0);
    expect(result.outcome).toMatchObject({
      kind: "rejected",
      reason: "majority-not-reached",
      figures: { required: 1 },
    });
  });
});

describe("absolute majority: more than half of the electorate", () => {
  const absolute: Partial<BallotRules> = { majority: { kind: "absolute" } };
  it("needs 6 of an electorate of 10, and of 11", () => {
    expect(kindOf(10, absolute, { yes: 5 })).toBe("rejected:majority-not-reached");
    expect(kindOf(10, absolute, { yes: 6, no: 4 })).toBe("adopted");
    expect(kindOf(11, absolute, { yes: 5, no: 0 })).toBe("rejected:majority-not-reached");
    expect(kindOf(11, absolute, { yes: 6 })).toBe("adopted");
    expect(tally(11, absolute, { yes: 6 }).outcome.figures).toMatchObject({ base: "electorate", baseCount: 11 });
  });
});

describe("qualified majority", () => {
  const twoThirds = (comparison: "at-least" | "more-than", base: "cast" | "electorate"): Partial<BallotRules> => ({
    majority: { kind: "qualified", share: fraction(2, 3), base, comparison },
  });

  it("'at least two thirds' of votes cast passes at 20 of 30 exactly, fails at 19", () => {
    expect(kindOf(40, twoThirds("at-least", "cast"), { yes: 20, no: 10 })).toBe("adopted");
    expect(kindOf(40, twoThirds("at-least", "cast"), { yes: 19, no: 11 })).toBe("rejected:majority-not-reached");
  });

  it("'more than two thirds' of votes cast fails at 20 of 30 exactly, passes at 21", () => {
    expect(kindOf(40, twoThirds("more-than", "cast"), { yes: 20, no: 10 })).toBe("rejected:majority-not-reached");
    expect(kindOf(40, twoThirds("more-than", "cast"), { yes: 21, no: 9 })).toBe("adopted");
  });

  it("of the electorate counts every platform, voting or not", () => {
    expect(kindOf(30, twoThirds("at-least", "electorate"), { yes: 20 })).toBe("adopted");
    expect(kindOf(30, twoThirds("at-least", "electorate"), { yes: 19 })).toBe("rejected:majority-not-reached");
    expect(kindOf(31, twoThirds("at-least", "electorate"), { yes: 20 })).toBe("rejected:majority-not-reached");
    expect(kindOf(31, twoThirds("at-least", "electorate"), { yes: 21 })).toBe("adopted");
  });
});

describe("quorum: a share of the electorate taking part", () => {
  const half: Partial<BallotRules> = { quorum: fraction(1, 2) };
  it("is reached exactly at the share: 5 of 10, and 5 of 9 (4.5 rounds up)", () => {
    expect(kindOf(10, half, { yes: 3, no: 1, abstain: 1 })).toBe("adopted");
    expect(kindOf(10, half, { yes: 3, no: 1 })).toBe("no-quorum");
    expect(kindOf(9, half, { yes: 4, blank: 1 })).toBe("adopted");
    expect(kindOf(9, half, { yes: 4 })).toBe("no-quorum");
    expect(tally(9, half, { yes: 4 }).outcome.figures).toMatchObject({ quorumRequired: 5, votesCounted: 4 });
  });

  it("counts abstentions and blanks as taking part, and wins over any majority", () => {
    const result = tally(10, { quorum: fraction(2, 3) }, { yes: 6 });
    expect(result.outcome.kind).toBe("no-quorum");
    expect(result.quorumReached).toBe(false);
    expect(result.majorityReached).toBe(true);
    expect(kindOf(10, { quorum: fraction(2, 3) }, { yes: 1, abstain: 3, blank: 3 })).toBe("adopted");
  });

  it("of zero is always reached; of the whole electorate needs everyone", () => {
    expect(kindOf(10, { quorum: fraction(0, 1) }, { yes: 1 })).toBe("adopted");
    expect(kindOf(3, { quorum: fraction(1, 1) }, { yes: 2 })).toBe("no-quorum");
    expect(kindOf(3, { quorum: fraction(1, 1) }, { yes: 2, no: 1 })).toBe("adopted");
  });
});

describe("custom options", () => {
  const cities = ["dakar", "lima", "manila"].map((id) => ({ id, label: { en: id } }));
  const single: Partial<BallotRules> = { options: { kind: "custom", options: cities, choice: { kind: "single" } } };
  const multiple: Partial<BallotRules> = {
    options: { kind: "custom", options: cities, choice: { kind: "multiple", maxChoices: 2 } },
  };
  const run = (rules: Partial<BallotRules>, choices: string[][]) =>
    tallyBallot(
      makeBallot({ electorate: 10, rules }),
      choices.map((choice, n) => makeVote({ platform: n, choice })),
    );

  it("single choice adopts the option with more than half, and fails a plurality or a tie", () => {
    const adopted = run(single, [["lima"], ["lima"], ["dakar"]]);
    expect(adopted.outcome).toMatchObject({ kind: "adopted", optionIds: ["lima"] });
    expect(adopted.counts).toEqual([
      { optionId: "dakar", votes: 1 },
      { optionId: "lima", votes: 2 },
      { optionId: "manila", votes: 0 },
    ]);
    expect(run(single, [["lima"], ["lima"], ["dakar"], ["manila"]]).outcome).toMatchObject({
      kind: "rejected",
      reason: "majority-not-reached",
    });
    expect(run(single, [["lima"], ["dakar"]]).outcome).toMatchObject({ kind: "rejected", reason: "tie" });
  });

  it("multiple choice judges each option on its own against the voters, not the marks", () => {
    const result = run(multiple, [["lima", "dakar"], ["lima", "manila"], ["dakar", "lima"], ["manila"]]);
    expect(result.optionVotes).toBe(4);
    expect(result.counts.reduce((sum, count) => sum + count.votes, 0)).toBe(7);
    expect(result.outcome).toMatchObject({ kind: "adopted", optionIds: ["lima"], figures: { required: 3 } });
    const two = run(multiple, [["lima", "dakar"], ["lima", "dakar"], ["manila"]]);
    expect(two.outcome).toMatchObject({ kind: "adopted", optionIds: ["dakar", "lima"] });
    expect(run(multiple, [["lima"], ["dakar"]]).outcome.kind).toBe("rejected");
  });
});

describe("what is counted", () => {
  it("counts each platform's last vote and says why the others were left out", () => {
    const ballot = makeBallot({ electorate: 4, rules: { maxProxiesPerHolder: 1 } });
    const first = makeVote({ platform: 0, choice: "no", at: HOUR });
    const changed = makeVote({ platform: 0, choice: "yes", at: 2 * HOUR });
    const late = makeVote({ platform: 1, choice: "no", at: 168 * HOUR });
    const held = makeVote({ platform: 2, castBy: byProxy(3), at: HOUR });
    const overCap = makeVote({ platform: 1, castBy: byProxy(3), at: 3 * HOUR });
    const result = tallyBallot(ballot, [late, overCap, changed, held, first]);
    expect(result.counted).toEqual([changed, held]);
    expect(result.excluded.map((entry) => [entry.vote.id, entry.reason.kind])).toEqual([
      [first.id, "superseded"],
      [overCap.id, "proxy-cap-exceeded"],
      [late.id, "ballot-closed"],
    ]);
    expect(result.proxies).toEqual([{ holder: "p003", platforms: ["p002"] }]);
    expect(result).toMatchObject({ votesCounted: 2, optionVotes: 2, turnout: { numerator: 2, denominator: 4 } });
  });
});
