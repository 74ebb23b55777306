import { type CountryCode, err, ok, type Result } from "@dynamo/core";
import { createDelegationRepo, type StoredDelegation } from "../db/delegations.ts";
import type { BallotsContext } from "../deps.ts";
import { receptionDeadline } from "../domain/vote.ts";
import { VOTE_CONTEXT } from "../wire.ts";
import type { BallotError } from "./errors.ts";
import { delegationMessage } from "./messages.ts";
import { type Voter, votingSeat } from "./region-ballots.ts";

/**
 * A platform's representative (or its substitute, when the ballot allows substitutes) delegates
 * the platform's vote to another platform of the electorate, from any region, or withdraws the
 * delegation (`holder` null). The delegation is signed by the platform's actor and sent to the
 * hub, which checks it (electorate, timing, the holder's cap) and answers with a receipt; once it
 * accepts, it announces the mandate to every region, and the holder's region lets the holder
 * vote for the platform. The platform can still vote itself: its last vote counts.
 */
export async function delegateVote(
  ctx: BallotsContext,
  voter: Voter,
  ballotId: string,
  holderInput: string | null,
): Promise<Result<StoredDelegation, BallotError>> {
  const network = ctx.network;
  const seat = await votingSeat(ctx, voter, ballotId);
  if (!seat.ok) return seat;
  const { ballot, platformCode, now } = seat.value;
  const rules = ballot.rules;
  if (seat.value.seat === "substitute" && !rules.substitutesAllowed) {
    return err({ kind: "vote-refused", refusal: { kind: "substitute-not-allowed" } });
  }
  if (rules.maxProxiesPerHolder === 0) return err({ kind: "vote-refused", refusal: { kind: "proxies-not-allowed" } });
  const electorate = ballot.electorate ?? [];
  if (!electorate.some((m) => m.platformId === platformCode)) return err({ kind: "not-in-electorate" });
  const holder = holderInput === null ? null : (holderInput.toUpperCase() as CountryCode);
  if (holder === platformCode) return err({ kind: "vote-refused", refusal: { kind: "proxy-holder-is-self" } });
  if (holder !== null && !electorate.some((m) => m.platformId === holder)) {
    return err({ kind: "vote-refused", refusal: { kind: "proxy-holder-not-in-electorate", holder } });
  }
  const hub = await network.hub(ctx.db, ctx.tenant);
  if (hub === undefined) return err({ kind: "not-peered" });
  const actor = network.actorUri(ctx.tenant, platformCode);
  const uri = `${actor}/proxies/${ctx.newId()}`;
  const signed = await network.signVote(
    ctx.tenant,
    platformCode,
    {
      "@context": VOTE_CONTEXT,
      kind: "dynamo-proxy/1",
      id: uri,
      actor,
      ballot: ballot.uri,
      platformId: platformCode,
      holder,
      signedAt: now.toISOString(),
    },
    now,
  );
  const delegation: StoredDelegation = {
    id: ctx.newId(),
    ballotId: ballot.id,
    uri,
    platformId: platformCode,
    holder,
    signedAt: now,
    signed,
    personId: voter.id,
    personName: voter.displayName,
    actorUri: actor,
    status: "queued",
    refusal: null,
    receivedAt: null,
  };
  await ctx.db.transaction(async (tx) => {
    await createDelegationRepo(tx, ctx.tenant.id).add(delegation, now);
    await network.enqueue(
      tx,
      ctx.tenant,
      { platformId: platformCode },
      [hub],
      {
        // A mandate must reach the hub before the proxy vote it allows: retried every few seconds until the deadline.
        urgentUntil: receptionDeadline(ballot),
        ...delegationMessage({ activityId: uri, ballotUri: ballot.uri, signedAt: now, holder, payload: signed }),
      },
      false,
    );
  });
  network.wake();
  ctx.logger.info("platform {platformId} delegated its vote in ballot {ballotId} to {holder} ({personId})", {
    platformId: platformCode,
    ballotId,
    holder: holder ?? "nobody",
    personId: voter.id,
  });
  return ok(delegation);
}
