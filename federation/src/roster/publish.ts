import { createHash } from "node:crypto";
import type { Tenant } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { Update } from "@fedify/vocab";
import { tenantActorIdentifier } from "../actors.ts";
import { createPeerRepo } from "../db/peers.ts";
import { createRosterRepo, type PublishedPlatform } from "../db/roster.ts";
import { actorUri, type NetworkContext, newActivityId } from "../network-context.ts";
import { enqueueActivity } from "../outbox/enqueue.ts";
import { platformActorIdentifier, platformsCollection, regionsCollection } from "./wire.ts";

const digestOf = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex");

/** A region's national platforms as it publishes them: actor, country, status, names. */
export async function publishedPlatforms(
  ctx: NetworkContext,
  db: DbOrTx,
  tenant: Tenant,
): Promise<PublishedPlatform[]> {
  const platforms = await ctx.platforms.list(db, tenant);
  return platforms.map((p) => ({
    platformActorId: actorUri(ctx, tenant, platformActorIdentifier(p.countryCode)).href,
    countryCode: p.countryCode,
    status: p.status,
    names: p.names,
  }));
}

/**
 * Sends the region's platforms to its peers (the hub keeps them as the network roster) when
 * they changed since the last time, or always with force (a new peer needs the whole list).
 * Runs in the caller's transaction; returns whether an Update was written.
 */
export async function enqueuePlatformsUpdate(
  ctx: NetworkContext,
  tx: DbOrTx,
  tenant: Tenant,
  options: { force: boolean },
): Promise<boolean> {
  if (tenant.kind !== "region") return false;
  const platforms = await publishedPlatforms(ctx, tx, tenant);
  const roster = createRosterRepo(tx, tenant.id);
  const digest = digestOf(platforms);
  if (!options.force && (await roster.digest("platforms")) === digest) return false;
  if ((await createPeerRepo(tx, tenant.id).listActive()).length === 0) return false;
  const identifier = tenantActorIdentifier(tenant);
  const us = actorUri(ctx, tenant, identifier);
  const now = ctx.clock();
  await enqueueActivity(ctx, tx, {
    tenant,
    actor: identifier,
    activity: new Update({
      id: newActivityId(ctx, us, "update"),
      actor: us,
      object: platformsCollection(us, tenant.regionCode, platforms, now),
      to: ctx.federation.contextFor(tenant).getFollowersUri(identifier),
    }),
    to: "peers",
    listed: true,
  });
  await roster.setDigest("platforms", digest, now);
  return true;
}

/** The hub tells its peers which regions it trusts (its active peers), when that changed. */
export async function enqueueRegionsUpdate(ctx: NetworkContext, tx: DbOrTx, tenant: Tenant): Promise<boolean> {
  if (tenant.kind !== "hub") return false;
  // Only regional coordinations go on the roster: a peer whose region is known (said by its actor
  // document when the hub approved it, or by the platforms it sent).
  const active = await createPeerRepo(tx, tenant.id).listActive();
  const regions = active.filter((p) => p.regionCode !== null).map((p) => p.actorId);
  const roster = createRosterRepo(tx, tenant.id);
  const digest = digestOf(regions);
  if ((await roster.digest("regions")) === digest) return false;
  const identifier = tenantActorIdentifier(tenant);
  const us = actorUri(ctx, tenant, identifier);
  const now = ctx.clock();
  await enqueueActivity(ctx, tx, {
    tenant,
    actor: identifier,
    activity: new Update({
      id: newActivityId(ctx, us, "update"),
      actor: us,
      object: regionsCollection(us, regions, now),
      to: ctx.federation.contextFor(tenant).getFollowersUri(identifier),
    }),
    to: "peers",
    listed: true,
  });
  await roster.setDigest("regions", digest, now);
  return true;
}

/** After a peering became active or ended: the hub updates its roster, a region sends its platforms. */
export async function announceRosterChange(ctx: NetworkContext, tx: DbOrTx, tenant: Tenant): Promise<void> {
  if (tenant.kind === "hub") await enqueueRegionsUpdate(ctx, tx, tenant);
  else await enqueuePlatformsUpdate(ctx, tx, tenant, { force: true });
}
