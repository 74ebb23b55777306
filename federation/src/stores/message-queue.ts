import type { Db } from "@dynamo/db";
import type {
  MessageQueue,
  MessageQueueDepth,
  MessageQueueEnqueueOptions,
  MessageQueueListenOptions,
} from "@fedify/fedify";
import { getLogger } from "@logtape/logtape";
import { createSecretBox } from "../crypto/secret-box.ts";
import { type ClaimedRow, createQueueRows } from "./queue-rows.ts";

const logger = getLogger(["dynamo", "federation", "queue"]);

export interface DrizzleMessageQueueOptions {
  /** The node secret: queued payloads carry private keys and are sealed with a key derived from it. */
  secret: string;
  /** How long a claim holds before another worker may take the message; renewed while the handler runs. */
  leaseMs?: number;
  /** How often an idle worker looks for due messages (enqueues in this process wake it at once). */
  pollIntervalMs?: number;
  /** Messages one listener handles at the same time. */
  concurrency?: number;
  /** The wait before a message whose handler threw is tried again, by how often it was claimed. */
  retryDelayMs?: (attempts: number) => number;
}

/** After a handler threw: 1 s, 2 s, 4 s … up to an hour. Fedify's own retry policy sits above this. */
export const defaultRetryDelayMs = (attempts: number) => Math.min(3_600_000, 1000 * 2 ** Math.min(attempts - 1, 20));

/**
 * Fedify's message queue on our database: at-least-once. A message is claimed with a lease,
 * handled, and deleted only once its handler resolved; a handler that throws leaves it for a
 * later try; a worker that dies leaves a lease that runs out, and another worker takes the
 * message. Messages that share an ordering key are handled one at a time, in order. Several
 * listeners (in one process or many) never handle the same message at the same time.
 */
export function createDrizzleMessageQueue(db: Db, options: DrizzleMessageQueueOptions): MessageQueue {
  const rows = createQueueRows(db, createSecretBox(options.secret, "fedify-queue-payload"));
  const leaseMs = options.leaseMs ?? 60_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const retryDelayMs = options.retryDelayMs ?? defaultRetryDelayMs;
  const sleepers = new Set<() => void>();
  const wakeListeners = () => {
    for (const wake of sleepers) wake();
  };

  async function enqueueAll(messages: readonly unknown[], enqueueOptions?: MessageQueueEnqueueOptions) {
    const delayMs = enqueueOptions?.delay?.total("millisecond") ?? 0;
    if (delayMs < 0) throw new RangeError("a message's delay must not be negative");
    await rows.insert(messages.map((message) => ({ message, delayMs, orderingKey: enqueueOptions?.orderingKey })));
    if (delayMs === 0) wakeListeners();
  }

  async function handleClaimed(row: ClaimedRow, handler: (message: unknown) => Promise<void> | void) {
    const heartbeat = setInterval(
      () => {
        rows.extend(row, leaseMs).catch((error) => logger.warning("could not renew a lease: {error}", { error }));
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    heartbeat.unref();
    try {
      let message: unknown;
      try {
        message = rows.open(row);
      } catch (error) {
        // Altered in the table or sealed under another secret: never handed to Fedify.
        logger.error("queued message {id} refused: {error}", { id: row.id, error });
        await rows.release(row, retryDelayMs(row.attempts));
        return;
      }
      try {
        await handler(message);
      } catch (error) {
        logger.warning("handler failed for queued message {id} (attempt {attempts}); it stays queued: {error}", {
          id: row.id,
          attempts: row.attempts,
          error,
        });
        await rows.release(row, retryDelayMs(row.attempts));
        return;
      }
      await rows.complete(row);
    } finally {
      clearInterval(heartbeat);
    }
  }

  function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
      signal?.addEventListener("abort", done, { once: true });
    });
  }

  return {
    nativeRetrial: false,

    enqueue: (message: unknown, enqueueOptions?: MessageQueueEnqueueOptions) => enqueueAll([message], enqueueOptions),

    enqueueMany: (messages: readonly unknown[], enqueueOptions?: MessageQueueEnqueueOptions) =>
      enqueueAll(messages, enqueueOptions),

    async listen(
      handler: (message: unknown) => Promise<void> | void,
      listenOptions?: MessageQueueListenOptions,
    ): Promise<void> {
      const signal = listenOptions?.signal;
      const inFlight = new Set<Promise<void>>();
      while (!signal?.aborted) {
        if (inFlight.size >= concurrency) {
          await Promise.race(inFlight);
          continue;
        }
        let row: ClaimedRow | undefined;
        try {
          row = await rows.claim(leaseMs);
        } catch (error) {
          if (signal?.aborted) break;
          logger.error("could not claim a queued message: {error}", { error });
          await sleep(pollIntervalMs, signal);
          continue;
        }
        if (row === undefined) {
          await sleep(pollIntervalMs, signal);
          continue;
        }
        const claimed = row;
        const task: Promise<void> = handleClaimed(claimed, handler)
          .catch((error) => logger.error("queued message {id} left to its lease: {error}", { id: claimed.id, error }))
          .finally(() => inFlight.delete(task));
        inFlight.add(task);
      }
      await Promise.allSettled(inFlight);
    },

    getDepth: (): Promise<MessageQueueDepth> => rows.depth(),
  };
}
