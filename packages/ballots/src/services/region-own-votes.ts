import type { CountryCode } from "@dynamo/core";
import { createPlatformRepo } from "@dynamo/identity";
import type { CastVote } from "../db/cast-votes.ts";
import type { BallotsContext } from "../deps.ts";
import type { BallotRecord } from "../domain/lifecycle.ts";
import { type HeldVote, missingVotes, type PublishedVotes } from "../domain/own-votes.ts";
import type { ResultPayload } from "../wire.ts";
import type { Verification } from "./region-verify.ts";
import { publishedVoteRecord } from "./roll-call.ts";

/**
 * Whatever the recount found, a result that misses one of this region's own votes signed before
 * the close (its platform's last, not replaced by a later one published) is disputed: "missing
 * vote of <platform>", with the signed votes as evidence.
 */
export async function withOwnVotes(
  ctx: BallotsContext,
  ballot: BallotRecord,
  result: ResultPayload,
  mine: readonly CastVote[],
  recomputed: Verification,
): Promise<Verification> {
  const platforms = await createPlatformRepo(ctx.db, ctx.tenant.id).list();
  const codeOf = new Map<string, CountryCode>(platforms.map((p) => [p.id, p.countryCode]));
  const held: (HeldVote & { signed: Record<string, unknown> | null })[] = mine.flatMap((vote) => {
    const platformId = vote.proxyFor ?? codeOf.get(vote.platformId);
    if (platformId === undefined) return [];
    return [
      {
        id: vote.activityUri,
        platformId,
        signedAt: vote.signedAt,
        proxy: vote.proxyFor !== null,
        receipt: vote.receipt,
        signed: vote.signed,
      },
    ];
  });
  const published: PublishedVotes =
    result.votes === null
      ? { secrecy: "secret", receipts: result.receipts ?? [] }
      : {
          secrecy: "roll-call",
          votes: result.votes.flatMap((v) => {
            const record = publishedVoteRecord(v, ballot.id);
            return record === undefined
              ? []
              : [{ id: record.id, platformId: record.platformId, signedAt: record.signedAt }];
          }),
        };
  const missing = missingVotes(held, ballot.closesAt, published);
  if (missing.length === 0) return recomputed;
  const ids = new Set(missing.map((v) => v.id));
  return {
    agrees: false,
    problem: `missing-vote:${missing.map((v) => v.platformId).join(",")}`.slice(0, 200),
    counted: recomputed.counted,
    evidence: held.flatMap((v) => (ids.has(v.id) && v.signed !== null ? [v.signed] : [])),
  };
}
