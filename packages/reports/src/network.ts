import type { RegionCode, Tenant } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import type { Exchange, JsonObject, Signed } from "@dynamo/federation";
import { REPORT_MEDIA_TYPE } from "./wire/messages.ts";

/** An active peer as the reports area needs it: the hub, or a region's coordination (its code once known). */
export interface ReportsPeer {
  actorId: string;
  inbox: string;
  regionCode: RegionCode | null;
  role: "hub" | "region";
}

/** What the reports area uses of federation, in its own terms, over the node's exchange. */
export interface ReportsNetwork {
  /** The tenant's own actor: the signer and sender of its report messages. */
  actorId(tenant: Tenant): string;
  /** Signs a message with the tenant actor's key, at `at` (the time its timeliness is judged by). */
  sign<T extends JsonObject>(tenant: Tenant, message: T, at: Date): Promise<Signed<T>>;
  /** The tenant actor's signing function, its key loaded now, to sign inside a transaction. */
  signer(tenant: Tenant): Promise<<T extends JsonObject>(message: T, at: Date) => Promise<Signed<T>>>;
  /** The tenant's active peers (the trusted ones): the hub for a region, the regions for the hub. */
  peers(db: DbOrTx, tenant: Tenant): Promise<ReportsPeer[]>;
  /**
   * Writes a signed message to the outbox in the caller's transaction; after commit, wake() and
   * the delivery worker sends it, retrying for days. `listed`: in the public outbox.
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

export function reportsNetwork(exchange: Exchange): ReportsNetwork {
  return {
    actorId: (tenant) => exchange.actorUri(tenant),
    sign: (tenant, message, at) => exchange.sign(tenant, "tenant", message, at),
    signer: (tenant) => exchange.signer(tenant, "tenant"),
    peers: (db, tenant) => exchange.peers(db, tenant),
    enqueue: (tx, tenant, to, message, listed) =>
      exchange.send(tx, tenant, {
        mediaType: REPORT_MEDIA_TYPE,
        document: message,
        activityId: `${exchange.actorUri(tenant)}/activities/create/${crypto.randomUUID()}`,
        objectId: message.id,
        verb: "create",
        published: new Date(),
        display: { as: "document", name: message.type },
        from: "tenant",
        to,
        listed,
      }),
    wake: () => exchange.wake(),
  };
}
