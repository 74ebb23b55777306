import type { Tenant } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import type { Activity } from "@fedify/vocab";
import { createFollowerRepo } from "../db/fediverse.ts";
import { createOutboxRepo } from "../db/outbox.ts";
import { createPeerRepo } from "../db/peers.ts";
import type { NetworkContext } from "../network-context.ts";
import { toStoredForm } from "../vocab/wire-form.ts";

/**
 * Who receives an activity: every active peer of the tenant; or, for what is public, every
 * peer and every fediverse follower (one delivery per server's shared inbox); or named actors
 * with their inboxes.
 */
export type Audience = "peers" | "public" | readonly { actorId: string; inbox: string }[];

async function recipientsOf(tx: DbOrTx, tenant: Tenant, audience: Audience) {
  if (audience !== "peers" && audience !== "public") return audience;
  const peers = (await createPeerRepo(tx, tenant.id).listActive()).map((p) => ({ actorId: p.actorId, inbox: p.inbox }));
  if (audience === "peers") return peers;
  const inboxes = new Set(peers.map((p) => p.inbox));
  const followers: { actorId: string; inbox: string }[] = [];
  for (const f of await createFollowerRepo(tx, tenant.id).list({ limit: 100_000 })) {
    const inbox = f.sharedInbox ?? f.inbox;
    if (inboxes.has(inbox)) continue;
    inboxes.add(inbox);
    followers.push({ actorId: f.actorId, inbox });
  }
  return [...peers, ...followers];
}

export interface OutgoingActivity {
  tenant: Tenant;
  /** The sending actor's identifier (the tenant's slug, or a platform's actor). */
  actor: string;
  activity: Activity;
  to: Audience;
  /** Listed in the actor's public outbox, where peers that missed it catch up. */
  listed: boolean;
  /** Until then, a failed delivery is retried at least every URGENT_RETRY_MS (a vote before its ballot's deadline). */
  urgentUntil?: Date | undefined;
}

/**
 * Writes an activity to the tenant's outbox and one delivery per recipient, in the caller's
 * transaction. Nothing is sent here: after the transaction commits, call ctx.wake() and the
 * delivery worker signs and sends it (so a local action never fails because a peer is down,
 * and a rolled-back change sends nothing).
 */
export async function enqueueActivity(ctx: NetworkContext, tx: DbOrTx, outgoing: OutgoingActivity): Promise<void> {
  const { activity, tenant } = outgoing;
  if (activity.id === null) throw new Error("an outgoing activity needs an id");
  const recipients = await recipientsOf(tx, tenant, outgoing.to);
  const { contextLoader } = ctx.federation.contextFor(tenant);
  // Stored so that the order of languages survives (the original first): see toStoredForm.
  const payload = toStoredForm(
    (await activity.toJsonLd({ format: "compact", contextLoader })) as Record<string, unknown>,
  );
  const typeId = (activity.constructor as typeof Activity).typeId.href;
  const id = ctx.newId();
  await createOutboxRepo(tx, tenant.id).add(
    {
      id,
      actorIdentifier: outgoing.actor,
      activityId: activity.id.href,
      type: typeId.slice(typeId.lastIndexOf("#") + 1),
      objectId: activity.objectId?.href ?? null,
      payload,
      listed: outgoing.listed,
      urgentUntil: outgoing.urgentUntil ?? null,
    },
    recipients.map((r) => ({ deliveryId: ctx.newId(), peerActorId: r.actorId, inbox: r.inbox })),
    ctx.clock(),
  );
}
