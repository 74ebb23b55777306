import type { Tenant } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import type { Exchange } from "@dynamo/federation";
import type { NetworkEvent } from "../domain/event.ts";
import { eventToWire } from "../wire/codec.ts";
import { LIFE_CONTEXT, LIFE_MEDIA_TYPE } from "../wire/messages.ts";

/** An event's ActivityPub id: a page of its organizer's node (which also answers as JSON-LD). */
export const eventUri = (exchange: Exchange, tenant: Tenant, id: string) =>
  `${new URL(exchange.actorUri(tenant)).origin}/life/events/${id}`;

type Signer = Awaited<ReturnType<Exchange["signer"]>>;

const placeName = (e: NetworkEvent) => [e.place.city, e.place.country].filter((p) => p !== null && p !== "").join(", ");

/**
 * Sends an event, signed by the tenant's actor, to every peer (the hub and the other regions, or
 * the regions from the hub), shown to other software as an ActivityPub Event. In the caller's
 * transaction: it leaves after commit.
 */
export async function sendEvent(
  tx: DbOrTx,
  exchange: Exchange,
  tenant: Tenant,
  sign: Signer,
  event: NetworkEvent,
  verb: "create" | "update",
  now: Date,
): Promise<void> {
  const actor = exchange.actorUri(tenant);
  const document = await sign(
    { "@context": LIFE_CONTEXT, type: "LifeEvent", id: event.uri, actor, event: eventToWire(event) },
    now,
  );
  const name = placeName(event);
  await exchange.send(tx, tenant, {
    mediaType: LIFE_MEDIA_TYPE,
    document,
    activityId: `${actor}/activities/life/${crypto.randomUUID()}`,
    objectId: event.uri,
    verb,
    published: now,
    display: {
      as: "event",
      name: event.name,
      content: event.description,
      startTime: event.startsAt,
      endTime: event.endsAt,
      place: name === "" ? null : { name, address: event.place.address },
      online: event.place.url,
    },
    from: "tenant",
    to: "peers",
    listed: true,
  });
}
