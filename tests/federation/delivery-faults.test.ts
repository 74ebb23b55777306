import { deliveries, outboxActivities, receivedActivities } from "@dynamo/federation";
import { testDriver, waitFor } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NetworkNode, peerWithHub, publicationsOf, publish, startNetworkNode } from "./network-harness.ts";

let hub: NetworkNode;
let europe: NetworkNode;
let africa: NetworkNode;

interface DeliveryJson {
  activityId: string;
  peer: string;
  state: string;
  attempts: number;
  nextAttemptAt: string | null;
  failingSince: string | null;
  lastError: string | null;
}

beforeAll(async () => {
  hub = await startNetworkNode({ kind: "hub", slug: "hub", address: "127.0.0.40" });
  europe = await startNetworkNode({ kind: "region", slug: "europe", address: "127.0.0.41", regionCode: "EU" });
  // Africa gives up after two seconds: past that window, the hub must catch up from its outbox.
  africa = await startNetworkNode({
    kind: "region",
    slug: "africa",
    address: "127.0.0.42",
    regionCode: "AF",
    network: { retry: { retryForMs: 2_000, initialDelayMs: 200, maxDelayMs: 400 } },
  });
  await peerWithHub(europe, hub);
  await peerWithHub(africa, hub);
}, 90_000);
afterAll(async () => {
  await Promise.all([hub, europe, africa].map((n) => n?.close()));
});

/**
 * The delivery of an object's activity to one peer, as the sender's admin sees it. The regions
 * also peer with each other from the hub's roster, so an activity may have other deliveries.
 */
async function deliveryTo(node: NetworkNode, objectId: string, peer: NetworkNode): Promise<DeliveryJson | undefined> {
  const outbox = (await node.database.db.select().from(outboxActivities)).filter((a) => a.objectId === objectId);
  const ids = new Set(outbox.map((a) => a.activityId));
  const response = await node.api("GET", "/api/delivery-status");
  const body = (await response.json()) as { deliveries: DeliveryJson[] };
  const mine = body.deliveries.filter((d) => ids.has(d.activityId) && d.peer === peer.actorUrl);
  if (mine.length > 1) throw new Error(`${mine.length} deliveries of one object to ${peer.actorUrl}`);
  return mine[0];
}

async function createActivityIdOf(node: NetworkNode, objectId: string): Promise<string> {
  const rows = (await node.database.db.select().from(outboxActivities)).filter(
    (a) => a.objectId === objectId && a.type === "Create",
  );
  return rows[0]?.activityId ?? "";
}

async function timesApplied(node: NetworkNode, activityId: string) {
  const rows = (await node.database.db.select().from(receivedActivities)).filter((r) => r.activityId === activityId);
  return rows;
}

describe(`delivery when peers fail (${testDriver()})`, () => {
  it("keeps retrying while the hub is down, shows it to the admin, and delivers once the hub is back", async () => {
    await hub.down();
    const article = await publish(europe, "Written while the hub was down");
    const retrying = await waitFor(
      async () => {
        const delivery = await deliveryTo(europe, article.objectId, hub);
        return delivery && delivery.state === "retrying" && delivery.attempts >= 2 ? delivery : undefined;
      },
      { what: "the delivery to be retrying", timeoutMs: 20_000 },
    );
    expect(retrying).toMatchObject({ peer: hub.actorUrl, failingSince: expect.any(String) });
    expect(retrying.nextAttemptAt).not.toBeNull();
    expect(retrying.lastError).toMatch(/fetch failed|ECONNREFUSED/);
    const page = await fetch(`${europe.origin}/admin/delivery`, {
      headers: { accept: "text/html", authorization: `Bearer ${await europe.adminToken()}` },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(hub.actorUrl);

    await hub.up();
    await waitFor(async () => (await publicationsOf(hub)).some((p) => p.objectId === article.objectId), {
      what: "the hub to receive the article after its return",
      timeoutMs: 20_000,
    });
    const delivered = await waitFor(
      async () => {
        const delivery = await deliveryTo(europe, article.objectId, hub);
        return delivery?.state === "delivered" ? delivery : undefined;
      },
      { what: "the delivery to show as delivered", timeoutMs: 10_000 },
    );
    expect(delivered.attempts).toBeGreaterThanOrEqual(3);
    expect(await timesApplied(hub, await createActivityIdOf(europe, article.objectId))).toHaveLength(1);
  });

  it("loses nothing and doubles nothing when the region restarts mid-delivery", async () => {
    await hub.down();
    const article = await publish(europe, "Written before a restart");
    const activityId = await createActivityIdOf(europe, article.objectId);
    await waitFor(async () => (await deliveryTo(europe, article.objectId, hub))?.state === "retrying", {
      what: "a first failed attempt",
      timeoutMs: 20_000,
    });
    await europe.down();
    await hub.up();
    await europe.up();
    await waitFor(async () => (await publicationsOf(hub)).some((p) => p.objectId === article.objectId), {
      what: "the hub to receive the article from the restarted region",
      timeoutMs: 20_000,
    });
    await waitFor(async () => (await deliveryTo(europe, article.objectId, hub))?.state === "delivered", {
      what: "the delivery to be recorded",
      timeoutMs: 10_000,
    });

    // The region dies after the hub answered but before it recorded the delivery: on restart it
    // sends the same activity again, and the hub applies it once.
    await europe.down();
    await europe.database.db.update(deliveries).set({ state: "queued", nextAttemptAt: new Date(), deliveredAt: null });
    await europe.up();
    await waitFor(async () => (await deliveryTo(europe, article.objectId, hub))?.state === "delivered", {
      what: "the repeated delivery",
      timeoutMs: 20_000,
    });
    const posts = hub.posts.filter((p) => p.body.includes(activityId));
    expect(posts.length).toBeGreaterThanOrEqual(2);
    expect(await timesApplied(hub, activityId)).toHaveLength(1);
    expect((await publicationsOf(hub)).filter((p) => p.objectId === article.objectId)).toHaveLength(1);
  });

  it("catches up from the region's outbox when the hub was away past the retry window", async () => {
    await hub.down();
    const article = await publish(africa, "Written during a long outage");
    const activityId = await createActivityIdOf(africa, article.objectId);
    const unreachable = await waitFor(
      async () => {
        const delivery = await deliveryTo(africa, article.objectId, hub);
        return delivery?.state === "unreachable" ? delivery : undefined;
      },
      { what: "the delivery to be given up", timeoutMs: 20_000 },
    );
    expect(unreachable.nextAttemptAt).toBeNull();
    expect(unreachable.failingSince).not.toBeNull();
    const summary = (await (await africa.api("GET", "/api/delivery-status")).json()) as {
      peers: { peer: string; counts: Record<string, number>; failingSince: string | null }[];
    };
    // The article, and any other delivery given up meanwhile (a node's announcement of its return).
    const toHub = summary.peers.find((p) => p.peer === hub.actorUrl);
    expect(toHub?.failingSince).toEqual(expect.any(String));
    expect(toHub?.counts.unreachable).toBeGreaterThanOrEqual(1);

    await hub.up(); // on start, the hub reads its peers' outboxes
    await waitFor(async () => (await publicationsOf(hub)).some((p) => p.objectId === article.objectId), {
      what: "the hub to catch up",
      timeoutMs: 20_000,
    });
    const applied = await timesApplied(hub, activityId);
    expect(applied.map((r) => r.via)).toEqual(["catch-up"]);
    // A second catch-up finds nothing new.
    const again = (await (await hub.api("POST", "/api/catch-up")).json()) as {
      reports: { peer: string; applied: number }[];
    };
    expect(again.reports.find((r) => r.peer === africa.actorUrl)?.applied).toBe(0);
    expect(await timesApplied(hub, activityId)).toHaveLength(1);
  });
});
