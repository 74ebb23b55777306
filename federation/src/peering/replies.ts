import type { Tenant } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { Accept, Follow, Reject, Undo } from "@fedify/vocab";
import { tenantActorIdentifier } from "../actors.ts";
import type { Peer, PeeringReply } from "../domain/peering.ts";
import { actorUri, type NetworkContext, newActivityId } from "../network-context.ts";
import { enqueueActivity } from "../outbox/enqueue.ts";

/** The answer a peering decision calls for, written to the outbox in the caller's transaction. */
export async function enqueuePeeringReply(
  ctx: NetworkContext,
  tx: DbOrTx,
  tenant: Tenant,
  peer: Pick<Peer, "actorId" | "inbox" | "followActivityId" | "direction">,
  reply: PeeringReply,
): Promise<void> {
  if (reply === "none") return;
  const identifier = tenantActorIdentifier(tenant);
  const us = actorUri(ctx, tenant, identifier);
  const them = new URL(peer.actorId);
  const followId = peer.followActivityId ? new URL(peer.followActivityId) : null;
  const theirFollow = new Follow({ id: followId, actor: them, object: us });
  const activity =
    reply === "accept"
      ? new Accept({ id: newActivityId(ctx, us, "accept"), actor: us, object: theirFollow, to: them })
      : reply === "reject"
        ? new Reject({ id: newActivityId(ctx, us, "reject"), actor: us, object: theirFollow, to: them })
        : new Undo({
            id: newActivityId(ctx, us, "undo"),
            actor: us,
            object: new Follow({ id: followId, actor: us, object: them }),
            to: them,
          });
  await enqueueActivity(ctx, tx, {
    tenant,
    actor: identifier,
    activity,
    to: [{ actorId: peer.actorId, inbox: peer.inbox }],
    listed: false,
  });
}

/** Our Follow of a remote actor: the peering request. */
export function followActivity(ctx: NetworkContext, tenant: Tenant, target: string): { follow: Follow; id: URL } {
  const us = actorUri(ctx, tenant, tenantActorIdentifier(tenant));
  const id = newActivityId(ctx, us, "follow");
  return { follow: new Follow({ id, actor: us, object: new URL(target), to: new URL(target) }), id };
}
