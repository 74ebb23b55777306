import type { HomeContribution, HomeItem, HomeViewer } from "@dynamo/node";
import type { MessageKey } from "@dynamo/ui";
import { getLogger } from "@logtape/logtape";
import { createReportExchangeRepo } from "./db/exchange.ts";
import type { ReportsDeps } from "./deps.ts";
import { isAwaited } from "./domain/reminders.ts";
import { regionReports, remindersOf, reminderTitle } from "./reminders.ts";
import { regionName } from "./routes/views.ts";
import { reportingDashboardOf } from "./services/hub.ts";

/**
 * The reports on a person's home. At a region: what is awaited from them — the region's reports
 * for its coordinator, their platform's sections for a representative — with due dates (the
 * same rule as the reminder emails). At the hub, for those who follow the reporting: each
 * region whose report is past due and not received.
 */
export async function reportsHomeItems(deps: ReportsDeps, viewer: HomeViewer): Promise<HomeContribution> {
  const { t, tenant, person } = viewer;
  if (tenant.kind === "region") {
    const watches: string[] = [];
    if (person.roles.includes("regional_coordinator")) watches.push(t("reports.home.watch.coordinator"));
    if (person.roles.includes("platform_representative") && person.platformId !== null)
      watches.push(t("reports.home.watch.section"));
    if (watches.length === 0 || !viewer.may("reports.read")) return { items: [], watches: [] };
    const reminders = remindersOf(person, await regionReports(deps.db, tenant), viewer.now);
    const items = reminders.map(
      (r): HomeItem => ({
        when: "now",
        title: reminderTitle(t, r.report),
        detail:
          r.section === undefined
            ? t(`reports.reminder.${r.level}` as MessageKey)
            : `${t("reports.home.section")} — ${t(`reports.reminder.${r.level}` as MessageKey)}`,
        due: r.dueDate,
        href: r.path,
        action: r.section === undefined ? t("reports.home.open") : t("reports.home.write"),
        urgent: r.level === "overdue" || r.level === "due",
      }),
    );
    // Further off than the reminders look (a month): what comes next.
    const reported = new Set(reminders.map((r) => r.path));
    for (const report of await regionReports(deps.db, tenant)) {
      const later = (path: string, dueDate: Date, section: boolean) => {
        if (reported.has(path)) return;
        items.push({
          when: "next",
          title: reminderTitle(t, report),
          detail: section ? t("reports.home.section") : undefined,
          due: dueDate,
          href: path,
          action: section ? t("reports.home.write") : t("reports.home.open"),
        });
      };
      if (person.roles.includes("regional_coordinator") && report.history.length === 0 && isAwaited(report.state))
        later(`/reports/${report.id}`, report.dueDate, false);
      if (person.roles.includes("platform_representative") && person.platformId !== null)
        for (const section of report.sections)
          if (section.platformId === person.platformId && isAwaited(section.status))
            later(`/reports/${report.id}/sections/${section.id}`, section.dueDate, true);
    }
    return { items, watches };
  }
  if (!person.roles.includes("technical_team") || !viewer.may("reports.dashboard")) return { items: [], watches: [] };
  const context = { ...deps, clock: () => viewer.now, tenant, logger: getLogger(["dynamo", "reports"]) };
  const items: HomeItem[] = [];
  for (const cycle of await createReportExchangeRepo(deps.db, tenant.id).cycles()) {
    const { dashboard } = await reportingDashboardOf(context, cycle);
    for (const entry of dashboard.entries) {
      if (entry.platformId !== null || entry.status.kind !== "missing") continue;
      items.push({
        when: "now",
        title: t("reports.home.late", {
          region: regionNameOf(t, entry.region),
          kind: t(`reports.kind.${entry.kind}` as MessageKey),
          cycle,
        }),
        due: entry.dueDate,
        href: `/hub/reporting/${cycle}`,
        action: t("reports.home.follow"),
        urgent: true,
      });
    }
  }
  return { items, watches: [t("reports.home.watch.late")] };
}

function regionNameOf(t: HomeViewer["t"], region: Parameters<typeof regionName>[1]["region"]): string {
  return regionName(t, { region });
}
