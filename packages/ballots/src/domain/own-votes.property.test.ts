import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type HeldVote, missingVotes } from "./own-votes.ts";
import { tallyBallot } from "./tally.ts";
import { byProxy, CLOSES_AT, GRACE_MS, makeBallot, makeVote, OPENS_AT, platform } from "./test-fixtures.ts";
import { createBallotBox, receptionDeadline, type VoteRecord } from "./vote.ts";

const VOTING_MS = CLOSES_AT.getTime() - OPENS_AT.getTime();
const SIZE = 8;
const ballot = makeBallot({ electorate: SIZE, rules: { maxProxiesPerHolder: 3, substitutesAllowed: true } });
const regionOf = (n: number) => ballot.electorate[n]?.regionCode;

/**
 * One casting at a region: a platform's own vote or, held by proxy, another's; signed at some
 * moment (some after the close, which the region never signs in practice: they must not matter),
 * then delivered after some delay, or lost on the way, or dropped by the hub.
 */
const castArb = fc.record({
  platform: fc.integer({ min: 0, max: SIZE - 1 }),
  proxyHolder: fc.option(fc.integer({ min: 0, max: SIZE - 1 }), { nil: null }),
  at: fc.integer({ min: 0, max: VOTING_MS + GRACE_MS }),
  choice: fc.constantFrom("yes", "no", "abstain", "blank"),
  delay: fc.oneof(
    fc.integer({ min: 0, max: 10_000 }),
    fc.integer({ min: 0, max: 3 * GRACE_MS }),
    fc.constant(Number.POSITIVE_INFINITY),
  ),
  droppedByHub: fc.boolean(),
});

describe("a vote a region signed before the close", () => {
  it("is counted, replaced by a later vote of its platform, or the result is disputed by its region", () => {
    fc.assert(
      fc.property(
        fc.array(castArb, { maxLength: 30 }),
        fc.integer({ min: 0, max: GRACE_MS }),
        fc.constantFrom("roll-call" as const, "secret" as const),
        (casts, extensionMs, secrecy) => {
          const counting = { ...ballot, extensionMs };
          const deadline = receptionDeadline(counting).getTime();
          // The votes as the regions sign them: a proxy vote is signed at the holder's region.
          const signed = casts.flatMap((cast, n) => {
            const proxy = cast.proxyHolder !== null && cast.proxyHolder !== cast.platform;
            const vote: VoteRecord = {
              ...makeVote({
                platform: cast.platform,
                choice: cast.choice,
                at: cast.at,
                id: `vote-${n}`,
                ...(proxy && cast.proxyHolder !== null ? { castBy: byProxy(cast.proxyHolder) } : {}),
              }),
            };
            const region = regionOf(proxy && cast.proxyHolder !== null ? cast.proxyHolder : cast.platform);
            if (region === undefined || vote.signedAt.getTime() >= CLOSES_AT.getTime()) return [];
            const arrives = vote.signedAt.getTime() + cast.delay;
            return [{ vote: { ...vote, receivedAt: new Date(arrives) }, region, proxy, cast }];
          });
          // The hub takes them in the order they arrive, before its deadline, unless it drops one.
          const box = createBallotBox(counting);
          const accepted: VoteRecord[] = [];
          const receipts = new Map<string, string>();
          const arriving = signed
            .filter((s) => Number.isFinite(s.cast.delay) && s.vote.receivedAt.getTime() < deadline)
            .sort((a, b) => a.vote.receivedAt.getTime() - b.vote.receivedAt.getTime());
          for (const { vote, cast } of arriving) {
            if (!box.accept(vote).ok) continue;
            receipts.set(vote.id, `receipt-${vote.id}`);
            if (!cast.droppedByHub) accepted.push(vote);
          }
          const tally = tallyBallot(counting, accepted);
          const counted = new Set(tally.counted.map((v) => v.id));
          const published =
            secrecy === "roll-call"
              ? { secrecy, votes: accepted }
              : { secrecy, receipts: tally.counted.map((v) => receipts.get(v.id) ?? "") };
          for (const region of new Set(signed.map((s) => s.region))) {
            const mine = signed.filter((s) => s.region === region);
            const held: HeldVote[] = mine.map((s) => ({
              id: s.vote.id,
              platformId: s.vote.platformId,
              signedAt: s.vote.signedAt,
              proxy: s.proxy,
              receipt: receipts.get(s.vote.id) ?? null,
            }));
            const disputed = new Set(missingVotes(held, CLOSES_AT, published).map((v) => v.id));
            // Each platform's last vote signed at this region.
            const last = new Map<string, VoteRecord>();
            for (const { vote } of mine) {
              const current = last.get(vote.platformId);
              if (
                current === undefined ||
                vote.signedAt.getTime() > current.signedAt.getTime() ||
                (vote.signedAt.getTime() === current.signedAt.getTime() && vote.id > current.id)
              )
                last.set(vote.platformId, vote);
            }
            for (const vote of last.values()) {
              const countedVote = tally.counted.find((v) => v.platformId === vote.platformId);
              const replaced = countedVote !== undefined && countedVote.signedAt.getTime() > vote.signedAt.getTime();
              const proxySecret = secrecy === "secret" && mine.find((s) => s.vote.id === vote.id)?.proxy === true;
              expect(counted.has(vote.id) || replaced || disputed.has(vote.id) || proxySecret).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("is not disputed when the result counts it", () => {
    const vote = makeVote({ platform: 1, at: 1000 });
    const held: HeldVote[] = [
      { id: vote.id, platformId: platform(1), signedAt: vote.signedAt, proxy: false, receipt: "r1" },
    ];
    expect(missingVotes(held, CLOSES_AT, { secrecy: "roll-call", votes: [vote] })).toEqual([]);
    expect(missingVotes(held, CLOSES_AT, { secrecy: "secret", receipts: ["r1"] })).toEqual([]);
    expect(missingVotes(held, CLOSES_AT, { secrecy: "roll-call", votes: [] })).toEqual(held);
    expect(missingVotes(held, CLOSES_AT, { secrecy: "secret", receipts: [] })).toEqual(held);
  });
});
