import { type Outage, outagesOf } from "@dynamo/core";
import { desc, eq, gte, lt } from "drizzle-orm";
import { nodeUptime } from "./schema.ts";
import type { Db } from "./types.ts";

/** How a node's processes record that they run, and when the node was down. */
export interface Uptime {
  /** The node's outages since a moment (the last one may still be open: the node is starting). */
  outages(since: Date): Promise<Outage[]>;
}

/** How long a heartbeat stays fresh: three beats. */
export const staleAfter = (beatMs: number) => 3 * beatMs;

/** Spans older than this are dropped when a process starts. */
const KEEP_MS = 90 * 24 * 3_600_000;

export function createUptime(db: Db, clock: () => Date, beatMs: number): Uptime {
  return {
    async outages(since) {
      const spans = await db
        .select({ startedAt: nodeUptime.startedAt, lastBeatAt: nodeUptime.lastBeatAt })
        .from(nodeUptime)
        .where(gte(nodeUptime.lastBeatAt, since));
      // The span just before `since` tells where the first gap starts.
      const [before] = await db
        .select({ startedAt: nodeUptime.startedAt, lastBeatAt: nodeUptime.lastBeatAt })
        .from(nodeUptime)
        .where(lt(nodeUptime.lastBeatAt, since))
        .orderBy(desc(nodeUptime.lastBeatAt))
        .limit(1);
      const all = before === undefined ? spans : [before, ...spans];
      return outagesOf(all, clock(), staleAfter(beatMs)).filter((o) => o.to.getTime() > since.getTime());
    },
  };
}

/**
 * This process's heartbeat: a span written at start, its last beat moved every `beatMs`, and a
 * clean stop recorded. The writes are tiny (one row update every few seconds).
 */
export async function startHeartbeat(
  db: Db,
  clock: () => Date,
  newId: () => string,
  beatMs: number,
  onError: (error: unknown) => void,
): Promise<{ stop(): Promise<void> }> {
  const id = newId();
  const started = clock();
  await db.insert(nodeUptime).values({ id, startedAt: started, lastBeatAt: started });
  await db.delete(nodeUptime).where(lt(nodeUptime.lastBeatAt, new Date(started.getTime() - KEEP_MS)));
  let beating: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    beating = db.update(nodeUptime).set({ lastBeatAt: clock() }).where(eq(nodeUptime.id, id)).catch(onError);
  }, beatMs);
  timer.unref?.();
  return {
    async stop() {
      clearInterval(timer);
      await beating;
      const now = clock();
      await db.update(nodeUptime).set({ lastBeatAt: now, stoppedAt: now }).where(eq(nodeUptime.id, id));
    },
  };
}
