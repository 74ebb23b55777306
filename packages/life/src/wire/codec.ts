import type { RegionCode } from "@dynamo/core";
import type { NetworkEvent } from "../domain/event.ts";
import type { EventWire } from "./messages.ts";

/** An event as it travels (and as the API shows it). */
export function eventToWire(e: NetworkEvent): EventWire {
  return {
    kind: e.kind,
    regionCode: e.regionCode,
    name: e.name,
    description: e.description,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    timeZone: e.timeZone,
    place: e.place,
    status: e.status,
    theme: e.theme,
    indicatorKey: e.indicatorKey,
    provider: e.provider,
    platforms: e.platforms,
    participants: e.participants,
    outcome: e.outcome,
    evidence: e.evidence,
    sessions: e.sessions,
    objectives: e.objectives,
    capacity: e.capacity,
    editionId: e.editionId,
    hostCountry: e.hostCountry,
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** A peer's event as this node keeps it. */
export function eventFromWire(
  w: EventWire,
  ids: { id: string; uri: string; organizer: string },
): NetworkEvent & { regionCode: RegionCode | null } {
  return {
    ...w,
    ...ids,
    own: false,
    startsAt: new Date(w.startsAt),
    endsAt: new Date(w.endsAt),
    updatedAt: new Date(w.updatedAt),
  };
}

/** The API's view of an event: its wire form with its ids. */
export const eventToJson = (e: NetworkEvent) => ({
  id: e.id,
  uri: e.uri,
  organizer: e.organizer,
  own: e.own,
  ...eventToWire(e),
});
