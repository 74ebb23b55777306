import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareFractions, fraction, isShare, minimumCount, reachesShare } from "./fraction.ts";

describe("minimumCount", () => {
  it("needs more than half: 6 of 10, 6 of 11, 1 of 0 or 1", () => {
    expect(minimumCount(10, fraction(1, 2), "more-than")).toBe(6);
    expect(minimumCount(11, fraction(1, 2), "more-than")).toBe(6);
    expect(minimumCount(1, fraction(1, 2), "more-than")).toBe(1);
    expect(minimumCount(0, fraction(1, 2), "more-than")).toBe(1);
  });

  it("needs at least two thirds: 20 of 30 exactly, 21 of 31", () => {
    expect(minimumCount(30, fraction(2, 3), "at-least")).toBe(20);
    expect(minimumCount(31, fraction(2, 3), "at-least")).toBe(21);
    expect(minimumCount(30, fraction(2, 3), "more-than")).toBe(21);
    expect(minimumCount(0, fraction(2, 3), "at-least")).toBe(0);
  });

  it("stays exact where floating point is not", () => {
    // In floating point, 100 × 0.07 is 7.000000000000001, and its ceiling 8: a wrong threshold.
    expect(Math.ceil(100 * 0.07)).toBe(8);
    expect(minimumCount(100, fraction(7, 100), "at-least")).toBe(7);
    expect(minimumCount(100, fraction(7, 100), "more-than")).toBe(8);
    const big = Number.MAX_SAFE_INTEGER;
    expect(minimumCount(big, fraction(1, 1), "at-least")).toBe(big);
    expect(reachesShare(big - 1, big, fraction(1, 1), "at-least")).toBe(false);
  });

  it("is the boundary of reachesShare for any base and share", () => {
    expect.hasAssertions();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1000 }).chain((d) => fc.tuple(fc.integer({ min: 0, max: d }), fc.constant(d))),
        fc.constantFrom("at-least" as const, "more-than" as const),
        (base, [n, d], comparison) => {
          const share = fraction(n, d);
          const needed = minimumCount(base, share, comparison);
          expect(reachesShare(needed, base, share, comparison)).toBe(true);
          if (needed > 0) expect(reachesShare(needed - 1, base, share, comparison)).toBe(false);
          // Against the definition in exact integers: needed / base vs n / d.
          const exact = BigInt(needed) * BigInt(d) - BigInt(base) * BigInt(n);
          if (comparison === "at-least") expect(exact >= 0n).toBe(true);
          else expect(exact > 0n).toBe(true);
        },
      ),
    );
  });
});

describe("fractions", () => {
  it("compare exactly", () => {
    expect(compareFractions(fraction(2, 3), fraction(4, 6))).toBe(0);
    expect(compareFractions(fraction(1, 2), fraction(501, 1000))).toBe(-1);
    expect(compareFractions(fraction(3, 4), fraction(2, 3))).toBe(1);
  });

  it("accept only shares between 0 and 1 of safe integers", () => {
    expect(isShare(fraction(0, 1))).toBe(true);
    expect(isShare(fraction(1, 1))).toBe(true);
    expect(isShare(fraction(2, 3))).toBe(true);
    expect(isShare(fraction(3, 2))).toBe(false);
    expect(isShare(fraction(1, 0))).toBe(false);
    expect(isShare(fraction(-1, 2))).toBe(false);
    expect(isShare(fraction(0.5, 1))).toBe(false);
    expect(isShare(fraction(1, Number.NaN))).toBe(false);
  });
});
