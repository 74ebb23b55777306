/**
 * An exact share, such as two thirds of the votes cast. Boundary decisions (majority, quorum)
 * compare integers through cross-multiplication in BigInt: no floating point decides a vote.
 */
export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}

/** How a count compares to a share of a base: "at least" two thirds, or "more than" half. */
export type Comparison = "at-least" | "more-than";

export const fraction = (numerator: number, denominator: number): Fraction => ({ numerator, denominator });

/** A well-formed share between 0 and 1 inclusive, of safe integers, with a positive denominator. */
export function isShare(value: Fraction): boolean {
  const { numerator, denominator } = value;
  return (
    Number.isSafeInteger(numerator) &&
    Number.isSafeInteger(denominator) &&
    denominator > 0 &&
    numerator >= 0 &&
    numerator <= denominator
  );
}

/** -1, 0 or 1 as a is smaller than, equal to or greater than b (exact). */
export function compareFractions(a: Fraction, b: Fraction): -1 | 0 | 1 {
  const left = BigInt(a.numerator) * BigInt(b.denominator);
  const right = BigInt(b.numerator) * BigInt(a.denominator);
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * The smallest count that satisfies `count / base (>= | >) share`: the number of votes a
 * proposal needs. `base` is a count of votes or of platforms, a non-negative integer.
 */
export function minimumCount(base: number, share: Fraction, comparison: Comparison): number {
  const product = BigInt(base) * BigInt(share.numerator);
  const denominator = BigInt(share.denominator);
  const quotient = product / denominator;
  const exact = quotient * denominator === product;
  if (comparison === "more-than") return Number(quotient + 1n);
  return Number(exact ? quotient : quotient + 1n);
}

/** Whether `count / base` satisfies the share; the same decision as `count >= minimumCount(…)`. */
export function reachesShare(count: number, base: number, share: Fraction, comparison: Comparison): boolean {
  const left = BigInt(count) * BigInt(share.denominator);
  const right = BigInt(base) * BigInt(share.numerator);
  return comparison === "more-than" ? left > right : left >= right;
}
