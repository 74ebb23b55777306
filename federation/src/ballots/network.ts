import { createPeerRepo, createRosterRepo, type DbOrTx } from "@dynamo/db";
import {
  type CanonicalValue,
  isRegionCode,
  type PlatformId,
  type RegionCode,
  type RosterPlatform,
  type Tenant,
} from "@dynamo/domain";
import { tenantActorIdentifier } from "../actors.ts";
import type { NodeFederation } from "../federation.ts";
import { ACTOR_PATH } from "../federation.ts";
import type { NetworkServices } from "../network.ts";
import type { ActivityHandler } from "../receive/apply.ts";
import { countryOfPlatformIdentifier, platformActorIdentifier } from "../roster/wire.ts";
import { platformSigningKey, signWithKey, type VoteProofFailure, verifySignedVote } from "./vote-proof.ts";
import { type BallotWireActivity, parseBallotActivity, toVocabActivity } from "./wire.ts";

/**
 * In the ballots, a national platform is named across the network by its country code (one
 * platform per country): "BE". Its actor is `platform-be` on its region's node.
 */
const ACTOR_PATH_PREFIX = ACTOR_PATH.replace("{identifier}", "");

export function platformOfActorUri(uri: string): { origin: string; platformId: PlatformId } | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (!url.pathname.startsWith(ACTOR_PATH_PREFIX) || url.search !== "" || url.hash !== "") return undefined;
  const country = countryOfPlatformIdentifier(url.pathname.slice(ACTOR_PATH_PREFIX.length));
  return country === undefined ? undefined : { origin: url.origin, platformId: country as PlatformId };
}

export type BallotRecipients = "peers" | readonly { actorId: string; inbox: string }[];

/** The ballots area's port on this node's federation (see @dynamo/node-kit's BallotsNetwork). */
export interface BallotsFederation {
  actorUri(tenant: Tenant, platformId?: PlatformId): string;
  platformOfActor(actorUri: string): { origin: string; platformId: PlatformId } | undefined;
  trustedRegions(db: DbOrTx, tenant: Tenant): Promise<{ regionCode: RegionCode; actorId: string; inbox: string }[]>;
  roster(db: DbOrTx, tenant: Tenant): Promise<RosterPlatform[]>;
  hub(db: DbOrTx, tenant: Tenant): Promise<{ actorId: string; inbox: string } | undefined>;
  enqueue(
    tx: DbOrTx,
    tenant: Tenant,
    from: { platformId: PlatformId } | "tenant",
    to: BallotRecipients,
    activity: BallotWireActivity,
    listed: boolean,
  ): Promise<void>;
  wake(): void;
  parse: typeof parseBallotActivity;
  /** Signs a vote document with the platform actor's Ed25519 key (an integrity proof), when it is cast. */
  signVote(tenant: Tenant, platformId: PlatformId, document: VoteDocument): Promise<VoteDocument & { proof: unknown }>;
  /** Checks a signed vote against the key its proof names: who signed it, and when. */
  verifyVote(
    tenant: Tenant,
    signed: unknown,
  ): Promise<{ ok: true; value: { controller: string; created: Date } } | { ok: false; error: VoteProofFailure }>;
}

type VoteDocument = { readonly [key: string]: CanonicalValue | undefined };

/**
 * The ballots' port on the node's federation: peers and roster from the peering tables, outgoing
 * activities through the network's outbox (written in the caller's transaction, sent after commit
 * by the delivery worker, which signs them), integrity proofs checked with Fedify.
 */
export function createBallotsFederation(
  federation: NodeFederation,
  services: Pick<NetworkServices, "sendAfterCommit" | "afterCommit">,
): BallotsFederation {
  const identifierOf = (tenant: Tenant, from: { platformId: PlatformId } | "tenant") =>
    from === "tenant" ? tenantActorIdentifier(tenant) : platformActorIdentifier(from.platformId);
  return {
    actorUri: (tenant, platformId) =>
      federation
        .contextFor(tenant)
        .getActorUri(platformId === undefined ? tenantActorIdentifier(tenant) : platformActorIdentifier(platformId))
        .href,
    platformOfActor: platformOfActorUri,
    async trustedRegions(db, tenant) {
      const peers = await createPeerRepo(db, tenant.id).listActive();
      return peers.flatMap((peer) =>
        isRegionCode(peer.regionCode)
          ? [{ regionCode: peer.regionCode, actorId: peer.actorId, inbox: peer.inbox }]
          : [],
      );
    },
    async roster(db, tenant) {
      const platforms = await createRosterRepo(db, tenant.id).listPlatforms({ activeOnly: false });
      return platforms.flatMap((p) =>
        isRegionCode(p.regionCode)
          ? [{ platformId: p.countryCode as PlatformId, regionCode: p.regionCode, status: p.status }]
          : [],
      );
    },
    async hub(db, tenant) {
      const peers = await createPeerRepo(db, tenant.id).listActive();
      const hub = peers.find((peer) => peer.regionCode === null);
      return hub && { actorId: hub.actorId, inbox: hub.inbox };
    },
    async enqueue(tx, tenant, from, to, activity, listed) {
      const actor = identifierOf(tenant, from);
      const fctx = federation.contextFor(tenant);
      const actorUri = fctx.getActorUri(actor);
      const audience =
        to === "peers" ? [fctx.getFollowersUri(tenantActorIdentifier(tenant))] : to.map((r) => new URL(r.actorId));
      await services.sendAfterCommit(tx, {
        tenant,
        actor,
        activity: toVocabActivity(activity, actorUri, audience),
        to,
        listed,
      });
    },
    wake: () => services.afterCommit(),
    parse: parseBallotActivity,
    async signVote(tenant, platformId, document) {
      const key = await platformSigningKey(federation, tenant, platformId);
      return signWithKey(document, key, new Date());
    },
    verifyVote: (tenant, signed) => verifySignedVote(federation, tenant, signed),
  };
}

/**
 * The federation's handler for ballot activities: reads each received activity's JSON as it
 * came (with its proof) and hands it to the ballots area, in the transaction that records it.
 */
export function ballotActivityHandler(
  handle: (input: {
    tx: Parameters<ActivityHandler>[0]["tx"];
    tenant: Tenant;
    peerActorId: string;
    json: unknown;
    via: "inbox" | "catch-up";
  }) => Promise<"handled" | "ignored">,
): ActivityHandler {
  return async ({ tx, tenant, peer, received, via }) => {
    if (received.message.kind !== "other") return "ignored";
    const json = await received.activity.toJsonLd();
    return handle({ tx, tenant, peerActorId: peer.actorId, json, via });
  };
}
