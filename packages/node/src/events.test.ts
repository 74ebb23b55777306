import { randomUUID } from "node:crypto";
import type { Tenant } from "@dynamo/core";
import { areaEvents } from "@dynamo/db";
import { createTestDatabase, type TestDatabase, testDriver, waitFor } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildNode } from "./build-node.ts";
import {
  type AreaEvent,
  createAreaEvents,
  type EventName,
  type EventRegistry,
  type EventSubscriber,
  startEventDelivery,
} from "./events.ts";
import { addTenant } from "./services/tenants.ts";

// A test's own event: no area declares it, so its name and payload are cast here.
const HAPPENED = "test.happened" as EventName;
const payload = (n: number) => ({ n }) as unknown as EventRegistry[EventName];

let database: TestDatabase;
let tenant: Tenant;
const clock = () => new Date();

beforeAll(async () => {
  database = await createTestDatabase();
  const added = await addTenant(
    database.db,
    { slug: "eu", kind: "region", regionCode: "EU", names: { en: "Europe" }, defaultLocale: "en", hosts: ["eu.test"] },
    randomUUID,
  );
  if (!added.ok) throw new Error("no tenant");
  tenant = added.value;
});
afterAll(() => database?.close());

const kernelOf = () =>
  buildNode({
    kind: "region",
    database,
    nodeSecret: "events-test-node-secret-of-32-characters",
    config: {
      env: "test",
      publicUrl: "http://eu.test",
      trustProxy: false,
      federationAllowPrivateAddresses: true,
      chromiumPath: "",
    },
    areas: [],
  }).kernel;

function recorder(id: string, options: { failFirst?: number } = {}) {
  const seen: AreaEvent[] = [];
  let failures = options.failFirst ?? 0;
  const subscriber: EventSubscriber = {
    id,
    on: [HAPPENED],
    async handle(_kernel, _tenant, event) {
      if (failures > 0) {
        failures -= 1;
        throw new Error("not now");
      }
      seen.push(event);
    },
  };
  return { subscriber, seen };
}

describe(`area events (${testDriver()})`, () => {
  it("reach a subscriber after commit, in order, and never from a transaction that rolled back", async () => {
    const events = createAreaEvents({ clock, newId: randomUUID, wake: () => {} });
    await database.db.transaction(async (tx) => {
      await events.record(tx, tenant, HAPPENED, payload(1));
      await events.record(tx, tenant, HAPPENED, payload(2));
    });
    await database.db
      .transaction(async (tx) => {
        await events.record(tx, tenant, HAPPENED, payload(99));
        throw new Error("rolled back");
      })
      .catch(() => {});
    const { subscriber, seen } = recorder("test.ordered");
    const delivery = startEventDelivery(database.db, kernelOf, [subscriber], { intervalMs: 50, clock });
    await waitFor(() => seen.length >= 2, { what: "both events", timeoutMs: 10_000 });
    await delivery.runOnce();
    await delivery.stop();
    expect(seen.map((e) => e.payload)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(seen.every((e) => e.name === HAPPENED)).toBe(true);
  });

  it("retries a subscriber that failed, and hands each event once to each subscriber, whatever the number of workers", async () => {
    const events = createAreaEvents({ clock, newId: randomUUID, wake: () => {} });
    for (let n = 10; n < 20; n++) {
      await database.db.transaction((tx) => events.record(tx, tenant, HAPPENED, payload(n)));
    }
    const flaky = recorder("test.flaky", { failFirst: 1 });
    const other = recorder("test.other");
    // Two deliveries at once, as two node processes on one database.
    const first = startEventDelivery(database.db, kernelOf, [flaky.subscriber, other.subscriber], {
      intervalMs: 50,
      clock,
    });
    const second = startEventDelivery(database.db, kernelOf, [flaky.subscriber, other.subscriber], {
      intervalMs: 50,
      clock: () => new Date(Date.now() + 5_000), // past the failed attempt's backoff
    });
    const all = (await database.db.select().from(areaEvents)).length;
    await waitFor(() => flaky.seen.length >= all && other.seen.length >= all, {
      what: "every event to reach both subscribers",
      timeoutMs: 20_000,
    });
    await Promise.all([first.stop(), second.stop()]);
    const ids = (seen: AreaEvent[]) => seen.map((e) => e.id);
    expect(new Set(ids(flaky.seen)).size).toBe(all);
    expect(ids(other.seen)).toHaveLength(all);
    expect(new Set(ids(other.seen)).size).toBe(all);
  });
});
