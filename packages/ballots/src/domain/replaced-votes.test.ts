import { describe, expect, it } from "vitest";
import { replacedVotes } from "./own-votes.ts";

const at = (minute: number) => new Date(Date.UTC(2026, 5, 1, 9, minute));

describe("replacedVotes", () => {
  it("marks every vote but the last signed, for the platform's own vote and each proxy apart", () => {
    const replaced = replacedVotes([
      { id: "own-2", proxyFor: null, signedAt: at(5), refused: false },
      { id: "own-1", proxyFor: null, signedAt: at(1), refused: false },
      { id: "own-3-refused", proxyFor: null, signedAt: at(9), refused: true },
      { id: "cm-1", proxyFor: "CM", signedAt: at(2), refused: false },
      { id: "sn-1", proxyFor: "SN", signedAt: at(3), refused: false },
      { id: "sn-2", proxyFor: "SN", signedAt: at(4), refused: false },
    ]);
    expect([...replaced].sort()).toEqual(["own-1", "sn-1"]);
  });

  it("replaces nothing with one vote, or when the later one was refused", () => {
    expect(replacedVotes([{ id: "a", proxyFor: null, signedAt: at(1), refused: false }]).size).toBe(0);
    expect(
      replacedVotes([
        { id: "a", proxyFor: null, signedAt: at(1), refused: false },
        { id: "b", proxyFor: null, signedAt: at(2), refused: true },
      ]).size,
    ).toBe(0);
  });
});
