import type { NetworkEvent } from "../domain/event.ts";

const EVENT_STATUS = { planned: "TENTATIVE", confirmed: "CONFIRMED", cancelled: "CANCELLED" } as const;

/**
 * An event as other fediverse software reads it: an ActivityStreams Event in the FEP-8a8e shape
 * (name, startTime, endTime, timezone, location as a Place with a PostalAddress and/or a
 * VirtualLocation, eventStatus, organizer), with Mobilizon's extension terms where they matter
 * (timezone, participantCount, maximumAttendeeCapacity, isOnline).
 */
export function eventJsonLd(e: NetworkEvent): Record<string, unknown> {
  const location: Record<string, unknown>[] = [];
  if (e.place.city !== null || e.place.address !== null || e.place.country !== null) {
    location.push({
      type: "Place",
      name: [e.place.city, e.place.country].filter((p) => p !== null).join(", "),
      address: {
        type: "PostalAddress",
        ...(e.place.address === null ? {} : { streetAddress: e.place.address }),
        ...(e.place.city === null ? {} : { addressLocality: e.place.city }),
        ...(e.place.country === null ? {} : { addressCountry: e.place.country }),
      },
    });
  }
  if (e.place.url !== null) location.push({ type: "VirtualLocation", url: e.place.url });
  return {
    "@context": [
      "https://www.w3.org/ns/activitystreams",
      {
        sc: "http://schema.org/",
        mz: "https://joinmobilizon.org/ns#",
        PostalAddress: "sc:PostalAddress",
        VirtualLocation: "sc:VirtualLocation",
        address: { "@id": "sc:address", "@type": "@id" },
        streetAddress: "sc:streetAddress",
        addressLocality: "sc:addressLocality",
        addressCountry: "sc:addressCountry",
        eventStatus: "sc:eventStatus",
        organizer: { "@id": "sc:organizer", "@type": "@id" },
        maximumAttendeeCapacity: "sc:maximumAttendeeCapacity",
        participantCount: "mz:participantCount",
        isOnline: "mz:isOnline",
        timezone: "mz:timezone",
      },
    ],
    id: e.uri,
    type: "Event",
    name: e.name,
    content: e.description,
    startTime: e.startsAt.toISOString(),
    endTime: e.endsAt.toISOString(),
    timezone: e.timeZone,
    eventStatus: EVENT_STATUS[e.status],
    attributedTo: e.organizer,
    organizer: e.organizer,
    isOnline: e.place.url !== null && location.length === 1,
    ...(location.length === 0 ? {} : { location: location.length === 1 ? location[0] : location }),
    ...(e.participants === null ? {} : { participantCount: e.participants }),
    ...(e.capacity === null ? {} : { maximumAttendeeCapacity: e.capacity }),
    updated: e.updatedAt.toISOString(),
  };
}
