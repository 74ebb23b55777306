import type { DbOrTx } from "@dynamo/db";
import type { RegionCode, Tenant } from "@dynamo/domain";

/** An active peer as the reports area needs it: the hub, or a region's coordination (its code once known). */
export interface ReportsPeer {
  actorId: string;
  inbox: string;
  regionCode: RegionCode | null;
  role: "hub" | "region";
}

/**
 * What the reports area needs from federation, as a port: the node wires it to the federation
 * package (actors, keys, peering, outbox). Nothing here knows ActivityPub's classes.
 */
export interface ReportsNetwork {
  /** The tenant's own actor and its Ed25519 key, named by the id its actor document publishes. */
  signingKey(tenant: Tenant): Promise<{ actorId: string; keyId: string; privateKey: CryptoKey }>;
  /**
   * The key a verification method names (its publicKeyMultibase) and the actor controlling it,
   * from that actor's document. Called inside the transaction recording an activity: it must
   * not use the database.
   */
  resolveKey(tenant: Tenant, keyId: string): Promise<{ controller: string; publicKeyMultibase: string } | undefined>;
  /** The tenant's active peers (the trusted ones): the hub for a region, the regions for the hub. */
  peers(db: DbOrTx, tenant: Tenant): Promise<ReportsPeer[]>;
  /**
   * Writes a signed message to the outbox in the caller's transaction, from the tenant's actor;
   * after commit, wake() and the delivery worker signs the carrying activity (HTTP Signature and
   * its own integrity proof) and sends it, retrying for days. `listed`: in the public outbox.
   */
  enqueue(
    tx: DbOrTx,
    tenant: Tenant,
    to: "peers" | readonly { actorId: string; inbox: string }[],
    message: { id: string; type: string } & Record<string, unknown>,
    listed: boolean,
  ): Promise<void>;
  wake(): void;
}
