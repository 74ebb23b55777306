import type { MessageKey, Translator } from "@dynamo/ui";
import { CsrfField, type FrameProps, Notice, PageFrame, ScrollRegion } from "@dynamo/ui";
import type { ReportKind, ReportState } from "../domain/report.ts";
import { BarChart, type ChartBar } from "./chart.tsx";
import { formatDate, kindLabel, stateLabel } from "./common.tsx";

type Frame = Omit<FrameProps, "title" | "children">;

export interface CountsView {
  expected: number;
  received: number;
  onTime: number;
  late: number;
  missing: number;
  pending: number;
}

export interface DashboardRegionView {
  regionName: string;
  kind: ReportKind;
  dueDate: Date;
  state: ReportState | null;
  reportId: string | null;
  status: "on-time" | "late" | "pending" | "missing";
  signedAt: Date | null;
  receivedAt: Date | null;
  deliveredAfterDue: boolean;
  sections: CountsView;
  platforms: { name: string; status: "on-time" | "late" | "pending" | "missing"; signedAt: Date | null }[];
}

function Counts(props: { t: Translator; counts: CountsView }) {
  const { t, counts } = props;
  return (
    <span>
      {t("reports.dashboard.counts", {
        received: counts.received,
        expected: counts.expected,
        onTime: counts.onTime,
        late: counts.late,
        missing: counts.missing,
      })}
    </span>
  );
}

export function DashboardPage(props: {
  frame: Frame;
  cycle: string;
  cycles: string[];
  network: CountsView;
  regions: DashboardRegionView[];
  canDecide: boolean;
  /** Whether the reader may print the consolidated report (the link is shown only then). */
  canExport: boolean;
  notice?: string | undefined;
}) {
  const { t } = props.frame;
  const title = t("reports.dashboard.title", { cycle: props.cycle });
  return (
    <PageFrame {...props.frame} title={title}>
      <h1>{title}</h1>
      <Notice text={props.notice} />
      <nav aria-label={t("reports.dashboard.cycles")}>
        <ul>
          {props.cycles.map((c) => (
            <li>
              <a href={`/hub/reporting/${c}`} aria-current={c === props.cycle ? "page" : undefined}>
                {c}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <p class="lead" data-network-counts>
        <Counts t={t} counts={props.network} />
      </p>
      <p>
        <a href={`/hub/reporting/${props.cycle}/indicators`}>{t("reports.indicators.link")}</a> ·{" "}
        {props.canExport && (
          <>
            <a href={`/hub/reporting/${props.cycle}/consolidated?edition=internal`}>{t("reports.consolidated.link")}</a>{" "}
            ·{" "}
          </>
        )}
        <a href={`/api/reporting/${props.cycle}/dashboard?format=csv`}>{t("reports.export.csv")}</a>
      </p>
      <ScrollRegion label={title}>
        <table class="dashboard">
          <thead>
            <tr>
              <th scope="col">{t("reports.field.region")}</th>
              <th scope="col">{t("reports.field.report")}</th>
              <th scope="col">{t("reports.field.dueDate")}</th>
              <th scope="col">{t("reports.dashboard.timeliness")}</th>
              <th scope="col">{t("reports.dashboard.delivery")}</th>
              <th scope="col">{t("reports.dashboard.platforms")}</th>
            </tr>
          </thead>
          <tbody>
            {props.regions.map((r) => (
              <tr data-region={r.regionName}>
                <th scope="row">{r.regionName}</th>
                <td>
                  {r.reportId ? <a href={`/reports/${r.reportId}`}>{kindLabel(t, r.kind)}</a> : kindLabel(t, r.kind)}
                </td>
                <td>{formatDate(t, r.dueDate)}</td>
                <td data-status={r.status}>
                  {t(`reports.timeliness.${r.status}` as MessageKey)}
                  {r.signedAt && (
                    <p class="muted">
                      {t("reports.dashboard.signedReceived", {
                        signed: formatDate(t, r.signedAt),
                        received: r.receivedAt ? formatDate(t, r.receivedAt) : "—",
                      })}
                      {r.deliveredAfterDue && ` · ${t("reports.dashboard.deliveredAfterDue")}`}
                    </p>
                  )}
                </td>
                <td>{r.state ? stateLabel(t, r.state) : "—"}</td>
                <td>
                  <Counts t={t} counts={r.sections} />
                  <ul>
                    {r.platforms.map((p) => (
                      <li>
                        {p.name}: {t(`reports.timeliness.${p.status}` as MessageKey)}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      {props.canDecide && (
        <section aria-labelledby="expect">
          <h2 id="expect">{t("reports.expect.title")}</h2>
          <form method="post" action={`/hub/reporting/${props.cycle}/expectations`}>
            <CsrfField token={props.frame.csrfToken} />
            <label for="expect-region">{t("reports.field.region")}</label>
            <select id="expect-region" name="region">
              {(["AF", "AM", "AS", "EU"] as const).map((code) => (
                <option value={code}>{t(`reports.region.${code}` as MessageKey)}</option>
              ))}
            </select>
            <label for="expect-kind">{t("reports.field.kind")}</label>
            <select id="expect-kind" name="kind">
              {(["diagnosis", "activity", "status"] as const).map((kind) => (
                <option value={kind}>{kindLabel(t, kind)}</option>
              ))}
            </select>
            <label for="expect-due">{t("reports.field.dueDate")}</label>
            <input id="expect-due" name="dueDate" type="date" required />
            <button type="submit">{t("reports.expect.submit")}</button>
          </form>
        </section>
      )}
    </PageFrame>
  );
}

export interface IndicatorChartView {
  key: string;
  label: string;
  unit: string;
  aggregation: "sum" | "average";
  bars: ChartBar[];
  categories: { label: string; bars: ChartBar[] }[];
}

export function IndicatorsPage(props: {
  frame: Frame;
  cycle: string;
  kind: ReportKind;
  indicators: IndicatorChartView[];
  excluded: { label: string; reason: string }[];
}) {
  const { t } = props.frame;
  const title = t("reports.indicators.title", { cycle: props.cycle, kind: kindLabel(t, props.kind) });
  return (
    <PageFrame {...props.frame} title={title}>
      <h1>{title}</h1>
      <p>
        {(["diagnosis", "status"] as const).map((kind) => (
          <>
            <a href={`/hub/reporting/${props.cycle}/indicators?kind=${kind}`}>{kindLabel(t, kind)}</a>{" "}
          </>
        ))}
        ·{" "}
        <a href={`/api/reporting/${props.cycle}/indicators?kind=${props.kind}&format=csv`}>{t("reports.export.csv")}</a>
      </p>
      {props.indicators.length === 0 && <p>{t("reports.indicators.none")}</p>}
      {props.indicators.map((i) => (
        <section aria-labelledby={`ind-${i.key}`}>
          <h2 id={`ind-${i.key}`}>{i.label}</h2>
          <p class="muted">{t(`reports.aggregation.${i.aggregation}` as MessageKey)}</p>
          <BarChart t={t} id={`chart-${i.key}`} title={i.label} unit={i.unit} bars={i.bars} />
          {i.categories.length > 0 && (
            <details>
              <summary>{t("reports.indicators.breakdown")}</summary>
              {i.categories.map((c, n) => (
                <BarChart
                  t={t}
                  id={`chart-${i.key}-${n}`}
                  title={`${i.label} — ${c.label}`}
                  unit={i.unit}
                  bars={c.bars}
                />
              ))}
            </details>
          )}
        </section>
      ))}
      {props.excluded.length > 0 && (
        <section aria-labelledby="excluded">
          <h2 id="excluded">{t("reports.indicators.excluded")}</h2>
          <ul>
            {props.excluded.map((e) => (
              <li>
                {e.label}: {e.reason}
              </li>
            ))}
          </ul>
        </section>
      )}
    </PageFrame>
  );
}
