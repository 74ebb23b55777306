import type { CountryCode } from "@dynamo/core";
import { compareCodeUnits } from "./ids.ts";

/** A vote a region accepted and signed for a platform (its own, or held by proxy), as the region keeps it. */
export interface HeldVote {
  id: string;
  /** The platform the vote is for (country code). */
  platformId: CountryCode;
  signedAt: Date;
  /** Cast by proxy for a platform of another region. */
  proxy: boolean;
  /** The hub's receipt, once it came back. */
  receipt: string | null;
}

/** What a published result shows of the votes: each vote (roll-call) or only the receipts (secret). */
export type PublishedVotes =
  | { secrecy: "roll-call"; votes: readonly { id: string; platformId: string; signedAt: Date }[] }
  | { secrecy: "secret"; receipts: readonly string[] };

const bySigning = (a: { signedAt: Date; id: string }, b: { signedAt: Date; id: string }) =>
  a.signedAt.getTime() - b.signedAt.getTime() || compareCodeUnits(a.id, b.id);

/**
 * The votes a region holds that a result misses: for each platform, the last vote the region
 * signed for it before the close. A roll-call result must publish it, or a later vote of that
 * platform (cast by proxy at another region). A secret result must list its receipt; a vote whose
 * receipt never came back is missing too. A secret result cannot show that a proxy vote was
 * replaced elsewhere, so proxy votes are checked in roll-call results only.
 */
export function missingVotes(held: readonly HeldVote[], closesAt: Date, published: PublishedVotes): HeldVote[] {
  const last = new Map<CountryCode, HeldVote>();
  for (const vote of held) {
    if (vote.signedAt.getTime() >= closesAt.getTime()) continue;
    const current = last.get(vote.platformId);
    if (current === undefined || bySigning(vote, current) > 0) last.set(vote.platformId, vote);
  }
  const missing: HeldVote[] = [];
  if (published.secrecy === "roll-call") {
    const ids = new Set(published.votes.map((v) => v.id));
    for (const vote of last.values()) {
      if (ids.has(vote.id)) continue;
      const replaced = published.votes.some((v) => v.platformId === vote.platformId && bySigning(v, vote) > 0);
      if (!replaced) missing.push(vote);
    }
  } else {
    const receipts = new Set(published.receipts);
    for (const vote of last.values()) {
      if (vote.proxy) continue;
      if (vote.receipt === null || !receipts.has(vote.receipt)) missing.push(vote);
    }
  }
  return missing.sort((a, b) => compareCodeUnits(a.platformId, b.platformId));
}

/** A vote a region signed for a platform, as far as replacing it goes. */
export interface SignedVote {
  id: string;
  /** The platform the vote is for when cast by proxy; null for the platform's own vote. */
  proxyFor: string | null;
  signedAt: Date;
  /** Refused votes replace nothing and are not replaced: they never counted. */
  refused: boolean;
}

/**
 * The votes a later one replaced: for the platform's own vote and for each platform it votes
 * for by proxy, every vote but the last one signed (refused votes aside). The last one counts,
 * so the others must not read as "received" beside it.
 */
export function replacedVotes(votes: readonly SignedVote[]): Set<string> {
  const last = new Map<string | null, SignedVote>();
  for (const vote of votes) {
    if (vote.refused) continue;
    const current = last.get(vote.proxyFor);
    if (current === undefined || bySigning(vote, current) > 0) last.set(vote.proxyFor, vote);
  }
  return new Set(votes.filter((v) => !v.refused && last.get(v.proxyFor)?.id !== v.id).map((v) => v.id));
}
