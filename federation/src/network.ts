import { randomUUID } from "node:crypto";
import {
  createDeliveryRepo,
  createPeerRepo,
  createPlatformRepo,
  createPublicationRepo,
  createReceivedRepo,
  createRosterRepo,
  createTenantRepo,
  type Db,
  type DbOrTx,
  type InboxRefusal,
} from "@dynamo/db";
import type {
  Delivery,
  NetworkPlatform,
  NewPublication,
  Peer,
  PeerDeliverySummary,
  Publication,
  Result,
  RetrySchedule,
  Tenant,
  TenantId,
  TenantKind,
} from "@dynamo/domain";
import type { NodeEnv } from "@dynamo/http";
import { getLogger } from "@logtape/logtape";
import type { MiddlewareHandler } from "hono";
import { type FindActor, findTenantActor } from "./actors.ts";
import { type CatchUpReport, catchUpAll, catchUpFrom } from "./catch-up/catch-up.ts";
import { DELIVERY_RETRY_DEFAULTS } from "./delivery-policy.ts";
import type { FederationDeps, ListFollowers, NodeFederation } from "./federation.ts";
import { federationMiddleware } from "./hono-middleware.ts";
import type { OnActivity } from "./inbox.ts";
import { inboxGuard } from "./inbox-checks/guard.ts";
import { recordRefusal } from "./inbox-checks/refusals.ts";
import type { NetworkContext } from "./network-context.ts";
import { registerNetworkDispatchers } from "./outbox/dispatchers.ts";
import { enqueueActivity, type OutgoingActivity } from "./outbox/enqueue.ts";
import { startDeliveryWorker } from "./outbox/worker.ts";
import { decidePeeringRequest, endPeering, type PeeringError, requestPeering } from "./peering/use-cases.ts";
import {
  articleUrls,
  createPublication,
  deletePublication,
  type PublicationError,
  updatePublication,
} from "./publications/use-cases.ts";
import { type ActivityHandler, applyInbound } from "./receive/apply.ts";
import { readActivity } from "./receive/map.ts";
import { enqueuePlatformsUpdate, enqueueRegionsUpdate } from "./roster/publish.ts";
import { countryOfPlatformIdentifier } from "./roster/wire.ts";

const logger = getLogger(["dynamo", "federation"]);

export interface NetworkOptions {
  db: Db;
  kind: TenantKind;
  clock?: () => Date;
  newId?: () => string;
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
  /** As the federation's: fetch private and loopback addresses (tests, local demo; never production). */
  allowPrivateAddress?: boolean;
  /** Other areas' handlers for activities from trusted peers (ballots, reports). */
  handlers?: ActivityHandler[];
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
  listPublications(tenant: Tenant, options?: { localOnly?: boolean; limit?: number }): Promise<Publication[]>;
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
  /**
   * Writes an activity to the outbox in the caller's transaction (to every active peer, or to
   * named actors); call afterCommit() once the transaction committed. For other areas' activities.
   */
  sendAfterCommit(tx: DbOrTx, outgoing: OutgoingActivity): Promise<void>;
  afterCommit(): void;
}

export interface Network {
  /** Spread into createFederation's deps. */
  federationHooks: Required<
    Pick<FederationDeps, "findActor" | "listFollowers" | "onActivity" | "register" | "onUnverified">
  >;
  /** Binds the network to the node's federation (made with the hooks above). */
  attach(federation: NodeFederation): void;
  /** The inbox guard followed by Fedify: mount as the node's federation middleware. */
  middleware(): MiddlewareHandler<NodeEnv>;
  services: NetworkServices;
  /** Starts delivering, syncing the roster and catching up; stop() waits for work in flight. */
  start(): { stop(): Promise<void> };
}

/**
 * The network layer of a node: peering and trust, publications, the outbox and its delivery
 * worker, catch-up from peers' outboxes, the roster. Build it, pass its hooks to
 * createFederation, attach the federation, then mount its middleware and start it.
 */
export function createNetwork(options: NetworkOptions): Network {
  const { db } = options;
  let federation: NodeFederation | undefined;
  let wakeWorker: () => void = () => {};
  const ctx: NetworkContext = {
    db,
    clock: options.clock ?? (() => new Date()),
    newId: options.newId ?? randomUUID,
    get federation(): NodeFederation {
      if (federation === undefined) throw new Error("the network is not attached to a federation yet");
      return federation;
    },
    wake: () => wakeWorker(),
    allowPrivateAddress: options.allowPrivateAddress ?? false,
  };
  const handlers = options.handlers ?? [];
  const catchUpLimit = options.catchUpLimit ?? 500;
  const schedule: RetrySchedule = { ...DELIVERY_RETRY_DEFAULTS, ...options.retry };

  const findActor: FindActor = async (tenant, identifier) => {
    const own = await findTenantActor(tenant, identifier);
    if (own !== undefined || tenant.kind !== "region") return own;
    const country = countryOfPlatformIdentifier(identifier);
    const platform = country && (await createPlatformRepo(db, tenant.id).findByCountry(country));
    return platform
      ? { identifier, role: "platform", names: platform.names, defaultLocale: tenant.defaultLocale }
      : undefined;
  };

  const listFollowers: ListFollowers = async (tenant) =>
    (await createPeerRepo(db, tenant.id).listActive()).map((p) => ({
      actorId: new URL(p.actorId),
      inboxId: new URL(p.inbox),
      ...(p.sharedInbox ? { sharedInboxId: new URL(p.sharedInbox) } : {}),
    }));

  async function followRoster(tenant: Tenant, regions: readonly string[]) {
    for (const region of regions) {
      const asked = await requestPeering(ctx, tenant, null, region);
      if (!asked.ok && asked.error.kind !== "already-peered")
        logger.warning("could not ask {region} to peer from the roster: {kind}", { region, kind: asked.error.kind });
    }
  }

  const onActivity: OnActivity = async (received, activity) => {
    const fctx = ctx.federation.contextFor(received.tenant);
    const inbound = await readActivity(activity, {
      documentLoader: fctx.documentLoader,
      contextLoader: fctx.contextLoader,
    });
    if (inbound === undefined) return;
    const result = await applyInbound(ctx, received.tenant, inbound, "inbox", handlers);
    if (result.followRegions.length > 0) await followRoster(received.tenant, result.followRegions);
    if (result.catchUpFrom !== undefined) {
      const peer = await createPeerRepo(db, received.tenant.id).find(result.catchUpFrom);
      if (peer) await catchUpFrom(ctx, received.tenant, peer, { limit: catchUpLimit, handlers });
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
      createPublicationRepo(db, tenant.id).list({ limit: o.limit ?? 100, localOnly: o.localOnly ?? false }),
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
      for (const peer of peers) reports.push(await catchUpFrom(ctx, tenant, peer, { limit: catchUpLimit, handlers }));
      return reports;
    },
    async syncPlatforms(tenant) {
      const sent = await db.transaction((tx) => enqueuePlatformsUpdate(ctx, tx, tenant, { force: false }));
      if (sent) ctx.wake();
      return sent;
    },
    listNetworkPlatforms: (tenant) => createRosterRepo(db, tenant.id).listPlatforms({ activeOnly: true }),
    isTrustedPeer: async (tenant, actorId) => (await createPeerRepo(db, tenant.id).find(actorId))?.state === "active",
    sendAfterCommit: (tx, outgoing) => enqueueActivity(ctx, tx, outgoing),
    afterCommit: () => ctx.wake(),
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

  return {
    federationHooks: {
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
      register: (fedify, helpers) => registerNetworkDispatchers(fedify, db, () => ctx, helpers),
    },
    attach(attached) {
      federation = attached;
    },
    middleware() {
      const guard = inboxGuard(() => ctx);
      const fedify = federationMiddleware(ctx.federation);
      return async (c, next) => (await guard(c)) ?? fedify(c, next);
    },
    services,
    start() {
      const worker = startDeliveryWorker(ctx, {
        schedule,
        pollIntervalMs: options.pollIntervalMs ?? 1_000,
        leaseMs: options.leaseMs ?? 60_000,
        concurrency: options.concurrency ?? 8,
      });
      wakeWorker = () => worker.wake();
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
      const catchUp = () => run("catch-up", () => catchUpAll(ctx, options.kind, { limit: catchUpLimit, handlers }));
      const timers = [
        setInterval(() => run("roster sync", syncRosters), options.rosterSyncIntervalMs ?? 10_000),
        ...(options.catchUpIntervalMs === 0 ? [] : [setInterval(catchUp, options.catchUpIntervalMs ?? 3_600_000)]),
      ];
      for (const timer of timers) timer.unref();
      run("roster sync", syncRosters);
      catchUp();
      return {
        async stop() {
          stopped = true;
          for (const timer of timers) clearInterval(timer);
          wakeWorker = () => {};
          await worker.stop();
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
