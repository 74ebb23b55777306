import { type CountryCode, err, ok, type Person, type PlatformId, type Result } from "@dynamo/core";
import type { Tx } from "@dynamo/db";
import type { Handled } from "@dynamo/federation";
import { createPlatformRepo } from "@dynamo/identity";
import { createBallotRepo } from "../db/ballots.ts";
import { type CastVote, createCastVoteRepo } from "../db/cast-votes.ts";
import { createDelegationRepo, type StoredDelegation } from "../db/delegations.ts";
import { type BallotResultRepo, createBallotResultRepo, type StoredResult } from "../db/results.ts";
import type { BallotMandate } from "../db/schema.ts";
import type { BallotsContext } from "../deps.ts";
import type { BallotId, VoteId } from "../domain/ids.ts";
import { acceptsVotes, type BallotRecord, ballotOf } from "../domain/lifecycle.ts";
import { type CastBy, checkVoteAlone, indexBallot, receptionDeadline, type VoteChoice } from "../domain/vote.ts";
import type { BallotsNetwork, Received } from "../network.ts";
import { type QuestionPayload, type ReceiptPayload, type ResultPayload, VOTE_CONTEXT } from "../wire.ts";
import type { BallotError } from "./errors.ts";
import { attestationMessage, voteMessage } from "./messages.ts";
import { withOwnVotes } from "./region-own-votes.ts";
import { type Verification, verifyRollCall, verifySecret } from "./region-verify.ts";

/** How long a region's attestation is retried every few seconds before the general back-off. */
const ATTESTATION_URGENT_MS = 60 * 60 * 1000;

/**
 * A ballot the hub sent (opened, cancelled, or closed with its result): the region keeps its
 * copy. A result is recomputed first (outside any transaction: it fetches the platforms' keys),
 * then kept with the region's verdict, and the region's signed attestation goes back to the hub.
 */
export async function receiveBallot(ctx: BallotsContext, message: Received<QuestionPayload>): Promise<Handled> {
  const network = ctx.network;
  const { envelope } = message;
  const hub = await network.hub(ctx.db, ctx.tenant);
  if (hub === undefined || hub.actorId !== envelope.actorId || envelope.objectId === null) {
    ctx.logger.warning("ballot {uri} from {actor}, who is not our hub: refused", {
      uri: envelope.objectId,
      actor: envelope.actorId,
    });
    return { refused: "not-our-hub", detail: "a ballot comes from the region's hub only" };
  }
  const terms: QuestionPayload = message.document;
  const uri = envelope.objectId;
  const known = await createBallotRepo(ctx.db, ctx.tenant.id).findByUri(uri);
  const copy = {
    id: (known?.id ?? ctx.newId()) as BallotId,
    uri,
    title: terms.title,
    description: terms.description,
    rules: terms.rules as BallotRecord["rules"],
    opensAt: new Date(terms.opensAt),
    closesAt: new Date(terms.closesAt),
    graceMs: terms.graceMs,
    extensionMs: terms.extensionMs,
    status: terms.status,
    electorate: known?.electorate ?? terms.electorate.map((m) => ({ ...m, platformId: m.platformId as CountryCode })),
    cancelReason: terms.cancelReason,
    createdAt: ctx.clock(),
  };
  const result = terms.result;
  let verification: Verification | undefined;
  if (result !== null) {
    const record: BallotRecord = {
      ...copy,
      reception: null,
      role: "received",
      openedAt: null,
      cancelledAt: null,
      closedAt: null,
    };
    const mine = await createCastVoteRepo(ctx.db, ctx.tenant.id).list(copy.id);
    const recomputed =
      result.votes !== null
        ? await verifyRollCall(ctx, record, result)
        : verifySecret(ctx, record, result, latestReceipts(mine));
    verification = await withOwnVotes(ctx, record, result, mine, recomputed);
  }
  const attested = await ctx.db.transaction(async (tx) => {
    const ballots = createBallotRepo(tx, ctx.tenant.id);
    const saved = await ballots.saveReceived(copy);
    await ballots.setMandates(saved.id, terms.mandates, ctx.clock());
    return result !== null && verification !== undefined
      ? acceptResult(ctx, network, tx, saved, result, verification, hub)
      : false;
  });
  if (attested) network.wake();
  return undefined;
}

async function acceptResult(
  ctx: BallotsContext,
  network: BallotsNetwork,
  tx: Tx,
  ballot: BallotRecord,
  result: ResultPayload,
  verification: Verification,
  hub: { actorId: string; inbox: string },
): Promise<boolean> {
  const results: BallotResultRepo = createBallotResultRepo(tx, ctx.tenant.id);
  const now = ctx.clock();
  const fresh = await results.save({
    ballotId: ballot.id,
    uri: `${ballot.uri}#result`,
    publication: result,
    publishedAt: now,
  });
  if (!fresh) return false;
  await results.setVerification(ballot.id, verification.agrees, verification.agrees ? null : verification.problem, now);
  const casts = createCastVoteRepo(tx, ctx.tenant.id);
  const mine = await casts.list(ballot.id);
  const countedIds = new Set<string>(verification.counted.map((v) => v.id));
  const receipts = new Set(result.receipts ?? []);
  await casts.markCounted(
    mine
      .filter((v) => countedIds.has(v.activityUri) || (v.receipt !== null && receipts.has(v.receipt)))
      .map((v) => v.id),
    now,
  );
  await casts.markNotCounted(ballot.id, now);
  ctx.logger.info("result of ballot {ballotId} recomputed: {verdict}", {
    ballotId: ballot.id,
    verdict: verification.agrees ? "agrees" : verification.problem,
  });
  await network.enqueue(
    tx,
    ctx.tenant,
    "tenant",
    [hub],
    {
      // Retried every few seconds for an hour: the hub's page says at once who verified the result.
      urgentUntil: new Date(now.getTime() + ATTESTATION_URGENT_MS),
      ...attestationMessage({
        activityId: `${network.actorUri(ctx.tenant)}/attestations/${ctx.newId()}`,
        at: now,
        payload: {
          kind: "dynamo-attestation/1",
          ballot: result.ballot,
          agrees: verification.agrees,
          problem: verification.agrees ? null : verification.problem,
          chainHead: result.chainHead,
          receiptsDigest: result.receiptsDigest,
          evidence: verification.agrees ? [] : (verification.evidence ?? []),
        },
      }),
    },
    true,
  );
  return true;
}

/**
 * The receipt of each of our platforms' own last vote the hub accepted: what must be in a secret
 * ballot's list.
 */
function latestReceipts(votes: readonly CastVote[]): string[] {
  const latest = new Map<string, CastVote>();
  for (const vote of votes) {
    // A proxy vote may be superseded by its platform's own vote, cast at another region.
    if (vote.receipt === null || vote.proxyFor !== null) continue;
    const current = latest.get(vote.platformId);
    if (current === undefined || vote.signedAt > current.signedAt) latest.set(vote.platformId, vote);
  }
  return [...latest.values()].map((v) => v.receipt as string);
}

/** The hub's signed receipt of one of our votes: delivered (with its receipt hash) or refused, and why. */
export async function receiveReceipt(ctx: BallotsContext, message: Received<ReceiptPayload>): Promise<Handled> {
  const hub = await ctx.network.hub(ctx.db, ctx.tenant);
  if (hub === undefined || hub.actorId !== message.envelope.actorId)
    return { refused: "not-our-hub", detail: "a receipt comes from the region's hub only" };
  const receipt = message.document;
  const vote = await createCastVoteRepo(ctx.db, ctx.tenant.id).recordReceipt(receipt.vote, {
    status: receipt.accepted ? "delivered" : "refused",
    refusal: receipt.refusal,
    receipt: receipt.receipt,
    nonce: receipt.nonce,
    hubReceivedAt: new Date(receipt.receivedAt),
    at: ctx.clock(),
  });
  if (!vote) {
    // Not a vote: the receipt of one of our platforms' delegations.
    await createDelegationRepo(ctx.db, ctx.tenant.id).recordDecision(receipt.vote, {
      status: receipt.accepted ? "accepted" : "refused",
      refusal: receipt.refusal,
      at: ctx.clock(),
    });
  }
  return undefined;
}

/** Who is voting: a signed-in person of the region, with their platform seat. */
export type Voter = Pick<Person, "id" | "displayName" | "platformId" | "platformSeat">;

/**
 * What voting or delegating needs first: the person holds a seat of an active platform, and the
 * ballot is one the hub sent that still takes votes. Checked before any transaction (signing
 * may make the platform's key).
 */
export async function votingSeat(
  ctx: BallotsContext,
  voter: Voter,
  ballotId: string,
): Promise<
  Result<
    {
      ballot: BallotRecord;
      /** The person's platform: its id at this region, and its country code across the network. */
      platform: PlatformId;
      platformCode: CountryCode;
      seat: "representative" | "substitute";
      now: Date;
    },
    BallotError
  >
> {
  if (voter.platformId === null || voter.platformSeat === null) return err({ kind: "no-seat" });
  const ballot = await createBallotRepo(ctx.db, ctx.tenant.id).findById(ballotId);
  if (ballot === undefined || ballot.role !== "received") return err({ kind: "not-found" });
  const now = ctx.clock();
  if (!acceptsVotes(ballot, now)) return err({ kind: "ballot-closed" });
  const platform = await createPlatformRepo(ctx.db, ctx.tenant.id).findById(voter.platformId as string);
  if (platform === undefined || platform.status !== "active") return err({ kind: "not-in-electorate" });
  return ok({
    ballot,
    platform: platform.id,
    platformCode: platform.countryCode,
    seat: voter.platformSeat,
    now,
  });
}

/**
 * A platform's representative (or, when the ballot allows it, its substitute) casts or changes
 * the platform's vote until the close; the last one counts. The vote is recorded as queued and
 * sent, signed by the platform's actor, to the hub through the outbox: a hub that is down never
 * fails the vote, which is delivered when it answers again.
 */
export async function castVote(
  ctx: BallotsContext,
  voter: Voter,
  ballotId: string,
  choice: VoteChoice,
  options: { onBehalfOf?: string | undefined } = {},
): Promise<Result<CastVote, BallotError>> {
  const network = ctx.network;
  const seat = await votingSeat(ctx, voter, ballotId);
  if (!seat.ok) return seat;
  const { ballot, platformCode, now } = seat.value;
  // By proxy: the vote is the other platform's, signed by the holder's actor, under a mandate
  // the hub announced (it checks the mandate again on arrival).
  const onBehalfOf = options.onBehalfOf?.toUpperCase();
  const byProxy = onBehalfOf !== undefined && onBehalfOf !== platformCode;
  const platformId = (byProxy ? onBehalfOf : platformCode) as CountryCode;
  const castBy: CastBy = byProxy ? { kind: "proxy", holder: platformCode } : { kind: seat.value.seat };
  if (byProxy) {
    if (seat.value.seat === "substitute" && !ballot.rules.substitutesAllowed) {
      return err({ kind: "vote-refused", refusal: { kind: "substitute-not-allowed" } });
    }
    const mandates = await createBallotRepo(ctx.db, ctx.tenant.id).mandates(ballot.id);
    if (!mandates.some((m) => m.platformId === platformId && m.holder === platformCode)) {
      return err({ kind: "no-mandate" });
    }
  }
  const domainBallot = ballotOf(ballot);
  if (domainBallot === undefined) return err({ kind: "ballot-closed" });
  const hub = await network.hub(ctx.db, ctx.tenant);
  if (hub === undefined) return err({ kind: "not-peered" });
  const actor = network.actorUri(ctx.tenant, platformCode);
  const activityUri = `${actor}/votes/${ctx.newId()}`;
  const refusal = checkVoteAlone(indexBallot(domainBallot), {
    id: activityUri as VoteId,
    ballotId: domainBallot.id,
    platformId,
    choice,
    castBy,
    signedAt: now,
    receivedAt: now,
  });
  if (refusal?.kind === "not-in-electorate") return err({ kind: "not-in-electorate" });
  if (refusal !== null) return err({ kind: "vote-refused", refusal });
  const signed = await network.signVote(
    ctx.tenant,
    platformCode,
    {
      "@context": VOTE_CONTEXT,
      kind: "dynamo-vote/1",
      id: activityUri,
      actor,
      ballot: ballot.uri,
      platformId,
      choice: choice.kind === "options" ? { kind: "options", optionIds: [...choice.optionIds] } : { kind: choice.kind },
      castBy,
      signedAt: now.toISOString(),
    },
    now,
  );
  const vote: CastVote = {
    id: ctx.newId(),
    ballotId: ballot.id,
    platformId: seat.value.platform,
    proxyFor: byProxy ? platformId : null,
    personId: voter.id,
    personName: voter.displayName,
    choice,
    castBy,
    activityUri,
    signedAt: now,
    signed,
    status: "queued",
    refusal: null,
    receipt: null,
    receiptNonce: null,
    receiptReceivedAt: null,
    hubReceivedAt: null,
  };
  await ctx.db.transaction(async (tx) => {
    await createCastVoteRepo(tx, ctx.tenant.id).add(vote);
    await network.enqueue(
      tx,
      ctx.tenant,
      { platformId: platformCode },
      [hub],
      {
        // Retried every few seconds until the hub's deadline: a hub back from an outage gets it at once.
        urgentUntil: receptionDeadline(domainBallot),
        ...voteMessage({
          activityId: activityUri,
          ballotUri: ballot.uri,
          signedAt: now,
          name: choice,
          payload: signed,
        }),
      },
      false,
    );
  });
  network.wake();
  ctx.logger.info("vote {voteId} cast for ballot {ballotId} by {personId}", {
    voteId: activityUri,
    ballotId,
    personId: voter.id,
  });
  return ok(vote);
}

/** What a region shows of a ballot to one person: the copy, their platform's votes, the result and its verification. */
export interface RegionBallotView {
  ballot: BallotRecord;
  /** The votes the person's platform cast: its own, and those it cast by proxy. */
  votes: CastVote[];
  result: StoredResult | undefined;
  /** The person's platform (country code), when they hold a seat of an active platform. */
  platformCode: CountryCode | null;
  /** The mandates in force, as the hub last announced them. */
  mandates: BallotMandate[];
  /** The person's platform's delegations of its vote, the last signed first. */
  delegations: StoredDelegation[];
}

export async function getRegionBallot(
  ctx: BallotsContext,
  ballotId: string,
  platformId: string | null,
): Promise<RegionBallotView | undefined> {
  const ballots = createBallotRepo(ctx.db, ctx.tenant.id);
  const ballot = await ballots.findById(ballotId);
  if (ballot === undefined || ballot.role !== "received") return undefined;
  const platform =
    platformId === null ? undefined : await createPlatformRepo(ctx.db, ctx.tenant.id).findById(platformId);
  const platformCode = platform === undefined ? null : platform.countryCode;
  return {
    ballot,
    votes: platformId === null ? [] : await createCastVoteRepo(ctx.db, ctx.tenant.id).list(ballot.id, [platformId]),
    result: await createBallotResultRepo(ctx.db, ctx.tenant.id).find(ballot.id),
    platformCode,
    mandates: await ballots.mandates(ballot.id),
    delegations:
      platformCode === null ? [] : await createDelegationRepo(ctx.db, ctx.tenant.id).list(ballot.id, platformCode),
  };
}

export async function getCastVote(ctx: BallotsContext, voteId: string): Promise<CastVote | undefined> {
  return createCastVoteRepo(ctx.db, ctx.tenant.id).findById(voteId);
}
