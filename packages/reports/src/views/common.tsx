import { dateTimeFormat, LOCALES, numberFormat } from "@dynamo/core";
import type { MessageKey, Translator } from "@dynamo/ui";
import type { ReminderLevel } from "../domain/reminders.ts";
import type { ReportKind, ReportState } from "../domain/report.ts";

export const kindLabel = (t: Translator, kind: ReportKind) => t(`reports.kind.${kind}` as MessageKey);
export const stateLabel = (t: Translator, state: ReportState) => t(`reports.state.${state}` as MessageKey);

export function formatDate(t: Translator, date: Date): string {
  return dateTimeFormat(t.locale, { dateStyle: "medium", timeZone: "UTC" }).format(date);
}

export function formatNumber(t: Translator, n: number | null): string {
  return n === null ? "—" : numberFormat(t.locale, { maximumFractionDigits: 1 }).format(n);
}

/** A due date with its reminder: the text says how urgent it is, colour only repeats it. */
export function DueDate(props: { t: Translator; dueDate: Date; level: ReminderLevel }) {
  const { t } = props;
  return (
    <span class={`due due-${props.level}`}>
      {formatDate(t, props.dueDate)}
      {props.level !== "none" && <strong> · {t(`reports.reminder.${props.level}` as MessageKey)}</strong>}
    </span>
  );
}

export function LocaleSelect(props: { t: Translator; id: string; name: string; value: string }) {
  return (
    <select id={props.id} name={props.name}>
      {LOCALES.map((locale) => (
        <option value={locale} selected={locale === props.value}>
          {props.t(`lang.${locale}` as MessageKey)}
        </option>
      ))}
    </select>
  );
}
