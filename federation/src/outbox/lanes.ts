/** Activities that open, answer or end a peering: what a peer reads before anything else we send. */
const PEERING_TYPES = new Set(["Follow", "Accept", "Reject", "Undo", "Block"]);
/** Activities about an object whose versions must arrive in order. */
const OBJECT_TYPES = new Set(["Create", "Update", "Delete"]);

/** Where a delivery stands in the order of what one inbox receives from us. */
export interface LaneKey {
  /** One inbox of one tenant's peer. */
  lane: string;
  /** A peering message: everything claimed before it is sent first, everything after waits for it. */
  barrier: boolean;
  /** Deliveries about the same object go out one after the other; others side by side. */
  object: string;
}

/** The order an outbox activity needs at its inbox, from its stored JSON-LD. */
export function laneKeyOf(delivery: {
  tenantId: string;
  inbox: string;
  activityId: string;
  payload: Record<string, unknown>;
}): LaneKey {
  const type = typeof delivery.payload.type === "string" ? delivery.payload.type : "";
  const object = delivery.payload.object;
  const objectId =
    typeof object === "string"
      ? object
      : typeof object === "object" && object !== null && typeof (object as { id?: unknown }).id === "string"
        ? (object as { id: string }).id
        : undefined;
  return {
    lane: `${delivery.tenantId} ${delivery.inbox}`,
    barrier: PEERING_TYPES.has(type),
    object: OBJECT_TYPES.has(type) && objectId !== undefined ? objectId : delivery.activityId,
  };
}

interface Lane {
  /** The last peering message sent or waiting in this lane. */
  barrier: Promise<void>;
  /** The last delivery of each object in this lane. */
  tails: Map<string, Promise<void>>;
  /** Everything in this lane not yet finished. */
  open: Set<Promise<void>>;
}

/**
 * Keeps what one peer receives in the order it was written, without sending to it one at a
 * time: a peering message waits for every delivery before it and holds back every delivery
 * after it (a peer must read our Accept before the roster it allows), deliveries about the
 * same object follow one another (Create, then Update, then Delete), and the rest go out side
 * by side. Deliveries are scheduled in the order they were claimed; one that fails holds
 * nothing back.
 */
export function createDeliveryLanes() {
  const lanes = new Map<string, Lane>();
  return {
    schedule(key: LaneKey, run: () => Promise<void>): Promise<void> {
      let lane = lanes.get(key.lane);
      if (lane === undefined) {
        lane = { barrier: Promise.resolve(), tails: new Map(), open: new Set() };
        lanes.set(key.lane, lane);
      }
      const current = lane;
      const before = key.barrier
        ? Promise.allSettled([current.barrier, ...current.open])
        : Promise.allSettled([current.barrier, current.tails.get(key.object)]);
      const task: Promise<void> = before.then(run).finally(() => {
        current.open.delete(task);
        if (current.tails.get(key.object) === task) current.tails.delete(key.object);
        if (current.open.size === 0 && lanes.get(key.lane) === current) lanes.delete(key.lane);
      });
      if (key.barrier) {
        current.barrier = task;
        current.tails.clear();
      } else {
        current.tails.set(key.object, task);
      }
      current.open.add(task);
      return task;
    },
    /** Lanes with deliveries not yet finished (for tests). */
    size: () => lanes.size,
  };
}
