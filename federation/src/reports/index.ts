export {
  createReportsFederation,
  REPORT_MEDIA_TYPE,
  type ReportsFederation,
  reportActivityHandler,
} from "./network.ts";
