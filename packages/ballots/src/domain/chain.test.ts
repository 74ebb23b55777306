import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalVote } from "./canonical-vote.ts";
import { type ChainLink, chainGenesis, chainVotes, type HashFunction, verifyChain } from "./chain.ts";
import type { BallotId } from "./ids.ts";
import { ballotAndVotesArb } from "./test-arbitraries.ts";
import { BALLOT_ID, HOUR, makeVote } from "./test-fixtures.ts";

const sha256: HashFunction = (input) => createHash("sha256").update(input).digest("hex");

const votes = [
  makeVote({ platform: 2, at: 3 * HOUR, choice: "no" }),
  makeVote({ platform: 1, at: HOUR, choice: "yes" }),
  makeVote({ platform: 3, at: 2 * HOUR, choice: "abstain" }),
];

describe("chainVotes", () => {
  it("links the votes in order of reception, from a genesis tied to the ballot", () => {
    const chain = chainVotes(BALLOT_ID, votes, sha256);
    expect(chain.links.map((link) => link.vote.platformId)).toEqual(["p001", "p003", "p002"]);
    expect(chain.links[0]?.previous).toBe(chainGenesis(BALLOT_ID, sha256));
    expect(chain.links[1]?.previous).toBe(chain.links[0]?.hash);
    expect(chain.head).toBe(chain.links[2]?.hash);
    expect(chain.head).toMatch(/^[0-9a-f]{64}$/);
    expect(chainVotes(BALLOT_ID, [...votes].reverse(), sha256)).toEqual(chain);
    expect(chainGenesis("other" as BallotId, sha256)).not.toBe(chainGenesis(BALLOT_ID, sha256));
  });

  it("verifies as published, and an empty chain is its genesis", () => {
    const chain = chainVotes(BALLOT_ID, votes, sha256);
    expect(verifyChain(chain, sha256)).toEqual({ ok: true, value: chain.head });
    const empty = chainVotes(BALLOT_ID, [], sha256);
    expect(verifyChain(empty, sha256)).toEqual({ ok: true, value: chainGenesis(BALLOT_ID, sha256) });
  });
});

describe("verifyChain finds tampering", () => {
  const chain = chainVotes(BALLOT_ID, votes, sha256);
  const withLinks = (links: ChainLink[]) => verifyChain({ ...chain, links }, sha256);

  it("a changed vote", () => {
    const [first, second, third] = chain.links as [ChainLink, ChainLink, ChainLink];
    const changed = { ...second, vote: { ...second.vote, choice: { kind: "options" as const, optionIds: ["yes"] } } };
    expect(withLinks([first, changed, third])).toEqual({ ok: false, error: { kind: "hash-mismatch", index: 1 } });
  });

  it("a removed or reordered vote", () => {
    const [first, second, third] = chain.links as [ChainLink, ChainLink, ChainLink];
    expect(withLinks([first, third])).toEqual({ ok: false, error: { kind: "broken-link", index: 1 } });
    expect(withLinks([second, first, third])).toEqual({ ok: false, error: { kind: "broken-link", index: 0 } });
  });

  it("a chain re-hashed by a forger in another order than reception", () => {
    let previous = chainGenesis(BALLOT_ID, sha256);
    const links = [votes[2], votes[0], votes[1]].flatMap((vote) => {
      if (vote === undefined) return [];
      const hash = sha256(`${previous}\n${canonicalVote(vote)}`);
      const link = { vote, previous, hash };
      previous = hash;
      return [link];
    });
    expect(verifyChain({ ballotId: BALLOT_ID, links, head: previous }, sha256)).toEqual({
      ok: false,
      error: { kind: "out-of-order", index: 2 },
    });
  });

  it("a vote of another ballot, or a wrong head", () => {
    const [first, second, third] = chain.links as [ChainLink, ChainLink, ChainLink];
    const foreign = { ...third, vote: { ...third.vote, ballotId: "other" as BallotId } };
    expect(withLinks([first, second, foreign])).toEqual({ ok: false, error: { kind: "wrong-ballot", index: 2 } });
    expect(verifyChain({ ...chain, head: sha256("x") }, sha256)).toEqual({
      ok: false,
      error: { kind: "head-mismatch" },
    });
    expect(verifyChain({ ...chain, links: chain.links.slice(0, 2) }, sha256)).toEqual({
      ok: false,
      error: { kind: "head-mismatch" },
    });
  });

  it("a rebuilt chain with the same votes but one re-hashed link", () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(ballotAndVotesArb, fc.nat(), ([, generated], pick) => {
        const unique = generated.map((vote, n) => ({ ...vote, id: `${vote.id}-${n}` as typeof vote.id }));
        const built = chainVotes(BALLOT_ID, unique, sha256);
        expect(verifyChain(built, sha256).ok).toBe(true);
        fc.pre(built.links.length > 0);
        const index = pick % built.links.length;
        const links = built.links.map((link, n) => (n === index ? { ...link, hash: sha256(`forged${n}`) } : link));
        expect(verifyChain({ ...built, links }, sha256).ok).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});
