import type { DbOrTx, Tx } from "@dynamo/db";
import type { CanonicalValue, PlatformId, RegionCode, RosterPlatform, Tenant } from "@dynamo/domain";

/** A ballot message in plain terms (see federation's ballots wire for the ActivityPub shape). */
export type BallotObject =
  | {
      type: "Question";
      id: string;
      name: string;
      content: string;
      options: string[];
      multiple: boolean;
      endTime: Date;
      closed: Date | null;
      voters: number | null;
      payload: unknown;
    }
  | { type: "Note"; id: string; name: string; inReplyTo: string; published: Date; payload: unknown };

export type BallotActivity = { type: "Create" | "Update"; id: string; published: Date; object: BallotObject };

/** An activity as read from its JSON, with its actor (the federation checked its signature and peer). */
export type ReceivedBallotActivity = BallotActivity & { actor: string };

export type ParseFailure =
  | { kind: "not-ballot-activity" }
  | { kind: "no-payload" }
  | { kind: "malformed"; detail: string };

/** A peer as a delivery needs it. */
export interface Recipient {
  actorId: string;
  inbox: string;
}

/** A trusted region as the hub knows it: its code and its coordination's actor. */
export interface TrustedRegion extends Recipient {
  regionCode: RegionCode;
}

/**
 * What the ballots area needs from federation, as a port: the node wires it to the federation
 * package (actors, peering, roster, outbox, integrity proofs). Nothing here knows ActivityPub's
 * classes.
 */
export interface BallotsNetwork {
  /** The URI of one of the tenant's actors: its own, or a platform's (named by country code). */
  actorUri(tenant: Tenant, platformId?: PlatformId): string;
  /** The platform (country code) and the origin of its node that a platform actor's URI names. */
  platformOfActor(actorUri: string): { origin: string; platformId: PlatformId } | undefined;
  /** Hub side: the regions peered with the hub (trusted). */
  trustedRegions(db: DbOrTx, tenant: Tenant): Promise<TrustedRegion[]>;
  /** Hub side: the national platforms of the peered regions, as their rosters say. */
  roster(db: DbOrTx, tenant: Tenant): Promise<RosterPlatform[]>;
  /** Region side: the hub this region peers with, if any. */
  hub(db: DbOrTx, tenant: Tenant): Promise<Recipient | undefined>;
  /**
   * Writes an activity to the outbox in the caller's transaction, from the tenant's actor or a
   * platform's; after commit, wake() and the delivery worker signs (HTTP Signature, Ed25519
   * integrity proof) and sends it, retrying for days. `listed`: shown in the public outbox.
   */
  enqueue(
    tx: Tx,
    tenant: Tenant,
    from: { platformId: PlatformId } | "tenant",
    to: "peers" | readonly Recipient[],
    activity: BallotActivity,
    listed: boolean,
  ): Promise<void>;
  wake(): void;
  /** Reads an activity's plain shape, without checking any signature (the federation checked the peer). */
  parse(json: unknown): { ok: true; value: ReceivedBallotActivity } | { ok: false; error: ParseFailure };
  /** Signs a vote document with the platform actor's Ed25519 key (an integrity proof), as it is cast. */
  signVote(
    tenant: Tenant,
    platformId: PlatformId,
    document: { readonly [key: string]: CanonicalValue | undefined },
  ): Promise<Record<string, unknown>>;
  /**
   * Checks a signed vote against the Ed25519 key its proof names, fetched from that key's actor:
   * the actor that signed it (the key's controller) and when.
   */
  verifyVote(
    tenant: Tenant,
    signed: unknown,
  ): Promise<{ ok: true; value: { controller: string; created: Date } } | { ok: false; error: { kind: string } }>;
}
