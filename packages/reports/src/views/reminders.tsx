import type { MessageKey, Translator } from "@dynamo/ui";
import { formatDate } from "./common.tsx";
import type { ReminderView } from "./views.ts";

/** The home page's list of what is awaited from this person, the most urgent first. */
export function Reminders(props: { t: Translator; reminders: readonly ReminderView[] }) {
  const { t } = props;
  if (props.reminders.length === 0) return null;
  return (
    <section class="reminders" aria-labelledby="reminders-title">
      <h2 id="reminders-title">{t("reports.reminders.title")}</h2>
      <ul>
        {props.reminders.map((r) => (
          <li class={`reminder reminder-${r.level}`} data-level={r.level}>
            <a href={r.href}>{r.title}</a> — {formatDate(t, r.dueDate)}{" "}
            <strong>{t(`reports.reminder.${r.level}` as MessageKey)}</strong>
          </li>
        ))}
      </ul>
    </section>
  );
}
