import type { MessageKey, Translator } from "@dynamo/ui";
import { Layout } from "@dynamo/ui";
import type { ReportKind } from "../domain/report.ts";
import { formatNumber, kindLabel } from "./common.tsx";

export interface EditionSectionView {
  anchor: string;
  platformName: string;
  locale: string;
  texts: { label: string; text: string }[];
  indicators: { label: string; total: number; unit: string }[];
  activities: { title: string; kind: string; startedOn: string }[];
}

export interface EditionReportView {
  regionName: string;
  kind: ReportKind;
  cycle: string;
  revision: number;
  sections: EditionSectionView[];
  statements: { text: string; locale: string; sources: { anchor: string; label: string }[] }[];
}

/**
 * A report (or the consolidated report of a cycle) as a printable document: the print
 * stylesheet hides the site's navigation. Every synthesis statement links to the sections it
 * draws on, on the same page. The internal edition says so on every page; the public edition
 * left sensitive fields out before this was rendered.
 */
export function EditionPage(props: {
  t: Translator;
  siteName: string;
  currentPath: string;
  title: string;
  edition: "internal" | "public";
  withheld: number;
  reports: EditionReportView[];
}) {
  const { t } = props;
  return (
    <Layout t={t} title={props.title} siteName={props.siteName} currentPath={props.currentPath}>
      <article class={`edition edition-${props.edition}`}>
        <h1>{props.title}</h1>
        <p class={`edition-mark ${props.edition}`} data-edition={props.edition}>
          {t(`reports.edition.${props.edition}` as MessageKey)}
          {props.edition === "public" &&
            props.withheld > 0 &&
            ` ${t.plural("reports.edition.withheld", props.withheld)}`}
        </p>
        {props.reports.map((r) => (
          <section class="edition-report">
            <h2>
              {r.regionName} — {kindLabel(t, r.kind)} {r.cycle}
            </h2>
            {r.statements.length > 0 && (
              <>
                <h3>{t("reports.synthesis.title")}</h3>
                <ol class="statements">
                  {r.statements.map((s) => (
                    <li>
                      <p lang={s.locale}>{s.text}</p>
                      <p class="sources">
                        {t("reports.synthesis.sources")}{" "}
                        {s.sources.map((src, i) => (
                          <>
                            {i > 0 && ", "}
                            <a href={`#${src.anchor}`}>{src.label}</a>
                          </>
                        ))}
                      </p>
                    </li>
                  ))}
                </ol>
              </>
            )}
            {r.sections.map((s) => (
              <section id={s.anchor} class="edition-section">
                <h3>{s.platformName}</h3>
                {s.texts.map((text) => (
                  <>
                    <h4>{text.label}</h4>
                    <p lang={s.locale}>{text.text}</p>
                  </>
                ))}
                {s.indicators.length > 0 && (
                  <table>
                    <tbody>
                      {s.indicators.map((i) => (
                        <tr>
                          <th scope="row">{i.label}</th>
                          <td>
                            {formatNumber(t, i.total)} {i.unit}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
                {s.activities.length > 0 && (
                  <ul>
                    {s.activities.map((a) => (
                      <li>
                        {a.kind}: {a.title} ({a.startedOn})
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            ))}
          </section>
        ))}
      </article>
    </Layout>
  );
}
