export { createReportsArea, reportsArea, reportsDeps } from "./area.ts";
export { createReportExchangeRepo } from "./db/exchange.ts";
export { createReminderMailRepo } from "./db/reminder-mails.ts";
export { createIndicatorDefinitionRepo, createReportRepo } from "./db/reports.ts";
export { reportReceipts, reportSubmissions, reports } from "./db/schema.ts";
export type { ActivitySource } from "./deps.ts";
export type { IndicatorDefinition } from "./domain/indicator.ts";
export type { ReportActivity } from "./domain/report.ts";
export { type ReportsNetwork, reportsNetwork } from "./network.ts";
export {
  type ReminderMailsDeps,
  type ReminderMailsWorker,
  type ReminderRunSummary,
  sendDueReminders,
  startReminderMails,
} from "./reminders/reminder-mails.ts";
export { reminderMessage, tenantOrigin } from "./reminders/reminder-message.ts";
export { createRegionReport } from "./services/region.ts";
export { ReportDocuments } from "./wire/messages.ts";
