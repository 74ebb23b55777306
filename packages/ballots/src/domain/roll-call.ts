import type { CountryCode, RegionCode } from "@dynamo/core";
import type { Ballot } from "./ballot.ts";
import { compareCodeUnits, type VoteId } from "./ids.ts";
import type { Tally } from "./tally.ts";
import type { CastBy, VoteChoice, VoteRecord } from "./vote.ts";

/** A platform that cast other platforms' votes by proxy, and whose. */
export interface ProxyHolding {
  holder: CountryCode;
  /** The platforms it voted for, in platform id order. */
  platforms: CountryCode[];
}

/** Who held whose vote among the given (counted) votes, by holder id. */
export function proxyHoldings(counted: Iterable<VoteRecord>): ProxyHolding[] {
  const byHolder = new Map<CountryCode, CountryCode[]>();
  for (const vote of counted) {
    if (vote.castBy.kind !== "proxy") continue;
    const platforms = byHolder.get(vote.castBy.holder) ?? [];
    platforms.push(vote.platformId);
    byHolder.set(vote.castBy.holder, platforms);
  }
  return [...byHolder]
    .map(([holder, platforms]) => ({ holder, platforms: platforms.sort(compareCodeUnits) }))
    .sort((a, b) => compareCodeUnits(a.holder, b.holder));
}

/** One line of the roll call: a member of the electorate and its counted vote, if any. */
export interface RollCallLine {
  platformId: CountryCode;
  regionCode: RegionCode;
  voted: boolean;
  /** Who cast the counted vote; proxies are shown even in a secret ballot. */
  castBy: CastBy | null;
  /** The counted vote's content: null when the platform did not vote or the ballot is secret. */
  choice: VoteChoice | null;
  voteId: VoteId | null;
}

/**
 * The roll call of a tallied ballot: every member of the electorate, by region then platform
 * id, with its counted vote. A secret ballot shows who took part and through whom, never how.
 */
export function rollCall(ballot: Ballot, tally: Pick<Tally, "counted">): RollCallLine[] {
  const byPlatform = new Map(tally.counted.map((vote) => [vote.platformId, vote]));
  const secret = ballot.rules.secrecy === "secret";
  return [...ballot.electorate]
    .sort((a, b) => compareCodeUnits(a.regionCode, b.regionCode) || compareCodeUnits(a.platformId, b.platformId))
    .map((member) => {
      const vote = byPlatform.get(member.platformId);
      return {
        platformId: member.platformId,
        regionCode: member.regionCode,
        voted: vote !== undefined,
        castBy: vote?.castBy ?? null,
        choice: vote === undefined || secret ? null : vote.choice,
        voteId: vote === undefined || secret ? null : vote.id,
      };
    });
}
