import type { Tenant } from "@dynamo/core";
import type { NetworkServices, NetworkTimings, NodeFederation } from "@dynamo/federation";
import { type TestDatabase, waitFor } from "@dynamo/testing";
import { buildTestNode, prepareTestNode, serveTestNode, TEST_PASSWORD, testApiClient } from "../support/test-node.ts";

export const ADMIN_PASSWORD = TEST_PASSWORD;

/** A request as it reached a node, before any check. */
export interface Recorded {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface NetworkNodeSpec {
  kind: "region" | "hub";
  slug: string;
  address: string;
  regionCode?: "AF" | "AM" | "AS" | "EU";
  network?: NetworkTimings;
}

/**
 * A node of the real network in this process: its own database, the real app with the
 * network's routes, its inbox guard and Fedify, the delivery worker and the queue. It can go
 * down (servers and workers stop, the database stays) and come back on the same address and
 * port, as a node restarted by its admin.
 */
export interface NetworkNode {
  spec: NetworkNodeSpec;
  database: TestDatabase;
  tenant: Tenant;
  origin: string;
  actorUrl: string;
  /** Every POST the node received while up. */
  posts: Recorded[];
  federation(): NodeFederation;
  services(): NetworkServices;
  /** A bearer token of the tenant's administrator. */
  adminToken(): Promise<string>;
  api(method: string, path: string, body?: unknown): Promise<Response>;
  up(): Promise<void>;
  down(): Promise<void>;
  isUp(): boolean;
  close(): Promise<void>;
}

export async function startNetworkNode(spec: NetworkNodeSpec): Promise<NetworkNode> {
  const prepared = await prepareTestNode(spec);
  const { database, port, origin, tenant, adminEmail } = prepared;
  const client = testApiClient(origin, adminEmail);
  const posts: Recorded[] = [];
  let running: { federation: NodeFederation; services: NetworkServices; stop: () => Promise<void> } | undefined;

  async function up() {
    if (running) return;
    const built = buildTestNode(prepared, spec.kind, { timings: spec.network ?? {} });
    const { app } = built;
    const stopServer = serveTestNode(spec.address, port, async (request) => {
      if (request.method === "POST") {
        posts.push({
          url: request.url,
          headers: Object.fromEntries(request.headers),
          body: await request.clone().text(),
        });
      }
      return app.fetch(request);
    });
    const stopWorkers = built.start();
    running = {
      federation: built.federation.federation,
      services: built.federation.services,
      stop: async () => {
        await stopServer();
        await stopWorkers();
      },
    };
  }

  async function down() {
    const current = running;
    running = undefined;
    await current?.stop();
  }

  const node: NetworkNode = {
    spec,
    database,
    tenant,
    origin,
    actorUrl: `${origin}/ap/actors/${spec.slug}`,
    posts,
    federation: () => {
      if (!running) throw new Error(`${spec.slug} is down`);
      return running.federation;
    },
    services: () => {
      if (!running) throw new Error(`${spec.slug} is down`);
      return running.services;
    },
    adminToken: () => client.token(adminEmail),
    api: (method, path, body) => client.api(method, path, body),
    up,
    down,
    isUp: () => running !== undefined,
    async close() {
      await down();
      await database.close();
    },
  };
  await up();
  return node;
}

interface PeerJson {
  actor: string;
  state: string;
  direction: string;
}

/** The state of a node's peering with an actor, through its API. */
export async function peerState(node: NetworkNode, actor: string): Promise<string | undefined> {
  const response = await node.api("GET", "/api/peers");
  const { peers } = (await response.json()) as { peers: PeerJson[] };
  return peers.find((p) => p.actor === actor)?.state;
}

/** A region asks the hub to peer and the hub's admin approves, through both APIs; waits for both sides. */
export async function peerWithHub(region: NetworkNode, hub: NetworkNode): Promise<void> {
  const asked = await region.api("POST", "/api/peers", { actor: hub.actorUrl });
  if (asked.status !== 202) throw new Error(`requestPeering: ${asked.status} ${await asked.text()}`);
  await waitFor(async () => (await peerState(hub, region.actorUrl)) === "requested", {
    what: `the hub to record ${region.spec.slug}'s request`,
    timeoutMs: 20_000,
  });
  const approved = await hub.api("POST", "/api/peers/decision", { actor: region.actorUrl, decision: "approve" });
  if (approved.status !== 200) throw new Error(`decidePeering: ${approved.status} ${await approved.text()}`);
  await waitFor(async () => (await peerState(region, hub.actorUrl)) === "active", {
    what: `${region.spec.slug} to see the hub's Accept`,
    timeoutMs: 20_000,
  });
}

export interface PublicationJson {
  id: string;
  objectId: string;
  author: string;
  local: boolean;
  kind: string;
  titles: Record<string, string>;
  bodies: Record<string, string>;
}

export async function publicationsOf(node: NetworkNode): Promise<PublicationJson[]> {
  const response = await fetch(`${node.origin}/api/publications`);
  return ((await response.json()) as { publications: PublicationJson[] }).publications;
}

export async function publish(node: NetworkNode, title: string, kind = "news"): Promise<PublicationJson> {
  const response = await node.api("POST", "/api/publications", {
    kind,
    titles: { en: title, fr: `${title} (fr)` },
    bodies: { en: `Body of ${title}.`, fr: `Texte de ${title}.` },
  });
  if (response.status !== 201) throw new Error(`createPublication: ${response.status} ${await response.text()}`);
  return (await response.json()) as PublicationJson;
}
