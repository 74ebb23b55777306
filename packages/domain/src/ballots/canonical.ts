import { compareCodeUnits } from "./ids.ts";
import type { VoteRecord } from "./vote.ts";

/** A value that has one canonical text: JSON with keys in code-unit order, dates in ISO 8601 UTC. */
export type CanonicalValue =
  | null
  | boolean
  | number
  | string
  | Date
  | readonly CanonicalValue[]
  | { readonly [key: string]: CanonicalValue | undefined };

/**
 * The canonical JSON text of a value: object keys sorted by code units, no whitespace, keys with
 * an undefined value left out, dates as `toISOString()`. Equal values give equal texts on every
 * node, so the text can be hashed and compared. A non-finite number or an invalid date is a bug
 * of the caller and throws.
 */
export function canonicalJson(value: CanonicalValue): string {
  if (value === null || typeof value === "boolean" || typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
    return JSON.stringify(value);
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError("canonicalJson: invalid date");
    return JSON.stringify(value.toISOString());
  }
  if (Array.isArray(value)) return `[${value.map((item: CanonicalValue) => canonicalJson(item)).join(",")}]`;
  const record = value as { readonly [key: string]: CanonicalValue | undefined };
  const parts: string[] = [];
  for (const key of Object.keys(record).sort(compareCodeUnits)) {
    const item = record[key];
    if (item !== undefined) parts.push(`${JSON.stringify(key)}:${canonicalJson(item)}`);
  }
  return `{${parts.join(",")}}`;
}

/**
 * The canonical text of a vote, version 1, the input of the vote chain and of receipts. The
 * options a vote names are sorted: a vote for [a, b] is the vote for [b, a].
 */
export function canonicalVote(vote: VoteRecord): string {
  const choice =
    vote.choice.kind === "options"
      ? { kind: "options", optionIds: [...vote.choice.optionIds].sort(compareCodeUnits) }
      : { kind: vote.choice.kind };
  const castBy =
    vote.castBy.kind === "proxy" ? { kind: "proxy", holder: vote.castBy.holder } : { kind: vote.castBy.kind };
  return canonicalJson({
    format: "dynamo-vote/1",
    id: vote.id,
    ballotId: vote.ballotId,
    platformId: vote.platformId,
    choice,
    castBy,
    signedAt: vote.signedAt,
    receivedAt: vote.receivedAt,
  });
}
