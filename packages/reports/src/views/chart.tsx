import { numberFormat } from "@dynamo/core";
import type { Translator } from "@dynamo/ui";

export interface ChartBar {
  label: string;
  value: number | null;
  /** e.g. "3 of 4 platforms": shown in the table, never hidden behind a number. */
  note?: string;
}

/**
 * A horizontal bar chart drawn on the server as inline SVG (no script, no external resource),
 * with the same numbers in a table beside it for screen readers and for print. A missing value
 * is drawn as no bar and written as "no data", never as zero.
 */
export function BarChart(props: { t: Translator; title: string; unit: string; bars: readonly ChartBar[]; id: string }) {
  const { t, bars } = props;
  const max = Math.max(1, ...bars.map((b) => b.value ?? 0));
  const rowHeight = 28;
  const labelWidth = 150;
  const width = 520;
  const barSpace = width - labelWidth - 80;
  const height = bars.length * rowHeight + 10;
  const format = (n: number) => numberFormat(t.locale, { maximumFractionDigits: 1 }).format(n);
  return (
    <figure class="chart" aria-labelledby={`${props.id}-caption`}>
      <figcaption id={`${props.id}-caption`}>
        {props.title} <span class="muted">({props.unit})</span>
      </figcaption>
      <div class="chart-body">
        <svg
          role="img"
          aria-label={props.title}
          viewBox={`0 0 ${width} ${height}`}
          width={width}
          height={height}
          xmlns="http://www.w3.org/2000/svg"
        >
          {bars.map((bar, i) => {
            const y = i * rowHeight + 5;
            const w = bar.value === null ? 0 : Math.max(1, (bar.value / max) * barSpace);
            return (
              <g>
                <text x={labelWidth - 6} y={y + 17} text-anchor="end" font-size="13" fill="#1b1f24">
                  {bar.label}
                </text>
                <rect x={labelWidth} y={y + 3} width={w} height={rowHeight - 10} fill="#0b5a8a" />
                <text x={labelWidth + w + 6} y={y + 17} font-size="13" fill="#1b1f24">
                  {bar.value === null ? t("reports.chart.noData") : format(bar.value)}
                </text>
              </g>
            );
          })}
        </svg>
        <table class="chart-data">
          <caption class="visually-hidden">{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t("reports.chart.scope")}</th>
              <th scope="col">{t("reports.chart.value")}</th>
              <th scope="col">{t("reports.chart.coverage")}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr>
                <th scope="row">{bar.label}</th>
                <td>{bar.value === null ? t("reports.chart.noData") : format(bar.value)}</td>
                <td>{bar.note ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
