import type { Exchange } from "@dynamo/federation";
import { type AreaKernel, defineArea } from "@dynamo/node";
import { type PdfRenderer, pdfRendererFor } from "@dynamo/web";
import { getLogger } from "@logtape/logtape";
import type { ActivitySource, ReportsDeps } from "./deps.ts";
import { reportsHomeItems } from "./home-items.ts";
import { reportRoutes } from "./inbox.ts";
import { reportsMessages } from "./messages.ts";
import { reportsNetwork } from "./network.ts";
import { reportsPolicy } from "./policy.ts";
import { startReminderMails } from "./reminders/reminder-mails.ts";
import { mountReportsApi } from "./routes/api.ts";
import { mountHubReportPages } from "./routes/hub-pages.tsx";
import { mountReportPages } from "./routes/pages.tsx";
import { ReportDocuments } from "./wire/messages.ts";

/**
 * Reports: the regions' social diagnosis, annual activity and biennial status reports, written
 * with the platforms at the region and signed to the hub, which aggregates, reviews and
 * publishes them. A region's home page (and its emails, with SMTP) says what is awaited.
 */
/** What a node may give the reports area instead of its defaults (tests: a renderer, an in-process exchange). */
export interface ReportsAreaOptions {
  pdf?: PdfRenderer;
  exchange?: Exchange;
  /** The year's recorded activities, to pre-fill a new annual activity report. */
  activities?: ActivitySource;
}

/** The reports' use-cases' dependencies, from the node's kernel (and the PDF renderer, when one is given). */
export function reportsDeps(kernel: AreaKernel, options: ReportsAreaOptions = {}): ReportsDeps {
  return {
    db: kernel.db,
    clock: kernel.clock,
    newId: kernel.newId,
    network: reportsNetwork(options.exchange ?? kernel.exchange),
    pdf: options.pdf ?? pdfRendererFor(kernel.config.chromiumPath),
    activities: options.activities,
  };
}

export function createReportsArea(options: ReportsAreaOptions = {}) {
  return defineArea({
    name: "reports",
    messages: reportsMessages,
    policy: reportsPolicy,
    navigation: [
      { href: "/reports", label: "reports.nav.reports", action: "reports.read", kind: "region", order: 30 },
      { href: "/hub/reporting", label: "reports.nav.reporting", action: "reports.dashboard", kind: "hub", order: 31 },
    ],
    documents: [ReportDocuments],
    inbox: reportRoutes,
    create(kernel) {
      const deps = reportsDeps(kernel, options);
      return {
        routes(router) {
          mountReportsApi(router, deps);
          mountReportPages(router, deps);
          mountHubReportPages(router, deps);
        },
        homeItems: (viewer) => reportsHomeItems(deps, viewer),
        start() {
          const mailer = kernel.mailer;
          if (mailer === undefined || kernel.kind !== "region") return { stop: async () => {} };
          return startReminderMails(
            {
              db: kernel.db,
              mailer,
              clock: kernel.clock,
              newId: kernel.newId,
              publicUrl: kernel.config.publicUrl,
            },
            getLogger(["dynamo", "mail"]),
            { intervalMs: kernel.config.intervals.remindersMs },
          );
        },
      };
    },
  });
}

/** The reports area as a node runs it: PDF through the Chromium its configuration names. */
export const reportsArea = createReportsArea();
