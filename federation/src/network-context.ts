import type { Db } from "@dynamo/db";
import type { Tenant } from "@dynamo/domain";
import type { NodeFederation } from "./federation.ts";

/**
 * What the network's use-cases share: the database, the clock and ids (tests move them), the
 * node's federation, and a way to wake the delivery worker once a transaction that wrote to the
 * outbox has committed.
 */
export interface NetworkContext {
  db: Db;
  clock: () => Date;
  newId: () => string;
  federation: NodeFederation;
  /** Whether remote documents may be fetched from private addresses (tests, local demo). */
  allowPrivateAddress: boolean;
  /** Call after commit: the delivery worker looks for due deliveries at once. */
  wake(): void;
}

/** The URL of one of a tenant's actors (its own Organization, a platform's). */
export function actorUri(ctx: NetworkContext, tenant: Tenant, identifier: string): URL {
  return ctx.federation.contextFor(tenant).getActorUri(identifier);
}

/** A fresh activity id under its actor: `<actor>/activities/<type>/<uuid>`. */
export function newActivityId(ctx: NetworkContext, actor: URL, type: string): URL {
  return new URL(`${actor.href}/activities/${type.toLowerCase()}/${ctx.newId()}`);
}
