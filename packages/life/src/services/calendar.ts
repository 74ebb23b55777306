import type { Tenant } from "@dynamo/core";
import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { ICalCalendar, ICalEventStatus } from "ical-generator";
import { Temporal } from "temporal-polyfill";
import type { NetworkEvent } from "../domain/event.ts";

const STATUS = {
  planned: ICalEventStatus.TENTATIVE,
  confirmed: ICalEventStatus.CONFIRMED,
  cancelled: ICalEventStatus.CANCELLED,
} as const;

/** An instant in its host's zone: ical-generator then writes the host's wall time with its TZID. */
const zoned = (at: Date, zone: string) => Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(zone);

/**
 * An iCal feed (RFC 5545) written by ical-generator: every event in its host's time zone
 * (DTSTART;TZID=…), each zone defined once (VTIMEZONE from @touch4it/ical-timezones), so any
 * calendar shows the right instant in its reader's zone.
 */
export function calendarFeed(name: string, events: readonly NetworkEvent[], tenant: Tenant, now: Date): string {
  const calendar = new ICalCalendar({
    name,
    prodId: { company: "Dynamo International", product: `dynamo-${tenant.slug}` },
  });
  calendar.timezone({ name: null, generator: getVtimezoneComponent });
  for (const e of events) {
    const location = [e.place.address, e.place.city, e.place.country].filter((p) => p !== null && p !== "").join(", ");
    calendar.createEvent({
      id: e.uri,
      start: zoned(e.startsAt, e.timeZone),
      end: zoned(e.endsAt, e.timeZone),
      timezone: e.timeZone,
      stamp: now,
      lastModified: e.updatedAt,
      summary: e.name,
      description: e.description,
      ...(location === "" ? {} : { location }),
      ...(e.place.url === null ? {} : { url: e.place.url }),
      status: STATUS[e.status],
      categories: [{ name: e.kind }],
    });
  }
  return calendar.toString();
}
