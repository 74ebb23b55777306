import { describe, expect, it } from "vitest";
import { proxyHoldings, rollCall } from "./roll-call.ts";
import { tallyBallot } from "./tally.ts";
import { byProxy, HOUR, makeBallot, makeVote, platform } from "./test-fixtures.ts";

describe("roll call", () => {
  const votes = [
    makeVote({ platform: 0, choice: "yes" }),
    makeVote({ platform: 1, choice: "no", castBy: byProxy(0) }),
    makeVote({ platform: 2, choice: "abstain", castBy: { kind: "substitute" } }),
    makeVote({ platform: 3, choice: "yes", castBy: byProxy(0), at: HOUR }),
    makeVote({ platform: 3, choice: "no", at: 2 * HOUR }),
  ];

  it("lists every member of the electorate by region, with its counted vote and who cast it", () => {
    const ballot = makeBallot({ electorate: 5, rules: { maxProxiesPerHolder: 2 } });
    const lines = rollCall(ballot, tallyBallot(ballot, votes));
    expect(lines.map((line) => [line.regionCode, line.platformId, line.choice?.kind ?? null])).toEqual([
      ["AF", "p000", "options"],
      ["AF", "p004", null],
      ["AM", "p001", "options"],
      ["AS", "p002", "abstain"],
      ["EU", "p003", "options"],
    ]);
    expect(lines.find((line) => line.platformId === platform(1))).toMatchObject({
      voted: true,
      castBy: { kind: "proxy", holder: "p000" },
      choice: { kind: "options", optionIds: ["no"] },
    });
    expect(lines.find((line) => line.platformId === platform(3))?.castBy).toEqual({ kind: "representative" });
    expect(lines.find((line) => line.platformId === platform(4))).toMatchObject({ voted: false, castBy: null });
  });

  it("shows who took part and through whom, but not how, in a secret ballot", () => {
    const ballot = makeBallot({ electorate: 5, rules: { secrecy: "secret", maxProxiesPerHolder: 2 } });
    const lines = rollCall(ballot, tallyBallot(ballot, votes));
    expect(lines.every((line) => line.choice === null && line.voteId === null)).toBe(true);
    expect(lines.filter((line) => line.voted).length).toBe(4);
    expect(lines.find((line) => line.platformId === platform(1))?.castBy).toEqual(byProxy(0));
  });

  it("shows who held whose vote, counting only last votes", () => {
    expect(
      proxyHoldings(tallyBallot(makeBallot({ electorate: 5, rules: { maxProxiesPerHolder: 2 } }), votes).counted),
    ).toEqual([{ holder: "p000", platforms: ["p001"] }]);
    expect(
      proxyHoldings([
        makeVote({ platform: 4, castBy: byProxy(2) }),
        makeVote({ platform: 1, castBy: byProxy(2) }),
        makeVote({ platform: 3, castBy: byProxy(0) }),
      ]),
    ).toEqual([
      { holder: "p000", platforms: ["p003"] },
      { holder: "p002", platforms: ["p001", "p004"] },
    ]);
  });
});
