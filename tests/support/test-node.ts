import { randomBytes, randomUUID } from "node:crypto";
import { areas } from "@dynamo/areas";
import type { LocalizedText, RegionCode, Tenant, TenantKind } from "@dynamo/core";
import { addFirstUser } from "@dynamo/identity";
import { addTenant, type BuildNodeOptions, type BuiltNode, buildNode, createNodeServer } from "@dynamo/node";
import { createTestDatabase, freePort, type TestDatabase } from "@dynamo/testing";
import { keepRecentNodeLogs } from "./node-logs.ts";

/** The password of every account the cross-node harnesses create. */
export const TEST_PASSWORD = "a long street-work passphrase";
/** The bearer token of every test node's /metrics. */
export const TEST_METRICS_TOKEN = "metrics-token-of-the-test-nodes";

export interface TestNodeSpec {
  slug: string;
  kind: TenantKind;
  regionCode?: RegionCode;
  /** The loopback address the node will listen on (127.0.0.x). */
  address: string;
  names?: LocalizedText;
  /** Called with every statement the node sends to its database (a test counts them). */
  onQuery?: (query: string) => void;
}

export interface PreparedTestNode {
  database: TestDatabase;
  port: number;
  origin: string;
  tenant: Tenant;
  adminEmail: string;
  nodeSecret: string;
}

/**
 * What every cross-node harness needs before it wires a node: its own fresh database, a free
 * port on its address, the tenant answering on that address, the tenant's administrator and a
 * node secret.
 */
export async function prepareTestNode(spec: TestNodeSpec): Promise<PreparedTestNode> {
  await keepRecentNodeLogs();
  const database = await createTestDatabase(spec.onQuery === undefined ? {} : { onQuery: spec.onQuery });
  const port = await freePort(spec.address);
  const origin = `http://${spec.address}:${port}`;
  const created = await addTenant(
    database.db,
    {
      slug: spec.slug,
      kind: spec.kind,
      regionCode: spec.kind === "hub" ? null : (spec.regionCode ?? "EU"),
      names: spec.names ?? { en: `${spec.slug} (test)`, fr: `${spec.slug} (essai)` },
      defaultLocale: "en",
      hosts: [`${spec.address}:${port}`],
    },
    randomUUID,
  );
  if (!created.ok) throw new Error(`could not create tenant ${spec.slug}`);
  const tenant = created.value;
  const adminEmail = `admin@${spec.slug}.test`;
  const admin = await addFirstUser(
    database.db,
    tenant,
    { email: adminEmail, roles: [spec.kind === "hub" ? "hub_admin" : "node_admin"], password: TEST_PASSWORD },
    { clock: () => new Date(), newId: randomUUID },
  );
  if (!admin.ok) throw new Error(`could not add the admin of ${spec.slug}`);
  return { database, port, origin, tenant, adminEmail, nodeSecret: randomBytes(32).toString("base64url") };
}

/** How a node under test paces its background work: fast, so that scenarios take seconds. */
export const TEST_TIMINGS = {
  queuePollMs: 50,
  retry: { initialDelayMs: 200, maxDelayMs: 600 },
  pollIntervalMs: 100,
  rosterSyncIntervalMs: 300,
  catchUpIntervalMs: 0,
  inboundIntervalMs: 100,
  jobsMs: 100,
  eventsMs: 100,
} satisfies BuildNodeOptions["timings"];

/**
 * A node under test, built as a node process builds it (every area), on its prepared database,
 * secret and origin, private addresses allowed, with the test timings (and any the test sets).
 */
export function buildTestNode(
  node: Pick<PreparedTestNode, "database" | "nodeSecret" | "origin">,
  kind: TenantKind,
  options: Partial<Pick<BuildNodeOptions, "clock" | "clocks" | "mailer" | "timings" | "areas">> = {},
): BuiltNode {
  return buildNode({
    kind,
    areas: options.areas ?? areas,
    database: node.database,
    nodeSecret: node.nodeSecret,
    config: {
      env: "test",
      publicUrl: node.origin,
      trustProxy: false,
      federationAllowPrivateAddresses: true,
      chromiumPath: "",
      metricsToken: TEST_METRICS_TOKEN,
    },
    timings: { ...TEST_TIMINGS, ...options.timings },
    ...(options.clock === undefined ? {} : { clock: options.clock }),
    ...(options.clocks === undefined ? {} : { clocks: options.clocks }),
    ...(options.mailer === undefined ? {} : { mailer: options.mailer }),
  });
}

/** Serves a node's app on its address and port; the function returned stops it, open connections included. */
export function serveTestNode(
  address: string,
  port: number,
  fetch: (request: Request, env?: unknown) => Response | Promise<Response>,
): () => Promise<void> {
  const server = createNodeServer(fetch, { hostname: address }).listen(port, address);
  return () =>
    new Promise((resolve) => {
      server.close(() => resolve());
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
}

/**
 * A node's API as its people call it: each person logs in once with the test password, then
 * sends JSON with their bearer token (the admin's by default).
 */
export function testApiClient(origin: string, adminEmail: string) {
  const tokens = new Map<string, string>();
  const token = async (email: string): Promise<string> => {
    const known = tokens.get(email);
    if (known) return known;
    const response = await fetch(`${origin}/api/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    });
    if (response.status !== 200) throw new Error(`login ${email}: ${response.status} ${await response.text()}`);
    const issued = ((await response.json()) as { token: string }).token;
    tokens.set(email, issued);
    return issued;
  };
  const api = async (
    method: string,
    path: string,
    body?: unknown,
    email = adminEmail,
    headers: Record<string, string> = {},
  ): Promise<Response> =>
    fetch(`${origin}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await token(email)}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
        ...headers,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  return { token, api };
}
