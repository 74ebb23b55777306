export type { PdfRenderer, ReportsDeps } from "./deps.ts";
export { reportsInbox } from "./inbox.ts";
export {
  createReportsArea,
  mountReportsRoutes,
  type ReportsArea,
  type ReportsOptions,
  reportsDeps,
} from "./mount.ts";
export type { ReportsNetwork, ReportsPeer } from "./network.ts";
export { createChromiumPdfRenderer } from "./pdf.ts";
export { type InboundOutcome, receiveReportMessage } from "./services/inbound.ts";
export { signDocument, verifyDocument } from "./wire/proof.ts";
