import { randomUUID } from "node:crypto";
import type { Db } from "@dynamo/db";
import type { TenantEnv } from "@dynamo/http";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { PdfRenderer, ReportsDeps } from "./deps.ts";
import { reportsInbox } from "./inbox.ts";
import type { ReportsNetwork } from "./network.ts";
import { mountReportsApi } from "./routes/api.ts";
import { mountHubReportPages } from "./routes/hub-pages.tsx";
import { mountReportPages } from "./routes/pages.tsx";

export interface ReportsOptions {
  network?: ReportsNetwork | undefined;
  pdf?: PdfRenderer | undefined;
}

export function reportsDeps(
  db: Db,
  options: ReportsOptions & { clock?: (() => Date) | undefined; newId?: (() => string) | undefined },
): ReportsDeps {
  return {
    db,
    clock: options.clock ?? (() => new Date()),
    newId: options.newId ?? randomUUID,
    network: options.network,
    pdf: options.pdf,
  };
}

/**
 * The reports area of a node: its dependencies, the handler the federation calls with report
 * messages from trusted peers, and attach() to plug in the federation port once the network
 * exists (the network needs the handler first).
 */
export interface ReportsArea {
  deps: ReportsDeps;
  handle: ReturnType<typeof reportsInbox>;
  attach(network: ReportsNetwork): void;
}

export function createReportsArea(
  db: Db,
  options: ReportsOptions & { clock?: (() => Date) | undefined; newId?: (() => string) | undefined } = {},
): ReportsArea {
  const deps = reportsDeps(db, options);
  return {
    deps,
    handle: reportsInbox(deps),
    attach(network) {
      deps.network = network;
    },
  };
}

/** The reports API and pages (region and hub alike: the policy decides who sees what). */
export function mountReportsRoutes(router: OpenAPIHono<TenantEnv>, deps: ReportsDeps): void {
  mountReportsApi(router, deps);
  mountReportPages(router, deps);
  mountHubReportPages(router, deps);
}
