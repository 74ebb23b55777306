import type { Person, Tenant } from "@dynamo/core";
import type { DbOrTx } from "@dynamo/db";
import type { MessageKey, Translator } from "@dynamo/ui";
import { createReportRepo } from "./db/reports.ts";
import { REMINDER_LEVELS, type ReminderLevel, reminderLevel } from "./domain/reminders.ts";
import type { Report, ReportSection } from "./domain/report.ts";
import { regionName } from "./routes/views.ts";

/** Something awaited from one person, with how insistent its reminder is. */
export interface PersonReminder {
  report: Report;
  /** The platform's section a representative owes; undefined for the report the coordinator owes. */
  section: ReportSection | undefined;
  dueDate: Date;
  level: Exclude<ReminderLevel, "none">;
  /** The page to act on it, relative to the tenant's host. */
  path: string;
}

/** The region's own reports, where reminders come from (a region also keeps others' published reports). */
export async function regionReports(db: DbOrTx, tenant: Tenant): Promise<Report[]> {
  if (tenant.kind !== "region") return [];
  const stored = await createReportRepo(db, tenant.id).list({ region: tenant.regionCode ?? undefined });
  return stored.map((s) => s.report);
}

/**
 * What is awaited from a person, the one rule both the home page and the reminder emails use:
 * a coordinator owes the region's reports never yet submitted, a representative their
 * platform's sections still awaited; each escalates (upcoming, soon, due, overdue) as its due
 * date nears. The most urgent first.
 */
export function remindersOf(
  person: Pick<Person, "roles" | "platformId">,
  reports: readonly Report[],
  now: Date,
): PersonReminder[] {
  const reminders: PersonReminder[] = [];
  const add = (report: Report, section: ReportSection | undefined, level: ReminderLevel) => {
    if (level === "none") return;
    reminders.push({
      report,
      section,
      dueDate: section?.dueDate ?? report.dueDate,
      level,
      path: section === undefined ? `/reports/${report.id}` : `/reports/${report.id}/sections/${section.id}`,
    });
  };
  for (const report of reports) {
    if (person.roles.includes("regional_coordinator") && report.history.length === 0) {
      add(report, undefined, reminderLevel(report.dueDate, now, report.state));
    }
    if (person.roles.includes("platform_representative") && person.platformId !== null) {
      for (const section of report.sections.filter((s) => s.platformId === person.platformId)) {
        add(report, section, reminderLevel(section.dueDate, now, section.status));
      }
    }
  }
  const urgency = (r: PersonReminder) => REMINDER_LEVELS.indexOf(r.level);
  return reminders.sort((a, b) => urgency(b) - urgency(a) || a.dueDate.getTime() - b.dueDate.getTime());
}

/** How a reminder names its report, in the reader's language: kind — region — cycle. */
export function reminderTitle(t: Translator, report: Report): string {
  return `${t(`reports.kind.${report.kind}` as MessageKey)} — ${regionName(t, report)} — ${report.cycle}`;
}
