import type { MessageKey, Translator } from "@dynamo/ui";
import {
  CsrfField,
  type FieldErrorView,
  FormErrors,
  type FrameProps,
  Notice,
  PageFrame,
  ScrollRegion,
} from "@dynamo/ui";
import { REPORT_KINDS } from "../domain/report.ts";
import { DueDate, formatDate, formatNumber, kindLabel, LocaleSelect, stateLabel } from "./common.tsx";
import type { ReportActionsView, ReportListItem, ReportView, SectionView } from "./views.ts";

type Frame = Omit<FrameProps, "title" | "children">;

export function ReportsPage(props: {
  frame: Frame;
  reports: ReportListItem[];
  canCreate: boolean;
  errors?: FieldErrorView[] | undefined;
  errorMessage?: string | undefined;
}) {
  const { t } = props.frame;
  return (
    <PageFrame {...props.frame} title={t("reports.list.title")}>
      <h1>{t("reports.list.title")}</h1>
      {props.reports.length === 0 ? (
        <p>{t("reports.list.empty")}</p>
      ) : (
        <ScrollRegion label={t("reports.list.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("reports.field.report")}</th>
                <th scope="col">{t("reports.field.cycle")}</th>
                <th scope="col">{t("reports.field.state")}</th>
                <th scope="col">{t("reports.field.dueDate")}</th>
              </tr>
            </thead>
            <tbody>
              {props.reports.map((r) => (
                <tr>
                  <td>
                    <a href={`/reports/${r.id}`}>
                      {kindLabel(t, r.kind)} — {r.regionName}
                    </a>
                  </td>
                  <td>{r.cycle}</td>
                  <td>{stateLabel(t, r.state)}</td>
                  <td>
                    <DueDate t={t} dueDate={r.dueDate} level={r.reminder} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {props.canCreate && (
        <section aria-labelledby="new-report">
          <h2 id="new-report">{t("reports.create.title")}</h2>
          <FormErrors t={t} errors={props.errors} message={props.errorMessage} />
          <form method="post" action="/reports">
            <CsrfField token={props.frame.csrfToken} />
            <label for="report-kind">{t("reports.field.kind")}</label>
            <select id="report-kind" name="kind">
              {REPORT_KINDS.map((kind) => (
                <option value={kind}>{kindLabel(t, kind)}</option>
              ))}
            </select>
            <label for="report-cycle">{t("reports.field.cycle")}</label>
            <input id="report-cycle" name="cycle" required pattern="\d{4}(-\d{4})?" placeholder="2024-2026" />
            <label for="report-due">{t("reports.field.dueDate")}</label>
            <input id="report-due" name="dueDate" type="date" required />
            <button type="submit">{t("reports.create.submit")}</button>
          </form>
        </section>
      )}
    </PageFrame>
  );
}

function SectionContent(props: { t: Translator; section: SectionView }) {
  const { t, section } = props;
  return (
    <>
      {section.texts.map((text) => (
        <div class="section-text">
          <h4>
            {text.label}
            {text.sensitive && <span class="badge sensitive"> {t("reports.sensitive")}</span>}
          </h4>
          <p lang={section.locale}>{text.text}</p>
        </div>
      ))}
      {section.indicators.length > 0 && (
        <ScrollRegion label={`${t("reports.section.indicators")} — ${section.platformName}`}>
          <table>
            <caption>{t("reports.section.indicators")}</caption>
            <tbody>
              {section.indicators.map((i) => (
                <tr>
                  <th scope="row">
                    {i.label}
                    {i.sensitive && <span class="badge sensitive"> {t("reports.sensitive")}</span>}
                  </th>
                  <td>
                    {formatNumber(t, i.total)} {i.unit}
                  </td>
                  <td class="muted">{i.breakdown}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {section.activities.length > 0 && (
        <ul>
          {section.activities.map((a) => (
            <li>
              <strong>{t(`reports.activity.${a.kind}` as MessageKey)}</strong>: {a.title} ({a.startedOn}
              {a.participants === null ? "" : `, ${t.plural("reports.activity.participantsCount", a.participants)}`})
              {a.description && <p>{a.description}</p>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function ReportPage(props: {
  frame: Frame;
  report: ReportView;
  actions: ReportActionsView;
  notice?: string | undefined;
  errorMessage?: string | undefined;
}) {
  const { t, csrfToken } = props.frame;
  const { report, actions } = props;
  const title = `${kindLabel(t, report.kind)} — ${report.regionName} — ${report.cycle}`;
  const base = `/reports/${report.id}`;
  const statements = report.synthesis?.statements ?? [];
  const blankRows = actions.canSynthesize ? 2 : 0;
  return (
    <PageFrame {...props.frame} title={title}>
      <h1>{title}</h1>
      <Notice text={props.notice} />
      <FormErrors t={t} errors={undefined} message={props.errorMessage} />
      <dl class="facts">
        <dt>{t("reports.field.state")}</dt>
        <dd data-state={report.state}>{stateLabel(t, report.state)}</dd>
        <dt>{t("reports.field.dueDate")}</dt>
        <dd>
          <DueDate t={t} dueDate={report.dueDate} level={report.reminder} />
        </dd>
        <dt>{t("reports.field.revision")}</dt>
        <dd>{report.revision}</dd>
      </dl>

      <h2>{t("reports.sections.title")}</h2>
      <ScrollRegion label={t("reports.sections.title")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("reports.field.platform")}</th>
              <th scope="col">{t("reports.field.status")}</th>
              <th scope="col">{t("reports.field.dueDate")}</th>
              <th scope="col">{t("reports.field.submittedAt")}</th>
              <th scope="col">{t("reports.field.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {report.sections.map((s) => (
              <tr id={`row-${s.id}`}>
                <th scope="row">{s.platformName}</th>
                <td data-section-status={s.status}>
                  {t(`reports.section.${s.status}` as MessageKey)}
                  {s.returnReason && (
                    <p class="muted">{t("reports.section.returnedBecause", { reason: s.returnReason })}</p>
                  )}
                </td>
                <td>
                  <DueDate t={t} dueDate={s.dueDate} level={s.reminder} />
                </td>
                <td>{s.submittedAt ? formatDate(t, s.submittedAt) : "—"}</td>
                <td>
                  {s.canEdit && <a href={`${base}/sections/${s.id}`}>{t("reports.section.write")}</a>}
                  {s.canReturn && (
                    <form method="post" action={`${base}/sections/${s.id}/return`} class="inline-form">
                      <CsrfField token={csrfToken} />
                      <label for={`reason-${s.id}`}>{t("reports.section.returnReason")}</label>
                      <input id={`reason-${s.id}`} name="reason" required />
                      <button type="submit">{t("reports.section.return")}</button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      {report.sections
        .filter((s) => s.texts.length > 0 || s.indicators.length > 0 || s.activities.length > 0)
        .map((s) => (
          <section id={`section-${s.id}`} class="report-section" aria-labelledby={`h-${s.id}`}>
            <h3 id={`h-${s.id}`}>{s.platformName}</h3>
            <SectionContent t={t} section={s} />
          </section>
        ))}

      <h2>{t("reports.synthesis.title")}</h2>
      {statements.length === 0 && !actions.canSynthesize && <p>{t("reports.synthesis.none")}</p>}
      {!actions.canSynthesize && statements.length > 0 && (
        <ol class="statements">
          {statements.map((s) => (
            <li>
              <p lang={report.synthesis?.locale}>
                {s.text}
                {s.sensitive && <span class="badge sensitive"> {t("reports.sensitive")}</span>}
              </p>
              <p class="muted">
                {t("reports.synthesis.sources")}{" "}
                {s.sources.map((src, i) => (
                  <>
                    {i > 0 && ", "}
                    <a href={`#section-${src.sectionId}`}>{src.label}</a>
                  </>
                ))}
              </p>
            </li>
          ))}
        </ol>
      )}
      {actions.canSynthesize && (
        <form method="post" action={`${base}/synthesis`}>
          <CsrfField token={csrfToken} />
          <label for="synthesis-locale">{t("reports.synthesis.locale")}</label>
          <LocaleSelect t={t} id="synthesis-locale" name="locale" value={report.synthesis?.locale ?? t.locale} />
          {[...statements, ...Array.from({ length: blankRows }, () => undefined)].map((s, i) => (
            <fieldset>
              <legend>{t("reports.synthesis.statement", { n: i + 1 })}</legend>
              <label for={`statement-${i}`}>{t("reports.synthesis.text")}</label>
              <textarea id={`statement-${i}`} name={`statements.${i}.text`} rows={3}>
                {s?.text ?? ""}
              </textarea>
              <label>
                <input type="checkbox" name={`statements.${i}.sensitive`} value="1" checked={s?.sensitive ?? false} />{" "}
                {t("reports.sensitive.mark")}
              </label>
              <p>{t("reports.synthesis.drawsOn")}</p>
              {report.sections.map((section) => (
                <label class="checkbox">
                  <input
                    type="checkbox"
                    name={`statements.${i}.sources`}
                    value={section.id}
                    checked={s?.sources.some((src) => src.sectionId === section.id) ?? false}
                  />{" "}
                  {section.platformName}
                </label>
              ))}
            </fieldset>
          ))}
          <button type="submit">{t("reports.synthesis.save")}</button>
        </form>
      )}

      {report.baseline && (
        <section aria-labelledby="baseline">
          <h2 id="baseline">{t("reports.baseline.title")}</h2>
          <ScrollRegion label={t("table.label", { title: t("reports.baseline.title") })}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("reports.field.indicator")}</th>
                  <th scope="col">{t("reports.baseline.baseline")}</th>
                  <th scope="col">{t("reports.baseline.current")}</th>
                  <th scope="col">{t("reports.baseline.change")}</th>
                </tr>
              </thead>
              <tbody>
                {report.baseline.map((row) => (
                  <tr>
                    <th scope="row">{row.label}</th>
                    <td>{formatNumber(t, row.baseline)}</td>
                    <td>{formatNumber(t, row.current)}</td>
                    <td>
                      {t(`reports.baseline.${row.status}` as MessageKey)}
                      {row.delta !== null &&
                        row.delta !== 0 &&
                        ` (${row.delta > 0 ? "+" : ""}${formatNumber(t, row.delta)})`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
      )}

      <div class="actions">
        {actions.canApprove && (
          <form method="post" action={`${base}/approve`}>
            <CsrfField token={csrfToken} />
            <button type="submit">{t("reports.approve")}</button>
          </form>
        )}
        {actions.canSubmit && (
          <form method="post" action={`${base}/submit`}>
            <CsrfField token={csrfToken} />
            <button type="submit">{t("reports.submitToHub")}</button>
          </form>
        )}
        {actions.canDecide && (
          <>
            <form method="post" action={`${base}/decision`}>
              <CsrfField token={csrfToken} />
              <input type="hidden" name="decision" value="acknowledge" />
              <button type="submit">{t("reports.decide.acknowledge")}</button>
            </form>
            <form method="post" action={`${base}/decision`}>
              <CsrfField token={csrfToken} />
              <input type="hidden" name="decision" value="send-back" />
              <label for="send-back-reasons">{t("reports.decide.reasons")}</label>
              <textarea id="send-back-reasons" name="reasons" rows={3} />
              <button type="submit">{t("reports.decide.sendBack")}</button>
            </form>
            <form method="post" action={`${base}/decision`}>
              <CsrfField token={csrfToken} />
              <input type="hidden" name="decision" value="review-public-edition" />
              <p>
                <a href={`${base}/edition?edition=public&preview=1`}>{t("reports.decide.previewPublic")}</a>
              </p>
              <button type="submit">{t("reports.decide.review")}</button>
            </form>
            <form method="post" action={`${base}/publish`}>
              <CsrfField token={csrfToken} />
              <button type="submit">{t("reports.publish")}</button>
            </form>
          </>
        )}
      </div>

      {actions.canExport && (
        <p class="exports">
          <a href={`/api/reports/${report.id}/export?format=csv`}>{t("reports.export.csv")}</a> ·{" "}
          <a href={`${base}/edition?edition=internal`}>{t("reports.export.print")}</a> ·{" "}
          <a href={`/api/reports/${report.id}/export?format=pdf`}>{t("reports.export.pdf")}</a>
        </p>
      )}

      {report.history.length > 0 && (
        <section aria-labelledby="history">
          <h2 id="history">{t("reports.history.title")}</h2>
          <ul>
            {report.history.map((h) => (
              <li>
                {t("reports.history.revision", { n: h.revision, date: formatDate(t, h.submittedAt) })}
                {h.acknowledgedAt &&
                  ` · ${t("reports.history.acknowledged", { date: formatDate(t, h.acknowledgedAt) })}`}
                {h.sentBack && ` · ${t("reports.history.sentBack", { reasons: h.sentBack.reasons.join("; ") })}`}
              </li>
            ))}
          </ul>
        </section>
      )}
    </PageFrame>
  );
}
