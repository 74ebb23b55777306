import {
  createBallotRepo,
  createBallotResultRepo,
  createReceivedVoteRepo,
  createTenantRepo,
  listBallotsDue,
  type ReceivedVote,
} from "@dynamo/db";
import {
  type BallotRecord,
  ballotOf,
  chainVotes,
  publishReceipts,
  type RegionCode,
  type Tally,
  tallyBallot,
  tallyDue,
} from "@dynamo/domain";
import type { BallotsContext, BallotsDeps } from "../deps.ts";
import type { ReceivedBallotActivity, TrustedRegion } from "../network.ts";
import { AttestationPayloadSchema, type PublishedVote, type ResultPayload } from "../wire.ts";
import { announcedMandates } from "./hub-proxies.ts";
import { questionActivity } from "./messages.ts";

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
  };
}

/**
 * Counts one ballot once it is past its reception deadline: the accepted votes through the
 * domain's tally, the result saved and the ballot closed in one transaction, the result sent
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
    const regions = network ? await network.trustedRegions(tx, ctx.tenant) : [];
    const payload = resultPayload(ballot, tally, accepted, regions, ctx.hash);
    await createBallotResultRepo(tx, ctx.tenant.id).save({
      ballotId: ballot.id,
      uri: `${ballot.uri}#result`,
      publication: payload,
      publishedAt: now,
    });
    await ballots.close(ballot.id, now);
    const closed: BallotRecord = { ...ballot, status: "closed", closedAt: now };
    if (network) {
      await network.enqueue(
        tx,
        ctx.tenant,
        "tenant",
        regions,
        questionActivity(ctx.tenant, closed, {
          verb: "Update",
          activityId: `${ballot.uri}/activities/result/${ctx.newId()}`,
          at: now,
          result: payload,
          voters: tally.votesCounted,
          mandates: await announcedMandates(tx, ctx, ballot.id),
        }),
        true,
      );
    }
    ctx.logger.info("ballot {ballotId} counted: {outcome}, {counted} of {electorate}", {
      ballotId,
      outcome: tally.outcome.kind,
      counted: tally.votesCounted,
      electorate: tally.electorate,
    });
    return "closed" as const;
  });
  if (outcome === "closed") network?.wake();
  return outcome;
}

/** Every hub tenant's ballots past their deadline, counted now. */
export async function closeDueBallots(deps: BallotsDeps, logger: BallotsContext["logger"]): Promise<number> {
  const due = await listBallotsDue(deps.db, deps.clock());
  if (due.length === 0) return 0;
  const tenants = await createTenantRepo(deps.db).list();
  let closed = 0;
  for (const { tenantId, ballotId } of due) {
    const tenant = tenants.find((t) => t.id === tenantId);
    if (tenant === undefined || tenant.kind !== "hub") continue;
    if ((await closeBallot({ ...deps, tenant, logger }, ballotId)) === "closed") closed += 1;
  }
  return closed;
}

/** A region's signed attestation of a result: kept (the last one of each region counts). */
export async function receiveAttestation(
  ctx: BallotsContext,
  activity: ReceivedBallotActivity,
): Promise<"handled" | "ignored"> {
  const network = ctx.network;
  if (network === undefined || activity.object.type !== "Note") return "ignored";
  const payload = AttestationPayloadSchema.safeParse(activity.object.payload);
  if (!payload.success) return "ignored";
  return ctx.db.transaction(async (tx) => {
    const region = (await network.trustedRegions(tx, ctx.tenant)).find((r) => r.actorId === activity.actor);
    const ballot = await createBallotRepo(tx, ctx.tenant.id).findByUri(payload.data.ballot);
    if (region === undefined || ballot === undefined || ballot.role !== "issued") return "handled" as const;
    await createBallotResultRepo(tx, ctx.tenant.id).attest(ballot.id, {
      id: ctx.newId(),
      regionCode: region.regionCode as RegionCode,
      actorUri: activity.actor,
      activityUri: activity.id,
      agrees: payload.data.agrees,
      problem: payload.data.problem,
      receivedAt: ctx.clock(),
    });
    ctx.logger.info("region {region} {verdict} the result of ballot {ballotId}", {
      region: region.regionCode,
      verdict: payload.data.agrees ? "confirms" : "disputes",
      ballotId: ballot.id,
    });
    return "handled" as const;
  });
}
