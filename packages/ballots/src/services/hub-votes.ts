import { type CountryCode, err, ok, type Result } from "@dynamo/core";
import type { Tx } from "@dynamo/db";
import type { Handled } from "@dynamo/federation";
import { createBallotRepo } from "../db/ballots.ts";
import { createDelegationRepo, delegationOf, type StoredDelegation } from "../db/delegations.ts";
import { createReceivedVoteRepo, type ReceivedVote } from "../db/received-votes.ts";
import type { BallotsContext } from "../deps.ts";
import type { VoteId } from "../domain/ids.ts";
import { ballotOf } from "../domain/lifecycle.ts";
import { currentMandates } from "../domain/proxies.ts";
import { voteReceipt } from "../domain/receipts.ts";
import {
  type CastBy,
  createBallotBox,
  receptionDeadline,
  type VoteChoice,
  type VoteRecord,
  type VoteRefusal,
} from "../domain/vote.ts";
import type { BallotsNetwork, Received } from "../network.ts";
import type { ReceiptPayload, VotePayload } from "../wire.ts";
import { auditBallot } from "./audit.ts";
import { type BallotError, refusalJson } from "./errors.ts";
import type { Actor } from "./hub-ballots.ts";
import { choiceName, receiptMessage } from "./messages.ts";
import { refuseMismatch } from "./signed-documents.ts";

/** Why the hub refuses a vote that reached it: the domain's reasons, and the network's own. */
export type ReceivedRefusal =
  | VoteRefusal
  | { kind: "unknown-ballot" }
  | { kind: "ballot-cancelled" }
  | { kind: "wrong-platform-actor" }
  | { kind: "wrong-region" }
  | { kind: "malformed-vote" }
  | { kind: "no-mandate"; holder: CountryCode };

type Decision = { accepted: true } | { accepted: false; refusal: ReceivedRefusal };

/**
 * Takes in a vote a platform's actor sent. Its signed document is checked first (outside any
 * transaction: the key may be fetched): the proof must verify against a key the sending actor
 * controls, and name the same vote, actor and ballot as the activity; a vote that fails this
 * changes nothing. Then, in one transaction: the actor must speak for the platform the vote
 * names, from the node of that platform's region; the platform must be in the electorate; the
 * vote signed before the close and received before close + grace. Accepted or refused, it is
 * recorded once and a signed receipt goes back to the platform's node.
 */
export async function receiveVote(ctx: BallotsContext, message: Received<VotePayload>): Promise<Handled> {
  const mismatch = refuseMismatch(ctx, message, "vote");
  if (mismatch !== undefined) return mismatch;
  await ctx.db.transaction((tx) => takeInVote(ctx, ctx.network, tx, message));
  ctx.network.wake();
  return undefined;
}

export async function takeInVote(
  ctx: BallotsContext,
  network: BallotsNetwork,
  tx: Tx,
  message: Received<VotePayload>,
): Promise<void> {
  const { document: doc, raw: signed, envelope } = message;
  const ballots = createBallotRepo(tx, ctx.tenant.id);
  const found = await ballots.findByUri(doc.ballot);
  const ballot = found && (await ballots.lock(found.id));
  const receivedAt = ctx.clock();
  const votes = createReceivedVoteRepo(tx, ctx.tenant.id);
  if (ballot === undefined || ballot.role !== "issued") {
    ctx.logger.warning("vote {voteId} for an unknown ballot {ballot}", { voteId: doc.id, ballot: doc.ballot });
    return;
  }
  if ((await votes.findByUri(doc.id)) !== undefined) return;

  const record: VoteRecord = {
    id: doc.id as VoteId,
    ballotId: ballot.id,
    platformId: doc.platformId as CountryCode,
    choice: doc.choice as VoteChoice,
    castBy: doc.castBy as CastBy,
    signedAt: new Date(doc.signedAt),
    receivedAt,
  };
  const member = ballot.electorate?.find((m) => m.platformId === record.platformId);
  const actor = network.platformOfActor(envelope.actorId);
  const regions = await network.trustedRegions(tx, ctx.tenant);
  // A platform's own vote comes from its actor at its region; a proxy vote from its holder's.
  const speaker = record.castBy.kind === "proxy" ? record.castBy.holder : record.platformId;
  const speakerMember = ballot.electorate?.find((m) => m.platformId === speaker);
  const regionActor = speakerMember && regions.find((r) => r.regionCode === speakerMember.regionCode);
  const name = envelope.name ?? "";
  let mandate: StoredDelegation | undefined;

  const decide = async (): Promise<Decision> => {
    if (ballot.status === "cancelled") return { accepted: false, refusal: { kind: "ballot-cancelled" } };
    if (actor === undefined || actor.platformId !== speaker) {
      return { accepted: false, refusal: { kind: "wrong-platform-actor" } };
    }
    if (name !== choiceName(record.choice)) return { accepted: false, refusal: { kind: "malformed-vote" } };
    if (member === undefined)
      return { accepted: false, refusal: { kind: "not-in-electorate", platformId: record.platformId } };
    if (speakerMember === undefined) {
      return { accepted: false, refusal: { kind: "proxy-holder-not-in-electorate", holder: speaker } };
    }
    if (regionActor === undefined || new URL(regionActor.actorId).origin !== actor.origin) {
      return { accepted: false, refusal: { kind: "wrong-region" } };
    }
    const domainBallot = ballotOf(ballot);
    if (domainBallot === undefined || ballot.status !== "open") {
      return { accepted: false, refusal: { kind: "received-after-grace", deadline: receptionDeadline(ballot) } };
    }
    if (record.castBy.kind === "proxy") {
      const delegations = await createDelegationRepo(tx, ctx.tenant.id).listAccepted(ballot.id);
      const inForce = currentMandates(delegations.map(delegationOf)).get(record.platformId);
      mandate = delegations.find((d) => d.uri === inForce?.id);
      if (mandate === undefined || mandate.holder !== speaker) {
        return { accepted: false, refusal: { kind: "no-mandate", holder: speaker } };
      }
    }
    const accepted = await votes.listAccepted(ballot.id);
    const checked = createBallotBox(
      domainBallot,
      accepted.map((v) => v.vote),
    ).check(record);
    return checked.ok ? { accepted: true } : { accepted: false, refusal: checked.error };
  };
  const decision = await decide();
  const nonce = decision.accepted ? ctx.nonce() : null;
  const receipt = nonce === null ? null : voteReceipt(record, nonce, ctx.hash);
  await votes.add({
    id: ctx.newId(),
    ballotId: ballot.id,
    vote: record,
    actorUri: envelope.actorId,
    regionCode: member?.regionCode ?? null,
    signedActivity: signed,
    inRoom: false,
    recordedBy: null,
    recordedByName: null,
    outcome: decision.accepted ? "accepted" : "refused",
    refusal: decision.accepted ? null : refusalJson(decision.refusal),
    receiptNonce: nonce,
    receipt,
    mandate: decision.accepted && mandate !== undefined ? mandate.signed : null,
  });
  ctx.logger.info("vote {voteId} for ballot {ballotId}: {outcome}", {
    voteId: doc.id,
    ballotId: ballot.id,
    outcome: decision.accepted ? "accepted" : decision.refusal.kind,
  });

  // The receipt goes back to the node the vote came from, when it is a trusted region's.
  const to = regions.find((r) => actor !== undefined && new URL(r.actorId).origin === actor.origin);
  if (to !== undefined) {
    const payloadOut: ReceiptPayload = {
      kind: "dynamo-receipt/1",
      ballot: ballot.uri,
      vote: doc.id,
      accepted: decision.accepted,
      refusal: decision.accepted ? null : refusalJson(decision.refusal),
      receivedAt: receivedAt.toISOString(),
      receipt,
      nonce,
    };
    await network.enqueue(
      tx,
      ctx.tenant,
      "tenant",
      [to],
      receiptMessage({
        activityId: `${network.actorUri(ctx.tenant)}/receipts/${ctx.newId()}`,
        at: receivedAt,
        payload: payloadOut,
      }),
      false,
    );
  }
}

/**
 * During the physical IPG, the secretariat records the vote of a platform present in the room:
 * checked like any vote (electorate, timing, options), marked as in-room with who recorded it.
 */
export async function recordInRoomVote(
  ctx: BallotsContext,
  actor: Actor,
  ballotId: string,
  input: { platformId: string; choice: VoteChoice; castBy: CastBy },
): Promise<Result<ReceivedVote, BallotError>> {
  return ctx.db.transaction(async (tx): Promise<Result<ReceivedVote, BallotError>> => {
    const ballot = await createBallotRepo(tx, ctx.tenant.id).lock(ballotId);
    if (ballot === undefined || ballot.role !== "issued") return err({ kind: "not-found" });
    const domainBallot = ballotOf(ballot);
    if (ballot.status !== "open" || domainBallot === undefined) return err({ kind: "ballot-closed" });
    const now = ctx.clock();
    const record: VoteRecord = {
      id: `${ballot.uri}/in-room/${ctx.newId()}` as VoteId,
      ballotId: ballot.id,
      platformId: input.platformId as CountryCode,
      choice: input.choice,
      castBy: input.castBy,
      signedAt: now,
      receivedAt: now,
    };
    const votes = createReceivedVoteRepo(tx, ctx.tenant.id);
    const accepted = await votes.listAccepted(ballot.id);
    const checked = createBallotBox(
      domainBallot,
      accepted.map((v) => v.vote),
    ).check(record);
    if (!checked.ok) {
      if (checked.error.kind === "not-in-electorate") return err({ kind: "not-in-electorate" });
      if (checked.error.kind === "ballot-closed" || checked.error.kind === "received-after-grace") {
        return err({ kind: "ballot-closed" });
      }
      return err({ kind: "vote-refused", refusal: checked.error });
    }
    const nonce = ctx.nonce();
    const stored: ReceivedVote = {
      id: ctx.newId(),
      ballotId: ballot.id,
      vote: record,
      actorUri: null,
      regionCode: ballot.electorate?.find((m) => m.platformId === record.platformId)?.regionCode ?? null,
      signedActivity: null,
      inRoom: true,
      recordedBy: actor.personId,
      recordedByName: actor.name,
      outcome: "accepted",
      refusal: null,
      receiptNonce: nonce,
      receipt: voteReceipt(record, nonce, ctx.hash),
      mandate: null,
    };
    await votes.add(stored);
    await auditBallot(ctx, tx, "ballots.in-room-vote", ballot, {
      platformId: record.platformId,
      castBy: record.castBy.kind,
    });
    ctx.logger.info("in-room vote of {platformId} for ballot {ballotId} recorded by {personId}", {
      platformId: record.platformId,
      ballotId: ballot.id,
      personId: actor.personId,
    });
    return ok(stored);
  });
}
