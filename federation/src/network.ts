import { randomUUID } from "node:crypto";
import type { LocalizedText, Result, Tenant, TenantId } from "@dynamo/core";
import { createTenantRepo, type DbOrTx } from "@dynamo/db";
import type { NodeEnv } from "@dynamo/web";
import { getLogger } from "@logtape/logtape";
import type { MiddlewareHandler } from "hono";
import { type FindActor, findTenantActor, tenantActorIdentifier } from "./actors.ts";
import { type CatchUpReport, catchUpAll, catchUpFrom } from "./catch-up/catch-up.ts";
import { createDeliveryRepo } from "./db/deliveries.ts";
import { createFollowerRepo, createProfileRepo } from "./db/fediverse.ts";
import { createPeerRepo } from "./db/peers.ts";
import { createPublicationRepo } from "./db/publications.ts";
import { createReceivedRepo, type InboxRefusal } from "./db/received.ts";
import { createRosterRepo } from "./db/roster.ts";
import { DELIVERY_RETRY_DEFAULTS } from "./delivery-policy.ts";
import type { Delivery, PeerDeliverySummary, RetrySchedule } from "./domain/delivery.ts";
import type { BlockedServer, FediverseFollower, FediverseProfile } from "./domain/fediverse.ts";
import type { NetworkPlatform } from "./domain/network-platform.ts";
import type { Peer } from "./domain/peering.ts";
import type { NewPublication, Publication, PublicationKind } from "./domain/publication.ts";
import { createInboxTable, type InboxRoute } from "./exchange/dispatch.ts";
import type { DocumentType } from "./exchange/document-type.ts";
import { createExchange, type Exchange } from "./exchange/exchange.ts";
import { startInboundWorker } from "./exchange/inbound-worker.ts";
import { createFederation, type FederationDeps, type ListFollowers, type NodeFederation } from "./federation.ts";
import {
  actorIcon,
  blockServer,
  type FediverseError,
  NETWORK_LOGO,
  unblockServer,
  updateProfile,
} from "./fediverse/use-cases.ts";
import { federationMiddleware } from "./hono-middleware.ts";
import type { OnActivity } from "./inbox.ts";
import { inboxGuard } from "./inbox-checks/guard.ts";
import { recordRefusal } from "./inbox-checks/refusals.ts";
import type { LocalPlatforms } from "./local-platforms.ts";
import type { NetworkContext } from "./network-context.ts";
import { announceReturn } from "./outbox/announce.ts";
import { registerNetworkDispatchers } from "./outbox/dispatchers.ts";
import { startDeliveryWorker } from "./outbox/worker.ts";
import { decidePeeringRequest, endPeering, type PeeringError, requestPeering } from "./peering/use-cases.ts";
import {
  articleUrls,
  createPublication,
  deletePublication,
  type PublicationError,
  updatePublication,
} from "./publications/use-cases.ts";
import { applyInbound } from "./receive/apply.ts";
import { readActivity } from "./receive/map.ts";
import { enqueuePlatformsUpdate, enqueueRegionsUpdate } from "./roster/publish.ts";
import { countryOfPlatformIdentifier } from "./roster/wire.ts";

const logger = getLogger(["dynamo", "federation"]);

/** What a node gives to build its federation: the database and settings, and every area's document types and routes. */
export interface NodeFederationOptions
  extends Omit<FederationDeps, "findActor" | "listFollowers" | "onActivity" | "register" | "onUnverified"> {
  clock?: () => Date;
  newId?: () => string;
  /** Every area's signed document types, and where each kind of message goes. */
  documents?: readonly DocumentType[];
  routes?: readonly InboxRoute[];
  /** The region's national platforms, from the area that keeps them. */
  platforms: LocalPlatforms;
  network?: NetworkTimings;
}

/** How the background work paces itself (tests shorten it). */
export interface NetworkTimings {
  /** Delivery retries: backoff from initialDelayMs to maxDelayMs, for retryForMs after the first failure. */
  retry?: Partial<RetrySchedule>;
  pollIntervalMs?: number;
  leaseMs?: number;
  concurrency?: number;
  /** How often a region checks whether its platforms changed, to send them to its peers. */
  rosterSyncIntervalMs?: number;
  /** How often every peer's outbox is read for what was missed (also once at start); 0: only at start. */
  catchUpIntervalMs?: number;
  /** The most activities read from one peer's outbox per catch-up. */
  catchUpLimit?: number;
  /** How often the inbound worker looks for kept messages (a wake after commit is immediate). */
  inboundIntervalMs?: number;
}

/** What the node's routes, pages and other areas use: peering, publications, delivery status, the roster. */
export interface NetworkServices {
  listPeers(tenant: Tenant): Promise<Peer[]>;
  requestPeering(tenant: Tenant, decidedBy: string | null, target: string): Promise<Result<Peer, PeeringError>>;
  decidePeering(
    tenant: Tenant,
    decidedBy: string | null,
    actorId: string,
    decision: "approve" | "refuse",
    reason?: string | null,
  ): Promise<Result<Peer, PeeringError>>;
  endPeering(
    tenant: Tenant,
    decidedBy: string | null,
    actorId: string,
    reason?: string | null,
  ): Promise<Result<Peer, PeeringError>>;
  createPublication(tenant: Tenant, input: NewPublication): Promise<Result<Publication, PublicationError>>;
  updatePublication(tenant: Tenant, id: string, input: NewPublication): Promise<Result<Publication, PublicationError>>;
  deletePublication(tenant: Tenant, id: string): Promise<Result<null, PublicationError>>;
  listPublications(
    tenant: Tenant,
    options?: { localOnly?: boolean; limit?: number; kind?: PublicationKind },
  ): Promise<Publication[]>;
  getPublication(tenant: Tenant, id: string): Promise<Publication | undefined>;
  /** The public page and ActivityPub id of one of the tenant's articles. */
  publicationUrls(tenant: Tenant, id: string): { objectId: string; url: string };
  deliveryStatus(
    tenant: Tenant,
    options?: { peerActorId?: string; limit?: number },
  ): Promise<{ peers: PeerDeliverySummary[]; deliveries: Delivery[]; refusals: InboxRefusal[] }>;
  /** Reads every active peer's outbox (or one peer's) and applies what was missed. */
  catchUp(tenant: Tenant, peerActorId?: string): Promise<CatchUpReport[]>;
  /** Sends the region's platforms to its peers now if they changed. */
  syncPlatforms(tenant: Tenant): Promise<boolean>;
  /** The network roster (the ballots' electorate): active platforms of actively peered regions, with region code. */
  listNetworkPlatforms(tenant: Tenant): Promise<NetworkPlatform[]>;
  /** Is this actor an active peer of the tenant? */
  isTrustedPeer(tenant: Tenant, actorId: string): Promise<boolean>;
  /** How the tenant's actor presents itself to fediverse users (summary, discoverable, logo). */
  fediverseProfile(tenant: Tenant): Promise<FediverseProfile>;
  updateFediverseProfile(
    tenant: Tenant,
    change: { summaries?: LocalizedText; discoverable?: boolean; icon?: Uint8Array | null },
  ): Promise<Result<null, FediverseError>>;
  /** The avatar of one of the tenant's actors (its logo, or the network's); undefined: no such actor. */
  actorIcon(tenant: Tenant, identifier: string): Promise<{ mediaType: string; bytes: Uint8Array } | undefined>;
  /** Fediverse readers following the tenant's public publications (never peers, never trusted). */
  listFediverseFollowers(
    tenant: Tenant,
    options?: { limit?: number },
  ): Promise<{ followers: FediverseFollower[]; total: number }>;
  listBlockedServers(tenant: Tenant): Promise<BlockedServer[]>;
  blockServer(
    tenant: Tenant,
    decidedBy: string | null,
    server: string,
    reason?: string | null,
  ): Promise<Result<{ server: string; followersRemoved: number }, FediverseError>>;
  unblockServer(tenant: Tenant, server: string): Promise<Result<null, FediverseError>>;
}

/** A node's federation: built in one step, nothing running until start(). */
export interface NodeNetwork {
  federation: NodeFederation;
  /** The areas' port: signed documents, the outbox, peers. */
  exchange: Exchange;
  /** Peering, publications, delivery status: what the network area's routes and pages use. */
  services: NetworkServices;
  /** The inbox guard followed by Fedify: mount as the node's federation middleware. */
  middleware(): MiddlewareHandler<NodeEnv>;
  /** Starts Fedify's queue, delivering, the inbound worker, syncing the roster and catching up; stop() waits for work in flight. */
  start(): { stop(): Promise<void> };
}

/**
 * A node's federation in one step: Fedify on our database (actors, keys, queue, inbox), peering
 * and trust, publications, the outbox and its delivery worker, catch-up from peers' outboxes, the
 * roster, and the signed exchange of every area's documents (their types and routes are known
 * here, before any area runs). Nothing starts and nothing is fetched until start().
 */
export function createNodeFederation(options: NodeFederationOptions): NodeNetwork {
  const { db } = options;
  const timings = options.network ?? {};
  let wakeWorker: () => void = () => {};
  let wakeInbound: () => void = () => {};
  const table = createInboxTable(options.documents ?? [], options.routes ?? []);
  // The context is completed below, once Fedify's object exists: its hooks (actors, followers,
  // inbox) read it only when called, never while this function runs.
  const ctx = {
    db,
    clock: options.clock ?? (() => new Date()),
    newId: options.newId ?? randomUUID,
    wake: () => wakeWorker(),
    wakeInbound: () => wakeInbound(),
    platforms: options.platforms,
    allowPrivateAddress: options.allowPrivateAddress ?? false,
    table,
  } as NetworkContext;
  const catchUpLimit = timings.catchUpLimit ?? 500;
  const schedule: RetrySchedule = { ...DELIVERY_RETRY_DEFAULTS, ...timings.retry };

  const findActor: FindActor = async (tenant, identifier) => {
    const own = await findTenantActor(tenant, identifier);
    if (own !== undefined) {
      const profile = await createProfileRepo(db, tenant.id).get();
      const icon = new URL(`/ap/actors/${identifier}/icon`, ctx.federation.originOf(tenant));
      return {
        ...own,
        summaries: profile.summaries,
        discoverable: profile.discoverable,
        icon: { url: icon, mediaType: (profile.icon ?? NETWORK_LOGO).mediaType },
      };
    }
    if (tenant.kind !== "region") return undefined;
    const country = countryOfPlatformIdentifier(identifier);
    const platform = country && (await options.platforms.findByCountry(db, tenant, country));
    return platform
      ? { identifier, role: "platform", names: platform.names, defaultLocale: tenant.defaultLocale }
      : undefined;
  };

  // The tenant actor's followers: its active peers, then the fediverse readers who follow it.
  const listFollowers: ListFollowers = async (tenant, identifier) => {
    const peers = (await createPeerRepo(db, tenant.id).listActive()).map((p) => ({
      actorId: new URL(p.actorId),
      inboxId: new URL(p.inbox),
      ...(p.sharedInbox ? { sharedInboxId: new URL(p.sharedInbox) } : {}),
    }));
    if (identifier !== tenantActorIdentifier(tenant)) return peers;
    const readers = (await createFollowerRepo(db, tenant.id).list({ limit: 100_000 })).map((f) => ({
      actorId: new URL(f.actorId),
      inboxId: new URL(f.inbox),
      ...(f.sharedInbox ? { sharedInboxId: new URL(f.sharedInbox) } : {}),
    }));
    return [...peers, ...readers];
  };

  async function followRoster(tenant: Tenant, regions: readonly string[]) {
    for (const region of regions) {
      const asked = await requestPeering(ctx, tenant, null, region, { viaRoster: true });
      if (!asked.ok && asked.error.kind !== "already-peered")
        logger.warning("could not ask {region} to peer from the roster: {kind}", { region, kind: asked.error.kind });
    }
  }

  const onActivity: OnActivity = async (received, activity) => {
    const fctx = ctx.federation.contextFor(received.tenant);
    const inbound = await readActivity(
      activity,
      { documentLoader: fctx.documentLoader, contextLoader: fctx.contextLoader },
      table.mediaTypes,
    );
    if (inbound === undefined) return;
    const result = await applyInbound(ctx, received.tenant, inbound, "inbox");
    if (result.followRegions.length > 0) await followRoster(received.tenant, result.followRegions);
    if (result.catchUpFrom !== undefined) {
      const peer = await createPeerRepo(db, received.tenant.id).find(result.catchUpFrom);
      if (peer) await catchUpFrom(ctx, received.tenant, peer, { limit: catchUpLimit });
    }
  };

  const services: NetworkServices = {
    listPeers: (tenant) => createPeerRepo(db, tenant.id).list(),
    requestPeering: (tenant, by, target) => requestPeering(ctx, tenant, by, target),
    decidePeering: (tenant, by, actorId, decision, reason = null) =>
      decidePeeringRequest(ctx, tenant, by, actorId, decision, reason),
    endPeering: (tenant, by, actorId, reason = null) => endPeering(ctx, tenant, by, actorId, reason),
    createPublication: (tenant, input) => createPublication(ctx, tenant, input),
    updatePublication: (tenant, id, input) => updatePublication(ctx, tenant, id, input),
    deletePublication: (tenant, id) => deletePublication(ctx, tenant, id),
    listPublications: (tenant, o = {}) =>
      createPublicationRepo(db, tenant.id).list({
        limit: o.limit ?? 100,
        localOnly: o.localOnly ?? false,
        ...(o.kind ? { kind: o.kind } : {}),
      }),
    getPublication: (tenant, id) => createPublicationRepo(db, tenant.id).findById(id),
    publicationUrls: (tenant, id) => articleUrls(ctx, tenant, id),
    async deliveryStatus(tenant, o = {}) {
      const deliveries = createDeliveryRepo(db, tenant.id);
      return {
        peers: await deliveries.summary(),
        deliveries: await deliveries.list({ peerActorId: o.peerActorId, limit: o.limit ?? 100 }),
        refusals: await createReceivedRepo(db, tenant.id).refusals(o.limit ?? 100),
      };
    },
    async catchUp(tenant, peerActorId) {
      const peers = (await createPeerRepo(db, tenant.id).listActive()).filter(
        (p) => peerActorId === undefined || p.actorId === peerActorId,
      );
      const reports: CatchUpReport[] = [];
      for (const peer of peers) reports.push(await catchUpFrom(ctx, tenant, peer, { limit: catchUpLimit }));
      return reports;
    },
    async syncPlatforms(tenant) {
      const sent = await db.transaction((tx) => enqueuePlatformsUpdate(ctx, tx, tenant, { force: false }));
      if (sent) ctx.wake();
      return sent;
    },
    listNetworkPlatforms: (tenant) => createRosterRepo(db, tenant.id).listPlatforms({ activeOnly: true }),
    isTrustedPeer: async (tenant, actorId) => (await createPeerRepo(db, tenant.id).find(actorId))?.state === "active",
    fediverseProfile: (tenant) => createProfileRepo(db, tenant.id).get(),
    updateFediverseProfile: (tenant, change) => updateProfile(ctx, tenant, change),
    actorIcon: (tenant, identifier) => actorIcon(ctx, tenant, identifier),
    async listFediverseFollowers(tenant, o = {}) {
      const followers = createFollowerRepo(db, tenant.id);
      return { followers: await followers.list({ limit: o.limit ?? 200 }), total: await followers.count() };
    },
    listBlockedServers: (tenant) => createFollowerRepo(db, tenant.id).blocked(),
    blockServer: (tenant, by, server, reason = null) => blockServer(ctx, tenant, by, server, reason),
    unblockServer: (tenant, server) => unblockServer(ctx, tenant, server),
  };

  async function syncRosters() {
    for (const tenant of (await createTenantRepo(db).list()).filter((t) => t.kind === options.kind)) {
      const sent = await db.transaction((tx) =>
        tenant.kind === "hub"
          ? enqueueRegionsUpdate(ctx, tx, tenant)
          : enqueuePlatformsUpdate(ctx, tx, tenant, { force: false }),
      );
      if (sent) ctx.wake();
    }
  }

  const {
    network: _timings,
    documents: _documents,
    routes: _routes,
    platforms: _platforms,
    ...federationDeps
  } = options;
  const federation = createFederation({
    ...federationDeps,
    findActor,
    listFollowers,
    onActivity,
    onUnverified: (tenant, activity, reason) =>
      recordRefusal(ctx, tenant, {
        reason: "signature-invalid",
        activityId: activity.id?.href,
        actorId: activity.actorId?.href,
        type: activity.constructor.name,
        detail: reason,
      }),
    mayListMembers: async (tenant, requester) =>
      (await createPeerRepo(db, tenant.id).find(requester))?.state === "active",
    register: (fedify, helpers) => registerNetworkDispatchers(fedify, db, () => ctx, helpers),
  });
  ctx.federation = federation;
  ctx.exchange = createExchange(ctx);

  return {
    federation,
    exchange: ctx.exchange,
    middleware() {
      const guard = inboxGuard(() => ctx);
      const fedify = federationMiddleware(federation);
      return async (c, next) => (await guard(c)) ?? fedify(c, next);
    },
    services,
    start() {
      const queue = federation.startQueue();
      const worker = startDeliveryWorker(ctx, {
        schedule,
        pollIntervalMs: timings.pollIntervalMs ?? 1_000,
        leaseMs: timings.leaseMs ?? 60_000,
        concurrency: timings.concurrency ?? 8,
      });
      wakeWorker = () => worker.wake();
      const inbound = startInboundWorker(ctx, table, ctx.exchange, { intervalMs: timings.inboundIntervalMs ?? 2_000 });
      wakeInbound = () => inbound.wake();
      let stopped = false;
      const tasks = new Set<Promise<unknown>>();
      const run = (what: string, task: () => Promise<unknown>) => {
        if (stopped) return;
        const running = task()
          .catch((error) => {
            if (!stopped) logger.error("{what} failed: {error}", { what, error });
          })
          .finally(() => tasks.delete(running));
        tasks.add(running);
      };
      const catchUp = () => run("catch-up", () => catchUpAll(ctx, options.kind, { limit: catchUpLimit }));
      const timers = [
        setInterval(() => run("roster sync", syncRosters), timings.rosterSyncIntervalMs ?? 10_000),
        ...(timings.catchUpIntervalMs === 0 ? [] : [setInterval(catchUp, timings.catchUpIntervalMs ?? 3_600_000)]),
      ];
      for (const timer of timers) timer.unref();
      run("roster sync", syncRosters);
      run("announcing our return", () => announceReturn(ctx));
      catchUp();
      return {
        async stop() {
          stopped = true;
          for (const timer of timers) clearInterval(timer);
          wakeWorker = () => {};
          wakeInbound = () => {};
          await queue.stop();
          await Promise.all([worker.stop(), inbound.stop()]);
          await Promise.allSettled([...tasks]);
        },
      };
    },
  };
}

/** Is this actor an active peer of the tenant? For other areas checking who may speak to them. */
export async function isTrustedPeer(db: DbOrTx, tenantId: TenantId, actorId: string): Promise<boolean> {
  return (await createPeerRepo(db, tenantId).find(actorId))?.state === "active";
}
