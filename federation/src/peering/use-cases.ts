import { err, ok, type Result, type Tenant } from "@dynamo/core";
import { isActor } from "@fedify/vocab";
import { getLogger } from "@logtape/logtape";
import { tenantActorIdentifier } from "../actors.ts";
import { createPeerRepo } from "../db/peers.ts";
import { decidePeering as decide, originOf, type Peer } from "../domain/peering.ts";
import type { NetworkContext } from "../network-context.ts";
import { enqueueActivity } from "../outbox/enqueue.ts";
import { announceRosterChange } from "../roster/publish.ts";
import { enqueuePeeringReply, followActivity } from "./replies.ts";

const logger = getLogger(["dynamo", "federation"]);

export type PeeringError =
  | { kind: "remote-actor-not-found"; target: string }
  | { kind: "self" }
  | { kind: "already-peered"; state: Peer["state"] }
  | { kind: "not-found" }
  | { kind: "not-pending" }
  | { kind: "not-active" };

/** Who decided: a signed-in person's id, or null for the node itself (roster, automatic). */
export type DecidedBy = string | null;

/**
 * Asks a remote actor (the hub, or a region from the hub's roster) to peer: looks its actor
 * document up for its inbox, records the request and writes the Follow to the outbox.
 */
export async function requestPeering(
  ctx: NetworkContext,
  tenant: Tenant,
  decidedBy: DecidedBy,
  target: string,
): Promise<Result<Peer, PeeringError>> {
  const fctx = ctx.federation.contextFor(tenant);
  const ours = ctx.federation.originOf(tenant).origin;
  if (originOf(target) === ours) return err({ kind: "self" });
  const remote = await fctx.lookupObject(target).catch(() => null);
  if (remote === null || !isActor(remote) || remote.id === null || remote.inboxId === null) {
    return err({ kind: "remote-actor-not-found", target });
  }
  const actorId = remote.id.href;
  const origin = originOf(actorId);
  if (origin === undefined) return err({ kind: "remote-actor-not-found", target });
  if (origin === ours) return err({ kind: "self" });
  const result = await ctx.db.transaction(async (tx) => {
    const peers = createPeerRepo(tx, tenant.id);
    const current = await peers.findForUpdate(actorId);
    if (current?.state === "active" || (current?.state === "requested" && current.direction === "outgoing")) {
      return err({ kind: "already-peered" as const, state: current.state });
    }
    const { follow, id } = followActivity(ctx, tenant, actorId);
    const peer = await peers.upsert(
      ctx.newId(),
      {
        actorId,
        inbox: remote.inboxId?.href ?? "",
        sharedInbox: remote.endpoints?.sharedInbox?.href ?? null,
        origin,
        direction: "outgoing",
        state: "requested",
        followActivityId: id.href,
        name: remote.name?.toString() ?? remote.preferredUsername?.toString() ?? null,
      },
      ctx.clock(),
      decidedBy,
    );
    await enqueueActivity(ctx, tx, {
      tenant,
      actor: tenantActorIdentifier(tenant),
      activity: follow,
      to: [{ actorId, inbox: peer.inbox }],
      listed: false,
    });
    return ok(peer);
  });
  if (result.ok) {
    logger.info("{tenant} asked {actor} to peer", { tenant: tenant.slug, actor: actorId });
    ctx.wake();
  }
  return result;
}

/** An admin approves or refuses a pending request: Accept or Reject goes back. */
export async function decidePeeringRequest(
  ctx: NetworkContext,
  tenant: Tenant,
  decidedBy: DecidedBy,
  actorId: string,
  decision: "approve" | "refuse",
  reason: string | null = null,
): Promise<Result<Peer, PeeringError>> {
  const result = await ctx.db.transaction(async (tx) => {
    const peers = createPeerRepo(tx, tenant.id);
    const current = await peers.findForUpdate(actorId);
    if (current === undefined) return err({ kind: "not-found" as const });
    const decided = decide(current, { kind: decision });
    if (!decided.ok) return err({ kind: "not-pending" as const });
    await peers.setState(actorId, { state: decided.state, decidedBy, reason }, ctx.clock());
    await enqueuePeeringReply(ctx, tx, tenant, current, decided.reply);
    if (decided.state === "active") await announceRosterChange(ctx, tx, tenant);
    return ok({ ...current, state: decided.state, decidedBy, reason });
  });
  if (result.ok) {
    logger.info("{tenant} {decision}d the peering of {actor}", { tenant: tenant.slug, decision, actor: actorId });
    ctx.wake();
  }
  return result;
}

/** Either side ends a peering (or withdraws a request): Undo of our Follow, or Reject of theirs. */
export async function endPeering(
  ctx: NetworkContext,
  tenant: Tenant,
  decidedBy: DecidedBy,
  actorId: string,
  reason: string | null = null,
): Promise<Result<Peer, PeeringError>> {
  const result = await ctx.db.transaction(async (tx) => {
    const peers = createPeerRepo(tx, tenant.id);
    const current = await peers.findForUpdate(actorId);
    if (current === undefined) return err({ kind: "not-found" as const });
    const decided = decide(current, { kind: "end" });
    if (!decided.ok) return err({ kind: "not-active" as const });
    await peers.setState(actorId, { state: decided.state, decidedBy, reason }, ctx.clock());
    await enqueuePeeringReply(ctx, tx, tenant, current, decided.reply);
    await announceRosterChange(ctx, tx, tenant);
    return ok({ ...current, state: decided.state, decidedBy, reason });
  });
  if (result.ok) {
    logger.info("{tenant} ended the peering with {actor}", { tenant: tenant.slug, actor: actorId });
    ctx.wake();
  }
  return result;
}
