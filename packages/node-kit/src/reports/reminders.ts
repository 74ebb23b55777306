import { createReportRepo } from "@dynamo/db";
import { REMINDER_LEVELS, reminderLevel } from "@dynamo/domain";
import type { TenantEnv } from "@dynamo/http";
import type { MessageKey, ReminderView } from "@dynamo/ui";
import type { Context } from "hono";
import type { ReportsDeps } from "./deps.ts";
import { regionName } from "./routes/views.ts";

/**
 * The home page's reminders for the signed-in person: a coordinator sees the region's reports
 * not yet submitted, a representative their platform's sections still awaited; each escalates
 * (upcoming, soon, due, overdue) as its due date nears. The most urgent first.
 */
export async function remindersFor(c: Context<TenantEnv>, deps: ReportsDeps): Promise<ReminderView[]> {
  const { auth, tenant, t } = c.var;
  if (auth === undefined || tenant.kind !== "region") return [];
  const { person } = auth;
  const now = deps.clock();
  const reminders: ReminderView[] = [];
  const reports = (await createReportRepo(deps.db, tenant.id).list({ region: tenant.regionCode ?? undefined })).map(
    (s) => s.report,
  );
  for (const report of reports) {
    const title = `${t(`reports.kind.${report.kind}` as MessageKey)} — ${regionName(t, report)} — ${report.cycle}`;
    if (person.roles.includes("regional_coordinator") && report.history.length === 0) {
      reminders.push({
        href: `/reports/${report.id}`,
        title,
        dueDate: report.dueDate,
        level: reminderLevel(report.dueDate, now, report.state),
      });
    }
    if (person.roles.includes("platform_representative") && person.platformId !== null) {
      for (const section of report.sections.filter((s) => s.platformId === person.platformId)) {
        reminders.push({
          href: `/reports/${report.id}/sections/${section.id}`,
          title,
          dueDate: section.dueDate,
          level: reminderLevel(section.dueDate, now, section.status),
        });
      }
    }
  }
  const urgency = (r: ReminderView) => REMINDER_LEVELS.indexOf(r.level);
  return reminders
    .filter((r) => r.level !== "none")
    .sort((a, b) => urgency(b) - urgency(a) || a.dueDate.getTime() - b.dueDate.getTime());
}
