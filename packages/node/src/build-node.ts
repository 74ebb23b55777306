import { randomUUID } from "node:crypto";
import type { TenantKind } from "@dynamo/core";
import { createUptime, type Database, startHeartbeat } from "@dynamo/db";
import {
  createNodeFederation,
  type InboxRoute,
  type LocalPlatforms,
  type NetworkTimings,
  type NodeNetwork,
} from "@dynamo/federation";
import type { Mailer } from "@dynamo/mail";
import { getLogger } from "@logtape/logtape";
import type { AreaDefinition, AreaKernel, AreaRuntime } from "./area.ts";
import { createNodeApp } from "./create-node-app.ts";
import { createAreaEvents, type EventDelivery, startEventDelivery } from "./events.ts";
import { createNodeMetrics } from "./metrics.ts";
import { assembleSite } from "./site.ts";

export interface BuildNodeOptions {
  kind: TenantKind;
  database: Database;
  nodeSecret: string;
  config: {
    env: "development" | "production" | "test";
    publicUrl: string;
    trustProxy: boolean;
    federationAllowPrivateAddresses: boolean;
    chromiumPath: string;
    /** Pages for visitors who are not signed in are kept this long (0 or unset: never). */
    pageCacheMs?: number;
    /** /metrics is served with this bearer token; without one it is off (404). */
    metricsToken?: string | undefined;
  };
  /** The areas the node is made of, in the order their routes and home sections come. */
  areas: readonly AreaDefinition[];
  mailer?: Mailer | undefined;
  /** The areas' clock: ballots' deadlines, sessions, reports' due dates (tests move it). */
  clock?: () => Date;
  /** One area's own clock, by area name (tests move the ballots' time while sessions keep real time). */
  clocks?: Readonly<Record<string, () => Date>>;
  /** Federation's clock: deliveries, retries, leases (real time unless a test sets it). */
  federationClock?: () => Date;
  newId?: () => string;
  /** How the background work paces itself (tests shorten it). */
  timings?: NetworkTimings & {
    queuePollMs?: number;
    remindersMs?: number;
    jobsMs?: number;
    eventsMs?: number;
    /** How often this process records that it runs (the node's outages are the gaps). */
    heartbeatMs?: number;
  };
}

export interface BuiltNode {
  app: ReturnType<typeof createNodeApp>;
  federation: NodeNetwork;
  kernel: AreaKernel;
  /** Each area's runtime, by area name. */
  areas: ReadonlyMap<string, AreaRuntime>;
  events: EventDelivery | undefined;
  /**
   * Starts the background work: Fedify's queue, deliveries, the inbound worker, roster sync and
   * catch-up, event delivery, and each area's own (the ballots' tally at close + grace, reminder
   * emails). Returns the function that stops it all, letting work in flight finish.
   */
  start(): () => Promise<void>;
}

/** A route whose handler sees the area's clock: a message applied in the inbound transaction is received now, by it. */
function onClock(route: InboxRoute, clock: () => Date): InboxRoute {
  return {
    ...route,
    handle: (ctx, message) =>
      route.handle({ ...ctx, clock }, route.apply === "in-transaction" ? { ...message, receivedAt: clock() } : message),
  };
}

const logger = getLogger(["dynamo", "node"]);

const NO_PLATFORMS: LocalPlatforms = { list: async () => [], findByCountry: async () => undefined };

/**
 * Builds a node in one order, with no step waiting on a later one: the site (policy, problems,
 * navigation, catalogs) from the areas' definitions; federation, knowing every area's document
 * types and message routes; then each area's runtime, given the kernel and federation's ports;
 * then the HTTP app. Nothing starts and nothing listens here.
 */
export function buildNode(options: BuildNodeOptions): BuiltNode {
  const { db } = options.database;
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const timings = options.timings ?? {};
  const site = assembleSite(options.areas);
  const clockOf = (area: AreaDefinition) => options.clocks?.[area.name] ?? clock;
  const platforms = options.areas.find((a) => a.platforms !== undefined)?.platforms ?? NO_PLATFORMS;
  const federation = createNodeFederation({
    db,
    nodeSecret: options.nodeSecret,
    kind: options.kind,
    environment: options.config.env,
    publicUrl: options.config.publicUrl,
    allowPrivateAddress: options.config.federationAllowPrivateAddresses,
    clock: options.federationClock ?? (() => new Date()),
    newId,
    documents: options.areas.flatMap((a) => a.documents ?? []),
    // Each area's handlers run on the area's clock (what it records as received, when).
    routes: options.areas.flatMap((area) => (area.inbox ?? []).map((r) => onClock(r, clockOf(area)))),
    platforms,
    ...(timings.queuePollMs === undefined ? {} : { queue: { pollIntervalMs: timings.queuePollMs } }),
    network: timings,
  });
  let delivery: EventDelivery | undefined;
  const heartbeatMs = timings.heartbeatMs ?? 10_000;
  const kernel: AreaKernel = {
    kind: options.kind,
    db,
    clock,
    newId,
    exchange: federation.exchange,
    network: federation.services,
    events: createAreaEvents({ clock, newId, wake: () => delivery?.wake() }),
    uptime: createUptime(db, clock, heartbeatMs),
    config: {
      publicUrl: options.config.publicUrl,
      trustProxy: options.config.trustProxy,
      nodeSecret: options.nodeSecret,
      chromiumPath: options.config.chromiumPath,
      intervals: { remindersMs: timings.remindersMs ?? 3_600_000, jobsMs: timings.jobsMs ?? 2_000 },
    },
    mailer: options.mailer,
  };
  const kernelOf = (area: AreaDefinition): AreaKernel => {
    const own = clockOf(area);
    return own === clock ? kernel : { ...kernel, clock: own };
  };
  const runtimes = new Map(options.areas.map((area) => [area.name, area.create(kernelOf(area))] as const));
  const metrics = createNodeMetrics({
    db,
    token: options.config.metricsToken,
    clock,
    gauges: [...runtimes.values()].flatMap((runtime) => runtime.gauges ?? []),
  });
  const app = createNodeApp({
    database: options.database,
    kind: options.kind,
    config: options.config,
    site,
    federation: federation.middleware(),
    areas: [...runtimes.values()],
    clock,
    metrics,
  });
  const subscribers = options.areas.flatMap((a) => a.subscribers ?? []);
  const built: BuiltNode = {
    app,
    federation,
    kernel,
    areas: runtimes,
    events: undefined,
    start() {
      const heartbeat = startHeartbeat(db, clock, newId, heartbeatMs, (error) =>
        logger.error("the heartbeat could not be recorded: {error}", { error }),
      );
      const network = federation.start();
      delivery = startEventDelivery(db, () => kernel, subscribers, { intervalMs: timings.eventsMs ?? 2_000, clock });
      built.events = delivery;
      const workers = [...runtimes.values()].flatMap((area) => (area.start ? [area.start()] : []));
      return async () => {
        await Promise.all([network.stop(), delivery?.stop(), ...workers.map((w) => w.stop())]);
        await (await heartbeat).stop();
        options.mailer?.close();
      };
    },
  };
  return built;
}
