import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkDelegation, currentMandates, type Delegation, mandatesHeldBy } from "./proxies.ts";
import { CLOSES_AT, GRACE_MS, HOUR, makeBallot, OPENS_AT, platform } from "./test-fixtures.ts";
import { indexBallot } from "./vote.ts";

const delegation = (input: { from: number; to: number | null; at?: number; id?: string }): Delegation => ({
  id: input.id ?? `d-${input.from}-${input.at ?? HOUR}`,
  platformId: platform(input.from),
  holder: input.to === null ? null : platform(input.to),
  signedAt: new Date(OPENS_AT.getTime() + (input.at ?? HOUR)),
});
const inTime = new Date(OPENS_AT.getTime() + 2 * HOUR);

describe("currentMandates", () => {
  it("keeps each platform's latest delegation, and forgets a withdrawn one", () => {
    const mandates = currentMandates([
      delegation({ from: 1, to: 2, at: HOUR }),
      delegation({ from: 1, to: 3, at: 2 * HOUR }),
      delegation({ from: 4, to: 2, at: HOUR }),
      delegation({ from: 4, to: null, at: 3 * HOUR }),
    ]);
    expect([...mandates.keys()]).toEqual([platform(1)]);
    expect(mandates.get(platform(1))?.holder).toBe(platform(3));
    expect(mandatesHeldBy(mandates, platform(3))).toEqual([platform(1)]);
    expect(mandatesHeldBy(mandates, platform(2))).toEqual([]);
  });

  it("gives the same mandates whatever order the delegations arrive in", () => {
    const arbitrary = fc.array(
      fc.record({
        from: fc.integer({ min: 0, max: 5 }),
        to: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
        at: fc.integer({ min: 0, max: 20 }),
        id: fc.string({ maxLength: 3 }),
      }),
      { maxLength: 20 },
    );
    fc.assert(
      fc.property(arbitrary, fc.integer(), (items, seed) => {
        const list = items.map((item) => delegation({ ...item, at: item.at * HOUR, id: `${item.id}-${item.from}` }));
        const shuffled = [...list].sort((a, b) => ((a.id.length * seed) % 7) - ((b.id.length * seed) % 7));
        const a = [...currentMandates(list)].map(([p, d]) => [p, d.holder]).sort();
        const b = [...currentMandates(shuffled)].map(([p, d]) => [p, d.holder]).sort();
        expect(b).toEqual(a);
      }),
    );
  });
});

describe("checkDelegation", () => {
  const index = indexBallot(makeBallot({ electorate: 6, rules: { maxProxiesPerHolder: 2 } }));

  it("accepts a delegation to another platform of the electorate, and a withdrawal", () => {
    expect(checkDelegation(index, [], delegation({ from: 1, to: 2 }), inTime)).toBeNull();
    expect(checkDelegation(index, [], delegation({ from: 1, to: null }), inTime)).toBeNull();
  });

  it("refuses what the ballot forbids or the electorate does not hold", () => {
    const none = indexBallot(makeBallot({ electorate: 6, rules: { maxProxiesPerHolder: 0 } }));
    expect(checkDelegation(none, [], delegation({ from: 1, to: 2 }), inTime)).toEqual({ kind: "proxies-not-allowed" });
    expect(checkDelegation(index, [], delegation({ from: 1, to: 1 }), inTime)).toEqual({
      kind: "proxy-holder-is-self",
    });
    expect(checkDelegation(index, [], delegation({ from: 1, to: 9 }), inTime)).toEqual({
      kind: "proxy-holder-not-in-electorate",
      holder: platform(9),
    });
    expect(checkDelegation(index, [], delegation({ from: 9, to: 1 }), inTime)).toEqual({
      kind: "not-in-electorate",
      platformId: platform(9),
    });
  });

  it("refuses a delegation signed outside the voting time or received after the grace period", () => {
    expect(checkDelegation(index, [], delegation({ from: 1, to: 2, at: -1 }), inTime)?.kind).toBe("ballot-not-open");
    const atClose = CLOSES_AT.getTime() - OPENS_AT.getTime();
    expect(checkDelegation(index, [], delegation({ from: 1, to: 2, at: atClose }), inTime)?.kind).toBe("ballot-closed");
    const justBefore = delegation({ from: 1, to: 2, at: atClose - 1 });
    expect(checkDelegation(index, [], justBefore, new Date(CLOSES_AT.getTime() + GRACE_MS - 1))).toBeNull();
    expect(checkDelegation(index, [], justBefore, new Date(CLOSES_AT.getTime() + GRACE_MS))?.kind).toBe(
      "received-after-grace",
    );
  });

  it("caps the mandates a holder may hold, counting only those in force", () => {
    const two = [delegation({ from: 1, to: 0 }), delegation({ from: 2, to: 0 })];
    expect(checkDelegation(index, two, delegation({ from: 3, to: 0 }), inTime)).toEqual({
      kind: "proxy-cap-exceeded",
      holder: platform(0),
      maxProxiesPerHolder: 2,
    });
    // Renewing a mandate already held does not count twice.
    expect(checkDelegation(index, two, delegation({ from: 2, to: 0, at: 2 * HOUR }), inTime)).toBeNull();
    // Once one platform withdraws, the holder has room again.
    const withdrawn = [...two, delegation({ from: 1, to: null, at: 2 * HOUR })];
    expect(checkDelegation(index, withdrawn, delegation({ from: 3, to: 0, at: 3 * HOUR }), inTime)).toBeNull();
  });

  it("never lets the mandates in force exceed the cap, whatever is accepted in whatever order", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.record({ from: fc.integer({ min: 0, max: 5 }), to: fc.integer({ min: 0, max: 5 }) }), {
          maxLength: 25,
        }),
        (cap, items) => {
          const capped = indexBallot(makeBallot({ electorate: 6, rules: { maxProxiesPerHolder: cap } }));
          const accepted: Delegation[] = [];
          items.forEach((item, n) => {
            const next = delegation({ ...item, at: (n + 1) * 60_000 });
            if (checkDelegation(capped, accepted, next, inTime) === null) accepted.push(next);
          });
          const mandates = currentMandates(accepted);
          for (let holder = 0; holder < 6; holder += 1) {
            expect(mandatesHeldBy(mandates, platform(holder)).length).toBeLessThanOrEqual(cap);
          }
        },
      ),
    );
  });
});
