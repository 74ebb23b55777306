import { randomUUID } from "node:crypto";
import type { Tenant } from "@dynamo/core";
import type { NetworkServices, NodeFederation } from "@dynamo/federation";
import { addFirstUser } from "@dynamo/identity";
import type { AreaKernel } from "@dynamo/node";
import { type TestDatabase, waitFor } from "@dynamo/testing";
import { buildTestNode, prepareTestNode, serveTestNode, TEST_PASSWORD, testApiClient } from "../support/test-node.ts";

export const PASSWORD = TEST_PASSWORD;

export interface Recorded {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface BallotNodeSpec {
  kind: "region" | "hub";
  slug: string;
  address: string;
  regionCode?: "AF" | "AM" | "AS" | "EU";
}

/**
 * A node as main.ts builds it (the network layer, the ballots area attached to it, the hub's
 * tally scheduler), on its own database and loopback address. Its ballots' clock can be moved
 * (`advance`), and it can go down and come back on the same address and database, as a node
 * restarted by its admin: nothing held in memory survives.
 */
export interface BallotNode {
  spec: BallotNodeSpec;
  database: TestDatabase;
  tenant: Tenant;
  origin: string;
  actorUrl: string;
  posts: Recorded[];
  /** The node's kernel, to call the ballots' use-cases directly. */
  kernel(): AreaKernel;
  services(): NetworkServices;
  federation(): NodeFederation;
  /** Moves this node's ballots clock forward. */
  advance(ms: number): void;
  now(): Date;
  token(email: string): Promise<string>;
  /** A JSON request with a person's bearer token (the admin's by default). */
  api(method: string, path: string, body?: unknown, email?: string): Promise<Response>;
  adminEmail: string;
  up(): Promise<void>;
  down(): Promise<void>;
  close(): Promise<void>;
}

export async function startBallotNode(spec: BallotNodeSpec): Promise<BallotNode> {
  const prepared = await prepareTestNode(spec);
  const { database, port, origin, tenant, adminEmail } = prepared;
  const posts: Recorded[] = [];
  const client = testApiClient(origin, adminEmail);
  let offset = 0;
  const clock = () => new Date(Date.now() + offset);
  let running:
    | { kernel: AreaKernel; services: NetworkServices; federation: NodeFederation; stop: () => Promise<void> }
    | undefined;

  async function up() {
    if (running) return;
    // The rules of procedure and the network life open IPG ballots: on the ballots' time.
    const built = buildTestNode(prepared, spec.kind, { clocks: { ballots: clock, procedure: clock, life: clock } });
    const { app } = built;
    // The server's bindings go through, so that the node sees the client's address (audit log).
    const stopServer = serveTestNode(spec.address, port, async (request: Request, env?: unknown) => {
      if (request.method === "POST") {
        posts.push({
          url: request.url,
          headers: Object.fromEntries(request.headers),
          body: await request.clone().text(),
        });
      }
      return app.fetch(request, env);
    });
    const stopWorkers = built.start();
    running = {
      kernel: built.kernel,
      services: built.federation.services,
      federation: built.federation.federation,
      stop: async () => {
        await stopServer();
        await stopWorkers();
      },
    };
  }

  const live = () => {
    if (!running) throw new Error(`${spec.slug} is down`);
    return running;
  };

  const node: BallotNode = {
    spec,
    database,
    tenant,
    origin,
    actorUrl: `${origin}/ap/actors/${spec.slug}`,
    posts,
    adminEmail,
    kernel: () => live().kernel,
    services: () => live().services,
    federation: () => live().federation,
    advance: (ms) => {
      offset += ms;
    },
    now: clock,
    token: client.token,
    api: (method, path, body, email) => client.api(method, path, body, email),
    up,
    async down() {
      const current = running;
      running = undefined;
      await current?.stop();
    },
    async close() {
      await node.down();
      await database.close();
    },
  };
  await up();
  return node;
}

async function expectStatus(response: Response, status: number, what: string): Promise<unknown> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${text}`);
  return text === "" ? undefined : (JSON.parse(text) as unknown);
}

/** A region asks the hub to peer and the hub's admin approves; waits for both sides. */
export async function peerWithHub(region: BallotNode, hub: BallotNode): Promise<void> {
  await expectStatus(await region.api("POST", "/api/peers", { actor: hub.actorUrl }), 202, "requestPeering");
  const state = async (node: BallotNode, actor: string) => {
    const { peers } = (await (await node.api("GET", "/api/peers")).json()) as {
      peers: { actor: string; state: string }[];
    };
    return peers.find((p) => p.actor === actor)?.state;
  };
  await waitFor(async () => (await state(hub, region.actorUrl)) === "requested", {
    what: `the hub to record ${region.spec.slug}'s request`,
    timeoutMs: 60_000,
  });
  await expectStatus(
    await hub.api("POST", "/api/peers/decision", { actor: region.actorUrl, decision: "approve" }),
    200,
    "decidePeering",
  );
  await waitFor(async () => (await state(region, hub.actorUrl)) === "active", {
    what: `${region.spec.slug} to see the hub's Accept`,
    timeoutMs: 60_000,
  });
}

/** A national platform of a region, through the region admin's API. */
export async function addPlatform(
  region: BallotNode,
  countryCode: string,
  status: "active" | "observer" | "suspended" = "active",
): Promise<{ id: string; countryCode: string }> {
  return (await expectStatus(
    await region.api("POST", "/api/platforms", {
      countryCode,
      names: { en: `Platform ${countryCode}`, fr: `Plateforme ${countryCode}` },
      status,
      joinedOn: "2019-05-01",
      reason: "test",
    }),
    201,
    "createPlatform",
  )) as { id: string; countryCode: string };
}

/** A person with a password and roles; on a region, optionally a platform's seat. Returns the email. */
export async function addPerson(
  node: BallotNode,
  input: {
    email: string;
    roles: ("platform_representative" | "ipg_secretariat" | "regional_coordinator" | "member" | "technical_team")[];
    platformId?: string;
    seat?: "representative" | "substitute";
    name?: string;
  },
): Promise<string> {
  const added = await addFirstUser(
    node.database.db,
    node.tenant,
    { email: input.email, roles: input.roles, password: PASSWORD, displayName: input.name },
    { clock: () => new Date(), newId: randomUUID },
  );
  if (!added.ok) throw new Error(`could not add ${input.email}: ${JSON.stringify(added.error)}`);
  if (input.platformId !== undefined) {
    await expectStatus(
      await node.api("PATCH", `/api/members/${added.value.id}`, {
        platformId: input.platformId,
        platformSeat: input.seat ?? "representative",
      }),
      200,
      "updateMember",
    );
  }
  return input.email;
}

/** Waits until the hub's roster holds these platforms (as the regions published them). */
export async function waitForRoster(hub: BallotNode, countries: readonly string[]): Promise<void> {
  await waitFor(
    async () => {
      const platforms = await hub.services().listNetworkPlatforms(hub.tenant);
      return countries.every((code) => platforms.some((p) => p.countryCode === code));
    },
    { what: `the hub's roster to hold ${countries.join(", ")}`, timeoutMs: 60_000 },
  );
}
