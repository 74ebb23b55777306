import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDeliveryLanes, laneKeyOf } from "./lanes.ts";

const inbox = "https://hub.example/ap/actors/hub/inbox";
const delivery = (type: string, object: unknown, activityId = `https://europe.example/a/${type}`) => ({
  tenantId: "t1",
  inbox,
  activityId,
  payload: { type, object },
});

/** A send that finishes when the test says so, recording when it started. */
function controlled(log: string[], name: string) {
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return {
    run: async () => {
      log.push(`start ${name}`);
      await done;
      log.push(`end ${name}`);
    },
    finish: () => finish(),
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("laneKeyOf", () => {
  it("makes peering messages barriers and orders versions of one object", () => {
    expect(laneKeyOf(delivery("Accept", "https://europe.example/follow/1"))).toMatchObject({ barrier: true });
    expect(laneKeyOf(delivery("Follow", "https://hub.example/ap/actors/hub"))).toMatchObject({ barrier: true });
    const create = laneKeyOf(delivery("Create", { id: "https://europe.example/ap/articles/1" }, "a1"));
    const update = laneKeyOf(delivery("Update", { id: "https://europe.example/ap/articles/1" }, "a2"));
    const remove = laneKeyOf(delivery("Delete", "https://europe.example/ap/articles/1", "a3"));
    expect(create).toEqual({ lane: `t1 ${inbox}`, barrier: false, object: "https://europe.example/ap/articles/1" });
    expect(update.object).toBe(create.object);
    expect(remove.object).toBe(create.object);
    // Notes (votes, receipts) carry their own ids: no order among them.
    expect(laneKeyOf(delivery("Create", { type: "Note" }, "n1")).object).toBe("n1");
    expect(laneKeyOf(delivery("Announce", "x", "n2")).object).toBe("n2");
    expect(laneKeyOf({ ...delivery("Create", {}), inbox: "https://other/inbox" }).lane).not.toBe(create.lane);
  });
});

describe("delivery lanes", () => {
  it("sends an Accept before the roster claimed with it, and unrelated deliveries side by side", async () => {
    const lanes = createDeliveryLanes();
    const log: string[] = [];
    const accept = controlled(log, "accept");
    const roster = controlled(log, "roster");
    const vote = controlled(log, "vote");
    const elsewhere = controlled(log, "elsewhere");
    const tasks = [
      lanes.schedule(laneKeyOf(delivery("Accept", "f1", "acc")), accept.run),
      lanes.schedule(laneKeyOf(delivery("Update", { id: "roster" }, "upd")), roster.run),
      lanes.schedule(laneKeyOf(delivery("Create", { type: "Note" }, "vote")), vote.run),
      lanes.schedule({ lane: "another inbox", barrier: false, object: "x" }, elsewhere.run),
    ];
    await settle();
    expect(log).toEqual(["start accept", "start elsewhere"]);
    accept.finish();
    await settle();
    expect(log.slice(2)).toEqual(["end accept", "start roster", "start vote"]);
    for (const c of [roster, vote, elsewhere]) c.finish();
    await Promise.all(tasks);
    expect(lanes.size()).toBe(0);
  });

  it("holds a peering message until what was claimed before it is sent", async () => {
    const lanes = createDeliveryLanes();
    const log: string[] = [];
    const article = controlled(log, "article");
    const undo = controlled(log, "undo");
    const later = controlled(log, "later");
    const tasks = [
      lanes.schedule(laneKeyOf(delivery("Create", { id: "art" }, "c")), article.run),
      lanes.schedule(laneKeyOf(delivery("Undo", "follow", "u")), undo.run),
      lanes.schedule(laneKeyOf(delivery("Create", { id: "other" }, "c2")), later.run),
    ];
    await settle();
    expect(log).toEqual(["start article"]);
    article.finish();
    await settle();
    expect(log).toEqual(["start article", "end article", "start undo"]);
    undo.finish();
    later.finish();
    await Promise.all(tasks);
    expect(log.at(-2)).toBe("start later");
  });

  it("lets a failed delivery hold nothing back", async () => {
    const lanes = createDeliveryLanes();
    const failed = lanes.schedule(laneKeyOf(delivery("Accept", "f", "a")), async () => {
      throw new Error("peer down");
    });
    let sent = false;
    const next = lanes.schedule(laneKeyOf(delivery("Update", { id: "r" }, "u")), async () => {
      sent = true;
    });
    await expect(failed).rejects.toThrow("peer down");
    await next;
    expect(sent).toBe(true);
  });

  it("keeps, for any mix of deliveries, the order of each object's versions and of every barrier", async () => {
    const step = fc.record({
      barrier: fc.boolean(),
      object: fc.constantFrom("a", "b", "c"),
      lane: fc.constantFrom("hub", "asia"),
      ms: fc.integer({ min: 0, max: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const lanes = createDeliveryLanes();
        const events: string[] = [];
        await Promise.all(
          steps.map((s, i) =>
            lanes.schedule(s, async () => {
              events.push(`start ${i}`);
              await new Promise((resolve) => setTimeout(resolve, s.ms));
              events.push(`end ${i}`);
            }),
          ),
        );
        for (const [j, later] of steps.entries()) {
          for (const [i, earlier] of steps.slice(0, j).entries()) {
            if (earlier.lane !== later.lane) continue;
            if (earlier.barrier || later.barrier || earlier.object === later.object) {
              // Whatever must come first has finished before the later one starts.
              expect(events.indexOf(`end ${i}`)).toBeLessThan(events.indexOf(`start ${j}`));
            }
          }
        }
        expect(lanes.size()).toBe(0);
      }),
      { numRuns: 60 },
    );
  });
});
