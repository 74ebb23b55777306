import { createTenantRepo, type Uptime } from "@dynamo/db";
import type { Logger } from "@logtape/logtape";
import type { BallotsDeps } from "./deps.ts";
import { advanceDueBallots } from "./services/hub-reception.ts";

export interface TallyWorker {
  /** Counts what is due now (tests call it after moving the clock). */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The ballots' background work, at the hub: ballots past their close + grace are extended by
 * the hub's own downtime, then the regions are asked for what they still hold, then the ballot
 * is counted (also those that came due while the hub was down). It reads its work from the database, so a hub
 * that restarts picks up where it was, and several processes share it (row locks: each ballot
 * is counted once).
 */
export function startTallyWorker(deps: BallotsDeps, logger: Logger, intervalMs: number, uptime: Uptime): TallyWorker {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const work = async () => {
    if ((await createTenantRepo(deps.db).list()).some((t) => t.kind === "hub"))
      await advanceDueBallots(deps, logger, uptime);
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
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
