import { describe, expect, it } from "vitest";
import type { BallotId } from "./ids.ts";
import type { BallotRules } from "./rules.ts";
import {
  BALLOT_ID,
  byProxy,
  CLOSES_AT,
  GRACE_MS,
  HOUR,
  makeBallot,
  makeVote,
  OPENS_AT,
  platform,
} from "./test-fixtures.ts";
import { createBallotBox, receptionDeadline, type VoteRecord, validateVote } from "./vote.ts";

const ballot = makeBallot({ electorate: 10 });
const refusal = (vote: VoteRecord, accepted: VoteRecord[] = [], rules: Partial<BallotRules> = {}) => {
  const result = validateVote(makeBallot({ electorate: 10, rules }), vote, accepted);
  return result.ok ? null : result.error;
};
const CLOSE = CLOSES_AT.getTime() - OPENS_AT.getTime();

describe("validateVote: who and what", () => {
  it("accepts a representative's vote of a platform of the electorate", () => {
    const vote = makeVote({ platform: 3 });
    expect(validateVote(ballot, vote)).toEqual({ ok: true, value: vote });
  });

  it("refuses another ballot's vote, a platform outside the electorate, and a repeated vote id", () => {
    expect(refusal({ ...makeVote({ platform: 1 }), ballotId: "other" as BallotId })).toEqual({
      kind: "wrong-ballot",
      ballotId: "other",
    });
    expect(refusal(makeVote({ platform: 10 }))).toEqual({ kind: "not-in-electorate", platformId: platform(10) });
    const vote = makeVote({ platform: 1, id: "activity-1" });
    expect(refusal({ ...vote, choice: { kind: "abstain" } }, [vote])).toEqual({
      kind: "duplicate-vote",
      voteId: "activity-1",
    });
  });

  it("refuses options the ballot does not offer, none, twice, or more than allowed", () => {
    expect(refusal(makeVote({ platform: 1, choice: ["maybe"] }))).toEqual({
      kind: "invalid-option",
      optionId: "maybe",
    });
    expect(refusal(makeVote({ platform: 1, choice: [] }))).toEqual({ kind: "no-option-chosen" });
    expect(refusal(makeVote({ platform: 1, choice: ["yes", "no"] }))).toEqual({
      kind: "too-many-options",
      chosen: 2,
      maxChoices: 1,
    });
    const multiple: Partial<BallotRules> = {
      options: {
        kind: "custom",
        options: ["a", "b", "c"].map((id) => ({ id, label: { en: id } })),
        choice: { kind: "multiple", maxChoices: 2 },
      },
    };
    expect(refusal(makeVote({ platform: 1, choice: ["a", "c"] }), [], multiple)).toBeNull();
    expect(refusal(makeVote({ platform: 1, choice: ["a", "a"] }), [], multiple)).toEqual({
      kind: "duplicate-option",
      optionId: "a",
    });
    expect(refusal(makeVote({ platform: 1, choice: ["a", "b", "c"] }), [], multiple)).toEqual({
      kind: "too-many-options",
      chosen: 3,
      maxChoices: 2,
    });
    expect(refusal(makeVote({ platform: 1, choice: ["yes"] }), [], multiple)).toEqual({
      kind: "invalid-option",
      optionId: "yes",
    });
  });

  it("always accepts abstaining and voting blank", () => {
    expect(refusal(makeVote({ platform: 1, choice: "abstain" }))).toBeNull();
    expect(refusal(makeVote({ platform: 1, choice: "blank" }))).toBeNull();
  });

  it("accepts a substitute only when the ballot allows it", () => {
    const vote = makeVote({ platform: 1, castBy: { kind: "substitute" } });
    expect(refusal(vote)).toBeNull();
    expect(refusal(vote, [], { substitutesAllowed: false })).toEqual({ kind: "substitute-not-allowed" });
  });

  it("accepts a proxy held by another platform of the electorate only, when proxies are allowed", () => {
    expect(refusal(makeVote({ platform: 1, castBy: byProxy(2) }))).toBeNull();
    expect(refusal(makeVote({ platform: 1, castBy: byProxy(1) }))).toEqual({ kind: "proxy-holder-is-self" });
    expect(refusal(makeVote({ platform: 1, castBy: byProxy(42) }))).toEqual({
      kind: "proxy-holder-not-in-electorate",
      holder: platform(42),
    });
    expect(refusal(makeVote({ platform: 1, castBy: byProxy(2) }), [], { maxProxiesPerHolder: 0 })).toEqual({
      kind: "proxies-not-allowed",
    });
  });
});

describe("validateVote: timing", () => {
  it("counts a vote signed from the opening (inclusive) to the close (exclusive)", () => {
    expect(refusal(makeVote({ platform: 1, at: 0 }))).toBeNull();
    expect(refusal(makeVote({ platform: 1, at: -1 }))).toEqual({ kind: "ballot-not-open", opensAt: OPENS_AT });
    expect(refusal(makeVote({ platform: 1, at: CLOSE - 1 }))).toBeNull();
    expect(refusal(makeVote({ platform: 1, at: CLOSE }))).toEqual({ kind: "ballot-closed", closesAt: CLOSES_AT });
  });

  it("takes in a vote signed in time until close + grace (exclusive)", () => {
    const deadline = receptionDeadline(ballot);
    expect(deadline.getTime()).toBe(CLOSES_AT.getTime() + GRACE_MS);
    expect(refusal(makeVote({ platform: 1, at: CLOSE - 1, delay: GRACE_MS }))).toBeNull();
    expect(refusal(makeVote({ platform: 1, at: CLOSE - 1, delay: GRACE_MS + 1 }))).toEqual({
      kind: "received-after-grace",
      deadline,
    });
  });

  it("refuses an unreadable time", () => {
    expect(refusal({ ...makeVote({ platform: 1 }), signedAt: new Date("nope") })).toEqual({
      kind: "invalid-timestamp",
    });
  });
});

describe("proxy cap", () => {
  const cap2: Partial<BallotRules> = { maxProxiesPerHolder: 2 };
  const held = [makeVote({ platform: 1, castBy: byProxy(9) }), makeVote({ platform: 2, castBy: byProxy(9) })];

  it("refuses a holder's vote beyond the cap, for the ballot's cap exactly", () => {
    expect(refusal(makeVote({ platform: 3, castBy: byProxy(9) }), held, cap2)).toEqual({
      kind: "proxy-cap-exceeded",
      holder: platform(9),
      maxProxiesPerHolder: 2,
    });
    expect(refusal(makeVote({ platform: 3, castBy: byProxy(9) }), held, { maxProxiesPerHolder: 3 })).toBeNull();
    expect(refusal(makeVote({ platform: 3, castBy: byProxy(8) }), held, cap2)).toBeNull();
  });

  it("lets a holder change a vote it already holds", () => {
    expect(refusal(makeVote({ platform: 2, castBy: byProxy(9), at: 2 * HOUR, choice: "no" }), held, cap2)).toBeNull();
  });

  it("frees a place when the platform votes itself later, not when its own vote came earlier", () => {
    const own = makeVote({ platform: 2, at: 2 * HOUR });
    expect(refusal(makeVote({ platform: 3, castBy: byProxy(9) }), [...held, own], cap2)).toBeNull();
    const earlier = makeVote({ platform: 2, at: HOUR / 2 });
    expect(refusal(makeVote({ platform: 3, castBy: byProxy(9) }), [...held, earlier], cap2)?.kind).toBe(
      "proxy-cap-exceeded",
    );
  });

  it("accepts a proxy vote superseded at once (it changes nothing)", () => {
    const own = makeVote({ platform: 3, at: 2 * HOUR });
    expect(refusal(makeVote({ platform: 3, castBy: byProxy(9), at: HOUR }), [...held, own], cap2)).toBeNull();
  });

  it("keeps track in a ballot box as votes come and go", () => {
    const box = createBallotBox(makeBallot({ rules: { maxProxiesPerHolder: 1 } }));
    expect(box.accept(makeVote({ platform: 1, castBy: byProxy(9) })).ok).toBe(true);
    expect(box.proxiesHeldBy(platform(9))).toEqual([platform(1)]);
    expect(box.accept(makeVote({ platform: 2, castBy: byProxy(9) })).ok).toBe(false);
    expect(box.accept(makeVote({ platform: 1, at: 2 * HOUR })).ok).toBe(true);
    expect(box.proxiesHeldBy(platform(9))).toEqual([]);
    expect(box.latestOf(platform(1))?.castBy).toEqual({ kind: "representative" });
    expect(box.accept(makeVote({ platform: 2, castBy: byProxy(9) })).ok).toBe(true);
    expect(box.proxiesHeldBy(platform(9))).toEqual([platform(2)]);
    expect(box.latestOf(platform(3))).toBeUndefined();
    expect(box.latestOf(platform(2))?.ballotId).toBe(BALLOT_ID);
  });
});
