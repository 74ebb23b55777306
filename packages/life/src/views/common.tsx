import type { MessageKey, Translator } from "@dynamo/ui";
import type { NetworkEvent } from "../domain/event.ts";
import { showTime } from "../domain/time.ts";

export const kindLabel = (t: Translator, kind: string) => t(`life.kind.${kind}` as MessageKey);

/** An instant in the reader's zone, with the host's time beside it when they differ. */
export function When(props: { t: Translator; at: Date; readerZone: string; hostZone: string }) {
  const shown = showTime(props.at, props.t.locale, props.readerZone, props.hostZone);
  return (
    <span>
      <time datetime={props.at.toISOString()}>{shown.reader}</time>
      {shown.differ && <small> ({props.t("life.time.host", { time: shown.host })})</small>}
    </span>
  );
}

/** Where the reader's registration for an event stands (pending until another node's organizer answers). */
export function RegistrationState(props: { t: Translator; registration: { status: string; reason: string | null } }) {
  const { t, registration } = props;
  return (
    <p class="registration" data-registration={registration.status}>
      <strong>{t(`life.registration.${registration.status}` as MessageKey)}</strong>
      {registration.reason !== null && <> — {t(`life.registration.reason.${registration.reason}` as MessageKey)}</>}
    </p>
  );
}

/** One event of the calendar, as a short card (readable on a phone). */
export function EventCard(props: {
  t: Translator;
  event: NetworkEvent;
  readerZone: string;
  register?: unknown;
  /** On the event's own page its name is the page's h1; in a list, an h3 linking to that page. */
  own?: boolean;
}) {
  const { t, event } = props;
  const place = [event.place.city, event.place.country].filter((p) => p !== null && p !== "").join(", ");
  return (
    <article class="card" data-event={event.uri}>
      {props.own ? (
        <h1>{event.name}</h1>
      ) : (
        <h3>
          <a href={`/life/events/${event.id}`}>{event.name}</a>
        </h3>
      )}
      <p>
        <strong>{kindLabel(t, event.kind)}</strong>
        {event.regionCode !== null && <> · {t(`life.continent.${event.regionCode}` as MessageKey)}</>}
        {place !== "" && <> · {place}</>} · {t(`life.status.${event.status}` as MessageKey)}
      </p>
      <p>
        <When t={t} at={event.startsAt} readerZone={props.readerZone} hostZone={event.timeZone} />
      </p>
      {props.register}
    </article>
  );
}

/** The zones a reader may pick (the hosts' zones across the four continents, and UTC). */
export const READER_ZONES = [
  "UTC",
  "Africa/Abidjan",
  "Africa/Dakar",
  "Africa/Kinshasa",
  "Africa/Nairobi",
  "America/Bogota",
  "America/Mexico_City",
  "America/Sao_Paulo",
  "America/Montreal",
  "Asia/Kathmandu",
  "Asia/Manila",
  "Asia/Kolkata",
  "Europe/Brussels",
  "Europe/Lisbon",
  "Europe/Madrid",
] as const;

export function ZonePicker(props: { t: Translator; zone: string; action: string }) {
  return (
    <form method="get" action={props.action}>
      <label for="tz">{props.t("life.time.zone", { zone: props.zone })}</label>{" "}
      <select id="tz" name="tz">
        {[...new Set([props.zone, ...READER_ZONES])].map((z) => (
          <option value={z} selected={z === props.zone}>
            {z}
          </option>
        ))}
      </select>{" "}
      <button type="submit">OK</button>
    </form>
  );
}
