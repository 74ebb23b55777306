import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:http";
import { createDeliveryRepo, createPeerRepo, receivedActivities } from "@dynamo/federation";
import { freePort, waitFor } from "@dynamo/testing";
import { peerWithHub, startNetworkNode } from "../federation/network-harness.ts";
import { type Measurement, measure, printTable, profiled } from "./harness.ts";

/**
 * Delivery throughput from one region to the hub: the region publishes `count` articles (each
 * written to its outbox in its own transaction), its delivery worker signs each Create (RSA
 * HTTP signature and an Ed25519 integrity proof) and posts it over real HTTP on 127.0.0.x; the
 * hub checks shape and trust, verifies the signature, queues it, and applies it once. Measured
 * until the hub has applied every one. Both nodes run in this process on in-memory PGlite, so
 * the CPU time of both sides (and of both databases) is in the figure.
 *
 * Then the sending side alone: the region stops sending to the hub and peers with a small server
 * that answers 202 at once, publishes as many articles again and is timed until all are delivered.
 *
 * BENCH_CPU_PROFILE=<directory> also samples the CPU from the first publication until the hub
 * applied the last one, writes the profile there and prints the time spent per library.
 *
 * Measured on the shared 2-core machine, 500 activities, the code before and after run back to
 * back (`BENCH_COUNT=500 pnpm bench federation-throughput`; the machine's load moves both):
 * - before: 31–36 s, 14–16 activities/s; sending alone 49 deliveries/s. Per delivery the worker
 *   parsed the stored activity, re-read its actor's keys and had Fedify make an integrity proof
 *   and a Linked Data Signature (JSON-LD canonicalization), one claim of 16 at a time; the hub
 *   verified that signature by canonicalizing again. JSON-LD was 22% of the CPU, the databases 41%.
 * - after: 19–20 s, 25–27 activities/s; sending alone 119 deliveries/s. To a peer the activity
 *   is signed once (the stored JSON and an eddsa-jcs-2022 proof) and posted with an RFC 9421
 *   signature; the hub checks the proof (JCS, no canonicalization). Keys, tenants, Fedify
 *   contexts and cached public keys are kept in memory a few seconds. JSON-LD is 14% of the CPU
 *   (the hub parsing what it receives), the databases 47%: the hub's receiving (Fedify's parsing
 *   and checks, its queue, applying) is now what bounds the end-to-end figure.
 */
export async function benchFederationThroughput(
  count = 500,
  options: { cpuProfileDirectory?: string | undefined } = {},
): Promise<void> {
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
    // Counted in SQL, every 100 ms: the polling itself should cost the nodes next to nothing.
    const receivedBefore = await hub.database.db.$count(receivedActivities);
    const applied = async () => (await hub.database.db.$count(receivedActivities)) - receivedBefore;
    const deliveries = createDeliveryRepo(region.database.db, region.tenant.id);
    const delivered = async () => (await deliveries.summary()).reduce((n, peer) => n + peer.counts.delivered, 0);
    const poll = { timeoutMs: 600_000, intervalMs: 100 };
    const started = performance.now();
    await profiled("federation-throughput", options.cpuProfileDirectory, async () => {
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
      await measure(`until the region delivered all ${count} (hub answered 202)`, results, () =>
        waitFor(async () => (await delivered()) >= count + 1, { ...poll, what: "every Create delivered" }),
      );
      await measure(`until the hub applied all ${count}`, results, () =>
        waitFor(async () => (await applied()) >= count, { ...poll, what: "every Create applied" }),
      );
    });
    const seconds = (performance.now() - started) / 1000;
    printTable("federation-throughput: one region → the hub, signed and verified", results, [
      `${count} activities in ${seconds.toFixed(1)} s: ${(count / seconds).toFixed(1)} activities/s end to end`,
      "(publish → outbox → signed POST → guard → Fedify signature check → inbox queue → applied once)",
    ]);

    const sink = await startSink("127.0.0.62");
    try {
      const peers = createPeerRepo(region.database.db, region.tenant.id);
      await peers.setState(hub.actorUrl, { state: "ended", decidedBy: null, reason: "bench" }, new Date());
      await peers.upsert(
        randomUUID(),
        {
          actorId: sink.actorUrl,
          inbox: `${sink.origin}/inbox`,
          sharedInbox: null,
          origin: sink.origin,
          direction: "outgoing",
          state: "active",
          followActivityId: null,
          name: "bench sink",
        },
        new Date(),
      );
      const sending: Measurement[] = [];
      const sentAt = performance.now();
      await measure(`publish ${count} articles and deliver them to a peer that answers at once`, sending, async () => {
        for (let i = 0; i < count; i++) {
          const result = await region.services().createPublication(region.tenant, {
            kind: "news",
            titles: { en: `Bench article ${count + i}` },
            bodies: { en: `Body of bench article ${count + i}.` },
          });
          if (!result.ok) throw new Error("publish failed");
        }
        await waitFor(() => sink.accepted() >= count, { ...poll, what: "every Create delivered to the sink" });
      });
      const sendingSeconds = (performance.now() - sentAt) / 1000;
      printTable("federation-throughput: the region's sending alone", sending, [
        `${count} deliveries in ${sendingSeconds.toFixed(1)} s: ${(count / sendingSeconds).toFixed(1)} deliveries/s`,
        "(publish → outbox → signed once → RFC 9421 signed POST → 202)",
      ]);
    } finally {
      await sink.close();
    }
  } finally {
    await region.close();
    await hub.close();
  }
}

/** A peer that takes every delivery at once and counts them. */
async function startSink(address: string) {
  const port = await freePort(address);
  const origin = `http://${address}:${port}`;
  let accepted = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      accepted++;
      response.writeHead(202);
      response.end();
    });
  });
  server.listen(port, address);
  await once(server, "listening");
  return {
    origin,
    actorUrl: `${origin}/actor`,
    accepted: () => accepted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
