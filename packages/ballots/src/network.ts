import type { CountryCode, RegionCode, Tenant } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import type { Exchange, OutgoingMessage, ProofFailure, ReceivedMessage, VerifiedProof } from "@dynamo/federation";
import type { RosterPlatform } from "./domain/ballot.ts";
import { BALLOT_MEDIA_TYPE } from "./wire.ts";

/** A peer as a delivery needs it. */
export interface Recipient {
  actorId: string;
  inbox: string;
}

/** A trusted region as the hub knows it: its code and its coordination's actor. */
export interface TrustedRegion extends Recipient {
  regionCode: RegionCode;
}

/** A ballot message ready to send: its document and how other fediverse software shows it. */
export type BallotMessage = Omit<OutgoingMessage, "mediaType"> & {
  /** Until then, a failed delivery is retried every few seconds (a vote before its ballot's deadline). */
  urgentUntil?: Date | undefined;
};

/** A ballot message received: checked by federation (shape, and proof for votes and delegations). */
export type Received<Document> = ReceivedMessage<Document>;

/**
 * What the ballots use of federation, in the ballots' own terms (platforms named by country
 * code across the network), over the node's exchange.
 */
export interface BallotsNetwork {
  /** The URI of one of the tenant's actors: its own, or a platform's (named by country code). */
  actorUri(tenant: Tenant, platformId?: CountryCode): string;
  /** The platform (country code) and the origin of its node that a platform actor's URI names. */
  platformOfActor(actorUri: string): { origin: string; platformId: CountryCode } | undefined;
  /** Hub side: the regions peered with the hub (trusted). */
  trustedRegions(db: DbOrTx, tenant: Tenant): Promise<TrustedRegion[]>;
  /** Hub side: the national platforms of the peered regions, as their rosters say. */
  roster(db: DbOrTx, tenant: Tenant): Promise<RosterPlatform[]>;
  /** Region side: the hub this region peers with, if any. */
  hub(db: DbOrTx, tenant: Tenant): Promise<Recipient | undefined>;
  /** Writes a ballot message to the outbox in the caller's transaction (delivered after commit and wake()). */
  enqueue(
    tx: DbOrTx,
    tenant: Tenant,
    from: { platformId: CountryCode } | "tenant",
    to: "peers" | readonly Recipient[],
    message: BallotMessage,
    listed: boolean,
  ): Promise<void>;
  wake(): void;
  /** Signs a vote or a delegation with the platform actor's key, as it is cast. */
  signVote<T extends Record<string, unknown>>(
    tenant: Tenant,
    platformId: CountryCode,
    document: T,
    at: Date,
  ): Promise<Record<string, unknown>>;
  /** Checks a signed vote or delegation (kept or published): who signed it and when. */
  verifyVote(
    tenant: Tenant,
    signed: unknown,
  ): Promise<{ ok: true; value: VerifiedProof } | { ok: false; error: ProofFailure }>;
}

export function ballotsNetwork(exchange: Exchange): BallotsNetwork {
  return {
    actorUri: (tenant, platformId) =>
      exchange.actorUri(tenant, platformId === undefined ? "tenant" : { platform: platformId }),
    platformOfActor(uri) {
      const found = exchange.platformOfActor(uri);
      return found && { origin: found.origin, platformId: found.countryCode as CountryCode };
    },
    async trustedRegions(db, tenant) {
      return (await exchange.peers(db, tenant)).flatMap((p) =>
        p.regionCode === null ? [] : [{ regionCode: p.regionCode, actorId: p.actorId, inbox: p.inbox }],
      );
    },
    async roster(db, tenant) {
      return (await exchange.roster(db, tenant)).map((p) => ({
        platformId: p.countryCode as CountryCode,
        regionCode: p.regionCode,
        status: p.status,
      }));
    },
    async hub(db, tenant) {
      const hub = await exchange.hub(db, tenant);
      return hub && { actorId: hub.actorId, inbox: hub.inbox };
    },
    enqueue: (tx, tenant, from, to, message, listed) =>
      exchange.send(tx, tenant, {
        ...message,
        mediaType: BALLOT_MEDIA_TYPE,
        from: from === "tenant" ? "tenant" : { platform: from.platformId },
        to,
        listed,
      }),
    wake: () => exchange.wake(),
    signVote: (tenant, platformId, document, at) => exchange.sign(tenant, { platform: platformId }, document, at),
    verifyVote: (tenant, signed) => exchange.verify(tenant, signed),
  };
}
