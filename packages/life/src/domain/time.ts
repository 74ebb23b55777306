import { dateTimeFormat } from "@dynamo/core";
/** An instant shown to a reader: in their own time zone, and in the host's beside it. */
export interface ShownTime {
  reader: string;
  host: string;
  /** Whether the two differ (else one is enough). */
  differ: boolean;
}

export function isTimeZone(zone: string): boolean {
  try {
    dateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Formats an instant for a reader in `readerZone`, with the host's `hostZone` time beside it. */
export function showTime(instant: Date, locale: string, readerZone: string, hostZone: string): ShownTime {
  const format = (timeZone: string) =>
    dateTimeFormat(locale, {
      year: "numeric",
      month: "short",
      day: "numeric",
      hour: "numeric",
      minute: "2-digit",
      timeZone,
      timeZoneName: "short",
    }).format(instant);
  const reader = format(readerZone);
  const host = format(hostZone);
  return { reader, host, differ: reader !== host };
}

/** The offset of a zone from UTC at an instant, in minutes (Kathmandu: +345). */
export function offsetMinutes(instant: Date, zone: string): number {
  const parts = dateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant of a wall-clock time in a zone ("2026-03-29T10:00" in Europe/Brussels). A time
 * skipped by a daylight-saving change moves forward by the change; a repeated one is its first.
 */
export function wallTimeToInstant(local: string, zone: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (match === null) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const back = new Date(guess);
  if (back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59) return undefined;
  const DAY = 86_400_000;
  const offsets = [offsetMinutes(new Date(guess - DAY), zone), offsetMinutes(new Date(guess + DAY), zone)];
  const valid = offsets
    .map((offset) => guess - offset * 60_000)
    .filter((candidate, i) => offsetMinutes(new Date(candidate), zone) === offsets[i]);
  // None valid: the time was skipped; the offset before the change moves it forward by the change.
  return new Date(valid.length === 0 ? guess - (offsets[0] as number) * 60_000 : Math.min(...valid));
}
