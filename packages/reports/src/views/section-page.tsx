import type { MessageKey } from "@dynamo/ui";
import { CsrfField, type FieldErrorView, FormErrors, type FrameProps, Notice, PageFrame } from "@dynamo/ui";
import { ACTIVITY_KINDS } from "../domain/report.ts";
import { DueDate } from "./common.tsx";
import type { IndicatorInputView, SectionView } from "./views.ts";

type Frame = Omit<FrameProps, "title" | "children">;

/** The form a platform (or the coordinator, for the coordination's section) fills in. */
export function SectionEditPage(props: {
  frame: Frame;
  reportId: string;
  reportTitle: string;
  section: SectionView;
  fields: { field: string; label: string; text: string; sensitive: boolean }[];
  indicators: IndicatorInputView[];
  withActivities: boolean;
  locked: boolean;
  notice?: string | undefined;
  errors?: FieldErrorView[] | undefined;
  errorMessage?: string | undefined;
}) {
  const { t, csrfToken } = props.frame;
  const { section } = props;
  const title = t("reports.section.title", { platform: section.platformName });
  const activities = [
    ...section.activities,
    ...Array.from({ length: props.withActivities && !props.locked ? 2 : 0 }, () => undefined),
  ];
  return (
    <PageFrame {...props.frame} title={title}>
      <p>
        <a href={`/reports/${props.reportId}`}>{props.reportTitle}</a>
      </p>
      <h1>{title}</h1>
      <Notice text={props.notice} />
      <FormErrors t={t} errors={props.errors} message={props.errorMessage} />
      <p>
        {t(`reports.section.${section.status}` as MessageKey)} · {t("reports.field.dueDate")}:{" "}
        <DueDate t={t} dueDate={section.dueDate} level={section.reminder} />
      </p>
      {section.returnReason && (
        <p class="notice error" role="alert">
          {t("reports.section.returnedBecause", { reason: section.returnReason })}
        </p>
      )}
      {props.locked && <p class="notice">{t("reports.section.locked")}</p>}
      <form method="post" action={`/reports/${props.reportId}/sections/${section.id}`} lang={section.locale}>
        <CsrfField token={csrfToken} />
        <fieldset disabled={props.locked}>
          {props.fields.map((f) => (
            <div>
              <label for={`text-${f.field}`}>{f.label}</label>
              <textarea id={`text-${f.field}`} name={`texts.${f.field}`} rows={5}>
                {f.text}
              </textarea>
              <label class="checkbox">
                <input type="checkbox" name={`sensitive.${f.field}`} value="1" checked={f.sensitive} />{" "}
                {t("reports.sensitive.mark")}
              </label>
            </div>
          ))}
          {props.indicators.length > 0 && (
            <fieldset>
              <legend>{t("reports.section.indicators")}</legend>
              {props.indicators.map((i) => (
                <fieldset>
                  <legend>
                    {i.label} ({i.unit}){i.sensitive && <span class="badge sensitive"> {t("reports.sensitive")}</span>}
                  </legend>
                  <label for={`ind-${i.key}`}>{t("reports.indicator.total")}</label>
                  <input
                    id={`ind-${i.key}`}
                    name={`indicators.${i.key}.${i.version}`}
                    type="number"
                    min="0"
                    step="any"
                    value={i.total === null ? "" : String(i.total)}
                  />
                  {i.categories.map((c) => (
                    <span class="category">
                      <label for={`ind-${i.key}-${c.key}`}>{c.label}</label>
                      <input
                        id={`ind-${i.key}-${c.key}`}
                        name={`indicators.${i.key}.${i.version}.${c.key}`}
                        type="number"
                        min="0"
                        step="any"
                        value={i.byCategory[c.key] === undefined ? "" : String(i.byCategory[c.key])}
                      />
                    </span>
                  ))}
                </fieldset>
              ))}
            </fieldset>
          )}
          {props.withActivities && (
            <fieldset>
              <legend>{t("reports.section.activities")}</legend>
              {activities.map((a, n) => (
                <fieldset>
                  <legend>{t("reports.activity.number", { n: n + 1 })}</legend>
                  <label for={`act-${n}-kind`}>{t("reports.activity.kind")}</label>
                  <select id={`act-${n}-kind`} name={`activities.${n}.kind`}>
                    {ACTIVITY_KINDS.map((kind) => (
                      <option value={kind} selected={a?.kind === kind}>
                        {t(`reports.activity.${kind}` as MessageKey)}
                      </option>
                    ))}
                  </select>
                  <label for={`act-${n}-title`}>{t("reports.activity.title")}</label>
                  <input id={`act-${n}-title`} name={`activities.${n}.title`} value={a?.title ?? ""} />
                  <label for={`act-${n}-date`}>{t("reports.activity.startedOn")}</label>
                  <input
                    id={`act-${n}-date`}
                    name={`activities.${n}.startedOn`}
                    type="date"
                    value={a?.startedOn ?? ""}
                  />
                  <label for={`act-${n}-people`}>{t("reports.activity.participants")}</label>
                  <input
                    id={`act-${n}-people`}
                    name={`activities.${n}.participants`}
                    type="number"
                    min="0"
                    value={a?.participants === null || a === undefined ? "" : String(a.participants)}
                  />
                  <label for={`act-${n}-description`}>{t("reports.activity.description")}</label>
                  <textarea id={`act-${n}-description`} name={`activities.${n}.description`} rows={2}>
                    {a?.description ?? ""}
                  </textarea>
                </fieldset>
              ))}
            </fieldset>
          )}
          <div class="actions">
            <button type="submit" name="intent" value="save" class="secondary">
              {t("reports.section.save")}
            </button>
            <button type="submit" name="intent" value="submit">
              {t("reports.section.submit")}
            </button>
          </div>
        </fieldset>
      </form>
    </PageFrame>
  );
}
