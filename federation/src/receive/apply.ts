import type { Tenant } from "@dynamo/core";
import type { DbOrTx, Tx } from "@dynamo/db";
import { getLogger } from "@logtape/logtape";
import { tenantActorIdentifier } from "../actors.ts";
import { createDeliveryRepo } from "../db/deliveries.ts";
import { createFollowerRepo } from "../db/fediverse.ts";
import { keepInboundMessage } from "../db/inbound.ts";
import { createPeerRepo } from "../db/peers.ts";
import { createReceivedRepo } from "../db/received.ts";
import { createRosterRepo } from "../db/roster.ts";
import { decidePeering, originOf, type Peer, type PeeringEvent } from "../domain/peering.ts";
import { type Checked, checkDocument, documentRefusal, routeFor } from "../exchange/dispatch.ts";
import { acceptFollower } from "../fediverse/use-cases.ts";
import { type Refusal, recordRefusal } from "../inbox-checks/refusals.ts";
import { actorUri, type NetworkContext } from "../network-context.ts";
import { enqueuePeeringReply } from "../peering/replies.ts";
import { applyArticle, applyDelete } from "../publications/use-cases.ts";
import { announceRosterChange } from "../roster/publish.ts";
import { type InboundActivity, ownedObjectId } from "./map.ts";

const logger = getLogger(["dynamo", "federation"]);

export type ApplyOutcome = "applied" | "duplicate" | "refused";

/**
 * What to do after commit: ask the regions a roster named to peer; catch up from a peer whose
 * peering just became active (what it sent before our Accept arrived was refused).
 */
export type ApplyResult = { outcome: ApplyOutcome; followRegions: string[]; catchUpFrom?: string };

/**
 * Applies one received activity, whole or not at all, once: checks that its actor's origin is
 * a peer (or that it is a peering request or our request's answer), that the actor's origin owns
 * what it acts on, records its id (a second copy stops there), then changes what it says.
 */
export async function applyInbound(
  ctx: NetworkContext,
  tenant: Tenant,
  received: InboundActivity,
  via: "inbox" | "catch-up",
): Promise<ApplyResult> {
  const { message, actorId } = received;
  const actorOrigin = originOf(actorId);
  const base = { activityId: received.id, actorId, type: received.type };
  let refusal: Refusal | undefined;
  if (actorOrigin === undefined || originOf(received.id) !== actorOrigin) {
    refusal = { ...base, reason: "activity-origin-mismatch" };
  } else {
    const owned = ownedObjectId(message);
    if (owned !== null && originOf(owned) !== actorOrigin)
      refusal = { ...base, reason: "object-origin-mismatch", detail: owned };
    if (message.kind === "article" && message.article.authorActorId !== actorId)
      refusal = { ...base, reason: "object-origin-mismatch", detail: message.article.authorActorId };
  }
  if (refusal) {
    await recordRefusal(ctx, tenant, refusal);
    return { outcome: "refused", followRegions: [] };
  }
  // A document applied in the inbound transaction is checked before it (its signer's key may be fetched).
  let checked: Checked | undefined;
  if (message.kind === "document" && routeFor(ctx.table, message.found, tenant)?.apply === "in-transaction") {
    const fctx = ctx.federation.contextFor(tenant);
    checked = await checkDocument(ctx.table, message.found, tenant, {
      documentLoader: fctx.documentLoader,
      contextLoader: fctx.contextLoader,
    });
    if (!checked.ok && !checked.ignored) {
      await recordRefusal(ctx, tenant, documentRefusal(ctx.table, message.found, checked.reason, checked.detail));
      return { outcome: "refused", followRegions: [] };
    }
  }

  const result = await ctx.db
    .transaction(async (tx): Promise<ApplyResult & { refusal?: Refusal; wake?: boolean; wakeInbound?: boolean }> => {
      const peers = createPeerRepo(tx, tenant.id);
      // A national platform's actor (its votes, for other areas' handlers) speaks through its
      // region's node: the active peer at its origin. Peering itself is only the peer's own actor's.
      const peer =
        (await peers.findForUpdate(actorId)) ??
        (message.kind === "other" || message.kind === "document"
          ? (await peers.listActive()).find((p) => p.origin === actorOrigin)
          : undefined);
      const bootstrap = message.kind === "follow" || message.kind === "accept" || message.kind === "reject";
      // A fediverse reader that stops following: its Undo of its Follow ends that, and nothing else.
      if (message.kind === "undo" && peer === undefined && (await createFollowerRepo(tx, tenant.id).find(actorId))) {
        if (
          !(await createReceivedRepo(tx, tenant.id).claim(
            { activityId: received.id, actorId, type: received.type, via },
            ctx.clock(),
          ))
        )
          return {
            outcome: "duplicate",
            followRegions: [],
            refusal: { ...base, reason: "already-applied", detail: via },
          };
        await createFollowerRepo(tx, tenant.id).remove(actorId);
        return { outcome: "applied", followRegions: [] };
      }
      if (!bootstrap && peer?.state !== "active") {
        return { outcome: "refused", followRegions: [], refusal: { ...base, reason: "not-a-peer" } };
      }
      if (
        !(await createReceivedRepo(tx, tenant.id).claim(
          { activityId: received.id, actorId, type: received.type, via },
          ctx.clock(),
        ))
      ) {
        return {
          outcome: "duplicate",
          followRegions: [],
          refusal: { ...base, reason: "already-applied", detail: via },
        };
      }
      const follow: string[] = [];
      let wake = false;
      let wakeInbound = false;
      let catchUpFrom: string | undefined;
      switch (message.kind) {
        case "follow": {
          const us = actorUri(ctx, tenant, tenantActorIdentifier(tenant)).href;
          if (message.objectId !== us || message.actor === null) {
            throw new RefusedInTransaction({ ...base, reason: "unknown-recipient", detail: message.objectId });
          }
          // A reader (not a node asking to peer, and not already one of our peerings) follows our
          // public publications: accepted at once, kept apart, trusted with nothing.
          if (peer === undefined && !message.actor.asksToPeer) {
            const accepted = await acceptFollower(ctx, tx, tenant, {
              actorId,
              inbox: message.actor.inbox,
              sharedInbox: message.actor.sharedInbox,
              name: message.actor.name,
              followActivityId: received.id,
            });
            if (!accepted) throw new RefusedInTransaction({ ...base, reason: "blocked-server" });
            wake = true;
            break;
          }
          const trustedByRoster = await createRosterRepo(tx, tenant.id).isRosterRegion(actorId);
          wake = await applyPeeringEvent(
            ctx,
            tx,
            tenant,
            peer,
            { kind: "follow-received", followActivityId: received.id, trustedByRoster },
            {
              actorId,
              inbox: message.actor.inbox,
              sharedInbox: message.actor.sharedInbox,
              name: message.actor.name,
              followActivityId: received.id,
            },
          );
          if (trustedByRoster) await peers.setViaRoster(actorId, true);
          break;
        }
        case "accept":
        case "reject": {
          if (peer === undefined || (message.followId !== null && peer.followActivityId !== message.followId)) {
            throw new RefusedInTransaction({ ...base, reason: "unexpected-peering-message", detail: message.followId });
          }
          const wasHub = await isHub(tx, tenant, peer);
          wake = await applyPeeringEvent(ctx, tx, tenant, peer, {
            kind: message.kind === "accept" ? "accept-received" : "reject-received",
          });
          if (message.kind === "accept" && peer.state !== "active") catchUpFrom = actorId;
          if (message.kind === "reject" && wasHub) wake = (await withdrawRoster(ctx, tx, tenant, [])) || wake;
          break;
        }
        case "undo":
        case "block": {
          if (message.kind === "undo" && message.undoneType !== null && message.undoneType !== "Follow") break;
          const wasHub = peer !== undefined && (await isHub(tx, tenant, peer));
          wake = await applyPeeringEvent(ctx, tx, tenant, peer, { kind: "undo-received" });
          if (wasHub) wake = (await withdrawRoster(ctx, tx, tenant, [])) || wake;
          break;
        }
        case "article":
          await applyArticle(ctx, tx, tenant, message.article, peer?.name ?? null);
          break;
        case "delete":
          await applyDelete(ctx, tx, tenant, message.objectId, actorId);
          break;
        case "roster": {
          const roster = createRosterRepo(tx, tenant.id);
          const { roster: content } = message;
          if (content.roster === "platforms") {
            await roster.replacePlatforms({ actorId, regionCode: content.regionCode }, content.platforms, ctx.clock());
            if (peer && content.regionCode !== peer.regionCode) await peers.setRegionCode(actorId, content.regionCode);
          } else if (tenant.kind === "region") {
            await roster.replaceRegions(actorId, content.regions, ctx.clock());
            const us = actorUri(ctx, tenant, tenantActorIdentifier(tenant)).href;
            for (const region of content.regions) {
              if (region === us) continue;
              const known = await peers.find(region);
              if (known === undefined) follow.push(region);
              else if (known.state === "requested" && known.direction === "incoming") {
                wake = (await applyPeeringEvent(ctx, tx, tenant, known, { kind: "approve" })) || wake;
                await peers.setViaRoster(region, true);
              }
            }
            // What the roster made and it no longer names ends: the hub dropped that region.
            wake = (await withdrawRoster(ctx, tx, tenant, content.regions)) || wake;
          }
          break;
        }
        case "document": {
          const route = routeFor(ctx.table, message.found, tenant);
          if (route === undefined || peer === undefined) break;
          if (route.apply === "by-worker") {
            await keepInboundMessage(tx, {
              id: ctx.newId(),
              tenantId: tenant.id,
              activityId: received.id,
              activity: message.json,
              via,
              receivedAt: ctx.clock(),
            });
            wakeInbound = true;
            break;
          }
          if (!checked?.ok) break;
          const sender = { actorId: peer.actorId, regionCode: peer.regionCode, role: await roleOf(tx, tenant, peer) };
          const outcome = await route.handle(
            { db: tx, tenant, peer: sender, exchange: ctx.exchange, clock: ctx.clock, newId: ctx.newId, logger },
            { ...checked.message, via, receivedAt: ctx.clock() },
          );
          if (outcome !== undefined) {
            throw new RefusedInTransaction(documentRefusal(ctx.table, message.found, outcome.refused, outcome.detail));
          }
          wake = true;
          break;
        }
        case "actor-update": {
          const origin = originOf(actorId);
          const due = origin === undefined ? 0 : await createDeliveryRepo(tx, tenant.id).retryNow(origin, ctx.clock());
          if (due > 0)
            logger.info("{peer} is back: {count} deliveries to it retried now", { peer: actorId, count: due });
          wake = due > 0;
          break;
        }
        case "other":
          logger.debug("{type} {id} from {actor}: nothing to do", {
            type: received.type,
            id: received.id,
            actor: actorId,
          });
          break;
      }
      return {
        outcome: "applied",
        followRegions: follow,
        wake,
        wakeInbound,
        ...(catchUpFrom ? { catchUpFrom } : {}),
      };
    })
    .catch(async (error) => {
      if (error instanceof RefusedInTransaction)
        return {
          outcome: "refused" as const,
          followRegions: [],
          refusal: error.refusal,
          wake: false,
          wakeInbound: false,
        };
      throw error;
    });
  if (result.refusal) await recordRefusal(ctx, tenant, result.refusal);
  if (result.wake) ctx.wake();
  if (result.wakeInbound) ctx.wakeInbound();
  const catchUp = "catchUpFrom" in result ? result.catchUpFrom : undefined;
  return { outcome: result.outcome, followRegions: result.followRegions, ...(catchUp ? { catchUpFrom: catchUp } : {}) };
}

/** Is this peer the region's hub (the peer without a region code that no roster names)? */
async function isHub(tx: DbOrTx, tenant: Tenant, peer: Peer): Promise<boolean> {
  if (tenant.kind !== "region" || peer.regionCode !== null) return false;
  return !(await createRosterRepo(tx, tenant.id).isRosterRegion(peer.actorId));
}

/**
 * Ends the peerings the hub's roster made with regions it no longer lists (all of them when the
 * region's peering with its hub ended): Undo of our Follow, or Reject of theirs, each peer told.
 */
async function withdrawRoster(
  ctx: NetworkContext,
  tx: DbOrTx,
  tenant: Tenant,
  listed: readonly string[],
): Promise<boolean> {
  let wrote = false;
  for (const peer of await createPeerRepo(tx, tenant.id).list()) {
    if (!peer.viaRoster || listed.includes(peer.actorId) || (peer.state !== "active" && peer.state !== "requested"))
      continue;
    logger.info("{tenant} ends its peering with {actor}: no longer on the hub's roster", {
      tenant: tenant.slug,
      actor: peer.actorId,
    });
    wrote = (await applyPeeringEvent(ctx, tx, tenant, peer, { kind: "end" })) || wrote;
  }
  return wrote;
}

/** A region's hub is the peer without a region code that no roster names; every other peer is a region. */
async function roleOf(tx: Tx, tenant: Tenant, peer: Peer): Promise<"hub" | "region"> {
  if (tenant.kind !== "region" || peer.regionCode !== null) return "region";
  return (await createRosterRepo(tx, tenant.id).isRosterRegion(peer.actorId)) ? "region" : "hub";
}

/** Thrown inside the transaction to roll back what it did so far and refuse the message. */
class RefusedInTransaction extends Error {
  constructor(readonly refusal: Refusal) {
    super(refusal.reason);
  }
}

/** Moves a peering by the state machine; writes the reply and the roster change. Returns whether something was enqueued. */
async function applyPeeringEvent(
  ctx: NetworkContext,
  tx: DbOrTx,
  tenant: Tenant,
  peer: Peer | undefined,
  event: PeeringEvent,
  newcomer?: {
    actorId: string;
    inbox: string;
    sharedInbox: string | null;
    name: string | null;
    followActivityId: string;
  },
): Promise<boolean> {
  const decided = decidePeering(peer, event);
  if (!decided.ok) {
    throw new RefusedInTransaction({
      reason: "unexpected-peering-message",
      actorId: peer?.actorId ?? newcomer?.actorId,
      detail: event.kind,
    });
  }
  const peers = createPeerRepo(tx, tenant.id);
  const now = ctx.clock();
  let current: Peer;
  if (
    newcomer &&
    (peer === undefined || peer.state === "refused" || peer.state === "ended" || peer.direction === "incoming")
  ) {
    current = await peers.upsert(
      ctx.newId(),
      {
        actorId: newcomer.actorId,
        inbox: newcomer.inbox,
        sharedInbox: newcomer.sharedInbox,
        origin: originOf(newcomer.actorId) ?? "",
        direction: "incoming",
        state: decided.state,
        followActivityId: newcomer.followActivityId,
        name: newcomer.name,
      },
      now,
    );
  } else if (peer !== undefined) {
    if (decided.changed)
      await peers.setState(peer.actorId, { state: decided.state, decidedBy: null, reason: null }, now);
    current = { ...peer, state: decided.state };
  } else {
    return false;
  }
  // Our reply to their Follow names their Follow: remember it when the request was mutual.
  const replyTo = newcomer ? { ...current, followActivityId: newcomer.followActivityId } : current;
  await enqueuePeeringReply(ctx, tx, tenant, replyTo, decided.reply);
  if (decided.changed) await announceRosterChange(ctx, tx, tenant);
  return decided.reply !== "none" || decided.changed;
}
