import { pickLocalized, type Tenant, type TenantKind } from "@dynamo/core";
import { createTenantRepo, type Db } from "@dynamo/db";
import { type Context, createFederation as createFedify, type Federation, type RequestContext } from "@fedify/fedify";
import { Activity } from "@fedify/vocab";
import { getLogger } from "@logtape/logtape";
import { type ActorProfile, buildActor, type FindActor, findTenantActor } from "./actors.ts";
import type { FederationContextData } from "./context-data.ts";
import {
  createDeliveryRetryPolicy,
  DELIVERY_RETRY_DEFAULTS,
  type DeliveryRetryOptions,
  PERMANENT_FAILURE_STATUS_CODES,
} from "./delivery-policy.ts";
import { type OnActivity, toReceivedActivity } from "./inbox.ts";
import { type ActorKeyStore, createActorKeyStore } from "./keys/actor-key-store.ts";
import { createDrizzleKvStore } from "./stores/kv-store.ts";
import { createDrizzleMessageQueue, type DrizzleMessageQueueOptions } from "./stores/message-queue.ts";

const logger = getLogger(["dynamo", "federation"]);

/** A follower as delivery needs it: its actor and its inbox (and shared inbox, if it has one). */
export interface Follower {
  actorId: URL;
  inboxId: URL;
  sharedInboxId?: URL;
}

export type ListFollowers = (tenant: Tenant, identifier: string) => Promise<Follower[]>;

export interface FederationDeps {
  db: Db;
  /** Seals queued payloads and private keys (each with its own derived key). */
  nodeSecret: string;
  /** Which tenants this node serves. */
  kind: TenantKind;
  environment: "development" | "production" | "test";
  /** The node's public URL: its scheme is the scheme of every tenant's origin. */
  publicUrl: string;
  softwareVersion?: string;
  /** The actors a tenant has; by default its own Organization only. */
  findActor?: FindActor;
  /** Who receives an actor's activities sent to "followers"; none until peering exists. */
  listFollowers?: ListFollowers;
  /**
   * Whether an actor (who signed the request) may see the members of the tenant's collections
   * (followers, following); anyone sees their count. By default no one.
   */
  mayListMembers?: (tenant: Tenant, requester: string) => Promise<boolean>;
  /** What to do with each verified incoming activity. */
  onActivity?: OnActivity;
  /**
   * Lets Fedify fetch private and loopback addresses (127.0.0.x in tests and local demos).
   * Refused in production: it turns off Fedify's guard against server-side request forgery.
   */
  allowPrivateAddress?: boolean;
  queue?: Omit<DrizzleMessageQueueOptions, "secret">;
  retry?: DeliveryRetryOptions;
  /** Told of every activity whose signature did not verify (Fedify answers 401), to log it. */
  onUnverified?: (tenant: Tenant, activity: Activity, reason: string) => Promise<void>;
  /** Registers more dispatchers (outboxes, objects) on Fedify's object; the network layer's hook. */
  register?: (
    fedify: Federation<FederationContextData>,
    helpers: {
      tenantOf(ctx: Context<FederationContextData>): Promise<Tenant | undefined>;
      membersAuthorized(ctx: RequestContext<FederationContextData>): Promise<boolean>;
    },
  ) => void;
}

export interface RunningQueue {
  /** Stops claiming messages and resolves once the handlers in flight are done. */
  stop(): Promise<void>;
}

/** A node's federation: Fedify's object plus what our code needs around it. */
export interface NodeFederation {
  fedify: Federation<FederationContextData>;
  keys: ActorKeyStore;
  findActor: FindActor;
  /** The origin a tenant's actors live under (scheme of the public URL, the tenant's host). */
  originOf(tenant: Tenant): URL;
  /** A Fedify context for work outside a request (sending, rotating keys). */
  contextFor(tenant: Tenant): Context<FederationContextData>;
  /** Starts the delivery and inbox worker on this node's queue; it drains what a previous run left. */
  startQueue(): RunningQueue;
}

export const ACTOR_PATH = "/ap/actors/{identifier}";

/** Members per page of a collection (followers, following). */
export const COLLECTION_PAGE_SIZE = 50;

/** Where Fedify caches remote public keys and documents in its KvStore (its defaults, named here). */
const FEDIFY_PUBLIC_KEYS = ["_fedify", "publicKey"] as const;
const FEDIFY_REMOTE_DOCUMENTS = ["_fedify", "remoteDocument"] as const;

/**
 * Builds the node's Fedify federation on our database: the drizzle KvStore and MessageQueue,
 * a retry policy of eight days, permanent failure on 4xx refusals, one Organization actor per
 * tenant (and any other actor findActor knows), keys made on first use, WebFinger and NodeInfo.
 * Nothing starts: call startQueue() at boot.
 */
export function createFederation(deps: FederationDeps): NodeFederation {
  if (deps.allowPrivateAddress && deps.environment === "production") {
    throw new Error("allowPrivateAddress is for tests and local demos; it is refused when NODE_ENV=production");
  }
  const findActor = deps.findActor ?? findTenantActor;
  const listFollowers = deps.listFollowers ?? (async () => []);
  const tenants = createTenantRepo(deps.db);
  const keys = createActorKeyStore(deps.db, deps.nodeSecret);
  const scheme = new URL(deps.publicUrl).protocol;
  const publicHost = new URL(deps.publicUrl).host;
  const retryPolicy = createDeliveryRetryPolicy(deps.retry);

  const fedify = createFedify<FederationContextData>({
    // Fedify reads a peer's cached public key for every activity it verifies: keep those (and
    // cached remote documents) in memory too. Fedify fetches a key again when it fails to verify.
    kv: createDrizzleKvStore(deps.db, {
      remember: { prefixes: [FEDIFY_PUBLIC_KEYS, FEDIFY_REMOTE_DOCUMENTS], maxAgeMs: 60_000 },
    }),
    queue: createDrizzleMessageQueue(deps.db, { secret: deps.nodeSecret, ...deps.queue }),
    kvPrefixes: { publicKey: FEDIFY_PUBLIC_KEYS, remoteDocument: FEDIFY_REMOTE_DOCUMENTS },
    // The worker serves every tenant: it must not start with the first request's tenant.
    manuallyStartQueue: true,
    allowPrivateAddress: deps.allowPrivateAddress ?? false,
    outboxRetryPolicy: retryPolicy,
    inboxRetryPolicy: retryPolicy,
    permanentFailureStatusCodes: PERMANENT_FAILURE_STATUS_CODES,
    circuitBreaker: {
      heldActivityTtl: { milliseconds: deps.retry?.retryForMs ?? DELIVERY_RETRY_DEFAULTS.retryForMs },
    },
  });

  const originOf = (tenant: Tenant): URL => {
    const host = tenant.hosts.includes(publicHost) ? publicHost : tenant.hosts[0];
    if (host === undefined) throw new Error(`tenant ${tenant.slug} has no host`);
    return new URL(`${scheme}//${host}`);
  };

  // The queue worker's contexts carry no tenant: Fedify asks for the recipient's keys and actor
  // several times per incoming activity, so a host found is remembered a few seconds.
  const tenantsByHost = new Map<string, { until: number; tenant: Promise<Tenant | undefined> }>();
  const TENANT_BY_HOST_MS = 5_000;

  /** The tenant a context serves: the request's, or, in the queue worker, the one at the task's host. */
  async function tenantOf(ctx: Context<FederationContextData>): Promise<Tenant | undefined> {
    if (ctx.data.tenant !== undefined) return ctx.data.tenant;
    const cached = tenantsByHost.get(ctx.host);
    if (cached !== undefined && cached.until > Date.now()) return cached.tenant;
    const found = tenants.findByHost(ctx.host).then((tenant) => (tenant?.kind === deps.kind ? tenant : undefined));
    const entry = { until: Date.now() + TENANT_BY_HOST_MS, tenant: found };
    tenantsByHost.set(ctx.host, entry);
    // Only a tenant found is remembered: a host added a moment ago answers at once.
    found.then(
      (tenant) => tenant === undefined && tenantsByHost.get(ctx.host) === entry && tenantsByHost.delete(ctx.host),
      () => tenantsByHost.get(ctx.host) === entry && tenantsByHost.delete(ctx.host),
    );
    return found;
  }

  async function actorOf(
    ctx: Context<FederationContextData>,
    identifier: string,
  ): Promise<{ tenant: Tenant; profile: ActorProfile } | undefined> {
    const tenant = await tenantOf(ctx);
    const profile = tenant && (await findActor(tenant, identifier));
    return tenant && profile ? { tenant, profile } : undefined;
  }

  fedify
    .setActorDispatcher(ACTOR_PATH, async (ctx, identifier) => {
      const found = await actorOf(ctx, identifier);
      return found ? buildActor(ctx, found.profile, originOf(found.tenant)) : null;
    })
    .setKeyPairsDispatcher(async (ctx, identifier) => {
      const found = await actorOf(ctx, identifier);
      if (found === undefined) return [];
      return (await keys.keyPairsOf(found.tenant.id, identifier)).map((key) => key.keyPair);
    });

  /**
   * Authorized fetch of a collection's members: the collection itself (its count and first
   * page's address) answers anyone; its pages only a request signed by an actor allowed to see
   * them. Fedify's own sending to "followers" reads the pages without a request, unaffected.
   */
  const membersAuthorized = async (ctx: RequestContext<FederationContextData>): Promise<boolean> => {
    if (!new URL(ctx.request.url).searchParams.has("cursor")) return true;
    const tenant = await tenantOf(ctx);
    const owner = tenant && (await ctx.getSignedKeyOwner().catch(() => null));
    return tenant !== undefined && owner?.id != null && (await (deps.mayListMembers?.(tenant, owner.id.href) ?? false));
  };

  fedify
    .setFollowersDispatcher(`${ACTOR_PATH}/followers`, async (ctx, identifier, cursor) => {
      const found = await actorOf(ctx, identifier);
      if (found === undefined) return null;
      const followers = await listFollowers(found.tenant, identifier);
      const offset = cursor === null ? 0 : Number.parseInt(cursor, 10);
      if (!Number.isSafeInteger(offset) || offset < 0) return null;
      const page = cursor === null ? followers : followers.slice(offset, offset + COLLECTION_PAGE_SIZE);
      return {
        items: page.map((follower) => ({
          id: follower.actorId,
          inboxId: follower.inboxId,
          endpoints: follower.sharedInboxId ? { sharedInbox: follower.sharedInboxId } : null,
        })),
        nextCursor:
          cursor !== null && offset + COLLECTION_PAGE_SIZE < followers.length
            ? String(offset + COLLECTION_PAGE_SIZE)
            : null,
      };
    })
    .setCounter(async (ctx, identifier) => {
      const found = await actorOf(ctx, identifier);
      return found ? (await listFollowers(found.tenant, identifier)).length : null;
    })
    .setFirstCursor(() => "0")
    .authorize(membersAuthorized);

  fedify
    .setInboxListeners(`${ACTOR_PATH}/inbox`, "/ap/inbox")
    .on(Activity, async (ctx, activity) => {
      const tenant = await tenantOf(ctx);
      if (tenant === undefined) {
        logger.warning("activity {id} arrived for a host no tenant of this node answers on: {host}", {
          id: activity.id?.href,
          host: ctx.host,
        });
        return;
      }
      await deps.onActivity?.(toReceivedActivity(tenant, ctx, activity), activity);
    })
    .onError((_ctx, error) => {
      logger.error("handling an incoming activity failed: {error}", { error });
    })
    .onUnverifiedActivity(async (ctx, activity, reason) => {
      const tenant = await tenantOf(ctx);
      if (tenant !== undefined) await deps.onUnverified?.(tenant, activity, reason.type);
    });

  deps.register?.(fedify, { tenantOf, membersAuthorized });

  fedify.setNodeInfoDispatcher("/nodeinfo/2.1", async (ctx) => {
    const tenant = await tenantOf(ctx);
    return {
      software: { name: "dynamo-network", version: deps.softwareVersion ?? "0.0.0" },
      protocols: ["activitypub"],
      openRegistrations: false,
      usage: { users: {}, localPosts: 0, localComments: 0 },
      ...(tenant && {
        metadata: {
          nodeName: pickLocalized(tenant.names, tenant.defaultLocale) ?? tenant.slug,
          tenant: tenant.slug,
          tenantKind: tenant.kind,
        },
      }),
    };
  });

  // Making a context builds its document loaders: one per tenant object is enough (a tenant read
  // again, after a change, gets its own).
  const contexts = new WeakMap<Tenant, Context<FederationContextData>>();

  return {
    fedify,
    keys,
    findActor,
    originOf,
    contextFor(tenant) {
      let context = contexts.get(tenant);
      if (context === undefined) {
        context = fedify.createContext(originOf(tenant), { tenant });
        contexts.set(tenant, context);
      }
      return context;
    },
    startQueue() {
      const controller = new AbortController();
      const running = fedify.startQueue({ tenant: undefined }, { signal: controller.signal });
      running.catch((error) => logger.error("the federation queue stopped: {error}", { error }));
      logger.info("federation queue started");
      return {
        stop: async () => {
          controller.abort();
          await running.catch(() => {});
        },
      };
    },
  };
}
