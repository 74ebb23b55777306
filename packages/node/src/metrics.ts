import { timingSafeEqual } from "node:crypto";
import type { Db } from "@dynamo/db";
import { backupRuns, tenants } from "@dynamo/db";
import { deliveries, inboxRefusals, peers } from "@dynamo/federation";
import { type NodeEnv, problem } from "@dynamo/web";
import { and, count, eq, inArray, isNotNull, max, min, sql } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import type { AreaGauge } from "./area.ts";

/**
 * What an admin watches (`/metrics`, Prometheus's text format, through prom-client): requests
 * per route, the outbox per peer, deliveries given up, inbound refusals, each area's own gauges
 * (open ballots), the process (memory, event loop). The database figures are read at each scrape,
 * so every process of a node reports the same shared state.
 */
export interface NodeMetrics {
  registry: Registry;
  /** Counts and times each request by its route pattern (never the raw path: bounded labels). */
  middleware: MiddlewareHandler;
  /** GET /metrics: only with `Authorization: Bearer <METRICS_TOKEN>`. */
  handler(c: Context): Promise<Response>;
}

export function createNodeMetrics(options: {
  db: Db;
  token: string | undefined;
  clock: () => Date;
  gauges: readonly AreaGauge[];
}): NodeMetrics {
  const { db, clock } = options;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "dynamo_" });

  const requests = new Counter({
    name: "dynamo_http_requests_total",
    help: "HTTP requests answered, by method, route pattern and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const durations = new Histogram({
    name: "dynamo_http_request_duration_seconds",
    help: "Time to answer an HTTP request, by method and route pattern",
    labelNames: ["method", "route"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });

  const tenantSlug = sql<string>`(select ${tenants.slug} from ${tenants} where ${tenants.id} = ${deliveries.tenantId})`;
  new Gauge({
    name: "dynamo_outbox_pending",
    help: "Deliveries waiting for a peer (queued or retrying), by tenant and peer",
    labelNames: ["tenant", "peer"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db
        .select({ tenant: tenantSlug, peer: deliveries.peerActorId, n: count() })
        .from(deliveries)
        .where(inArray(deliveries.state, ["queued", "retrying"]))
        .groupBy(deliveries.tenantId, deliveries.peerActorId);
      for (const row of rows) this.set({ tenant: row.tenant, peer: row.peer }, row.n);
    },
  });
  new Gauge({
    name: "dynamo_outbox_oldest_age_seconds",
    help: "Age of the oldest delivery still waiting for a peer, by tenant and peer",
    labelNames: ["tenant", "peer"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db
        .select({ tenant: tenantSlug, peer: deliveries.peerActorId, oldest: min(deliveries.createdAt) })
        .from(deliveries)
        .where(inArray(deliveries.state, ["queued", "retrying"]))
        .groupBy(deliveries.tenantId, deliveries.peerActorId);
      const now = clock().getTime();
      for (const row of rows) {
        if (row.oldest !== null)
          this.set({ tenant: row.tenant, peer: row.peer }, (now - new Date(row.oldest).getTime()) / 1000);
      }
    },
  });
  new Gauge({
    name: "dynamo_deliveries_given_up",
    help: "Deliveries the node stopped trying: refused by the peer or unreachable, by tenant, peer and state",
    labelNames: ["tenant", "peer", "state"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db
        .select({ tenant: tenantSlug, peer: deliveries.peerActorId, state: deliveries.state, n: count() })
        .from(deliveries)
        .where(inArray(deliveries.state, ["refused", "unreachable"]))
        .groupBy(deliveries.tenantId, deliveries.peerActorId, deliveries.state);
      for (const row of rows) this.set({ tenant: row.tenant, peer: row.peer, state: row.state }, row.n);
    },
  });
  new Gauge({
    name: "dynamo_inbox_refusals",
    help: "Incoming messages refused and recorded, by tenant and reason",
    labelNames: ["tenant", "reason"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db
        .select({
          tenant: sql<string>`(select ${tenants.slug} from ${tenants} where ${tenants.id} = ${inboxRefusals.tenantId})`,
          reason: inboxRefusals.reason,
          n: count(),
        })
        .from(inboxRefusals)
        .groupBy(inboxRefusals.tenantId, inboxRefusals.reason);
      for (const row of rows) this.set({ tenant: row.tenant, reason: row.reason }, row.n);
    },
  });
  new Gauge({
    name: "dynamo_peer_last_catch_up_timestamp_seconds",
    help: "When the node last caught up with an active peer's outbox (Unix time), by tenant and peer",
    labelNames: ["tenant", "peer"] as const,
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db
        .select({
          tenant: sql<string>`(select ${tenants.slug} from ${tenants} where ${tenants.id} = ${peers.tenantId})`,
          peer: peers.actorId,
          at: peers.lastCaughtUpAt,
        })
        .from(peers)
        .where(and(eq(peers.state, "active"), isNotNull(peers.lastCaughtUpAt)));
      for (const row of rows) {
        if (row.at !== null) this.set({ tenant: row.tenant, peer: row.peer }, new Date(row.at).getTime() / 1000);
      }
    },
  });
  new Gauge({
    name: "dynamo_backup_last_success_timestamp_seconds",
    help: "When the node's last backup was written (Unix time); absent before the first",
    registers: [registry],
    async collect() {
      this.reset();
      const [last] = await db.select({ at: max(backupRuns.at) }).from(backupRuns);
      if (last?.at) this.set(new Date(last.at).getTime() / 1000);
    },
  });
  for (const gauge of options.gauges) {
    new Gauge({
      name: gauge.name,
      help: gauge.help,
      labelNames: gauge.labelNames,
      registers: [registry],
      async collect() {
        this.reset();
        for (const sample of await gauge.read()) this.set(sample.labels, sample.value);
      },
    });
  }

  const token = options.token === undefined ? undefined : Buffer.from(options.token, "utf8");
  return {
    registry,
    middleware: async (c, next) => {
      const started = performance.now();
      try {
        await next();
      } finally {
        const route = routePath(c, -1) || "(unmatched)";
        const labels = { method: c.req.method, route };
        requests.inc({ ...labels, status: String(c.res.status) });
        durations.observe(labels, (performance.now() - started) / 1000);
      }
    },
    async handler(c) {
      const given = Buffer.from(/^Bearer (.+)$/.exec(c.req.header("authorization") ?? "")?.[1] ?? "", "utf8");
      if (token === undefined) return problem(c as Context<NodeEnv>, "not-found");
      if (given.length !== token.length || !timingSafeEqual(given, token)) {
        return problem(c as Context<NodeEnv>, "unauthorized", {
          headers: { "WWW-Authenticate": 'Bearer realm="metrics"' },
        });
      }
      let text: string;
      try {
        text = await registry.metrics();
      } catch (error) {
        // Said in words an admin can act on (a database error's message, not "{}").
        (c as Context<NodeEnv>).var.logger.error("metrics could not be read: {message}", {
          message: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
          stack: error instanceof Error ? error.stack : undefined,
        });
        return problem(c as Context<NodeEnv>, "internal");
      }
      return c.body(text, 200, { "content-type": registry.contentType });
    },
  };
}
