import { readFileSync } from "node:fs";
import { err, type LocalizedText, ok, type Result, type Tenant } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { getLogger } from "@logtape/logtape";
import { tenantActorIdentifier } from "../actors.ts";
import { createFollowerRepo, createProfileRepo } from "../db/fediverse.ts";
import { createPeerRepo } from "../db/peers.ts";
import { checkIcon, type IconProblem, normalizeServer, serverOf } from "../domain/fediverse.ts";
import { originOf } from "../domain/peering.ts";
import type { NetworkContext } from "../network-context.ts";
import { enqueuePeeringReply } from "../peering/replies.ts";
import { sendActorUpdate } from "../send.ts";

const logger = getLogger(["dynamo", "federation"]);

/** The network's logo: every tenant's avatar until its admin sets its own. */
export const NETWORK_LOGO = {
  mediaType: "image/png",
  bytes: new Uint8Array(readFileSync(new URL("../assets/network-logo.png", import.meta.url))),
};

export type FediverseError =
  | IconProblem
  | { kind: "invalid-server"; server: string }
  | { kind: "server-is-a-peer"; server: string }
  | { kind: "not-found" };

/**
 * A Follow from a fediverse reader (an actor that does not ask to peer): kept as a follower of
 * the tenant's public publications and accepted at once, in the caller's transaction; refused
 * (false) when its server is blocked. Nothing else: no peering, no roster, no trust.
 */
export async function acceptFollower(
  ctx: NetworkContext,
  tx: DbOrTx,
  tenant: Tenant,
  follower: {
    actorId: string;
    inbox: string;
    sharedInbox: string | null;
    name: string | null;
    followActivityId: string;
  },
): Promise<boolean> {
  const server = serverOf(follower.actorId);
  const followers = createFollowerRepo(tx, tenant.id);
  if (server === undefined || (await followers.isBlocked(server))) return false;
  await followers.upsert(ctx.newId(), { ...follower, server, since: ctx.clock() });
  await enqueuePeeringReply(
    ctx,
    tx,
    tenant,
    {
      actorId: follower.actorId,
      inbox: follower.inbox,
      followActivityId: follower.followActivityId,
      direction: "incoming",
    },
    "accept",
  );
  logger.info("{actor} follows the publications of {tenant}", { actor: follower.actorId, tenant: tenant.slug });
  return true;
}

/** The fediverse profile, and the admin's changes to it: followers' servers are told (an Update of the actor). */
export async function updateProfile(
  ctx: NetworkContext,
  tenant: Tenant,
  change: { summaries?: LocalizedText; discoverable?: boolean; icon?: Uint8Array | null },
): Promise<Result<null, FediverseError>> {
  let icon: { mediaType: string; bytes: Uint8Array } | null | undefined;
  if (change.icon === null) icon = null;
  else if (change.icon !== undefined) {
    const checked = checkIcon(change.icon);
    if (!checked.ok) return err(checked.error);
    icon = { mediaType: checked.mediaType, bytes: change.icon };
  }
  const summaries =
    change.summaries &&
    Object.fromEntries(Object.entries(change.summaries).flatMap(([l, v]) => (v?.trim() ? [[l, v.trim()]] : [])));
  await createProfileRepo(ctx.db, tenant.id).save(
    {
      ...(summaries ? { summaries } : {}),
      ...(change.discoverable === undefined ? {} : { discoverable: change.discoverable }),
      ...(icon === undefined ? {} : { icon }),
    },
    ctx.clock(),
  );
  // Peers and followers refresh the actor document they cached; through Fedify's queue, retried.
  await sendActorUpdate(ctx.federation, tenant, tenantActorIdentifier(tenant)).catch((error) =>
    logger.warning("could not announce the new profile of {tenant}: {error}", { tenant: tenant.slug, error }),
  );
  return ok(null);
}

/** The avatar of one of the tenant's actors: the tenant's own logo, or the network's. */
export async function actorIcon(ctx: NetworkContext, tenant: Tenant, identifier: string) {
  if ((await ctx.federation.findActor(tenant, identifier)) === undefined) return undefined;
  const own =
    identifier === tenantActorIdentifier(tenant) ? (await createProfileRepo(ctx.db, tenant.id).get()).icon : null;
  return own ?? NETWORK_LOGO;
}

/**
 * Blocks a fediverse server: its followers are removed and its follows refused from now on. A
 * server where a peer of the tenant lives is not blocked here: ending that peering is the way.
 */
export async function blockServer(
  ctx: NetworkContext,
  tenant: Tenant,
  blockedBy: string | null,
  input: string,
  reason: string | null,
): Promise<Result<{ server: string; followersRemoved: number }, FediverseError>> {
  const server = normalizeServer(input);
  if (server === undefined) return err({ kind: "invalid-server", server: input });
  const result = await ctx.db.transaction(async (tx) => {
    const peers = await createPeerRepo(tx, tenant.id).list();
    if (peers.some((p) => p.state !== "ended" && p.state !== "refused" && serverOf(p.actorId) === server))
      return err({ kind: "server-is-a-peer" as const, server });
    const followers = createFollowerRepo(tx, tenant.id);
    await followers.block(server, reason, blockedBy, ctx.clock());
    return ok({ server, followersRemoved: await followers.removeServer(server) });
  });
  if (result.ok) logger.info("{tenant} blocked {server}", { tenant: tenant.slug, server });
  return result;
}

export async function unblockServer(
  ctx: NetworkContext,
  tenant: Tenant,
  input: string,
): Promise<Result<null, FediverseError>> {
  const server = normalizeServer(input) ?? input;
  return (await createFollowerRepo(ctx.db, tenant.id).unblock(server)) ? ok(null) : err({ kind: "not-found" });
}

/** Is this actor's server one the tenant blocked? */
export async function isBlockedActor(db: DbOrTx, tenant: Tenant, actorId: string): Promise<boolean> {
  const server = originOf(actorId) && serverOf(actorId);
  return server !== undefined && (await createFollowerRepo(db, tenant.id).isBlocked(server));
}
