import { err, ok, type Result, type Tenant } from "@dynamo/core";
import { type Actor, isActor } from "@fedify/vocab";
import { getLogger } from "@logtape/logtape";
import { type NetworkRole, networkRoleOf, tenantActorIdentifier } from "../actors.ts";
import { createPeerRepo } from "../db/peers.ts";
import { decidePeering as decide, originOf, type Peer } from "../domain/peering.ts";
import type { NetworkContext } from "../network-context.ts";
import { enqueueActivity } from "../outbox/enqueue.ts";
import { announceRosterChange } from "../roster/publish.ts";
import { enqueuePeeringReply, followActivity } from "./replies.ts";

const logger = getLogger(["dynamo", "federation"]);

export type PeeringError =
  | { kind: "remote-actor-not-found"; target: string }
  /** The hub peers with regional coordinations only: this actor does not say it is one. */
  | { kind: "not-a-region"; actor: string }
  /** A region peers with its hub and other regions only: this actor says it is neither. */
  | { kind: "not-a-network-node"; actor: string }
  | { kind: "self" }
  | { kind: "already-peered"; state: Peer["state"] }
  | { kind: "not-found" }
  | { kind: "not-pending" }
  | { kind: "not-active" };

/** Who decided: a signed-in person's id, or null for the node itself (roster, automatic). */
export type DecidedBy = string | null;

/**
 * Whom a tenant may peer with, by what the actor's document says it is: the hub with regional
 * coordinations only (what it approves goes on the roster every region peers with); a region
 * with its hub and other regions. An independent ActivityPub actor says neither.
 */
export async function checkPeerRole(
  tenant: Tenant,
  actor: Actor,
): Promise<{ ok: true; role: NetworkRole } | { ok: false; error: PeeringError }> {
  const role = await networkRoleOf(actor);
  const id = actor.id?.href ?? "";
  if (tenant.kind === "hub")
    return role?.role === "coordination"
      ? { ok: true, role }
      : { ok: false, error: { kind: "not-a-region", actor: id } };
  return role?.role === "coordination" || role?.role === "hub"
    ? { ok: true, role }
    : { ok: false, error: { kind: "not-a-network-node", actor: id } };
}

/**
 * Asks a remote actor (the hub, or a region from the hub's roster) to peer: looks its actor
 * document up for its inbox, checks it is a node the tenant may peer with, records the request
 * and writes the Follow to the outbox.
 */
export async function requestPeering(
  ctx: NetworkContext,
  tenant: Tenant,
  decidedBy: DecidedBy,
  target: string,
  options: { viaRoster?: boolean } = {},
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
  const checked = await checkPeerRole(tenant, remote);
  if (!checked.ok) return err(checked.error);
  const regionCode = checked.role.role === "coordination" ? checked.role.regionCode : null;
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
        regionCode,
        viaRoster: options.viaRoster ?? false,
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

/**
 * An admin approves or refuses a pending request: Accept or Reject goes back. Approving first
 * reads the actor's document again: the hub approves a regional coordination only, a region its
 * hub or a region; anything else is refused with nothing changed.
 */
export async function decidePeeringRequest(
  ctx: NetworkContext,
  tenant: Tenant,
  decidedBy: DecidedBy,
  actorId: string,
  decision: "approve" | "refuse",
  reason: string | null = null,
): Promise<Result<Peer, PeeringError>> {
  let regionCode: Peer["regionCode"] | undefined;
  if (decision === "approve") {
    const pending = await createPeerRepo(ctx.db, tenant.id).find(actorId);
    if (pending === undefined) return err({ kind: "not-found" });
    if (pending.state !== "requested" || pending.direction !== "incoming") return err({ kind: "not-pending" });
    const remote = await ctx.federation
      .contextFor(tenant)
      .lookupObject(actorId)
      .catch(() => null);
    if (remote === null || !isActor(remote) || remote.id?.href !== actorId)
      return err({ kind: "remote-actor-not-found", target: actorId });
    const checked = await checkPeerRole(tenant, remote);
    if (!checked.ok) {
      logger.warning("{tenant} refused to approve {actor}: {kind}", {
        tenant: tenant.slug,
        actor: actorId,
        kind: checked.error.kind,
      });
      return err(checked.error);
    }
    regionCode = checked.role.role === "coordination" ? checked.role.regionCode : null;
  }
  const result = await ctx.db.transaction(async (tx) => {
    const peers = createPeerRepo(tx, tenant.id);
    const current = await peers.findForUpdate(actorId);
    if (current === undefined) return err({ kind: "not-found" as const });
    const decided = decide(current, { kind: decision });
    if (!decided.ok) return err({ kind: "not-pending" as const });
    await peers.setState(actorId, { state: decided.state, decidedBy, reason }, ctx.clock());
    if (regionCode !== undefined && regionCode !== current.regionCode) await peers.setRegionCode(actorId, regionCode);
    await enqueuePeeringReply(ctx, tx, tenant, current, decided.reply);
    if (decided.state === "active") await announceRosterChange(ctx, tx, tenant);
    return ok({ ...current, state: decided.state, decidedBy, reason, regionCode: regionCode ?? current.regionCode });
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
