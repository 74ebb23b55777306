import { pickLocalized } from "@dynamo/core";
import { mayDo, pdfResponse, type TenantEnv, toCsv } from "@dynamo/web";
import type { Context } from "hono";
import type { ReportsContext } from "../deps.ts";
import { type EditionKind, editionOf, type ReportEdition } from "../domain/edition.ts";
import type { IndicatorDefinition } from "../domain/indicator.ts";
import { platformDirectoryOf } from "../services/directory.ts";
import type { aggregatedIndicatorsOf, reportingDashboardOf } from "../services/hub.ts";
import { definitionsOf } from "../services/queries.ts";
import { findReport } from "../services/store.ts";
import { EditionPage } from "../views/edition-page.tsx";
import type { PlatformDirectory } from "../wire/messages.ts";
import { reportsProblem } from "./respond.ts";
import { editionView, indicatorLabel, platformLabel, regionName } from "./views.ts";

/** The printable page of one or more editions, as HTML text. */
export function editionHtml(
  c: Context<TenantEnv>,
  input: {
    title: string;
    edition: EditionKind;
    editions: { edition: ReportEdition; directory: PlatformDirectory }[];
    definitions: readonly IndicatorDefinition[];
  },
): string {
  const { t, tenant } = c.var;
  const withheld = input.editions.reduce((n, e) => n + e.edition.withheld, 0);
  return `<!doctype html>${(
    <EditionPage
      t={t}
      siteName={pickLocalized(tenant.names, t.locale) ?? tenant.slug}
      currentPath={c.req.path}
      title={input.title}
      edition={input.edition}
      withheld={withheld}
      reports={input.editions.map((e) => editionView(t, e.edition, e.directory, input.definitions))}
    />
  )}`;
}

/**
 * One report's edition: CSV (one row per field; an indicator's categories and an activity's
 * participants and description on the rows after it), printable HTML or PDF.
 */
export async function exportReportResponse(
  c: Context<TenantEnv>,
  ctx: ReportsContext,
  id: string,
  format: "csv" | "html" | "pdf",
  which: EditionKind,
  preview = false,
): Promise<Response> {
  const { t } = c.var;
  const report = await findReport(ctx, id);
  if (report === undefined) return reportsProblem(c, { kind: "not-found" });
  const definitions = await definitionsOf(ctx);
  const reviewer = preview && mayDo(c, "reports.decide");
  const reviewed = report.publicReview?.revision === report.revision || report.state === "published" || reviewer;
  const edition = editionOf(report, which, reviewed, definitions);
  if (!edition.ok) return reportsProblem(c, { kind: "edition", refusal: edition.error });
  const directory = await platformDirectoryOf(ctx, report);
  const name = `${report.region.toLowerCase()}-${report.kind}-${report.cycle}-${which}`;
  c.header("Cache-Control", "no-store");
  if (format === "csv") {
    const rows: (string | number | null)[][] = [];
    for (const s of edition.value.sections) {
      const platform = platformLabel(t, directory, s.platformId);
      for (const [field, text] of Object.entries(s.texts))
        rows.push([report.region, platform, s.locale, "text", field, text]);
      for (const v of s.indicators) {
        rows.push([report.region, platform, s.locale, "indicator", indicatorLabel(t, definitions, v.key), v.total]);
        for (const [category, n] of Object.entries(v.byCategory ?? {}))
          rows.push([report.region, platform, s.locale, "indicator", `${v.key}/${category}`, n]);
      }
      for (const a of s.activities) {
        rows.push([report.region, platform, s.locale, "activity", a.kind, `${a.startedOn} ${a.title}`]);
        if (a.participants !== null)
          rows.push([report.region, platform, s.locale, "activity", `${a.kind}/participants`, a.participants]);
        if (a.description.trim() !== "")
          rows.push([report.region, platform, s.locale, "activity", `${a.kind}/description`, a.description]);
      }
    }
    for (const [i, s] of (edition.value.synthesis?.statements ?? []).entries()) {
      const sources = s.sources.map((src) => platformLabel(t, directory, src.platformId)).join("; ");
      rows.push([
        report.region,
        t("reports.coordination"),
        edition.value.synthesis?.locale ?? "",
        "statement",
        `${i + 1} (${sources})`,
        s.text,
      ]);
    }
    return c.body(toCsv(["region", "section", "language", "type", "field", "value"], rows), 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}.csv"`,
    });
  }
  const html = editionHtml(c, {
    title: `${regionName(t, report)} — ${t(`reports.kind.${report.kind}`)} ${report.cycle}`,
    edition: which,
    editions: [{ edition: edition.value, directory }],
    definitions,
  });
  if (format === "html") return c.html(html);
  return pdfResponse(c, ctx.pdf, html, name);
}

type Dashboard = Awaited<ReturnType<typeof reportingDashboardOf>>;

export function dashboardJson(data: Dashboard) {
  const { dashboard } = data;
  return {
    cycle: data.cycle,
    network: dashboard.network,
    regions: dashboard.regions.map((r) => ({
      ...r,
      platforms: r.platforms.map((p) => ({ platformId: p.platformId as string, counts: p.counts })),
      state:
        Object.entries(data.states)
          .filter(([key]) => key.startsWith(`${r.region}/`))
          .map(([, state]) => state)
          .find((s) => s !== null) ?? null,
    })),
    entries: dashboard.entries.map((e) => ({
      kind: e.kind,
      region: e.region,
      platformId: e.platformId as string | null,
      dueDate: e.dueDate.toISOString(),
      status: e.status.kind,
      signedAt: "signedAt" in e.status ? e.status.signedAt.toISOString() : null,
      receivedAt: "receivedAt" in e.status ? e.status.receivedAt.toISOString() : null,
    })),
  };
}

export function dashboardCsv(data: Dashboard): string {
  return toCsv(
    ["cycle", "kind", "region", "platform", "due_date", "status", "signed_at", "received_at"],
    dashboardJson(data).entries.map((e) => [
      data.cycle,
      e.kind,
      e.region,
      e.platformId,
      e.dueDate,
      e.status,
      e.signedAt,
      e.receivedAt,
    ]),
  );
}

export function aggregatesCsv(data: Awaited<ReturnType<typeof aggregatedIndicatorsOf>>): string {
  const rows: (string | number | null)[][] = [];
  for (const i of data.aggregates.indicators) {
    const scopes = [
      ...i.regions.map((r) => ({ scope: r.region as string, cells: r })),
      { scope: "network", cells: i.network },
    ];
    for (const { scope, cells } of scopes) {
      rows.push([
        data.cycle,
        i.key,
        i.version,
        i.unit,
        i.aggregation,
        scope,
        "total",
        cells.total.value,
        cells.total.reporting,
        cells.total.expected,
      ]);
      for (const [category, cell] of Object.entries(cells.byCategory))
        rows.push([
          data.cycle,
          i.key,
          i.version,
          i.unit,
          i.aggregation,
          scope,
          category,
          cell.value,
          cell.reporting,
          cell.expected,
        ]);
    }
  }
  return toCsv(
    ["cycle", "indicator", "version", "unit", "aggregation", "scope", "category", "value", "reporting", "expected"],
    rows,
  );
}
