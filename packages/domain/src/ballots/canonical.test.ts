import { describe, expect, it } from "vitest";
import { canonicalJson, canonicalVote } from "./canonical.ts";
import { byProxy, makeVote, platform } from "./test-fixtures.ts";
import type { VoteRecord } from "./vote.ts";

describe("canonicalJson", () => {
  it("sorts keys by code units at every depth and leaves out undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [true, null], c: "é" }, Z: undefined, B: "x" })).toBe(
      '{"B":"x","a":{"c":"é","d":[true,null]},"b":1}',
    );
  });

  it("writes dates in ISO 8601 UTC and throws on what JSON cannot say", () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)) })).toBe('{"at":"2026-01-02T03:04:05.006Z"}');
    expect(() => canonicalJson(Number.NaN)).toThrow(TypeError);
    expect(() => canonicalJson(new Date("nope"))).toThrow(TypeError);
  });
});

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
