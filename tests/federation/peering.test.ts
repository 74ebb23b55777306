import { createRosterRepo } from "@dynamo/federation";
import { testDriver, waitFor } from "@dynamo/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type NetworkNode, peerState, peerWithHub, startNetworkNode } from "./network-harness.ts";

let hub: NetworkNode;
let europe: NetworkNode;
let africa: NetworkNode;
let asia: NetworkNode;

beforeAll(async () => {
  hub = await startNetworkNode({ kind: "hub", slug: "hub", address: "127.0.0.20" });
  europe = await startNetworkNode({ kind: "region", slug: "europe", address: "127.0.0.21", regionCode: "EU" });
  africa = await startNetworkNode({ kind: "region", slug: "africa", address: "127.0.0.22", regionCode: "AF" });
  asia = await startNetworkNode({ kind: "region", slug: "asia", address: "127.0.0.23", regionCode: "AS" });
});
afterAll(async () => {
  await Promise.all([hub, europe, africa, asia].map((n) => n?.close()));
});

// Each test waits on several deliveries in turn (up to 20 s each on a busy runner).
describe(`peering between regions and the hub (${testDriver()})`, { timeout: 90_000 }, () => {
  it("records a region's request at the hub as pending, and activates it on both sides when the hub's admin approves", async () => {
    const asked = await europe.api("POST", "/api/peers", { actor: hub.actorUrl });
    expect(asked.status).toBe(202);
    expect(await asked.json()).toMatchObject({ actor: hub.actorUrl, direction: "outgoing", state: "requested" });
    await waitFor(async () => (await peerState(hub, europe.actorUrl)) === "requested", {
      what: "the hub to record the request",
      timeoutMs: 20_000,
    });
    // Not trusted yet: the region stays requested until the hub decides.
    expect(await peerState(europe, hub.actorUrl)).toBe("requested");

    const approved = await hub.api("POST", "/api/peers/decision", { actor: europe.actorUrl, decision: "approve" });
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ actor: europe.actorUrl, direction: "incoming", state: "active" });
    await waitFor(async () => (await peerState(europe, hub.actorUrl)) === "active", {
      what: "the region to see the Accept",
      timeoutMs: 20_000,
    });
  });

  it("refuses a request: the region sees the Reject and nothing is trusted", async () => {
    await africa.api("POST", "/api/peers", { actor: hub.actorUrl });
    await waitFor(async () => (await peerState(hub, africa.actorUrl)) === "requested", {
      what: "the hub to record Africa's request",
      timeoutMs: 20_000,
    });
    const refused = await hub.api("POST", "/api/peers/decision", { actor: africa.actorUrl, decision: "refuse" });
    expect(refused.status).toBe(200);
    await waitFor(async () => (await peerState(africa, hub.actorUrl)) === "refused", {
      what: "Africa to see the Reject",
      timeoutMs: 20_000,
    });
    const again = await hub.api("POST", "/api/peers/decision", { actor: africa.actorUrl, decision: "approve" });
    expect(again.status).toBe(409);
    expect(await hub.services().isTrustedPeer(hub.tenant, africa.actorUrl)).toBe(false);
  });

  it("answers 400 for an address where no actor answers, and 403 to a region's member-less token on the hub", async () => {
    const missing = await europe.api("POST", "/api/peers", { actor: `${hub.origin}/ap/actors/nobody` });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { errors: { code: string }[] }).errors[0]?.code).toBe("remote-actor-not-found");
    const foreign = await fetch(`${hub.origin}/api/peers`, {
      headers: { authorization: `Bearer ${await europe.adminToken()}` },
    });
    expect(foreign.status).toBe(401);
  });

  it("sends the hub's roster to its regions, which peer with each other from it at once", async () => {
    await peerWithHub(asia, hub);
    // Europe and Asia are both on the hub's roster: each asks the other, each accepts at once.
    await waitFor(
      async () =>
        (await peerState(europe, asia.actorUrl)) === "active" && (await peerState(asia, europe.actorUrl)) === "active",
      { what: "Europe and Asia to peer from the roster", timeoutMs: 30_000 },
    );
    const roster = await createRosterRepo(europe.database.db, europe.tenant.id).listRegions();
    expect(roster).toEqual(expect.arrayContaining([europe.actorUrl, asia.actorUrl]));
    expect(roster).not.toContain(africa.actorUrl);
    // Africa, refused by the hub, is not on the roster: Europe does not peer with it.
    expect(await peerState(europe, africa.actorUrl)).toBeUndefined();
  });

  it("publishes a region's platforms to the hub, which lists active ones of trusted regions as the electorate", async () => {
    for (const [countryCode, status] of [
      ["BE", "active"],
      ["FR", "observer"],
    ] as const) {
      const created = await europe.api("POST", "/api/platforms", {
        countryCode,
        names: { fr: `Plateforme ${countryCode}` },
        joinedOn: "2019-01-01",
        status,
      });
      expect(created.status).toBe(201);
    }
    const electorate = await waitFor(
      async () => {
        const platforms = await hub.services().listNetworkPlatforms(hub.tenant);
        return platforms.length > 0 ? platforms : undefined;
      },
      { what: "the hub to receive Europe's platforms", timeoutMs: 20_000 },
    );
    expect(electorate.map((p) => [p.countryCode, p.regionCode, p.status, p.regionActorId])).toEqual([
      ["BE", "EU", "active", europe.actorUrl],
    ]);
    expect(electorate[0]?.platformActorId).toBe(`${europe.origin}/ap/actors/platform-be`);
    // The platform is an actor of its own on the region's node.
    const actor = await fetch(electorate[0]?.platformActorId ?? "", {
      headers: { accept: "application/activity+json" },
    });
    expect(((await actor.json()) as { type: string }).type).toBe("Organization");
  });

  it("ends a peering from the region: the hub sees the Undo, stops trusting it and takes it off the roster", async () => {
    const ended = await asia.api("POST", "/api/peers/end", { actor: hub.actorUrl });
    expect(ended.status).toBe(200);
    await waitFor(async () => (await peerState(hub, asia.actorUrl)) === "ended", {
      what: "the hub to see the Undo",
      timeoutMs: 20_000,
    });
    expect(await hub.services().isTrustedPeer(hub.tenant, asia.actorUrl)).toBe(false);
    await waitFor(
      async () => !(await createRosterRepo(europe.database.db, europe.tenant.id).listRegions()).includes(asia.actorUrl),
      { what: "the hub's new roster to reach Europe", timeoutMs: 20_000 },
    );
    const again = await asia.api("POST", "/api/peers/end", { actor: hub.actorUrl });
    expect(again.status).toBe(409);
  });
});
