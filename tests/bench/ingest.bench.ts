import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:http";
import { createPeerRepo, receivedActivities } from "@dynamo/federation";
import { freePort, waitFor } from "@dynamo/testing";
import { createFederation, InProcessMessageQueue, MemoryKvStore } from "@fedify/fedify";
import { Create, Endpoints, Organization } from "@fedify/vocab";
import { serve } from "@hono/node-server";
import { peerWithHub, startNetworkNode } from "../federation/network-harness.ts";
import { deliveryVerifyCeiling } from "./ceilings.ts";
import { benchRepeats, interleave, printRatios, rateLine, ratios } from "./compare.ts";

/**
 * Signed ingest: one region sends the same signed Creates (an RFC 9421 RSA signature and an
 * eddsa-jcs-2022 proof, made by its delivery worker) in turn to three receivers, interleaved,
 * round after round:
 * - a sink that answers 202 and does nothing (what the sending alone costs),
 * - a plain Fedify server with Fedify's in-memory queue and key–value store, whose inbox
 *   listener counts each Create (the naive peer),
 * - the hub, which checks, verifies, queues and applies each one durably.
 * Everything runs in this process, so the CPU per delivery of a receiver is the process's CPU
 * per delivery with it less the same with the sink. Beside them, the per-delivery verify
 * ceiling (one RSA-2048 and one Ed25519 verification) on one thread.
 */
export async function benchIngest(count = Number(process.env.BENCH_COUNT ?? 200)): Promise<void> {
  const hub = await startNetworkNode({ kind: "hub", slug: "hub", address: "127.0.0.70" });
  const region = await startNetworkNode({
    kind: "region",
    slug: "europe",
    address: "127.0.0.71",
    regionCode: "EU",
    network: { concurrency: 16 },
  });
  const sink = await startSink("127.0.0.72");
  const fedify = await startPlainFedify("127.0.0.73");
  try {
    await peerWithHub(region, hub);
    const peers = createPeerRepo(region.database.db, region.tenant.id);
    for (const target of [sink, fedify]) {
      await peers.upsert(
        randomUUID(),
        {
          actorId: target.actorUrl,
          inbox: target.inbox,
          sharedInbox: null,
          origin: target.origin,
          direction: "outgoing",
          state: "ended",
          followActivityId: null,
          name: target.name,
        },
        new Date(),
      );
    }
    const only = async (actorId: string) => {
      for (const peer of [hub.actorUrl, sink.actorUrl, fedify.actorUrl]) {
        await peers.setState(
          peer,
          { state: peer === actorId ? "active" : "ended", decidedBy: null, reason: "bench" },
          new Date(),
        );
      }
    };
    const appliedAtHub = () => hub.database.db.$count(receivedActivities);
    const poll = { timeoutMs: 600_000, intervalMs: 50 };
    let published = 0;
    const publish = async () => {
      for (let i = 0; i < count; i++) {
        const result = await region.services().createPublication(region.tenant, {
          kind: "news",
          titles: { en: `Ingest article ${published}` },
          bodies: { en: `Body of ingest article ${published}.` },
        });
        published++;
        if (!result.ok) throw new Error("publish failed");
      }
    };
    const cpuPerDelivery: Record<string, number[]> = { sink: [], fedify: [], hub: [] };
    /** Publishes `count` articles to one receiver only and times them until it has them all. */
    const deliverTo =
      (name: "sink" | "fedify" | "hub", actorId: string, received: () => Promise<number>) => async () => {
        await only(actorId);
        const before = await received();
        const cpu = process.cpuUsage();
        const started = performance.now();
        await publish();
        await waitFor(async () => (await received()) - before >= count, {
          ...poll,
          what: `${count} Creates at the ${name}`,
        });
        const seconds = (performance.now() - started) / 1000;
        const used = process.cpuUsage(cpu);
        cpuPerDelivery[name]?.push((used.user + used.system) / 1000 / count);
        return count / seconds;
      };
    const rounds = await interleave(benchRepeats(), [
      { name: "delivery verify ceiling", run: async () => deliveryVerifyCeiling(500) },
      { name: "sink", run: deliverTo("sink", sink.actorUrl, async () => sink.accepted()) },
      { name: "plain Fedify", run: deliverTo("fedify", fedify.actorUrl, async () => fedify.received()) },
      { name: "hub", run: deliverTo("hub", hub.actorUrl, appliedAtHub) },
    ]);
    // CPU per delivery of each receiver (the process's, less the sink round's), as rates so that
    // the ratio reads "how many of the naive peer's deliveries fit in the CPU of one of the hub's".
    rounds.forEach((round, i) => {
      const sending = cpuPerDelivery.sink?.[i] ?? Number.NaN;
      round["hub receiving CPU"] = 1 / Math.max((cpuPerDelivery.hub?.[i] ?? Number.NaN) - sending, 0.001);
      round["plain Fedify receiving CPU"] = 1 / Math.max((cpuPerDelivery.fedify?.[i] ?? Number.NaN) - sending, 0.001);
    });
    const ms = (name: string) => (cpuPerDelivery[name] ?? []).map((v) => v.toFixed(2)).join(" ");
    printRatios(
      `ingest: ${count} signed Creates per receiver and round, region → receiver`,
      ratios(rounds, [
        { figure: "hub / plain Fedify (deliveries per second, end to end)", of: "hub", to: "plain Fedify" },
        { figure: "hub / the sink (sending alone)", of: "hub", to: "sink" },
        { figure: "plain Fedify / the sink", of: "plain Fedify", to: "sink" },
        { figure: "hub / per-delivery verify ceiling", of: "hub", to: "delivery verify ceiling" },
        {
          figure: "plain Fedify's receiving CPU per delivery / the hub's (≥ 1: the hub costs no more)",
          of: "hub receiving CPU",
          to: "plain Fedify receiving CPU",
        },
      ]),
      [
        rateLine(rounds, "hub", "deliveries/s"),
        rateLine(rounds, "plain Fedify", "deliveries/s"),
        rateLine(rounds, "sink", "deliveries/s"),
        rateLine(rounds, "delivery verify ceiling", "deliveries/s"),
        `process CPU per delivery (ms), each round — sink: ${ms("sink")}; plain Fedify: ${ms("fedify")}; hub: ${ms("hub")}`,
      ],
    );
  } finally {
    await fedify.close();
    await sink.close();
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
    name: "bench sink",
    origin,
    actorUrl: `${origin}/actor`,
    inbox: `${origin}/inbox`,
    accepted: () => accepted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A plain Fedify server as its documentation sets one up: the in-memory queue and key–value
 * store, one actor, a shared inbox whose listener counts the Creates it is given (after Fedify
 * has checked their HTTP signature against the sender's key, fetched once and cached).
 */
async function startPlainFedify(address: string) {
  const port = await freePort(address);
  const origin = `http://${address}:${port}`;
  let received = 0;
  const federation = createFederation<void>({
    kv: new MemoryKvStore(),
    queue: new InProcessMessageQueue(),
    allowPrivateAddress: true,
  });
  federation.setActorDispatcher("/users/{identifier}", (ctx, identifier) =>
    identifier === "bench"
      ? new Organization({
          id: ctx.getActorUri(identifier),
          preferredUsername: identifier,
          inbox: ctx.getInboxUri(identifier),
          endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
        })
      : null,
  );
  federation.setInboxListeners("/users/{identifier}/inbox", "/inbox").on(Create, async () => {
    received++;
  });
  const server = serve({
    hostname: address,
    port,
    fetch: (request) => federation.fetch(request, { contextData: undefined }),
  });
  await once(server, "listening");
  return {
    name: "plain Fedify",
    origin,
    actorUrl: `${origin}/users/bench`,
    inbox: `${origin}/inbox`,
    received: () => received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
