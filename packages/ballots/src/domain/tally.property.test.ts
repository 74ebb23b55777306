import type { CountryCode } from "@dynamo/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Ballot } from "./ballot.ts";
import type { VoteId } from "./ids.ts";
import { compareVotesBySigning } from "./latest-votes.ts";
import { tallyBallot } from "./tally.ts";
import { ballotAndVotesArb, ballotArb, votesArb } from "./test-arbitraries.ts";
import { checkVoteAlone, createBallotBox, indexBallot, type VoteRecord } from "./vote.ts";

const RUNS = { numRuns: 300 };

/** The votes that pass their own checks, each with an id of its own. */
function validUnique(ballot: Ballot, votes: VoteRecord[]): VoteRecord[] {
  const index = indexBallot(ballot);
  return votes
    .map((vote, n) => ({ ...vote, id: `u${n}` as VoteId }))
    .filter((vote) => checkVoteAlone(index, vote) === null);
}

describe("tallyBallot properties", () => {
  it("counts always sum to the votes counted", () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(ballotAndVotesArb, ([ballot, votes]) => {
        const tally = tallyBallot(ballot, votes);
        expect(tally.optionVotes + tally.abstentions + tally.blanks).toBe(tally.votesCounted);
        expect(tally.counted.length).toBe(tally.votesCounted);
        expect(tally.counted.length + tally.excluded.length).toBe(votes.length);
        const index = indexBallot(ballot);
        for (const { vote, reason } of tally.excluded) {
          const own = checkVoteAlone(index, vote);
          if (own !== null) expect(reason).toEqual(own);
          else expect(["superseded", "duplicate-vote", "proxy-cap-exceeded"]).toContain(reason.kind);
        }
        const marks = tally.counts.reduce((sum, count) => sum + count.votes, 0);
        const { options } = ballot.rules;
        if (options.kind === "custom" && options.choice.kind === "multiple") {
          expect(marks).toBeGreaterThanOrEqual(tally.optionVotes);
          expect(marks).toBeLessThanOrEqual(tally.optionVotes * options.choice.maxChoices);
        } else {
          expect(marks).toBe(tally.optionVotes);
        }
        expect(tally.cast).toBeLessThanOrEqual(tally.votesCounted);
        expect(tally.votesCounted).toBeLessThanOrEqual(ballot.electorate.length);
      }),
      RUNS,
    );
  });

  it("counts one vote per platform of the electorate, each passing its own checks", () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(ballotAndVotesArb, ([ballot, votes]) => {
        const tally = tallyBallot(ballot, votes);
        const index = indexBallot(ballot);
        const platforms = tally.counted.map((vote) => vote.platformId);
        expect(new Set(platforms).size).toBe(platforms.length);
        for (const vote of tally.counted) expect(checkVoteAlone(index, vote)).toBeNull();
      }),
      RUNS,
    );
  });

  it("counts only the last vote of each platform", () => {
    expect.hasAssertions();
    const noCap = ballotArb.map((ballot) => ({ ...ballot, rules: { ...ballot.rules, maxProxiesPerHolder: 100 } }));
    fc.assert(
      fc.property(
        noCap.chain((ballot) => fc.tuple(fc.constant(ballot), votesArb(ballot, { valid: true }))),
        ([ballot, generated]) => {
          const votes = validUnique(ballot, generated);
          const tally = tallyBallot(ballot, votes);
          const last = new Map<string, VoteRecord>();
          for (const vote of votes) {
            const current = last.get(vote.platformId);
            if (
              current === undefined ||
              vote.signedAt > current.signedAt ||
              (+vote.signedAt === +current.signedAt && vote.id > current.id)
            ) {
              last.set(vote.platformId, vote);
            }
          }
          expect(new Set(tally.counted)).toEqual(new Set(last.values()));
          for (const entry of tally.excluded) expect(entry.reason.kind).toBe("superseded");
        },
      ),
      RUNS,
    );
  });

  it("gives the same result whatever the order of the votes, and again on a copy", () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(
        ballotAndVotesArb.chain(([ballot, votes]) =>
          fc.tuple(
            fc.constant(ballot),
            fc.constant(votes),
            fc.shuffledSubarray(votes, { minLength: votes.length, maxLength: votes.length }),
          ),
        ),
        ([ballot, votes, shuffled]) => {
          const tally = tallyBallot(ballot, votes);
          expect(tallyBallot(ballot, shuffled)).toEqual(tally);
          expect(tallyBallot(structuredClone(ballot), structuredClone(votes))).toEqual(tally);
        },
      ),
      RUNS,
    );
  });

  it("never lets a proxy holder count for more platforms than the cap", () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(ballotAndVotesArb, ([ballot, votes]) => {
        const tally = tallyBallot(ballot, votes);
        const held = new Map<string, number>();
        for (const vote of tally.counted) {
          if (vote.castBy.kind === "proxy") held.set(vote.castBy.holder, (held.get(vote.castBy.holder) ?? 0) + 1);
        }
        for (const count of held.values()) expect(count).toBeLessThanOrEqual(ballot.rules.maxProxiesPerHolder);
        for (const holding of tally.proxies) {
          expect(holding.platforms.length).toBe(held.get(holding.holder));
        }
        expect(tally.proxies.length).toBe(held.size);
      }),
      RUNS,
    );
  });

  it("agrees with the hub's ballot box: what the box accepted, the tally counts in full", () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(ballotAndVotesArb, ([ballot, votes]) => {
        const box = createBallotBox(ballot);
        const accepted = votes.filter((vote) => box.accept(vote).ok);
        const tally = tallyBallot(ballot, accepted);
        for (const entry of tally.excluded) expect(entry.reason.kind).toBe("superseded");
        for (const vote of tally.counted) expect(box.latestOf(vote.platformId)).toBe(vote);
        for (const member of ballot.electorate) {
          const holding = tally.proxies.find((h) => h.holder === member.platformId)?.platforms ?? [];
          expect(box.proxiesHeldBy(member.platformId)).toEqual(holding);
          expect(holding.length).toBeLessThanOrEqual(ballot.rules.maxProxiesPerHolder);
        }
      }),
      RUNS,
    );
  });

  it("does not change a simple-majority outcome when an abstention is added and abstentions are excluded", () => {
    expect.hasAssertions();
    const simple = ballotArb.map((ballot) => ({
      ...ballot,
      rules: { ...ballot.rules, majority: { kind: "simple" as const }, abstentions: "excluded" as const },
    }));
    fc.assert(
      fc.property(
        simple.chain((ballot) => fc.tuple(fc.constant(ballot), votesArb(ballot), fc.nat())),
        ([ballot, votes, pick]) => {
          const before = tallyBallot(ballot, votes);
          // A platform with no vote at all (a later vote dropped for its proxy would supersede the abstention).
          const voted = new Set(votes.map((vote) => vote.platformId));
          const silent = ballot.electorate.filter((member) => !voted.has(member.platformId));
          fc.pre(silent.length > 0);
          const abstainer = silent[pick % silent.length]?.platformId ?? ballot.electorate[0]?.platformId;
          fc.pre(abstainer !== undefined);
          const abstention: VoteRecord = {
            id: "abstention" as VoteId,
            ballotId: ballot.id,
            platformId: abstainer as CountryCode,
            choice: { kind: "abstain" },
            castBy: { kind: "representative" },
            signedAt: ballot.opensAt,
            receivedAt: ballot.opensAt,
          };
          const after = tallyBallot(ballot, [...votes, abstention]);
          expect(after.abstentions).toBe(before.abstentions + 1);
          expect(after.cast).toBe(before.cast);
          expect(after.majorityReached).toBe(before.majorityReached);
          // Taking part, the abstainer can bring the quorum, never lose it.
          if (before.quorumReached) expect(after.quorumReached).toBe(true);
          if (after.quorumReached) {
            const decided = after.majorityReached ? "adopted" : "rejected";
            expect(after.outcome.kind).toBe(decided);
          }
          // Without a quorum rule, nothing of the outcome but its turnout figures moves.
          const noQuorum = { ...ballot, rules: { ...ballot.rules, quorum: null } };
          const { figures: _f1, ...withoutVote } = tallyBallot(noQuorum, votes).outcome;
          const { figures: _f2, ...withVote } = tallyBallot(noQuorum, [...votes, abstention]).outcome;
          expect(withVote).toEqual(withoutVote);
        },
      ),
      RUNS,
    );
  });
});

describe("sorting helpers", () => {
  it("order votes totally: no two distinct votes compare equal", () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(ballotAndVotesArb, ([, votes]) => {
        for (const a of votes.slice(0, 10)) {
          for (const b of votes.slice(0, 10)) {
            const order = compareVotesBySigning(a, b);
            expect(Math.sign(order) + Math.sign(compareVotesBySigning(b, a))).toBe(0);
            if (order === 0) expect(a).toEqual(b);
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
