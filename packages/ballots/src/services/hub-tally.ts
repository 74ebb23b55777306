import type { RegionCode } from "@dynamo/core";
import type { Handled } from "@dynamo/federation";
import { createBallotRepo } from "../db/ballots.ts";
import { createReceivedVoteRepo, type ReceivedVote } from "../db/received-votes.ts";
import { createBallotResultRepo } from "../db/results.ts";
import type { BallotsContext, BallotsDeps } from "../deps.ts";
import { chainVotes } from "../domain/chain.ts";
import { type BallotRecord, ballotOf, tallyDue } from "../domain/lifecycle.ts";
import { publishReceipts } from "../domain/receipts.ts";
import { type Tally, tallyBallot } from "../domain/tally.ts";
import type { Received, TrustedRegion } from "../network.ts";
import { type AttestationPayload, type PublishedVote, type ResultPayload, receptionPayload } from "../wire.ts";
import { auditBallot } from "./audit.ts";
import { announcedMandates } from "./hub-proxies.ts";
import { ballotMessage } from "./messages.ts";

/** What the hub publishes of a tally: counts and outcome; the signed votes (roll-call) or the receipts (secret). */
export function resultPayload(
  ballot: BallotRecord,
  tally: Tally,
  accepted: readonly ReceivedVote[],
  regions: readonly TrustedRegion[],
  hash: BallotsDeps["hash"],
): ResultPayload {
  const rollCall = ballot.rules.secrecy === "roll-call";
  const counted = new Set(tally.counted.map((vote) => vote.id));
  const receipts = publishReceipts(
    ballot.id,
    accepted.filter((v) => counted.has(v.vote.id) && v.receipt !== null).map((v) => v.receipt as string),
    hash,
  );
  const votes: PublishedVote[] = accepted.map((v) => ({
    id: v.vote.id,
    platformId: v.vote.platformId,
    receivedAt: v.vote.receivedAt.toISOString(),
    signed: v.signedActivity,
    mandate: v.mandate,
    inRoom: v.inRoom
      ? {
          choice: v.vote.choice,
          castBy: v.vote.castBy,
          signedAt: v.vote.signedAt.toISOString(),
          recordedBy: v.recordedByName ?? v.recordedBy ?? "",
        }
      : null,
  }));
  return {
    kind: "dynamo-result/1",
    ballot: ballot.uri,
    ballotId: ballot.id,
    electorate: ballot.electorate ?? [],
    regions: regions.map((r) => ({ regionCode: r.regionCode, actorId: r.actorId })),
    counts: tally.counts,
    electorateSize: tally.electorate,
    votesCounted: tally.votesCounted,
    abstentions: tally.abstentions,
    blanks: tally.blanks,
    cast: tally.cast,
    quorumReached: tally.quorumReached,
    majorityReached: tally.majorityReached,
    outcome: tally.outcome.kind,
    adopted: tally.outcome.kind === "adopted" ? tally.outcome.optionIds : [],
    votes: rollCall ? votes : null,
    chainHead: rollCall
      ? chainVotes(
          ballot.id,
          accepted.map((v) => v.vote),
          hash,
        ).head
      : null,
    receipts: rollCall ? null : receipts.receipts,
    receiptsDigest: rollCall ? null : receipts.digest,
    extensionMs: ballot.extensionMs,
    reception: ballot.reception && receptionPayload(ballot.reception),
  };
}

/**
 * Counts one ballot once the regions were asked and answered (or their time is up): the
 * accepted votes through the domain's tally, the result saved and the ballot closed in one transaction, the result sent
 * to every trusted region (outbox). Idempotent: a closed ballot is left as it is, so a restarted
 * hub or two hub processes tally it once.
 */
export async function closeBallot(ctx: BallotsContext, ballotId: string): Promise<"closed" | "not-due"> {
  const network = ctx.network;
  const outcome = await ctx.db.transaction(async (tx) => {
    const ballots = createBallotRepo(tx, ctx.tenant.id);
    const ballot = await ballots.lock(ballotId);
    const now = ctx.clock();
    if (ballot === undefined || !tallyDue(ballot, now)) return "not-due" as const;
    const domainBallot = ballotOf(ballot);
    if (domainBallot === undefined) return "not-due" as const;
    const accepted = await createReceivedVoteRepo(tx, ctx.tenant.id).listAccepted(ballot.id);
    const tally = tallyBallot(
      domainBallot,
      accepted.map((v) => v.vote),
    );
    const regions = await network.trustedRegions(tx, ctx.tenant);
    const payload = resultPayload(ballot, tally, accepted, regions, ctx.hash);
    await createBallotResultRepo(tx, ctx.tenant.id).save({
      ballotId: ballot.id,
      uri: `${ballot.uri}#result`,
      publication: payload,
      publishedAt: now,
    });
    await ballots.close(ballot.id, now);
    await auditBallot(ctx, tx, "ballots.close", ballot, {
      outcome: payload.outcome,
      votesCounted: payload.votesCounted,
    });
    await ctx.events.record(tx, ctx.tenant, "ballot.closed", {
      ballotId: ballot.id,
      uri: ballot.uri,
      outcome: payload.outcome,
      adopted: payload.adopted,
      closedAt: now.toISOString(),
    });
    const closed: BallotRecord = { ...ballot, status: "closed", closedAt: now };
    await network.enqueue(
      tx,
      ctx.tenant,
      "tenant",
      regions,
      ballotMessage(ctx.tenant, closed, {
        verb: "update",
        activityId: `${ballot.uri}/activities/result/${ctx.newId()}`,
        at: now,
        result: payload,
        voters: tally.votesCounted,
        mandates: await announcedMandates(tx, ctx, ballot.id),
      }),
      true,
    );
    ctx.logger.info("ballot {ballotId} counted: {outcome}, {counted} of {electorate}", {
      ballotId,
      outcome: tally.outcome.kind,
      counted: tally.votesCounted,
      electorate: tally.electorate,
    });
    return "closed" as const;
  });
  if (outcome === "closed") {
    network.wake();
    ctx.events.wake();
  }
  return outcome;
}

/** A region's signed attestation of a result: kept (the last one of each region counts). */
export async function receiveAttestation(ctx: BallotsContext, message: Received<AttestationPayload>): Promise<Handled> {
  const network = ctx.network;
  const { envelope } = message;
  const payload = { data: message.document };
  return ctx.db.transaction(async (tx) => {
    const region = (await network.trustedRegions(tx, ctx.tenant)).find((r) => r.actorId === envelope.actorId);
    const ballot = await createBallotRepo(tx, ctx.tenant.id).findByUri(payload.data.ballot);
    if (region === undefined || ballot === undefined || ballot.role !== "issued") return undefined;
    await createBallotResultRepo(tx, ctx.tenant.id).attest(ballot.id, {
      id: ctx.newId(),
      regionCode: region.regionCode as RegionCode,
      actorUri: envelope.actorId,
      activityUri: envelope.activityId,
      agrees: payload.data.agrees,
      problem: payload.data.problem,
      evidence: payload.data.agrees ? [] : payload.data.evidence,
      receivedAt: ctx.clock(),
    });
    ctx.logger.info("region {region} {verdict} the result of ballot {ballotId}", {
      region: region.regionCode,
      verdict: payload.data.agrees ? "confirms" : "disputes",
      ballotId: ballot.id,
    });
    return undefined;
  });
}
