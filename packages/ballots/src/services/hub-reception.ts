import type { RegionCode } from "@dynamo/core";
import { createTenantRepo, type Uptime } from "@dynamo/db";
import type { Handled } from "@dynamo/federation";
import { createBallotRepo, listBallotsDue } from "../db/ballots.ts";
import type { BallotsContext, BallotsDeps } from "../deps.ts";
import { type BallotRecord, collectionDue, tallyDue } from "../domain/lifecycle.ts";
import { COLLECTION_MS, downtimeExtension, LAST_PART_MS, NO_RECEPTION, type Reception } from "../domain/reception.ts";
import type { Received } from "../network.ts";
import { type HoldingsPayload, type VotePayload, VotePayloadSchema } from "../wire.ts";
import { announcedMandates } from "./hub-proxies.ts";
import { closeBallot } from "./hub-tally.ts";
import { takeInVote } from "./hub-votes.ts";
import { ballotMessage, choiceName, holdingsRequestMessage } from "./messages.ts";

/**
 * What the hub does once a ballot is past close + grace, before counting it:
 * - if it was itself down in the last hour of voting or during the grace period (its heartbeat
 *   says so), it receives votes that much longer (at most a day more), and tells the regions;
 * - then it asks every region of the electorate, signed, for the votes it still holds, and gives
 *   them COLLECTION_MS to answer: the votes they send, signed before the close, are taken in like
 *   any other. The count comes when every region answered, or at the end of that time.
 */
export async function advanceReception(
  ctx: BallotsContext,
  uptime: Uptime,
  ballotId: string,
): Promise<"extended" | "collecting" | "not-due"> {
  const seen = await createBallotRepo(ctx.db, ctx.tenant.id).findById(ballotId);
  if (seen === undefined || seen.role !== "issued" || !collectionDue(seen, ctx.clock())) return "not-due";
  // Read outside the transaction: the heartbeat is the node's, not the ballot's.
  const outages = await uptime.outages(new Date(seen.closesAt.getTime() - LAST_PART_MS));
  const step = await ctx.db.transaction(async (tx) => {
    const ballots = createBallotRepo(tx, ctx.tenant.id);
    const ballot = await ballots.lock(ballotId);
    const now = ctx.clock();
    if (ballot === undefined || !collectionDue(ballot, now)) return "not-due" as const;
    const downtime = downtimeExtension(ballot, outages);
    const base = ballot.reception ?? NO_RECEPTION;
    const withDowntime: Reception = { ...base, downtime: downtime.counted, downtimeMs: downtime.ms };
    const deadline = ballot.closesAt.getTime() + ballot.graceMs + downtime.ms;
    const regions = await ctx.network.trustedRegions(tx, ctx.tenant);
    if (deadline > now.getTime()) {
      await ballots.setReception(ballot.id, downtime.ms, withDowntime, now);
      ctx.logger.warning(
        "the hub was down {seconds} s near the close of ballot {ballotId}: votes are received until {deadline}",
        { seconds: Math.round(downtime.ms / 1000), ballotId, deadline: new Date(deadline).toISOString() },
      );
      const extended: BallotRecord = { ...ballot, extensionMs: downtime.ms, reception: withDowntime };
      await ctx.network.enqueue(
        tx,
        ctx.tenant,
        "tenant",
        regions,
        ballotMessage(ctx.tenant, extended, {
          verb: "update",
          activityId: `${ballot.uri}/activities/extended/${ctx.newId()}`,
          at: now,
          mandates: await announcedMandates(tx, ctx, ballot.id),
        }),
        true,
      );
      return "extended" as const;
    }
    const voting = new Set<RegionCode>((ballot.electorate ?? []).map((m) => m.regionCode));
    const asked = regions.filter((r) => voting.has(r.regionCode));
    const until = new Date(now.getTime() + COLLECTION_MS);
    const reception: Reception = {
      ...withDowntime,
      collectingSince: now,
      asked: asked.map((r) => r.regionCode).sort(),
      answers: [],
    };
    await ballots.setReception(ballot.id, until.getTime() - ballot.closesAt.getTime() - ballot.graceMs, reception, now);
    for (const region of asked) {
      await ctx.network.enqueue(
        tx,
        ctx.tenant,
        "tenant",
        [region],
        {
          ...holdingsRequestMessage({
            activityId: `${ballot.uri}/activities/holdings-request/${ctx.newId()}`,
            at: now,
            payload: { kind: "dynamo-holdings-request/1", ballot: ballot.uri, until: until.toISOString() },
          }),
          urgentUntil: until,
        },
        false,
      );
    }
    ctx.logger.info("ballot {ballotId}: asking {regions} for the votes they still hold, until {until}", {
      ballotId,
      regions: reception.asked.join(", ") || "no region",
      until: until.toISOString(),
    });
    return "collecting" as const;
  });
  if (step !== "not-due") ctx.network.wake();
  if (step === "collecting") await closeBallot(ctx, ballotId);
  return step;
}

/**
 * A region's answer to the hub's question before counting: its answer is recorded, and each vote
 * it still held is checked like any other (its proof against its platform's actor first, outside
 * the transaction; then electorate, region, timing and mandate) and taken in with a receipt. A
 * vote signed after the close is refused as such. Once every region asked has answered, the
 * ballot is counted.
 */
export async function receiveHoldings(ctx: BallotsContext, message: Received<HoldingsPayload>): Promise<Handled> {
  const { envelope, document } = message;
  const regions = await ctx.network.trustedRegions(ctx.db, ctx.tenant);
  const region = regions.find((r) => r.actorId === envelope.actorId);
  if (region === undefined) return { refused: "not-a-region", detail: "holdings come from a peered region only" };
  const ballot = await createBallotRepo(ctx.db, ctx.tenant.id).findByUri(document.ballot);
  if (ballot === undefined || ballot.role !== "issued") {
    ctx.logger.warning("holdings from {region} for an unknown ballot {ballot}", {
      region: region.regionCode,
      ballot: document.ballot,
    });
    return undefined;
  }
  const votes: { document: VotePayload; raw: Record<string, unknown> }[] = [];
  for (const raw of document.votes) {
    const parsed = VotePayloadSchema.safeParse(raw);
    const proof = parsed.success ? await ctx.network.verifyVote(ctx.tenant, raw) : undefined;
    if (!parsed.success || !proof?.ok || proof.value.controller !== parsed.data.actor) {
      ctx.logger.warning("a vote {region} still held for ballot {ballotId} is malformed or badly signed: ignored", {
        region: region.regionCode,
        ballotId: ballot.id,
      });
      continue;
    }
    votes.push({ document: parsed.data, raw });
  }
  const due = await ctx.db.transaction(async (tx) => {
    const ballots = createBallotRepo(tx, ctx.tenant.id);
    const locked = await ballots.lock(ballot.id);
    if (locked === undefined) return false;
    const reception = locked.reception;
    if (
      locked.status === "open" &&
      reception?.collectingSince &&
      !reception.answers.some((a) => a.regionCode === region.regionCode)
    ) {
      const answered: Reception = {
        ...reception,
        answers: [...reception.answers, { regionCode: region.regionCode, at: ctx.clock(), votes: votes.length }],
      };
      await ballots.setReception(locked.id, locked.extensionMs, answered, ctx.clock());
      locked.reception = answered;
    }
    for (const vote of votes) {
      await takeInVote(ctx, ctx.network, tx, {
        ...message,
        kind: "dynamo-vote/1",
        document: vote.document,
        raw: vote.raw,
        signer: null,
        envelope: {
          activityId: vote.document.id,
          actorId: vote.document.actor,
          objectId: `${vote.document.id}/note`,
          about: vote.document.ballot,
          name: choiceName(vote.document.choice),
          verb: "create",
          published: new Date(vote.document.signedAt),
        },
      });
    }
    ctx.logger.info("{region} answered for ballot {ballotId}: {count} votes it still held", {
      region: region.regionCode,
      ballotId: ballot.id,
      count: votes.length,
    });
    return tallyDue(locked, ctx.clock());
  });
  ctx.network.wake();
  if (due) await closeBallot(ctx, ballot.id);
  return undefined;
}

/**
 * Every hub tenant's ballots past their deadline: asked about (after the hub's downtime is
 * accounted for), or counted once the regions answered or their time is up. Returns how many
 * were counted.
 */
export async function advanceDueBallots(deps: BallotsDeps, logger: BallotsContext["logger"], uptime: Uptime) {
  const now = deps.clock();
  const due = await listBallotsDue(deps.db, now);
  if (due.length === 0) return 0;
  const tenants = await createTenantRepo(deps.db).list();
  let closed = 0;
  for (const { tenantId, ballotId } of due) {
    const tenant = tenants.find((t) => t.id === tenantId);
    if (tenant === undefined || tenant.kind !== "hub") continue;
    const ctx: BallotsContext = { ...deps, tenant, logger };
    const ballot = await createBallotRepo(deps.db, tenant.id).findById(ballotId);
    if (ballot === undefined) continue;
    if (collectionDue(ballot, now)) await advanceReception(ctx, uptime, ballotId);
    else if ((await closeBallot(ctx, ballotId)) === "closed") closed += 1;
  }
  return closed;
}
