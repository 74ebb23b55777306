import { randomBytes, randomUUID } from "node:crypto";
import type { Tenant } from "@dynamo/core";
import {
  createFederation,
  type DeliveryRetryOptions,
  federationMiddleware,
  type ListFollowers,
  type NodeFederation,
  type ReceivedActivity,
  type RunningQueue,
} from "@dynamo/federation";
import { addTenant, assembleSite, createNodeApp } from "@dynamo/node";
import { createTestDatabase, freePort, type TestDatabase } from "@dynamo/testing";
import { type ServerType, serve } from "@hono/node-server";

/** A request as it arrived on the wire, kept to check or replay its signature. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

export interface TenantSpec {
  slug: string;
  /** A loopback address of its own: 127.0.0.2, 127.0.0.3 … */
  address: string;
  regionCode?: "AF" | "AM" | "AS" | "EU";
}

export interface TestNode {
  database: TestDatabase;
  federation: NodeFederation;
  tenants: Tenant[];
  /** Activities the node's inboxes accepted, after Fedify verified them. */
  received: ReceivedActivity[];
  /** Every POST the node received, before any check. */
  requests: RecordedRequest[];
  tenant(slug: string): Tenant;
  /** http://address:port of a tenant. */
  origin(slug: string): string;
  actorUrl(slug: string): string;
  stop(): Promise<void>;
}

/**
 * A real node in this process: its own database, the real app (regional or hub) with
 * federation mounted, one HTTP server per tenant address (one node process serving several
 * hosts), and the federation queue running. Fetching 127.0.0.x is allowed through the test
 * switch; signatures are checked as in production.
 */
export async function startNode(options: {
  kind: "region" | "hub";
  tenants: TenantSpec[];
  listFollowers?: ListFollowers;
  retry?: DeliveryRetryOptions;
}): Promise<TestNode> {
  const database = await createTestDatabase();
  const received: ReceivedActivity[] = [];
  const requests: RecordedRequest[] = [];
  const hosts = new Map<string, { address: string; port: number }>();
  const tenants: Tenant[] = [];
  for (const spec of options.tenants) {
    const port = await freePort(spec.address);
    hosts.set(spec.slug, { address: spec.address, port });
    const created = await addTenant(
      database.db,
      {
        slug: spec.slug,
        kind: options.kind,
        regionCode: options.kind === "hub" ? null : (spec.regionCode ?? "EU"),
        names: { en: `${spec.slug} (test)` },
        defaultLocale: "en",
        hosts: [`${spec.address}:${port}`],
      },
      randomUUID,
    );
    if (!created.ok) throw new Error(`could not create tenant ${spec.slug}: ${JSON.stringify(created.error)}`);
    tenants.push(created.value);
  }
  const first = [...hosts.values()][0];
  if (first === undefined) throw new Error("a node needs a tenant");
  const publicUrl = `http://${first.address}:${first.port}`;
  const nodeSecret = randomBytes(32).toString("base64url");
  const federation = createFederation({
    db: database.db,
    nodeSecret,
    kind: options.kind,
    environment: "test",
    publicUrl,
    allowPrivateAddress: true,
    onActivity: async (activity) => {
      received.push(activity);
    },
    listFollowers: options.listFollowers,
    queue: { pollIntervalMs: 50 },
    retry: options.retry,
  });
  // The node's HTTP stack with federation alone mounted: no area, so only Fedify answers.
  const app = createNodeApp({
    database,
    kind: options.kind,
    config: { trustProxy: false, publicUrl },
    site: assembleSite([]),
    federation: federationMiddleware(federation),
    areas: [],
    clock: () => new Date(),
  });
  const servers: ServerType[] = [];
  for (const { address, port } of hosts.values()) {
    servers.push(
      serve({
        hostname: address,
        port,
        fetch: async (request: Request) => {
          if (request.method === "POST") {
            requests.push({
              method: request.method,
              url: request.url,
              headers: Object.fromEntries(request.headers),
              body: await request.clone().text(),
            });
          }
          return app.fetch(request);
        },
      }),
    );
  }
  const queue: RunningQueue = federation.startQueue();
  const hostOf = (slug: string) => {
    const host = hosts.get(slug);
    if (host === undefined) throw new Error(`no tenant ${slug} on this node`);
    return host;
  };
  return {
    database,
    federation,
    tenants,
    received,
    requests,
    tenant: (slug) => {
      const tenant = tenants.find((t) => t.slug === slug);
      if (tenant === undefined) throw new Error(`no tenant ${slug} on this node`);
      return tenant;
    },
    origin: (slug) => `http://${hostOf(slug).address}:${hostOf(slug).port}`,
    actorUrl: (slug) => `http://${hostOf(slug).address}:${hostOf(slug).port}/ap/actors/${slug}`,
    stop: async () => {
      await queue.stop();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
      await database.close();
    },
  };
}

/** The ActivityPub document at a URL, as a peer would fetch it. */
export async function fetchActivityJson<T = Record<string, unknown>>(
  url: string,
): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { headers: { accept: "application/activity+json" } });
  return { status: response.status, body: (await response.json()) as T };
}

export interface ActorDocument {
  id: string;
  type: string;
  name: string;
  preferredUsername: string;
  inbox: string;
  followers: string;
  endpoints: { sharedInbox: string };
  publicKey: { id: string; owner: string; publicKeyPem: string };
  assertionMethod: { id: string; type: string; controller: string; publicKeyMultibase: string }[];
}
