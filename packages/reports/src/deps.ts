import type { Tenant } from "@dynamo/core";
import type { Db } from "@dynamo/db";
import type { RecordAudit } from "@dynamo/web";
import type { Logger } from "@logtape/logtape";
import type { ReportsNetwork } from "./network.ts";

/** Renders a printable HTML page as PDF, or says it cannot on this machine. */
export type PdfRenderer = (html: string, baseUrl: string) => Promise<Uint8Array | undefined>;

/** What the reports area needs from the node. */
export interface ReportsDeps {
  db: Db;
  clock: () => Date;
  newId: () => string;
  /** The reports' port on the node's federation (sending needs an active peering). */
  network: ReportsNetwork;
  /** Unset: the PDF export answers 503 and the printable page (print to PDF from the browser) remains. */
  pdf: PdfRenderer | undefined;
}

/** The use-cases' context for one tenant. */
export interface ReportsContext extends ReportsDeps {
  tenant: Tenant;
  logger: Logger;
  /** Within a request: records its person's governance actions in the audit log. */
  audit?: RecordAudit;
}
