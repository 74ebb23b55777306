import type { Tenant, TenantId } from "@dynamo/core";
import { createTenantRepo, type DbOrTx } from "@dynamo/db";
import { getLogger } from "@logtape/logtape";
import { claimInboundMessages, markInboundMessageFailed, markInboundMessageProcessed } from "../db/inbound.ts";
import { originOf } from "../domain/peering.ts";
import { recordRefusal } from "../inbox-checks/refusals.ts";
import type { NetworkContext } from "../network-context.ts";
import { checkDocument, documentRefusal, type InboxTable, type SendingPeer } from "./dispatch.ts";
import { findDocument } from "./envelope.ts";
import type { Exchange } from "./exchange.ts";

const logger = getLogger(["dynamo", "federation", "inbound"]);

const LEASE_MS = 60_000;
const MAX_RETRY_MS = 10 * 60_000;

export interface InboundWorker {
  /** Applies what is pending now (tests call it after moving the clock). */
  runOnce(): Promise<void>;
  /** Looks again at once (after a message was kept). */
  wake(): void;
  stop(): Promise<void>;
}

/** The active peer an actor speaks through: its own peering, or its node's (a platform's actor speaks through its region). */
export async function sendingPeer(
  exchange: Exchange,
  db: DbOrTx,
  tenant: Tenant,
  actorId: string,
): Promise<SendingPeer | undefined> {
  const peers = await exchange.peers(db, tenant);
  const origin = originOf(actorId);
  const peer = peers.find((p) => p.actorId === actorId) ?? peers.find((p) => originOf(p.actorId) === origin);
  return peer && { actorId: peer.actorId, regionCode: peer.regionCode, role: peer.role };
}

/**
 * Applies one kept message: finds its document again, checks it (shape, proof) and hands it to
 * its route's handler with the database (the handler opens its own transaction). A refusal is
 * recorded like any other; a throw is retried.
 */
export async function applyKeptMessage(
  ctx: NetworkContext,
  table: InboxTable,
  exchange: Exchange,
  tenant: Tenant,
  kept: { activity: Record<string, unknown>; via: "inbox" | "catch-up"; receivedAt: Date },
): Promise<void> {
  const found = findDocument(kept.activity, table.mediaTypes);
  if (found === undefined) return;
  const fctx = ctx.federation.contextFor(tenant);
  const checked = await checkDocument(table, found, tenant, {
    documentLoader: fctx.documentLoader,
    contextLoader: fctx.contextLoader,
  });
  if (!checked.ok) {
    if (!checked.ignored)
      await recordRefusal(ctx, tenant, documentRefusal(table, found, checked.reason, checked.detail));
    return;
  }
  const peer = await sendingPeer(exchange, ctx.db, tenant, found.envelope.actorId);
  if (peer === undefined) {
    await recordRefusal(ctx, tenant, documentRefusal(table, found, "not-a-peer", "no longer an active peer"));
    return;
  }
  const outcome = await checked.route.handle(
    { db: ctx.db, tenant, peer, exchange, clock: ctx.clock, newId: ctx.newId, logger },
    { ...checked.message, via: kept.via, receivedAt: kept.receivedAt },
  );
  if (outcome !== undefined)
    await recordRefusal(ctx, tenant, documentRefusal(table, found, outcome.refused, outcome.detail));
}

/**
 * The worker of the routes applied "by-worker": claims kept messages of any tenant (leases, row
 * locks: several processes share the work), applies each, marks it processed; a failure is
 * retried with backoff. A node that restarts picks up what it kept.
 */
export function startInboundWorker(
  ctx: NetworkContext,
  table: InboxTable,
  exchange: Exchange,
  options: { intervalMs: number },
): InboundWorker {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tenants = new Map<TenantId, Tenant>();

  async function tenantOf(id: TenantId): Promise<Tenant | undefined> {
    if (!tenants.has(id)) for (const t of await createTenantRepo(ctx.db).list()) tenants.set(t.id, t);
    return tenants.get(id);
  }

  async function applyPending(): Promise<void> {
    for (;;) {
      const claimed = await claimInboundMessages(ctx.db, ctx.clock(), LEASE_MS, 10);
      if (claimed.length === 0) return;
      for (const item of claimed) {
        try {
          const tenant = await tenantOf(item.tenantId);
          if (tenant !== undefined) await applyKeptMessage(ctx, table, exchange, tenant, item);
          await markInboundMessageProcessed(ctx.db, item.tenantId, item.id, ctx.clock());
        } catch (error) {
          const wait = Math.min(MAX_RETRY_MS, 1_000 * 2 ** item.attempts);
          logger.error("message {activityId} failed (attempt {attempt}): {error}", {
            activityId: item.activityId,
            attempt: item.attempts + 1,
            error,
          });
          await markInboundMessageFailed(
            ctx.db,
            item.tenantId,
            item.id,
            String(error),
            new Date(ctx.clock().getTime() + wait),
          );
        }
      }
    }
  }

  const runOnce = () => {
    running = running.then(applyPending, applyPending).catch((error) => {
      if (!stopped) logger.error("the inbound worker failed: {error}", { error });
    });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void runOnce();
  }, options.intervalMs);
  timer.unref?.();
  void runOnce();
  return {
    runOnce,
    wake: () => {
      if (!stopped) setTimeout(() => void runOnce(), 20).unref?.();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
