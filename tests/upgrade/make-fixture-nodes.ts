/**
 * The nodes of the upgrade fixture (make-fixture.ts): a hub and a region on fixed loopback
 * origins with test-only secrets, built as a node process builds them, on their own PostgreSQL
 * databases, their areas sharing one clock the scenario moves.
 */
import { randomUUID } from "node:crypto";
import type { RegionCode, Tenant, TenantKind } from "@dynamo/core";
import { addFirstUser } from "@dynamo/identity";
import { addTenant } from "@dynamo/node";
import { createTestDatabase, type TestDatabase } from "@dynamo/testing";
import { buildTestNode, serveTestNode, TEST_PASSWORD, testApiClient } from "../support/test-node.ts";

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
export const DAY = 24 * HOUR;

/** Fixed origins (an actor's identity holds its origin) and test-only secrets, reused by the test. */
export const NODES = [
  {
    slug: "hub",
    kind: "hub",
    regionCode: null,
    address: "127.0.0.215",
    port: 47_215,
    nodeSecret: "upgrade-fixture-hub-secret-for-tests-only-0000",
  },
  {
    slug: "europe",
    kind: "region",
    regionCode: "EU",
    address: "127.0.0.216",
    port: 47_216,
    nodeSecret: "upgrade-fixture-europe-secret-for-tests-only-00",
  },
] as const satisfies readonly {
  slug: string;
  kind: TenantKind;
  regionCode: RegionCode | null;
  address: string;
  port: number;
  nodeSecret: string;
}[];

type Spec = (typeof NODES)[number];

export interface FixtureNode {
  spec: Spec;
  database: TestDatabase;
  tenant: Tenant;
  origin: string;
  actorUrl: string;
  adminEmail: string;
  api(method: string, path: string, body?: unknown, email?: string): Promise<Response>;
  /** The network's platforms the hub knows (hub only). */
  rosterCountries(): Promise<string[]>;
  stop(): Promise<void>;
}

let offset = 0;
/** Every node's areas read this clock: the scenario moves it past a ballot's close. */
export const clock = () => new Date(Date.now() + offset);
export function advanceClock(ms: number): void {
  offset += ms;
}

export async function startNode(spec: Spec): Promise<FixtureNode> {
  const database = await createTestDatabase();
  const origin = `http://${spec.address}:${spec.port}`;
  const created = await addTenant(
    database.db,
    {
      slug: spec.slug,
      kind: spec.kind,
      regionCode: spec.regionCode,
      names: { en: `${spec.slug} (upgrade fixture)`, fr: `${spec.slug} (jeu d'essai)` },
      defaultLocale: "en",
      hosts: [`${spec.address}:${spec.port}`],
    },
    randomUUID,
  );
  if (!created.ok) throw new Error(`could not create tenant ${spec.slug}`);
  const tenant = created.value;
  const adminEmail = `admin@${spec.slug}.test`;
  await person(database, tenant, adminEmail, [spec.kind === "hub" ? "hub_admin" : "node_admin"]);
  const built = buildTestNode({ database, nodeSecret: spec.nodeSecret, origin }, spec.kind, {
    clocks: { ballots: clock, procedure: clock, reports: clock },
  });
  const stopServer = serveTestNode(spec.address, spec.port, built.app.fetch);
  const stopWorkers = built.start();
  let stopped = false;
  const client = testApiClient(origin, adminEmail);
  return {
    spec,
    database,
    tenant,
    origin,
    actorUrl: `${origin}/ap/actors/${spec.slug}`,
    adminEmail,
    api: (method, path, body, email) => client.api(method, path, body, email),
    rosterCountries: async () =>
      (await built.federation.services.listNetworkPlatforms(tenant)).map((p) => p.countryCode),
    async stop() {
      if (stopped) return;
      stopped = true;
      await stopServer();
      await stopWorkers();
    },
  };
}

export type Roles = Parameters<typeof addFirstUser>[2]["roles"];

export async function person(database: TestDatabase, tenant: Tenant, email: string, roles: Roles, name?: string) {
  const added = await addFirstUser(
    database.db,
    tenant,
    { email, roles, password: TEST_PASSWORD, displayName: name },
    { clock: () => new Date(), newId: randomUUID },
  );
  if (!added.ok) throw new Error(`could not add ${email}: ${JSON.stringify(added.error)}`);
  return added.value.id as string;
}

export async function expectJson<T>(response: Response, status: number, what: string): Promise<T> {
  const text = await response.text();
  if (response.status !== status) throw new Error(`${what}: ${response.status} ${text}`);
  return (text === "" ? undefined : JSON.parse(text)) as T;
}

export async function peerState(node: FixtureNode, actor: string) {
  const { peers } = await expectJson<{ peers: { actor: string; state: string }[] }>(
    await node.api("GET", "/api/peers"),
    200,
    "listPeers",
  );
  return peers.find((p) => p.actor === actor)?.state;
}
