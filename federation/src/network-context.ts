import type { Tenant } from "@dynamo/core";
import type { Db } from "@dynamo/db";
import type { InboxTable } from "./exchange/dispatch.ts";
import type { Exchange } from "./exchange/exchange.ts";
import type { NodeFederation } from "./federation.ts";
import type { LocalPlatforms } from "./local-platforms.ts";

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
  /** The region's national platforms (their actors, the roster it publishes). */
  platforms: LocalPlatforms;
  /** Whether remote documents may be fetched from private addresses (tests, local demo). */
  allowPrivateAddress: boolean;
  /** Every area's document types and the route of each kind of message. */
  table: InboxTable;
  /** The areas' port (their handlers get it too). */
  exchange: Exchange;
  /** Call after commit: the delivery worker looks for due deliveries at once. */
  wake(): void;
  /** Call after commit: the inbound worker applies what was kept at once. */
  wakeInbound(): void;
}

/** The URL of one of a tenant's actors (its own Organization, a platform's). */
export function actorUri(ctx: NetworkContext, tenant: Tenant, identifier: string): URL {
  return ctx.federation.contextFor(tenant).getActorUri(identifier);
}

/** A fresh activity id under its actor: `<actor>/activities/<type>/<uuid>`. */
export function newActivityId(ctx: NetworkContext, actor: URL, type: string): URL {
  return new URL(`${actor.href}/activities/${type.toLowerCase()}/${ctx.newId()}`);
}
