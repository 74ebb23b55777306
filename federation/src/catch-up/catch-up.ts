import type { Tenant } from "@dynamo/core";
import { createTenantRepo } from "@dynamo/db";
import { getDocumentLoader } from "@fedify/fedify";
import { Activity, isActor, traverseCollection } from "@fedify/vocab";
import { getLogger } from "@logtape/logtape";
import { tenantActorIdentifier } from "../actors.ts";
import { createPeerRepo } from "../db/peers.ts";
import { createReceivedRepo } from "../db/received.ts";
import { originOf, type Peer } from "../domain/peering.ts";
import type { NetworkContext } from "../network-context.ts";
import { applyInbound } from "../receive/apply.ts";
import { readActivity } from "../receive/map.ts";

const logger = getLogger(["dynamo", "federation"]);

export interface CatchUpReport {
  peer: string;
  read: number;
  applied: number;
  error?: string;
}

/**
 * Pulls what a peer published from its outbox (newest first, up to `limit` activities), and
 * applies, oldest first, those this tenant never received. Only the peer's own activities are
 * taken (actor and id on its origin); each goes through the same checks as the inbox and
 * applies once. For a node that was unreachable past the retry window, or restored from a backup.
 */
export async function catchUpFrom(
  ctx: NetworkContext,
  tenant: Tenant,
  peer: Peer,
  options: { limit: number },
): Promise<CatchUpReport> {
  const fctx = ctx.federation.contextFor(tenant);
  // Outbox pages change: read them fresh, not from Fedify's cache of remote documents; signed as
  // the tenant's actor, so the peer shows what it sent us besides what is public.
  const signed = await fctx.getDocumentLoader({ identifier: tenantActorIdentifier(tenant) });
  const fresh = getDocumentLoader({ allowPrivateAddress: ctx.allowPrivateAddress });
  const loaders = { documentLoader: signed, contextLoader: fctx.contextLoader };
  const received = createReceivedRepo(ctx.db, tenant.id);
  const report: CatchUpReport = { peer: peer.actorId, read: 0, applied: 0 };
  try {
    const actor = await fctx.lookupObject(peer.actorId, { ...loaders, documentLoader: fresh });
    if (!isActor(actor)) throw new Error("the peer's actor document could not be read");
    const outbox = await actor.getOutbox(loaders);
    if (outbox === null) throw new Error("the peer publishes no outbox");
    const missed: Activity[] = [];
    for await (const item of traverseCollection(outbox, loaders)) {
      if (report.read >= options.limit) break;
      report.read++;
      if (!(item instanceof Activity) || item.id === null) continue;
      if (originOf(item.id.href) !== peer.origin || item.actorId?.href !== peer.actorId) continue;
      if (await received.seen(item.id.href)) continue;
      missed.push(item);
    }
    for (const activity of missed.reverse()) {
      const inbound = await readActivity(activity, loaders, ctx.table.mediaTypes);
      if (inbound === undefined) continue;
      const result = await applyInbound(ctx, tenant, inbound, "catch-up");
      if (result.outcome === "applied") report.applied++;
    }
    await createPeerRepo(ctx.db, tenant.id).markCaughtUp(peer.actorId, ctx.clock());
  } catch (error) {
    report.error = error instanceof Error ? error.message : String(error);
    logger.warning("catch-up of {tenant} from {peer} failed: {error}", {
      tenant: tenant.slug,
      peer: peer.actorId,
      error: report.error,
    });
  }
  if (report.applied > 0) {
    logger.info("{tenant} caught up {applied} activities from {peer}", {
      tenant: tenant.slug,
      applied: report.applied,
      peer: peer.actorId,
    });
  }
  return report;
}

/** Catches every tenant of the node up with each of its active peers. */
export async function catchUpAll(
  ctx: NetworkContext,
  kind: Tenant["kind"],
  options: { limit: number },
): Promise<CatchUpReport[]> {
  const reports: CatchUpReport[] = [];
  for (const tenant of (await createTenantRepo(ctx.db).list()).filter((t) => t.kind === kind)) {
    for (const peer of await createPeerRepo(ctx.db, tenant.id).listActive()) {
      reports.push(await catchUpFrom(ctx, tenant, peer, options));
    }
  }
  return reports;
}
