import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { HashFunction } from "./chain.ts";
import { includesReceipt, publishReceipts, verifyReceipts, voteReceipt } from "./receipts.ts";
import { BALLOT_ID, makeVote } from "./test-fixtures.ts";

const sha256: HashFunction = (input) => createHash("sha256").update(input).digest("hex");

describe("receipts of a secret ballot", () => {
  const votes = [0, 1, 2, 3].map((n) => makeVote({ platform: n, choice: n % 2 === 0 ? "yes" : "no" }));
  const receipts = votes.map((vote, n) => voteReceipt(vote, `nonce-${n}`, sha256));

  it("depend on the nonce, so a receipt does not reveal the vote", () => {
    const vote = makeVote({ platform: 7 });
    expect(voteReceipt(vote, "a", sha256)).not.toBe(voteReceipt(vote, "b", sha256));
    expect(voteReceipt(vote, "a", sha256)).toBe(voteReceipt({ ...vote }, "a", sha256));
    expect(voteReceipt(vote, "a", sha256)).not.toBe(voteReceipt({ ...vote, choice: { kind: "blank" } }, "a", sha256));
  });

  it("are published sorted, once each, with a digest every voter can check", () => {
    const list = publishReceipts(BALLOT_ID, [...receipts, receipts[0] ?? ""], sha256);
    expect(list.receipts).toEqual([...receipts].sort());
    expect(verifyReceipts(list, sha256)).toBe(true);
    for (const receipt of receipts) expect(includesReceipt(list, receipt)).toBe(true);
    expect(includesReceipt(list, sha256("not a receipt"))).toBe(false);
    expect(publishReceipts(BALLOT_ID, [...receipts].reverse(), sha256).digest).toBe(list.digest);
  });

  it("fail the check when a receipt is dropped, added or the order is broken", () => {
    const list = publishReceipts(BALLOT_ID, receipts, sha256);
    expect(verifyReceipts({ ...list, receipts: list.receipts.slice(1) }, sha256)).toBe(false);
    expect(verifyReceipts({ ...list, receipts: [...list.receipts].reverse() }, sha256)).toBe(false);
    expect(verifyReceipts({ ...list, receipts: [...list.receipts, "ffff"] }, sha256)).toBe(false);
    expect(includesReceipt(publishReceipts(BALLOT_ID, [], sha256), receipts[0] ?? "")).toBe(false);
  });
});
