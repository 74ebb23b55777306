export { type ReportJson, reportFromJson, reportToJson } from "./codec.ts";
export {
  createReportExchangeRepo,
  type ReportExchangeRepo,
  type ReportExpectation,
  type ReportReceipt,
  type ReportSubmission,
} from "./exchange.ts";
export {
  createIndicatorDefinitionRepo,
  createReportRepo,
  type ReportRepo,
  type SaveReportFailure,
  type StoredReport,
} from "./reports.ts";
