import { type ClaimedDelivery, createDeliveryQueue, createTenantRepo } from "@dynamo/db";
import { nextAttempt, type RetrySchedule, type Tenant, type TenantId } from "@dynamo/domain";
import { SendActivityError } from "@fedify/fedify";
import { Activity } from "@fedify/vocab";
import { getLogger } from "@logtape/logtape";
import type { NetworkContext } from "../network-context.ts";

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

/**
 * Sends what the outbox holds: claims due deliveries, signs each with its actor's keys through
 * Fedify (HTTP Signatures, integrity proof) and posts it to the peer's inbox, then records the
 * outcome: delivered; retrying (attempt n, next try) on a network error or 5xx; refused on a
 * 4xx; unreachable once the retry window has passed (the peer catches up from our outbox).
 */
export function startDeliveryWorker(ctx: NetworkContext, options: DeliveryWorkerOptions): DeliveryWorker {
  const queue = createDeliveryQueue(ctx.db);
  const tenants = createTenantRepo(ctx.db);
  const random = options.random ?? Math.random;
  const tenantCache = new Map<TenantId, Tenant>();
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

  async function deliver(claimed: ClaimedDelivery): Promise<void> {
    const tenant = await tenantOf(claimed.tenantId);
    if (tenant === undefined) {
      await queue.release(claimed.id);
      return;
    }
    const fctx = ctx.federation.contextFor(tenant);
    try {
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

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (woken || stopped) {
        woken = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        woken = false;
        resolve();
      }
      wakeUp = done;
    });
  }

  const loop = (async () => {
    while (!stopped) {
      let claimed: ClaimedDelivery[] = [];
      try {
        claimed = await queue.claimDue(options.concurrency, options.leaseMs, ctx.clock());
      } catch (error) {
        if (stopped) break;
        logger.error("could not claim deliveries: {error}", { error });
      }
      if (claimed.length > 0) {
        await Promise.all(
          claimed.map((d) =>
            deliver(d).catch((error) => logger.error("delivery {id} left to its lease: {error}", { id: d.id, error })),
          ),
        );
        continue;
      }
      let wait = options.pollIntervalMs;
      try {
        const due = await queue.nextDueAt();
        if (due) wait = Math.min(wait, Math.max(50, due.getTime() - ctx.clock().getTime()));
      } catch {
        // the database is closing; the loop ends with stop()
      }
      await sleep(wait);
    }
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
