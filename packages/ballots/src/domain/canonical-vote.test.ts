import { describe, expect, it } from "vitest";
import { canonicalVote } from "./canonical-vote.ts";
import { byProxy, makeVote, platform } from "./test-fixtures.ts";
import type { VoteRecord } from "./vote.ts";

describe("canonicalVote", () => {
  it("is the same text whatever the key order or the order of the chosen options", () => {
    const vote = makeVote({ platform: 1, choice: ["b", "a"], castBy: byProxy(2) });
    const reordered: VoteRecord = {
      receivedAt: vote.receivedAt,
      signedAt: vote.signedAt,
      castBy: { holder: platform(2), kind: "proxy" },
      choice: { optionIds: ["a", "b"], kind: "options" },
      platformId: vote.platformId,
      ballotId: vote.ballotId,
      id: vote.id,
    };
    expect(canonicalVote(reordered)).toBe(canonicalVote(vote));
    expect(canonicalVote(vote)).toBe(
      '{"ballotId":"ballot-2026-01","castBy":{"holder":"p002","kind":"proxy"},' +
        '"choice":{"kind":"options","optionIds":["a","b"]},"format":"dynamo-vote/1","id":"vote-p001-3600000",' +
        '"platformId":"p001","receivedAt":"2026-06-01T10:00:01.000Z","signedAt":"2026-06-01T10:00:00.000Z"}',
    );
  });

  it("differs when anything that counts differs", () => {
    const vote = makeVote({ platform: 1 });
    expect(canonicalVote({ ...vote, choice: { kind: "abstain" } })).not.toBe(canonicalVote(vote));
    expect(canonicalVote({ ...vote, castBy: { kind: "substitute" } })).not.toBe(canonicalVote(vote));
    expect(canonicalVote({ ...vote, signedAt: new Date(vote.signedAt.getTime() + 1) })).not.toBe(canonicalVote(vote));
  });
});
