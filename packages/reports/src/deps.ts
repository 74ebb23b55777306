import type { Tenant } from "@dynamo/core";
import type { Db, DbOrTx } from "@dynamo/db";
import type { PdfRenderer, RecordAudit } from "@dynamo/web";
import type { Logger } from "@logtape/logtape";
import type { ReportActivity } from "./domain/report.ts";
import type { ReportsNetwork } from "./network.ts";

/**
 * Where a new annual activity report finds the year's recorded activities (the network-life
 * area's, wired in the areas list): the coordination's section starts with them.
 */
export type ActivitySource = (db: DbOrTx, tenant: Tenant, year: number) => Promise<ReportActivity[]>;

/** What the reports area needs from the node. */
export interface ReportsDeps {
  db: Db;
  clock: () => Date;
  newId: () => string;
  /** The reports' port on the node's federation (sending needs an active peering). */
  network: ReportsNetwork;
  /** Unset: the PDF export answers 503 and the printable page (print to PDF from the browser) remains. */
  pdf: PdfRenderer | undefined;
  /** Unset: a new activity report starts empty. */
  activities?: ActivitySource | undefined;
}

/** The use-cases' context for one tenant. */
export interface ReportsContext extends ReportsDeps {
  tenant: Tenant;
  logger: Logger;
  /** Within a request: records its person's governance actions in the audit log. */
  audit?: RecordAudit;
}
