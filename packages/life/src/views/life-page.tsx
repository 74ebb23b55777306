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
import { type NetworkEvent, PROVIDERS, REGIONAL_KINDS } from "../domain/event.ts";
import type { RegionalProgramme } from "../services/events.ts";
import { EventCard, kindLabel, ZonePicker } from "./common.tsx";

type Frame = Omit<FrameProps, "title" | "children">;

export function Minimum(props: { t: FrameProps["t"]; programme: RegionalProgramme }) {
  const { t, programme } = props;
  const m = programme.minimum;
  return (
    <section class="card" data-region={programme.regionCode} data-holds={String(m.holds)}>
      <h3>{t("life.programme.region", { region: t(`life.continent.${programme.regionCode}` as MessageKey) })}</h3>
      <p>
        <strong>{m.holds ? `✓ ${t("life.minimum.holds")}` : `✗ ${t("life.minimum.short")}`}</strong>
      </p>
      <ul>
        <li>{t(`life.minimum.pilotGroup.${m.pilotGroup}` as MessageKey)}</li>
        <li>{t("life.minimum.advocacy", { count: m.advocacy })}</li>
        <li>{t("life.minimum.training", { count: m.training })}</li>
      </ul>
    </section>
  );
}

export interface EventFormValues {
  [name: string]: string;
}

/** The network life's page: the year's programme, the network calendar, the coordinator's form. */
export function LifePage(props: {
  frame: Frame;
  year: number;
  readerZone: string;
  programmes: RegionalProgramme[];
  events: NetworkEvent[];
  canRecord: boolean;
  values?: EventFormValues;
  notice?: string | undefined;
  errors?: FieldErrorView[] | undefined;
}) {
  const { t } = props.frame;
  const v = props.values ?? {};
  const err = props.errors;
  return (
    <PageFrame {...props.frame} title={t("life.title")}>
      <h1>{t("life.title")}</h1>
      <Notice text={props.notice} />
      <FormErrors t={t} errors={err} />
      <h2>{t("life.programme.title", { year: props.year })}</h2>
      {props.programmes.map((p) => (
        <Minimum t={t} programme={p} />
      ))}
      <h2>{t("life.calendar.title")}</h2>
      <ZonePicker t={t} zone={props.readerZone} action="/life" />
      <p>
        <a href="/api/calendar/network.ics">{t("life.calendar.ical")}</a>
      </p>
      {props.events.length === 0 ? (
        <p>{t("life.calendar.empty")}</p>
      ) : (
        props.events.map((e) => <EventCard t={t} event={e} readerZone={props.readerZone} />)
      )}
      {props.canRecord && (
        <section>
          <h2 id="record">{t("life.record.title")}</h2>
          <form method="post" action="/life/events">
            <CsrfField token={props.frame.csrfToken} />
            <label for="field-kind">{t("life.form.kind")}</label>
            <select id="field-kind" name="kind">
              {REGIONAL_KINDS.map((k) => (
                <option value={k} selected={v.kind === k}>
                  {kindLabel(t, k)}
                </option>
              ))}
            </select>
            <TextField name="name" label={t("life.form.name")} value={v.name} required errors={err} maxlength={300} />
            <TextField
              name="start"
              type="datetime-local"
              label={t("life.form.start")}
              value={v.start}
              required
              errors={err}
            />
            <TextField
              name="end"
              type="datetime-local"
              label={t("life.form.end")}
              value={v.end}
              required
              errors={err}
            />
            <TextField
              name="timeZone"
              label={t("life.form.timeZone")}
              value={v.timeZone ?? props.readerZone}
              required
              errors={err}
            />
            <TextField name="country" label={t("life.form.country")} value={v.country} errors={err} maxlength={2} />
            <TextField name="city" label={t("life.form.city")} value={v.city} errors={err} />
            <TextField name="theme" label={t("life.form.theme")} value={v.theme} errors={err} />
            <TextField name="indicatorKey" label={t("life.form.indicator")} value={v.indicatorKey} errors={err} />
            <label for="field-provider">{t("life.form.provider")}</label>
            <select id="field-provider" name="provider">
              <option value="">{t("life.provider.none")}</option>
              {PROVIDERS.map((p) => (
                <option value={p} selected={v.provider === p}>
                  {t(`life.provider.${p}` as MessageKey)}
                </option>
              ))}
            </select>
            <TextField
              name="participants"
              type="number"
              label={t("life.form.participants")}
              value={v.participants}
              errors={err}
            />
            <label for="field-description">{t("life.form.description")}</label>
            <textarea id="field-description" name="description" rows={3}>
              {v.description ?? ""}
            </textarea>
            <label for="field-outcome">{t("life.form.outcome")}</label>
            <textarea id="field-outcome" name="outcome" rows={3}>
              {v.outcome ?? ""}
            </textarea>
            <label for="field-evidence">{t("life.form.evidence")}</label>
            <textarea id="field-evidence" name="evidence" rows={2}>
              {v.evidence ?? ""}
            </textarea>
            <p>
              <button type="submit">{t("life.record.submit")}</button>
            </p>
          </form>
        </section>
      )}
    </PageFrame>
  );
}
