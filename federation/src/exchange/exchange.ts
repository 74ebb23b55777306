import { isRegionCode, type PlatformStatus, type RegionCode, type Tenant } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import { tenantActorIdentifier } from "../actors.ts";
import { createPeerRepo } from "../db/peers.ts";
import { createRosterRepo } from "../db/roster.ts";
import { ACTOR_PATH } from "../federation.ts";
import type { NetworkContext } from "../network-context.ts";
import { enqueueActivity } from "../outbox/enqueue.ts";
import { countryOfPlatformIdentifier, platformActorIdentifier } from "../roster/wire.ts";
import type { SendingPeer } from "./dispatch.ts";
import { type OutgoingMessage, toActivity } from "./envelope.ts";
import { type JsonObject, type ProofFailure, type Signed, signJson, type VerifiedProof, verifyJson } from "./proof.ts";

/** Who speaks: the tenant's own actor, or one of its national platforms' (named by country code). */
export type From = "tenant" | { platform: string };

/** Who receives: every active peer of the tenant, or named actors with their inboxes. */
export type Recipients = "peers" | readonly { actorId: string; inbox: string }[];

/** An active peer with its inbox. */
export interface PeerAddress extends SendingPeer {
  inbox: string;
}

/** A platform of the network roster, as the hub keeps it from its regions. */
export interface RosterEntry {
  countryCode: string;
  regionCode: RegionCode;
  status: PlatformStatus;
}

/**
 * What the areas use of federation, as one port: actors' URIs, signing and checking signed
 * documents, the outbox, and who the tenant's peers are. Nothing here is ActivityPub vocabulary;
 * the areas speak in documents, displays and recipients.
 */
export interface Exchange {
  actorUri(tenant: Tenant, from?: From): string;
  /** The platform (country code) and the node's origin a platform actor's URI names. */
  platformOfActor(uri: string): { origin: string; countryCode: string } | undefined;
  /** Signs a document as `from` (eddsa-jcs-2022 with the actor's Ed25519 key); `created` is the signing time. */
  sign<T extends JsonObject>(tenant: Tenant, from: From, document: T, created: Date): Promise<Signed<T>>;
  /**
   * The signing function of `from`, its key loaded now: for signing inside a transaction (the
   * key store lives in the database, which embedded PGlite serves on one connection).
   */
  signer(tenant: Tenant, from: From): Promise<<T extends JsonObject>(document: T, created: Date) => Promise<Signed<T>>>;
  /** Checks a signed document (kept or published): who signed it, with which key, when. Outside transactions. */
  verify(
    tenant: Tenant,
    signed: unknown,
  ): Promise<{ ok: true; value: VerifiedProof } | { ok: false; error: ProofFailure }>;
  /**
   * Writes a message to the outbox in the caller's transaction. Nothing is sent before the
   * transaction commits; then call wake() and the delivery worker signs and sends it, retrying
   * for days. `listed`: shown in the actor's public outbox (where peers catch up).
   */
  send(
    tx: DbOrTx,
    tenant: Tenant,
    message: OutgoingMessage & {
      from: From;
      to: Recipients;
      listed: boolean;
      /** Until then a failed delivery is retried every few seconds, not on the general back-off (a vote before its deadline). */
      urgentUntil?: Date | undefined;
    },
  ): Promise<void>;
  wake(): void;
  /** The tenant's active peers: the hub for a region (and the regions its roster names), the regions for the hub. */
  peers(db: DbOrTx, tenant: Tenant): Promise<PeerAddress[]>;
  /** A region's hub, if it peers with one. */
  hub(db: DbOrTx, tenant: Tenant): Promise<PeerAddress | undefined>;
  /** The hub's roster: the national platforms its peered regions published. */
  roster(db: DbOrTx, tenant: Tenant): Promise<RosterEntry[]>;
}

const ACTOR_PATH_PREFIX = ACTOR_PATH.replace("{identifier}", "");

export function platformOfActorUri(uri: string): { origin: string; countryCode: string } | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (!url.pathname.startsWith(ACTOR_PATH_PREFIX) || url.search !== "" || url.hash !== "") return undefined;
  const country = countryOfPlatformIdentifier(url.pathname.slice(ACTOR_PATH_PREFIX.length));
  return country === undefined ? undefined : { origin: url.origin, countryCode: country };
}

const identifierOf = (tenant: Tenant, from: From) =>
  from === "tenant" ? tenantActorIdentifier(tenant) : platformActorIdentifier(from.platform);

/** The areas' port on this node's federation. */
export function createExchange(ctx: NetworkContext): Exchange {
  async function peers(db: DbOrTx, tenant: Tenant): Promise<PeerAddress[]> {
    const roster = createRosterRepo(db, tenant.id);
    const out: PeerAddress[] = [];
    for (const p of await createPeerRepo(db, tenant.id).listActive()) {
      // A hub peers only with regions. A region peers with its hub and with the regions the hub's
      // roster names (which send their region code with their platforms): a peer that has no
      // region code and that no roster names is the hub.
      const isHub = tenant.kind === "region" && p.regionCode === null && !(await roster.isRosterRegion(p.actorId));
      out.push({ actorId: p.actorId, inbox: p.inbox, regionCode: p.regionCode, role: isHub ? "hub" : "region" });
    }
    return out;
  }

  async function signer(tenant: Tenant, from: From) {
    const identifier = identifierOf(tenant, from);
    const pairs = await ctx.federation.keys.keyPairsOf(tenant.id, identifier);
    const index = pairs.findIndex((pair) => pair.kind === "ed25519");
    const pair = pairs[index];
    if (pair === undefined) throw new Error(`actor ${identifier} of ${tenant.slug} has no Ed25519 key`);
    const actorId = ctx.federation.contextFor(tenant).getActorUri(identifier).href;
    // Fedify publishes an actor's keys as assertion methods #multikey-1, #multikey-2… in the
    // order the key store gives them.
    const key = { keyId: `${actorId}#multikey-${index + 1}`, privateKey: pair.keyPair.privateKey };
    return <T extends JsonObject>(document: T, created: Date) => signJson(document, key, created);
  }

  return {
    actorUri: (tenant, from = "tenant") =>
      ctx.federation.contextFor(tenant).getActorUri(identifierOf(tenant, from)).href,
    platformOfActor: platformOfActorUri,

    async sign(tenant, from, document, created) {
      return (await signer(tenant, from))(document, created);
    },

    signer,

    verify(tenant, signed) {
      const fctx = ctx.federation.contextFor(tenant);
      return verifyJson(signed, { documentLoader: fctx.documentLoader, contextLoader: fctx.contextLoader });
    },

    async send(tx, tenant, message) {
      const identifier = identifierOf(tenant, message.from);
      const fctx = ctx.federation.contextFor(tenant);
      const actor = fctx.getActorUri(identifier);
      const audience =
        message.to === "peers"
          ? [fctx.getFollowersUri(tenantActorIdentifier(tenant))]
          : message.to.map((r) => new URL(r.actorId));
      await enqueueActivity(ctx, tx, {
        tenant,
        actor: identifier,
        activity: toActivity(message, actor, audience),
        to: message.to,
        listed: message.listed,
        urgentUntil: message.urgentUntil,
      });
    },

    wake: () => ctx.wake(),
    peers,
    async hub(db, tenant) {
      return (await peers(db, tenant)).find((p) => p.role === "hub");
    },
    async roster(db, tenant) {
      const platforms = await createRosterRepo(db, tenant.id).listPlatforms({ activeOnly: false });
      return platforms.flatMap((p) =>
        isRegionCode(p.regionCode) ? [{ countryCode: p.countryCode, regionCode: p.regionCode, status: p.status }] : [],
      );
    },
  };
}
