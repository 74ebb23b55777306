import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { latestVotes } from "./latest-votes.ts";
import { ballotAndVotesArb } from "./test-arbitraries.ts";
import { HOUR, makeVote, platform } from "./test-fixtures.ts";

describe("latestVotes", () => {
  it("keeps each platform's last signed vote, whatever the order of reception", () => {
    const first = makeVote({ platform: 1, at: HOUR, choice: "yes", delay: 10 * HOUR });
    const second = makeVote({ platform: 1, at: 2 * HOUR, choice: "no", delay: 1 });
    const other = makeVote({ platform: 0, at: HOUR, choice: "abstain" });
    expect(latestVotes([first, second, other])).toEqual([other, second]);
    expect(latestVotes([second, other, first])).toEqual([other, second]);
  });

  it("breaks a tie of signing times by vote id, then by content", () => {
    const a = makeVote({ platform: 1, id: "a", choice: "yes" });
    const b = makeVote({ platform: 1, id: "b", choice: "no" });
    expect(latestVotes([b, a]).map((vote) => vote.id)).toEqual(["b"]);
    const twinYes = makeVote({ platform: 1, id: "z", choice: "yes" });
    const twinNo = makeVote({ platform: 1, id: "z", choice: "no" });
    expect(latestVotes([twinYes, twinNo])).toEqual(latestVotes([twinNo, twinYes]));
    expect(latestVotes([]).length).toBe(0);
    expect(latestVotes([a])[0]?.platformId).toBe(platform(1));
  });

  it("is the same whatever the order of the votes, and picks one vote of each platform that voted", () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(
        ballotAndVotesArb.chain(([, votes]) =>
          fc.tuple(
            fc.constant(votes),
            fc.shuffledSubarray(votes, { minLength: votes.length, maxLength: votes.length }),
          ),
        ),
        ([votes, shuffled]) => {
          const latest = latestVotes(votes);
          expect(latestVotes(shuffled)).toEqual(latest);
          expect(latest.map((vote) => vote.platformId)).toEqual(
            [...new Set(votes.map((vote) => vote.platformId))].sort(),
          );
          for (const vote of latest) expect(votes).toContain(vote);
        },
      ),
      { numRuns: 200 },
    );
  });
});
