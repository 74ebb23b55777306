import { LOCALES } from "@dynamo/core";
import {
  CsrfField,
  type FieldErrorView,
  FormErrors,
  type FrameProps,
  type MessageKey,
  Notice,
  PageFrame,
  TextField,
} from "@dynamo/ui";
import type { Delegation, IpgEdition } from "../domain/edition.ts";
import type { NetworkEvent } from "../domain/event.ts";
import { CONTINENTS, type Continent, type HostingRecord } from "../domain/rotation.ts";
import { When } from "./common.tsx";
import { StatusForm } from "./ipg-documents.tsx";

type Frame = Omit<FrameProps, "title" | "children">;
type T = FrameProps["t"];

const continent = (t: T, c: Continent) => t(`life.continent.${c}` as MessageKey);

function DelegationLine(props: { t: T; d: Delegation }) {
  const { t, d } = props;
  return (
    <li data-delegation={d.countryCode} data-status={d.status}>
      <strong>{d.countryCode}</strong> — {d.representative}
      {d.substitute !== null && <>, {d.substitute}</>}
      {d.observers.length > 0 && <> (+{d.observers.length})</>} ·{" "}
      {t("life.delegation.status", { status: t(`life.delegation.${d.status}` as MessageKey) })}
    </li>
  );
}

/** The hub's IPG page: the rotation, each edition with its agenda and delegations, the secretariat's forms. */
export function HubIpgPage(props: {
  frame: Frame;
  readerZone: string;
  history: HostingRecord[];
  next: { year: number; continent: Continent };
  editions: { edition: IpgEdition; delegations: Delegation[] }[];
  canManage: boolean;
  notice?: string | undefined;
  errors?: FieldErrorView[] | undefined;
  errorMessage?: string | undefined;
}) {
  const { t } = props.frame;
  const csrf = <CsrfField token={props.frame.csrfToken} />;
  return (
    <PageFrame {...props.frame} title={t("life.ipg.title")}>
      <h1>{t("life.ipg.title")}</h1>
      <Notice text={props.notice} />
      <FormErrors t={t} errors={props.errors} message={props.errorMessage} />
      <h2>{t("life.ipg.history")}</h2>
      <ul>
        {props.history.map((h) => (
          <li>
            {h.year}: {continent(t, h.continent)}
            {h.repeatReason !== null && <> ({h.repeatReason})</>}
          </li>
        ))}
      </ul>
      <p id="next-host">
        <strong>{t("life.ipg.next", { year: props.next.year, continent: continent(t, props.next.continent) })}</strong>
      </p>
      {props.editions.length === 0 && <p>{t("life.ipg.none")}</p>}
      {props.editions.map(({ edition, delegations }) => (
        <section class="card" data-edition={edition.year}>
          <h2>
            IPG {edition.year} — {edition.city}, {edition.country} · {t(`life.edition.${edition.status}` as MessageKey)}
          </h2>
          <p>
            <When t={t} at={edition.startsAt} readerZone={props.readerZone} hostZone={edition.timeZone} />
          </p>
          <p>
            <a href={`/api/calendar/ipg-${edition.year}.ics`}>{t("life.calendar.ical")}</a> ·{" "}
            <a href={`/life/ipg/${edition.id}/documents`}>{t("life.documents.title")}</a>
          </p>
          {props.canManage && (
            <StatusForm t={t} csrfToken={props.frame.csrfToken} editionId={edition.id} status={edition.status} />
          )}
          {edition.agenda.length > 0 && (
            <>
              <h3>{t("life.ipg.agenda")}</h3>
              <ol>
                {edition.agenda.map((item) => (
                  <li>
                    {item.title} — {t("life.ipg.minutes", { minutes: item.minutes })}
                    {item.link !== null && <small> [{item.link.kind}]</small>}
                    {item.items.length > 0 && (
                      <ul>
                        {item.items.map((s) => (
                          <li>
                            {s.title} — {t("life.ipg.minutes", { minutes: s.minutes })}
                          </li>
                        ))}
                      </ul>
                    )}
                  </li>
                ))}
              </ol>
            </>
          )}
          <h3>{t("life.ipg.delegations")}</h3>
          {delegations.length === 0 ? (
            <p>{t("life.delegation.none")}</p>
          ) : (
            <ul>
              {delegations.map((d) => (
                <>
                  <DelegationLine t={t} d={d} />
                  {props.canManage && d.status !== "refused" && (
                    <form method="post" action={`/life/ipg/${edition.id}/delegations/${d.id}`}>
                      {csrf}
                      <button type="submit" name="decision" value="accepted">
                        {t("life.delegation.accept")}
                      </button>{" "}
                      <button type="submit" name="decision" value="waitlisted">
                        {t("life.delegation.waitlist")}
                      </button>
                    </form>
                  )}
                </>
              ))}
            </ul>
          )}
        </section>
      ))}
      {props.canManage && (
        <section>
          <h2>{t("life.ipg.create")}</h2>
          <form method="post" action="/life/ipg">
            {csrf}
            <TextField
              name="year"
              type="number"
              label={t("life.ipg.year")}
              value={String(props.next.year)}
              required
              errors={props.errors}
            />
            <label for="field-continent">{t("life.ipg.continent")}</label>
            <select id="field-continent" name="continent">
              {CONTINENTS.map((c) => (
                <option value={c} selected={c === props.next.continent}>
                  {continent(t, c)}
                </option>
              ))}
            </select>
            <TextField name="country" label={t("life.form.country")} required errors={props.errors} maxlength={2} />
            <TextField name="city" label={t("life.form.city")} required errors={props.errors} />
            <TextField name="timeZone" label={t("life.form.timeZone")} required errors={props.errors} />
            <TextField name="start" type="datetime-local" label={t("life.form.start")} required errors={props.errors} />
            <TextField name="end" type="datetime-local" label={t("life.form.end")} required errors={props.errors} />
            <TextField
              name="capacity"
              type="number"
              label={t("life.form.capacity")}
              value="60"
              required
              errors={props.errors}
            />
            <TextField name="repeatReason" label={t("life.ipg.repeatReason")} errors={props.errors} />
            <p>
              <button type="submit">{t("life.ipg.create")}</button>
            </p>
          </form>
        </section>
      )}
    </PageFrame>
  );
}

/** A region's IPG page: the editions announced, its platforms' delegations and the hub's answers, the representative's form. */
export function RegionIpgPage(props: {
  frame: Frame;
  readerZone: string;
  editions: { event: NetworkEvent; delegations: Delegation[] }[];
  canRegister: boolean;
  notice?: string | undefined;
  errors?: FieldErrorView[] | undefined;
  errorMessage?: string | undefined;
}) {
  const { t } = props.frame;
  return (
    <PageFrame {...props.frame} title={t("life.ipg.title")}>
      <h1>{t("life.ipg.title")}</h1>
      <Notice text={props.notice} />
      <FormErrors t={t} errors={props.errors} message={props.errorMessage} />
      {props.editions.length === 0 && <p>{t("life.ipg.none")}</p>}
      {props.editions.map(({ event, delegations }) => (
        <section class="card">
          <h2>{event.name}</h2>
          <p>
            <When t={t} at={event.startsAt} readerZone={props.readerZone} hostZone={event.timeZone} />
          </p>
          {event.editionId !== null && (
            <p>
              <a href={`/life/ipg/${event.editionId}/documents`}>{t("life.documents.title")}</a>
            </p>
          )}
          <h3>{t("life.ipg.delegations")}</h3>
          {delegations.length === 0 ? (
            <p>{t("life.delegation.none")}</p>
          ) : (
            <ul>
              {delegations.map((d) => (
                <DelegationLine t={t} d={d} />
              ))}
            </ul>
          )}
          {props.canRegister && (
            <form method="post" action={`/life/ipg/${event.editionId}/delegation`}>
              <CsrfField token={props.frame.csrfToken} />
              <h3>{t("life.delegation.title")}</h3>
              <TextField
                name="representative"
                label={t("life.delegation.representative")}
                required
                errors={props.errors}
              />
              <TextField name="substitute" label={t("life.delegation.substitute")} errors={props.errors} />
              <label for="field-observers">{t("life.delegation.observers")}</label>
              <textarea id="field-observers" name="observers" rows={2} />
              <fieldset>
                <legend>{t("life.delegation.interpretation")}</legend>
                {LOCALES.map((l) => (
                  <label>
                    <input type="checkbox" name="interpretation" value={l} /> {t(`lang.${l}` as MessageKey)}
                  </label>
                ))}
              </fieldset>
              <p>
                <button type="submit">{t("life.delegation.submit")}</button>
              </p>
            </form>
          )}
        </section>
      ))}
    </PageFrame>
  );
}
