import type { Tenant, TenantId } from "@dynamo/core";
import {
  claimAreaEvents,
  createTenantRepo,
  type Db,
  type DbOrTx,
  markAreaEventFailed,
  markAreaEventHandled,
  recordAreaEvent,
} from "@dynamo/db";
import { getLogger } from "@logtape/logtape";
import type { AreaKernel } from "./area.ts";

/**
 * The events areas tell each other, by name, with their payload. The area that records an event
 * declares it by declaration merging, so that recording and subscribing are typed:
 *
 *     declare module "@dynamo/node" { interface EventRegistry { "ballot.closed": BallotClosed } }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by each area's declaration merging
export interface EventRegistry {}
export type EventName = Extract<keyof EventRegistry, string>;

/** An event as a subscriber gets it. */
export interface AreaEvent<N extends EventName = EventName> {
  id: string;
  name: N;
  payload: EventRegistry[N];
  at: Date;
}

/** How a use-case records an event: in its own transaction, next to what it changed. */
export interface AreaEvents {
  record<N extends EventName>(tx: DbOrTx, tenant: Tenant, name: N, payload: EventRegistry[N]): Promise<void>;
  /** After the transaction committed: subscribers get the event now rather than at their next look. */
  wake(): void;
}

/**
 * An area's answer to another area's event. Delivered after the recording transaction commits,
 * at least once (a failure is retried; a process that dies mid-way leaves it to another): the
 * handler must be idempotent. `id` names the subscription (it keeps what it handled).
 */
export interface EventSubscriber {
  id: string;
  on: readonly EventName[];
  handle(kernel: AreaKernel, tenant: Tenant, event: AreaEvent): Promise<void>;
}

/** Declares a subscription to one event name, its payload typed. */
export function subscribe<N extends EventName>(
  id: string,
  on: N,
  handle: (kernel: AreaKernel, tenant: Tenant, event: AreaEvent<N>) => Promise<void>,
): EventSubscriber {
  return { id, on: [on], handle: handle as EventSubscriber["handle"] };
}

export function createAreaEvents(deps: { clock: () => Date; newId: () => string; wake: () => void }): AreaEvents {
  return {
    async record(tx, tenant, name, payload) {
      await recordAreaEvent(tx, {
        id: deps.newId(),
        tenantId: tenant.id,
        name,
        payload,
        at: deps.clock(),
      });
    },
    wake: () => deps.wake(),
  };
}

const logger = getLogger(["dynamo", "events"]);
const LEASE_MS = 60_000;
const MAX_RETRY_MS = 10 * 60_000;

export interface EventDelivery {
  runOnce(): Promise<void>;
  wake(): void;
  stop(): Promise<void>;
}

/** Delivers recorded events to every subscriber, each in its own claims, retried with backoff. */
export function startEventDelivery(
  db: Db,
  kernel: () => AreaKernel,
  subscribers: readonly EventSubscriber[],
  options: { intervalMs: number; clock: () => Date },
): EventDelivery {
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tenants = new Map<TenantId, Tenant>();
  const tenantOf = async (id: TenantId) => {
    if (!tenants.has(id)) for (const t of await createTenantRepo(db).list()) tenants.set(t.id, t);
    return tenants.get(id);
  };

  async function deliver(): Promise<void> {
    for (const subscriber of subscribers) {
      for (;;) {
        const claimed = await claimAreaEvents(db, subscriber.id, subscriber.on, options.clock(), LEASE_MS, 20);
        if (claimed.length === 0) break;
        for (const event of claimed) {
          try {
            const tenant = await tenantOf(event.tenantId);
            if (tenant !== undefined) {
              await subscriber.handle(kernel(), tenant, {
                id: event.id,
                name: event.name as EventName,
                payload: event.payload as EventRegistry[EventName],
                at: event.createdAt,
              });
            }
            await markAreaEventHandled(db, subscriber.id, event.id, options.clock());
          } catch (error) {
            logger.error("{subscriber} failed on event {name} {eventId} (attempt {attempt}): {error}", {
              subscriber: subscriber.id,
              name: event.name,
              eventId: event.id,
              attempt: event.attempts + 1,
              error,
            });
            const wait = Math.min(MAX_RETRY_MS, 1_000 * 2 ** event.attempts);
            await markAreaEventFailed(
              db,
              subscriber.id,
              event.id,
              String(error),
              new Date(options.clock().getTime() + wait),
            );
          }
        }
      }
    }
  }

  const runOnce = () => {
    running = running.then(deliver, deliver).catch((error) => {
      if (!stopped) logger.error("event delivery failed: {error}", { error });
    });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void runOnce();
  }, options.intervalMs);
  timer.unref?.();
  if (subscribers.length > 0) void runOnce();
  return {
    runOnce,
    wake: () => {
      if (!stopped && subscribers.length > 0) setTimeout(() => void runOnce(), 10).unref?.();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
