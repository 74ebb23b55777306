import { schema } from "@dynamo/db";
import { waitFor } from "@dynamo/testing";
import { peerWithHub, startNetworkNode } from "../federation/network-harness.ts";
import { type Measurement, measure, printTable } from "./harness.ts";

/**
 * Delivery throughput from one region to the hub: the region publishes `count` articles (each
 * written to its outbox in its own transaction), its delivery worker signs each Create (RSA
 * HTTP signature and an Ed25519 integrity proof) and posts it over real HTTP on 127.0.0.x; the
 * hub checks shape and trust, verifies the signature, queues it, and applies it once. Measured
 * until the hub has applied every one. Both nodes run in this process on in-memory PGlite.
 */
export async function benchFederationThroughput(count = 500): Promise<void> {
  const results: Measurement[] = [];
  const hub = await startNetworkNode({ kind: "hub", slug: "hub", address: "127.0.0.60" });
  const region = await startNetworkNode({
    kind: "region",
    slug: "europe",
    address: "127.0.0.61",
    regionCode: "EU",
    network: { concurrency: 16 },
  });
  try {
    await peerWithHub(region, hub);
    const applied = async () =>
      (await hub.database.db.select().from(schema.receivedActivities)).filter((r) => r.type === "Create").length;
    const started = performance.now();
    await measure(`publish ${count} articles (outbox writes)`, results, async () => {
      for (let i = 0; i < count; i++) {
        const result = await region.services().createPublication(region.tenant, {
          kind: "news",
          titles: { en: `Bench article ${i}` },
          bodies: { en: `Body of bench article ${i}.` },
        });
        if (!result.ok) throw new Error("publish failed");
      }
    });
    const delivered = async () =>
      (await region.database.db.select().from(schema.deliveries)).filter((d) => d.state === "delivered").length;
    await measure(`until the region delivered all ${count} (hub answered 202)`, results, () =>
      waitFor(async () => (await delivered()) >= count + 1, { timeoutMs: 600_000, what: "every Create delivered" }),
    );
    await measure(`until the hub applied all ${count}`, results, () =>
      waitFor(async () => (await applied()) >= count, { timeoutMs: 600_000, what: "every Create applied" }),
    );
    const seconds = (performance.now() - started) / 1000;
    printTable("federation-throughput: one region → the hub, signed and verified", results, [
      `${count} activities in ${seconds.toFixed(1)} s: ${(count / seconds).toFixed(1)} activities/s end to end`,
      "(publish → outbox → signed POST → guard → Fedify signature check → inbox queue → applied once)",
    ]);
  } finally {
    await region.close();
    await hub.close();
  }
}
