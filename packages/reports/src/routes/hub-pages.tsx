import { isRegionCode, REGION_CODES, REGION_NAMES } from "@dynamo/core";
import type { MessageKey } from "@dynamo/ui";
import type { TenantEnv } from "@dynamo/web";
import { authorize, mayDo, parseForm, pdfResponse, renderPage } from "@dynamo/web";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { createReportExchangeRepo } from "../db/exchange.ts";
import type { ReportsDeps } from "../deps.ts";
import type { AggregateCell } from "../domain/aggregation.ts";
import { consolidateReports } from "../domain/edition.ts";
import { REPORT_KINDS, type ReportKind } from "../domain/report.ts";
import { platformDirectoryOf } from "../services/directory.ts";
import { aggregatedIndicatorsOf, expectReport, reportingDashboardOf } from "../services/hub.ts";
import { definitionsOf, listReports } from "../services/queries.ts";
import type { ChartBar } from "../views/chart.tsx";
import { DashboardPage, type DashboardRegionView, IndicatorsPage } from "../views/hub-pages.tsx";
import { reportsContext } from "./context.ts";
import { editionHtml } from "./exports.tsx";
import { ReportForm, text } from "./form.ts";
import { reportsFrame } from "./pages.tsx";
import { reportsProblem } from "./respond.ts";
import { categoryLabel, platformLabel } from "./views.ts";

const CYCLE = /^\d{4}(-\d{4})?$/;
const EMPTY_CELL: AggregateCell = { value: null, reporting: 0, expected: 0, missing: [], complete: false };

export function mountHubReportPages(router: OpenAPIHono<TenantEnv>, deps: ReportsDeps): void {
  const ctx = (c: Context<TenantEnv>) => reportsContext(c, deps);

  router.get("/hub/reporting", authorize("reports.dashboard"), async (c) => {
    const cycles = await createReportExchangeRepo(deps.db, c.get("tenant").id).cycles();
    const latest = cycles.at(-1) ?? String(deps.clock().getUTCFullYear());
    return c.redirect(`/hub/reporting/${latest}`, 303);
  });

  router.get("/hub/reporting/:cycle", authorize("reports.dashboard"), async (c) => {
    const cycle = c.req.param("cycle");
    if (!CYCLE.test(cycle)) return reportsProblem(c, { kind: "not-found" });
    const { t } = c.var;
    const context = ctx(c);
    const data = await reportingDashboardOf(context, cycle);
    const cycles = await createReportExchangeRepo(deps.db, c.get("tenant").id).cycles();
    const regions: DashboardRegionView[] = [];
    for (const e of data.expectations) {
      const entry = data.dashboard.entries.find(
        (x) => x.region === e.region && x.kind === e.kind && x.platformId === null,
      );
      const report = data.reports.find((r) => r.region === e.region && r.kind === e.kind);
      const directory = report === undefined ? {} : await platformDirectoryOf(context, report);
      const sectionEntries = data.dashboard.entries.filter(
        (x) => x.region === e.region && x.kind === e.kind && x.platformId !== null,
      );
      const status = entry?.status ?? { kind: "pending" as const };
      regions.push({
        regionName: REGION_NAMES[e.region][t.locale] ?? e.region,
        kind: e.kind,
        dueDate: e.dueDate,
        state: report?.state ?? null,
        reportId: report?.id ?? null,
        status: status.kind,
        signedAt: "signedAt" in status ? status.signedAt : null,
        receivedAt: "receivedAt" in status ? status.receivedAt : null,
        deliveredAfterDue: "deliveredAfterDue" in status ? status.deliveredAfterDue : false,
        sections: data.dashboard.regions.find((r) => r.region === e.region)?.sections ?? {
          expected: 0,
          received: 0,
          onTime: 0,
          late: 0,
          missing: 0,
          pending: 0,
        },
        platforms: sectionEntries.map((x) => ({
          name: platformLabel(t, directory, x.platformId),
          status: x.status.kind,
          signedAt: "signedAt" in x.status ? x.status.signedAt : null,
        })),
      });
    }
    return renderPage(
      c,
      <DashboardPage
        frame={reportsFrame(c, "/hub/reporting")}
        cycle={cycle}
        cycles={cycles.includes(cycle) ? cycles : [...cycles, cycle]}
        network={data.dashboard.network}
        regions={regions}
        canDecide={mayDo(c, "reports.decide")}
        canExport={mayDo(c, "reports.export")}
        notice={c.req.query("done") === "expected" ? t("reports.expect.saved") : undefined}
      />,
    );
  });

  router.post("/hub/reporting/:cycle/expectations", authorize("reports.decide"), async (c) => {
    const cycle = c.req.param("cycle");
    const parsed = await parseForm(c, ReportForm);
    if (!parsed.ok) return parsed.response;
    const form = parsed.value;
    const region = text(form, "region");
    const kind = text(form, "kind");
    const due = new Date(`${text(form, "dueDate")}T23:59:59Z`);
    if (
      !CYCLE.test(cycle) ||
      !isRegionCode(region) ||
      !(REPORT_KINDS as readonly string[]).includes(kind) ||
      Number.isNaN(due.getTime())
    ) {
      return reportsProblem(c, { kind: "invalid", field: "dueDate", code: "due-date" });
    }
    await expectReport(ctx(c), { cycle, kind: kind as ReportKind, region, dueDate: due, platforms: [] });
    return c.redirect(`/hub/reporting/${cycle}?done=expected`, 303);
  });

  router.get("/hub/reporting/:cycle/indicators", authorize("reports.dashboard"), async (c) => {
    const cycle = c.req.param("cycle");
    if (!CYCLE.test(cycle)) return reportsProblem(c, { kind: "not-found" });
    const { t } = c.var;
    const kind = c.req.query("kind") === "diagnosis" ? "diagnosis" : "status";
    const data = await aggregatedIndicatorsOf(ctx(c), cycle, kind);
    const coverage = (cell: AggregateCell) =>
      t("reports.indicators.coverage", { reporting: cell.reporting, expected: cell.expected });
    const bar = (label: string, cell: AggregateCell): ChartBar => ({ label, value: cell.value, note: coverage(cell) });
    const indicators = data.aggregates.indicators.map((i) => {
      const definition = data.definitions.find((d) => d.key === i.key && d.version === i.version);
      const label = (definition && (definition.labels[t.locale] ?? definition.labels.en)) ?? i.key;
      const regionLabel = (code: string) => (isRegionCode(code) ? (REGION_NAMES[code][t.locale] ?? code) : code);
      const categories = Object.keys(i.network.byCategory);
      return {
        key: i.key,
        label,
        unit: t(`reports.unit.${i.unit}` as MessageKey),
        aggregation: i.aggregation,
        bars: [
          ...i.regions.map((r) => bar(regionLabel(r.region), r.total)),
          bar(t("reports.indicators.network"), i.network.total),
        ],
        categories: categories.map((category) => ({
          label: categoryLabel(t, category),
          bars: [
            ...i.regions.map((r) => bar(regionLabel(r.region), r.byCategory[category] ?? EMPTY_CELL)),
            bar(t("reports.indicators.network"), i.network.byCategory[category] ?? EMPTY_CELL),
          ],
        })),
      };
    });
    return renderPage(
      c,
      <IndicatorsPage
        frame={reportsFrame(c, "/hub/reporting")}
        cycle={cycle}
        kind={kind}
        indicators={indicators}
        excluded={data.aggregates.excluded.map((e) => ({
          label: `${e.region} ${e.key} v${e.version}`,
          reason: e.reason,
        }))}
      />,
    );
  });

  /** The consolidated report of a cycle for the IPG, printable (and as PDF with ?format=pdf). */
  router.get("/hub/reporting/:cycle/consolidated", authorize("reports.export"), async (c) => {
    const cycle = c.req.param("cycle");
    if (!CYCLE.test(cycle)) return reportsProblem(c, { kind: "not-found" });
    const context = ctx(c);
    const { t } = c.var;
    const edition = c.req.query("edition") === "public" ? "public" : "internal";
    const kind = (REPORT_KINDS as readonly string[]).includes(c.req.query("kind") ?? "")
      ? (c.req.query("kind") as ReportKind)
      : "status";
    const definitions = await definitionsOf(context, cycle);
    const reports = (await listReports(context)).filter(
      (r) =>
        r.cycle === cycle &&
        r.kind === kind &&
        REGION_CODES.includes(r.region) &&
        (edition === "internal" ? r.history.length > 0 : r.publicReview?.revision === r.revision),
    );
    const consolidated = consolidateReports(reports, edition, edition === "public", definitions);
    if (!consolidated.ok) return reportsProblem(c, { kind: "edition", refusal: consolidated.error });
    const editions = [];
    for (const one of consolidated.value.regions) {
      const report = reports.find((r) => r.id === one.reportId);
      editions.push({
        edition: one,
        directory: report === undefined ? {} : await platformDirectoryOf(context, report),
      });
    }
    const html = editionHtml(c, { title: t("reports.consolidated.title", { cycle }), edition, editions, definitions });
    if (c.req.query("format") === "pdf") return pdfResponse(c, context.pdf, html, `consolidated-${cycle}-${edition}`);
    c.header("Cache-Control", "no-store");
    return c.html(html);
  });
}
