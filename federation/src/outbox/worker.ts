import type { Tenant, TenantId } from "@dynamo/core";
import { createTenantRepo } from "@dynamo/db";
import { SendActivityError } from "@fedify/fedify";
import { Activity } from "@fedify/vocab";
import { getLogger } from "@logtape/logtape";
import { type ClaimedDelivery, createDeliveryQueue } from "../db/deliveries.ts";
import { createPeerRepo } from "../db/peers.ts";
import { nextAttempt, type RetrySchedule } from "../domain/delivery.ts";
import { originOf } from "../domain/peering.ts";
import type { NetworkContext } from "../network-context.ts";
import { createDeliveryLanes, laneKeyOf } from "./lanes.ts";
import { postToPeer, type Signer, signerOf, signForPeers } from "./peer-delivery.ts";

const logger = getLogger(["dynamo", "federation"]);

export interface DeliveryWorkerOptions {
  schedule: RetrySchedule;
  /** How often an idle worker looks for due deliveries (a wake() after commit is immediate). */
  pollIntervalMs: number;
  /** How long a claimed delivery is held before another worker may take it. */
  leaseMs: number;
  /** Deliveries sent at the same time. */
  concurrency: number;
  random?: () => number;
}

export interface DeliveryWorker {
  wake(): void;
  /** Stops claiming and waits for the deliveries in flight. */
  stop(): Promise<void>;
}

/** Why a send failed, in a line for the admins' delivery page. */
function describe(error: unknown): { status: number | null; message: string } {
  if (error instanceof SendActivityError) {
    return { status: error.statusCode, message: `HTTP ${error.statusCode} ${error.responseBody.slice(0, 300)}`.trim() };
  }
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  const text = error instanceof Error ? error.message : String(error);
  return { status: null, message: cause?.code ? `${text} (${cause.code})` : text };
}

/** How long a signed body is reused for the other peers of the same activity (and its retries). */
const SIGNED_BODY_MS = 60_000;

/** What one claim's deliveries share: each tenant's trusted peers and each actor's signer, looked up once. */
interface ClaimScope {
  trusted(delivery: ClaimedDelivery): Promise<boolean>;
  signer(tenant: Tenant, identifier: string): Promise<Signer | undefined>;
}

/**
 * Sends what the outbox holds: claims due deliveries, signs each with its actor's keys and posts
 * it to the peer's inbox, then records the outcome: delivered; retrying (attempt n, next try)
 * on a network error or 5xx; refused on a 4xx; unreachable once the retry window has passed
 * (the peer catches up from our outbox).
 *
 * To a trusted peer (an active peer of the tenant, on that peer's origin) the activity is signed
 * once, whatever the number of peers and attempts (see peer-delivery.ts); to anyone else, and
 * whenever a peer answers in a way only Fedify handles, Fedify's sendActivity signs and sends it
 * (HTTP signature with fallback between RFC 9421 and draft-cavage, integrity proof and Linked
 * Data Signature). Up to `concurrency` deliveries are in flight; a slow peer holds its own slots
 * only, and the worker claims more as soon as half of them are free. What one peer receives
 * keeps the order it was written in where the order matters (lanes.ts): peering messages first,
 * versions of an object one after the other.
 */
export function startDeliveryWorker(ctx: NetworkContext, options: DeliveryWorkerOptions): DeliveryWorker {
  const queue = createDeliveryQueue(ctx.db);
  const tenants = createTenantRepo(ctx.db);
  const random = options.random ?? Math.random;
  const tenantCache = new Map<TenantId, Tenant>();
  /** Signed bodies by signing key, then activity id: a rotation (new keys) signs again. */
  const signedBodies = new WeakMap<
    CryptoKey,
    { sweptAt: number; bodies: Map<string, { until: number; body: Promise<string | undefined> }> }
  >();
  const inFlight = new Set<Promise<void>>();
  const lanes = createDeliveryLanes();
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  let woken = false;

  async function tenantOf(id: TenantId): Promise<Tenant | undefined> {
    const cached = tenantCache.get(id);
    if (cached) return cached;
    const found = (await tenants.list()).find((t) => t.id === id);
    if (found) tenantCache.set(id, found);
    return found;
  }

  function claimScope(): ClaimScope {
    const peersOf = new Map<TenantId, Promise<Map<string, string>>>();
    const signers = new Map<string, Promise<Signer | undefined>>();
    return {
      async trusted(delivery) {
        let peers = peersOf.get(delivery.tenantId);
        if (peers === undefined) {
          peers = createPeerRepo(ctx.db, delivery.tenantId)
            .listActive()
            .then((active) => new Map(active.map((peer) => [peer.actorId, peer.origin])));
          peersOf.set(delivery.tenantId, peers);
        }
        const origin = (await peers).get(delivery.peerActorId);
        return origin !== undefined && originOf(delivery.inbox) === origin;
      },
      signer(tenant, identifier) {
        const key = `${tenant.id}/${identifier}`;
        let signer = signers.get(key);
        if (signer === undefined) {
          signer = signerOf(ctx.federation.contextFor(tenant), identifier);
          signers.set(key, signer);
        }
        return signer;
      },
    };
  }

  /** The body for peers, signed once per activity and signing key, reused for a minute. */
  function signedBody(claimed: ClaimedDelivery, signer: Signer): Promise<string | undefined> {
    let signed = signedBodies.get(signer.ed25519.privateKey);
    if (signed === undefined) {
      signed = { sweptAt: 0, bodies: new Map() };
      signedBodies.set(signer.ed25519.privateKey, signed);
    }
    const { bodies } = signed;
    const now = Date.now();
    const cached = bodies.get(claimed.activityId);
    if (cached !== undefined && cached.until > now) return cached.body;
    if (now - signed.sweptAt > SIGNED_BODY_MS) {
      signed.sweptAt = now;
      for (const [id, entry] of bodies) if (entry.until <= now) bodies.delete(id);
    }
    const body = signForPeers(claimed.payload, signer, ctx.clock());
    bodies.set(claimed.activityId, { until: now + SIGNED_BODY_MS, body });
    body.catch(() => bodies.delete(claimed.activityId));
    return body;
  }

  /** Fedify's own send: every signature it makes, and its fallback between HTTP signature specs. */
  async function sendThroughFedify(tenant: Tenant, claimed: ClaimedDelivery): Promise<void> {
    const fctx = ctx.federation.contextFor(tenant);
    const activity = await Activity.fromJsonLd(claimed.payload, {
      documentLoader: fctx.documentLoader,
      contextLoader: fctx.contextLoader,
    });
    await fctx.sendActivity(
      { identifier: claimed.actorIdentifier },
      { id: new URL(claimed.peerActorId), inboxId: new URL(claimed.inbox) },
      activity,
      { immediate: true },
    );
  }

  async function send(tenant: Tenant, claimed: ClaimedDelivery, scope: ClaimScope): Promise<void> {
    if (await scope.trusted(claimed)) {
      const signer = await scope.signer(tenant, claimed.actorIdentifier);
      const body = signer && (await signedBody(claimed, signer));
      if (signer !== undefined && body !== undefined) {
        const posted = await postToPeer(body, new URL(claimed.inbox), signer, { timeoutMs: options.leaseMs / 2 });
        if (posted.kind === "delivered") return;
        logger.debug("{peer} answered {status} to {activityId}; sending it through Fedify", {
          peer: claimed.peerActorId,
          status: posted.status,
          activityId: claimed.activityId,
        });
      }
    }
    await sendThroughFedify(tenant, claimed);
  }

  async function deliver(claimed: ClaimedDelivery, scope: ClaimScope): Promise<void> {
    const tenant = await tenantOf(claimed.tenantId);
    if (tenant === undefined) {
      await queue.release(claimed.id);
      return;
    }
    try {
      await send(tenant, claimed, scope);
      await queue.delivered(claimed.id, ctx.clock(), null);
      logger.debug("delivered {activityId} to {peer}", { activityId: claimed.activityId, peer: claimed.peerActorId });
    } catch (error) {
      const now = ctx.clock();
      const failure = describe(error);
      const firstFailedAt = claimed.firstFailedAt ?? now;
      const next = nextAttempt(options.schedule, {
        attempts: claimed.attempts + 1,
        firstFailedAt,
        now,
        status: failure.status,
        jitter: random(),
        urgentUntil: claimed.urgentUntil,
      });
      const outcome =
        next.kind === "retry"
          ? { state: "retrying" as const, nextAttemptAt: next.at }
          : { state: next.kind, nextAttemptAt: null };
      await queue.failed(claimed.id, outcome, { ...failure, error: failure.message, firstFailedAt }, now);
      logger.warning("delivery of {activityId} to {peer} failed (attempt {attempt}): {error}; now {state}", {
        activityId: claimed.activityId,
        peer: claimed.peerActorId,
        attempt: claimed.attempts + 1,
        error: failure.message,
        state: outcome.state,
        nextAttemptAt: outcome.nextAttemptAt?.toISOString(),
      });
    }
  }

  function start(claimed: ClaimedDelivery, scope: ClaimScope): void {
    const task: Promise<void> = lanes
      .schedule(laneKeyOf(claimed), () => deliver(claimed, scope))
      .catch((error) => logger.error("delivery {id} left to its lease: {error}", { id: claimed.id, error }))
      .finally(() => inFlight.delete(task));
    inFlight.add(task);
  }

  /** Waits for `ms`, a wake() or, when given, `until`; whichever comes first. */
  async function idle(ms: number, until?: Promise<unknown>): Promise<void> {
    if (woken || stopped) {
      woken = false;
      return;
    }
    const paused = new Promise<void>((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(timer);
        if (wakeUp === done) wakeUp = undefined;
        woken = false;
        resolve();
      }
      wakeUp = done;
    });
    await (until === undefined ? paused : Promise.race([paused, until]));
    wakeUp?.();
  }

  const loop = (async () => {
    while (!stopped) {
      // Claim in batches: wait until at least half of the slots are free.
      if (inFlight.size > options.concurrency / 2) {
        await Promise.race(inFlight);
        continue;
      }
      let claimed: ClaimedDelivery[] = [];
      try {
        claimed = await queue.claimDue(options.concurrency - inFlight.size, options.leaseMs, ctx.clock());
      } catch (error) {
        if (stopped) break;
        logger.error("could not claim deliveries: {error}", { error });
      }
      if (claimed.length > 0) {
        const scope = claimScope();
        for (const delivery of claimed) start(delivery, scope);
        continue;
      }
      if (inFlight.size > 0) {
        // Nothing else is due yet: look again once these are sent, on a wake() or after a poll.
        await idle(options.pollIntervalMs, Promise.all([...inFlight]));
        continue;
      }
      let wait = options.pollIntervalMs;
      try {
        const due = await queue.nextDueAt();
        if (due) wait = Math.min(wait, Math.max(50, due.getTime() - ctx.clock().getTime()));
      } catch {
        // the database is closing; the loop ends with stop()
      }
      await idle(wait);
    }
    await Promise.allSettled([...inFlight]);
  })();

  return {
    wake() {
      woken = true;
      wakeUp?.();
    },
    async stop() {
      stopped = true;
      wakeUp?.();
      await loop;
    },
  };
}
