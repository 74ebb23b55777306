import { createTenantRepo } from "@dynamo/db";
import { Update } from "@fedify/vocab";
import { getLogger } from "@logtape/logtape";
import { buildActor, tenantActorIdentifier } from "../actors.ts";
import { createPeerRepo } from "../db/peers.ts";
import type { NetworkContext } from "../network-context.ts";
import { enqueueActivity } from "./enqueue.ts";

const logger = getLogger(["dynamo", "federation"]);

/**
 * A node that starts tells its peers it is back: each tenant with active peers sends them an
 * Update of its own actor, through the outbox. A peer receiving it retries at once what it held
 * for us on its back-off (see receive/apply.ts), so a hub that was down gets the votes waiting
 * at the regions within seconds of its return, not at the next step of an eight-day back-off.
 */
export async function announceReturn(ctx: NetworkContext): Promise<number> {
  let announced = 0;
  for (const tenant of await createTenantRepo(ctx.db).list()) {
    const peers = await createPeerRepo(ctx.db, tenant.id).listActive();
    if (peers.length === 0) continue;
    const identifier = tenantActorIdentifier(tenant);
    const profile = await ctx.federation.findActor(tenant, identifier);
    if (profile === undefined) continue;
    const fctx = ctx.federation.contextFor(tenant);
    const actorUri = fctx.getActorUri(identifier);
    const activity = new Update({
      id: new URL(`${actorUri.href}/activities/started/${ctx.newId()}`),
      actor: actorUri,
      object: await buildActor(fctx, profile, ctx.federation.originOf(tenant)),
      tos: peers.map((peer) => new URL(peer.actorId)),
    });
    await ctx.db.transaction((tx) =>
      enqueueActivity(ctx, tx, { tenant, actor: identifier, activity, to: "peers", listed: false }),
    );
    announced += 1;
  }
  if (announced > 0) {
    logger.info("started: {count} tenants told their peers they are back", { count: announced });
    ctx.wake();
  }
  return announced;
}
