import type { CountryCode } from "@dynamo/core";
import type { DbOrTx, Tx } from "@dynamo/db";
import type { Handled } from "@dynamo/federation";
import { createBallotRepo } from "../db/ballots.ts";
import { createDelegationRepo, delegationOf } from "../db/delegations.ts";
import type { BallotsContext } from "../deps.ts";
import type { BallotId } from "../domain/ids.ts";
import { type BallotRecord, ballotOf } from "../domain/lifecycle.ts";
import { checkDelegation, currentMandates, type Delegation, type DelegationRefusal } from "../domain/proxies.ts";
import { indexBallot, receptionDeadline } from "../domain/vote.ts";
import type { BallotsNetwork, Received } from "../network.ts";
import type { BallotTerms, DelegationPayload, ReceiptPayload } from "../wire.ts";
import { refusalJson } from "./errors.ts";
import { ballotMessage, receiptMessage } from "./messages.ts";
import { refuseMismatch } from "./signed-documents.ts";

/** Why the hub refuses a delegation: the domain's reasons, and the network's own. */
export type DelegationReceivedRefusal =
  | DelegationRefusal
  | { kind: "ballot-cancelled" }
  | { kind: "wrong-platform-actor" }
  | { kind: "wrong-region" };

/** The mandates in force for a ballot, as the Question announces them to the regions. */
export async function announcedMandates(db: DbOrTx, ctx: BallotsContext, ballotId: BallotId) {
  const accepted = await createDelegationRepo(db, ctx.tenant.id).listAccepted(ballotId);
  return mandateList(accepted.map(delegationOf));
}

const mandateList = (accepted: Iterable<Delegation>): BallotTerms["mandates"] =>
  [...currentMandates(accepted).values()]
    .map((d) => ({ platformId: d.platformId, holder: d.holder as string }))
    .sort((a, b) => (a.platformId < b.platformId ? -1 : a.platformId > b.platformId ? 1 : 0));

/**
 * Takes in a delegation a platform's actor sent. As with a vote, its signed document is checked
 * first, outside any transaction; then, in one: the actor speaks for the platform it names, from
 * that platform's region; the ballot allows proxies; both platforms are in the electorate; the
 * delegation was signed while voting was open and received before close + grace; the holder does
 * not exceed its cap. Accepted or refused, it is recorded once and a signed receipt goes back to
 * the platform's region; once accepted, the Question is updated at every region with the
 * mandates in force, so the holder's region shows it the vote it now holds.
 */
export async function receiveDelegation(ctx: BallotsContext, message: Received<DelegationPayload>): Promise<Handled> {
  const mismatch = refuseMismatch(ctx, message, "delegation");
  if (mismatch !== undefined) return mismatch;
  const handled = await ctx.db.transaction((tx) => takeInDelegation(ctx, ctx.network, tx, message));
  if (handled) ctx.network.wake();
  return undefined;
}

async function takeInDelegation(
  ctx: BallotsContext,
  network: BallotsNetwork,
  tx: Tx,
  message: Received<DelegationPayload>,
): Promise<boolean> {
  const { document: doc, raw: signed, envelope } = message;
  const ballots = createBallotRepo(tx, ctx.tenant.id);
  const found = await ballots.findByUri(doc.ballot);
  const ballot = found && (await ballots.lock(found.id));
  if (ballot === undefined || ballot.role !== "issued") {
    ctx.logger.warning("delegation {id} for an unknown ballot {ballot}", { id: doc.id, ballot: doc.ballot });
    return false;
  }
  const delegations = createDelegationRepo(tx, ctx.tenant.id);
  if ((await delegations.findByUri(doc.id)) !== undefined) return false;
  const receivedAt = ctx.clock();
  const delegation: Delegation = {
    id: doc.id,
    platformId: doc.platformId as CountryCode,
    holder: doc.holder as CountryCode | null,
    signedAt: new Date(doc.signedAt),
  };
  const accepted = (await delegations.listAccepted(ballot.id)).map(delegationOf);
  const regions = await network.trustedRegions(tx, ctx.tenant);
  const actor = network.platformOfActor(envelope.actorId);
  const refusal = decide(ballot, delegation, accepted, receivedAt, actor, regions);
  await delegations.add(
    {
      id: ctx.newId(),
      ballotId: ballot.id,
      uri: doc.id,
      platformId: delegation.platformId,
      holder: delegation.holder,
      signedAt: delegation.signedAt,
      signed,
      personId: null,
      personName: null,
      actorUri: envelope.actorId,
      status: refusal === null ? "accepted" : "refused",
      refusal: refusal === null ? null : refusalJson(refusal),
      receivedAt,
    },
    receivedAt,
  );
  ctx.logger.info("delegation {id} of {platformId} to {holder} for ballot {ballotId}: {outcome}", {
    id: doc.id,
    platformId: delegation.platformId,
    holder: delegation.holder ?? "nobody",
    ballotId: ballot.id,
    outcome: refusal === null ? "accepted" : refusal.kind,
  });

  const to = actor && regions.find((r) => new URL(r.actorId).origin === actor.origin);
  if (to !== undefined) {
    const receipt: ReceiptPayload = {
      kind: "dynamo-receipt/1",
      ballot: ballot.uri,
      vote: doc.id,
      accepted: refusal === null,
      refusal: refusal === null ? null : refusalJson(refusal),
      receivedAt: receivedAt.toISOString(),
      receipt: null,
      nonce: null,
    };
    await network.enqueue(
      tx,
      ctx.tenant,
      "tenant",
      [to],
      receiptMessage({
        activityId: `${network.actorUri(ctx.tenant)}/receipts/${ctx.newId()}`,
        at: receivedAt,
        payload: receipt,
      }),
      false,
    );
  }
  if (refusal === null) {
    await network.enqueue(
      tx,
      ctx.tenant,
      "tenant",
      regions,
      ballotMessage(ctx.tenant, ballot, {
        verb: "update",
        activityId: `${ballot.uri}/activities/mandates/${ctx.newId()}`,
        at: receivedAt,
        mandates: mandateList([...accepted, delegation]),
      }),
      true,
    );
  }
  return true;
}

function decide(
  ballot: BallotRecord,
  delegation: Delegation,
  accepted: readonly Delegation[],
  receivedAt: Date,
  actor: { origin: string; platformId: CountryCode } | undefined,
  regions: readonly { regionCode: string; actorId: string }[],
): DelegationReceivedRefusal | null {
  if (ballot.status === "cancelled") return { kind: "ballot-cancelled" };
  if (actor === undefined || actor.platformId !== delegation.platformId) return { kind: "wrong-platform-actor" };
  const member = ballot.electorate?.find((m) => m.platformId === delegation.platformId);
  if (member === undefined) return { kind: "not-in-electorate", platformId: delegation.platformId };
  const region = regions.find((r) => r.regionCode === member.regionCode);
  if (region === undefined || new URL(region.actorId).origin !== actor.origin) return { kind: "wrong-region" };
  const domainBallot = ballotOf(ballot);
  if (domainBallot === undefined || ballot.status !== "open") {
    return { kind: "received-after-grace", deadline: receptionDeadline(ballot) };
  }
  return checkDelegation(indexBallot(domainBallot), accepted, delegation, receivedAt);
}
