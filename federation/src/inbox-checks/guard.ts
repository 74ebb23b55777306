import type { Tenant } from "@dynamo/core";
import type { NodeEnv } from "@dynamo/web";
import { getLogger } from "@logtape/logtape";
import type { Context } from "hono";
import { createFollowerRepo } from "../db/fediverse.ts";
import { createPeerRepo, type PeerRepo } from "../db/peers.ts";
import { createReceivedRepo } from "../db/received.ts";
import { originOf } from "../domain/peering.ts";
import { platformOfActorUri } from "../exchange/exchange.ts";
import { isBlockedActor } from "../fediverse/use-cases.ts";
import type { NetworkContext } from "../network-context.ts";
import { federationProblem } from "../problem.ts";
import { type Refusal, recordRefusal } from "./refusals.ts";
import { type IncomingActivity, IncomingActivityShape, refId, signingKeyId } from "./shape.ts";

const logger = getLogger(["dynamo", "federation"]);

const INBOX_PATH = /^\/ap\/(?:inbox|actors\/[^/]+\/inbox)$/;
const OWNED_OBJECT_TYPES = new Set(["Create", "Update", "Delete", "Undo"]);

export type Admission =
  | { admit: true }
  | { admit: false; status: 202 | 400 | 401 | 403; refusal: Refusal }
  /** Not yet: we asked this node to peer and its Accept has not reached us; it will send again. */
  | { admit: false; status: 503; notYet: Omit<Refusal, "reason"> };

/** Seconds a node whose Accept is still on its way waits before sending again. */
const PEERING_PENDING_RETRY_S = 5;

/**
 * The checks an incoming POST passes before Fedify (and its JSON-LD processing, and its key
 * fetches) sees it: the body's shape; a signature whose key lives on the actor's origin; the
 * activity's id on that origin too; for Create/Update/Delete/Undo, an object on the same origin
 * (an actor speaks only for its own objects); not already applied; and the actor's origin an
 * active peer's. The exceptions are a Follow of this tenant's actor (a peering request, kept
 * pending for the admin, or a reader following the publications), a follower's Undo, and the
 * Accept or Reject of a request this tenant made; anything else from an actor this tenant asked to
 * peer, and whose answer has not come yet, is asked to come again later (503), not refused. An
 * actor of a server the admin blocked is refused.
 */
export async function admitActivity(
  ctx: NetworkContext,
  tenant: Tenant,
  activity: IncomingActivity,
  keyId: string | undefined,
): Promise<Admission> {
  const actorId = refId(activity.actor) ?? "";
  const base = { activityId: activity.id, actorId, type: activity.type };
  const actorOrigin = originOf(actorId);
  if (keyId === undefined) return { admit: false, status: 401, refusal: { ...base, reason: "unsigned" } };
  if (originOf(keyId) !== actorOrigin) {
    return { admit: false, status: 401, refusal: { ...base, reason: "key-not-actors-origin", detail: keyId } };
  }
  if (originOf(activity.id) !== actorOrigin) {
    return { admit: false, status: 403, refusal: { ...base, reason: "activity-origin-mismatch" } };
  }
  const objectId = typeof activity.object === "string" ? activity.object : activity.object?.id;
  if (OWNED_OBJECT_TYPES.has(activity.type) && objectId !== undefined && originOf(objectId) !== actorOrigin) {
    return { admit: false, status: 403, refusal: { ...base, reason: "object-origin-mismatch", detail: objectId } };
  }
  if (await createReceivedRepo(ctx.db, tenant.id).seen(activity.id)) {
    return { admit: false, status: 202, refusal: { ...base, reason: "already-applied", detail: "inbox" } };
  }
  const peers = createPeerRepo(ctx.db, tenant.id);
  if (actorOrigin !== undefined && (await peers.isActiveOrigin(actorOrigin))) return { admit: true };
  if (await isBlockedActor(ctx.db, tenant, actorId)) {
    return { admit: false, status: 403, refusal: { ...base, reason: "blocked-server" } };
  }
  const ourActors = `${ctx.federation.originOf(tenant).origin}/ap/actors/`;
  if (activity.type === "Follow" && objectId?.startsWith(ourActors)) return { admit: true };
  // A fediverse reader that follows us may take its follow back.
  if (activity.type === "Undo" && (await createFollowerRepo(ctx.db, tenant.id).find(actorId))) return { admit: true };
  if (actorOrigin !== undefined && (await waitingForAnswerOf(peers, actorId, actorOrigin))) {
    if (activity.type === "Accept" || activity.type === "Reject") return { admit: true };
    // It accepted us and wrote to us after its Accept, which is still on its way (deliveries
    // cross, or its Accept waits for a retry): a refusal would lose the message for good.
    return { admit: false, status: 503, notYet: base };
  }
  return { admit: false, status: 403, refusal: { ...base, reason: "not-a-peer" } };
}

/**
 * Did we ask this sender to peer, and wait for its answer? The very actor we asked, or one of
 * the national platforms of the node we asked (they speak through their region's origin). Any
 * other actor of that origin was never asked, and is refused like any stranger.
 */
async function waitingForAnswerOf(peers: PeerRepo, actorId: string, origin: string): Promise<boolean> {
  if (await peers.isPendingOutgoing(actorId)) return true;
  return platformOfActorUri(actorId) !== undefined && (await peers.hasPendingOutgoingAt(origin));
}

/**
 * Runs the checks above on every POST to an inbox of a known tenant; a refused message is
 * logged with its reason, kept for the admins, and answered without reaching Fedify. Returns
 * the answer to a refused message, or undefined to let the request go on.
 */
export function inboxGuard(network: () => NetworkContext) {
  return async (c: Context<NodeEnv>): Promise<Response | undefined> => {
    const tenant = c.get("tenant");
    if (tenant === undefined || c.req.method !== "POST" || !INBOX_PATH.test(c.req.path)) return undefined;
    const ctx = network();
    let json: unknown;
    try {
      json = JSON.parse(await c.req.text());
    } catch {
      json = undefined;
    }
    const parsed = IncomingActivityShape.safeParse(json);
    if (!parsed.success) {
      await recordRefusal(ctx, tenant, {
        reason: "malformed",
        detail: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "),
      });
      return federationProblem(400, "malformed", { detail: "the body is not an activity this node accepts" });
    }
    const admission = await admitActivity(ctx, tenant, parsed.data, signingKeyId(c.req.raw.headers));
    if (admission.admit) return undefined;
    if (admission.status === 503) {
      logger.info(
        "{type} {activityId} from {actorId} for {tenant} came before the Accept of our request; asked to send again",
        {
          ...admission.notYet,
          tenant: tenant.slug,
        },
      );
      return federationProblem(503, "peering-pending", { headers: { "retry-after": String(PEERING_PENDING_RETRY_S) } });
    }
    await recordRefusal(ctx, tenant, admission.refusal);
    if (admission.status === 202) return c.body(null, 202);
    return federationProblem(admission.status, admission.refusal.reason);
  };
}
