import {
  claimBallotActivities,
  createTenantRepo,
  markBallotActivityFailed,
  markBallotActivityProcessed,
} from "@dynamo/db";
import type { Tenant, TenantId } from "@dynamo/domain";
import type { Logger } from "@logtape/logtape";
import type { BallotsDeps } from "./deps.ts";
import { applyBallotMessage } from "./inbox.ts";
import { closeDueBallots } from "./services/hub-tally.ts";

export interface BallotsWorker {
  /** Applies what is pending and counts what is due, now (tests call it after moving the clock). */
  runOnce(): Promise<void>;
  /** Looks again at once (after a message was kept). */
  wake(): void;
  stop(): Promise<void>;
}

const LEASE_MS = 60_000;
const MAX_RETRY_MS = 10 * 60_000;

/**
 * The ballots' background work, on every node: the ballot messages the federation kept are
 * applied (a failure is retried with backoff); at the hub, ballots past their close + grace are
 * counted. Both read their work from the database, so a node that restarts picks up where it
 * was, and several processes share it (leases, row locks).
 */
export function startBallotsWorker(deps: BallotsDeps, logger: Logger, intervalMs: number): BallotsWorker {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tenants = new Map<TenantId, Tenant>();

  async function tenantOf(id: TenantId): Promise<Tenant | undefined> {
    if (!tenants.has(id)) for (const t of await createTenantRepo(deps.db).list()) tenants.set(t.id, t);
    return tenants.get(id);
  }

  async function applyPending(): Promise<void> {
    for (;;) {
      const claimed = await claimBallotActivities(deps.db, deps.clock(), LEASE_MS, 10);
      if (claimed.length === 0) return;
      for (const item of claimed) {
        const tenant = await tenantOf(item.tenantId);
        try {
          if (tenant !== undefined) await applyBallotMessage(deps, logger, tenant, item.activity);
          await markBallotActivityProcessed(deps.db, item.tenantId, item.id, deps.clock());
        } catch (error) {
          const wait = Math.min(MAX_RETRY_MS, 1_000 * 2 ** item.attempts);
          logger.error("ballot message {activityId} failed (attempt {attempt}): {error}", {
            activityId: item.activityId,
            attempt: item.attempts + 1,
            error,
          });
          await markBallotActivityFailed(
            deps.db,
            item.tenantId,
            item.id,
            String(error),
            new Date(deps.clock().getTime() + wait),
          );
        }
      }
    }
  }

  const work = async () => {
    await applyPending();
    if ((await createTenantRepo(deps.db).list()).some((t) => t.kind === "hub")) await closeDueBallots(deps, logger);
  };
  const runOnce = () => {
    running = running.then(work, work).catch((error) => {
      if (!stopped) logger.error("the ballots worker failed: {error}", { error });
    });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void runOnce();
  }, intervalMs);
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
