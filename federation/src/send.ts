import { randomUUID } from "node:crypto";
import type { Result, Tenant } from "@dynamo/core";
import { Follow, isActor, Update } from "@fedify/vocab";
import { buildActor } from "./actors.ts";
import type { NodeFederation } from "./federation.ts";

export type SendFailure =
  | { kind: "unknown-actor"; identifier: string }
  | { kind: "remote-actor-not-found"; target: string };

/** A fresh activity id under the sender: the same kind of activity can be sent more than once. */
function activityId(actorUri: URL, kind: string): URL {
  return new URL(`${actorUri.href}/activities/${kind}/${randomUUID()}`);
}

/**
 * Sends a signed Follow from one of the tenant's actors to a remote actor, through the queue.
 * The remote actor is fetched first (its inbox is in its document). The peering use-case will
 * drive this; it is here so the signed exchange can be proven on its own.
 */
export async function sendFollow(
  federation: NodeFederation,
  tenant: Tenant,
  from: string,
  target: URL,
): Promise<Result<{ activityId: URL }, SendFailure>> {
  if ((await federation.findActor(tenant, from)) === undefined) {
    return { ok: false, error: { kind: "unknown-actor", identifier: from } };
  }
  const ctx = federation.contextFor(tenant);
  const remote = await ctx.lookupObject(target).catch(() => null);
  if (remote === null || !isActor(remote) || remote.id === null) {
    return { ok: false, error: { kind: "remote-actor-not-found", target: target.href } };
  }
  const actorUri = ctx.getActorUri(from);
  const id = activityId(actorUri, "follow");
  await ctx.sendActivity({ identifier: from }, remote, new Follow({ id, actor: actorUri, object: remote.id }));
  return { ok: true, value: { activityId: id } };
}

/** Tells the actor's followers that its document changed (new keys, new names): a signed Update. */
export async function sendActorUpdate(
  federation: NodeFederation,
  tenant: Tenant,
  identifier: string,
): Promise<Result<{ activityId: URL }, SendFailure>> {
  const profile = await federation.findActor(tenant, identifier);
  if (profile === undefined) return { ok: false, error: { kind: "unknown-actor", identifier } };
  const ctx = federation.contextFor(tenant);
  const actor = await buildActor(ctx, profile, federation.originOf(tenant));
  const actorUri = ctx.getActorUri(identifier);
  const id = activityId(actorUri, "update");
  await ctx.sendActivity(
    { identifier },
    "followers",
    new Update({ id, actor: actorUri, object: actor, tos: [ctx.getFollowersUri(identifier)] }),
  );
  return { ok: true, value: { activityId: id } };
}

/**
 * Retires an actor's keys, makes new ones and announces the new actor document to its
 * followers, signed with the new keys. Peers that cached the old key fetch the new one when a
 * signature no longer verifies. Deliveries still queued with the old keys are refused by peers
 * that already fetched the new ones: after a compromise, that is the point.
 */
export async function rotateActorKeys(
  federation: NodeFederation,
  tenant: Tenant,
  identifier: string,
): Promise<Result<{ activityId: URL }, SendFailure>> {
  if ((await federation.findActor(tenant, identifier)) === undefined) {
    return { ok: false, error: { kind: "unknown-actor", identifier } };
  }
  await federation.keys.rotate(tenant.id, identifier);
  return sendActorUpdate(federation, tenant, identifier);
}
