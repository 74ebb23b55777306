import { openIpgBallot } from "@dynamo/ballots";
import { type AreaKernel, defineArea, subscribe } from "@dynamo/node";
import { type PdfRenderer, pdfRendererFor } from "@dynamo/web";
import { getLogger } from "@logtape/logtape";
import type { ProcedureDeps } from "./deps.ts";
import { procedureHomeItems } from "./home-items.ts";
import { procedureRoutes, sha256 } from "./inbox.ts";
import { procedureMessages } from "./messages.ts";
import { procedurePolicy } from "./policy.ts";
import { procedureProblems } from "./problems.ts";
import { mountProcedureApi } from "./routes/api.ts";
import { mountProcedurePages } from "./routes/pages.tsx";
import { recordBallotOutcome } from "./services/amendments.ts";
import { recordDraftOutcome } from "./services/regional.ts";
import { ProcedureDocuments } from "./wire.ts";

/** What a node may give the procedure area instead of its defaults (tests: a PDF renderer). */
export interface ProcedureAreaOptions {
  pdf?: PdfRenderer;
}

export function procedureDeps(kernel: AreaKernel, options: ProcedureAreaOptions = {}): ProcedureDeps {
  return {
    db: kernel.db,
    clock: kernel.clock,
    newId: kernel.newId,
    hash: sha256,
    exchange: kernel.exchange,
    openBallot: (tenant, actor, question) => openIpgBallot(kernel, tenant, actor, question),
    pdf: options.pdf ?? pdfRendererFor(kernel.config.chromiumPath),
  };
}

/**
 * A ballot closed at the hub: what it decided for the amendments and regional ROIs put to it.
 * At least once: the use-cases change nothing the second time.
 */
const onBallotClosed = subscribe("procedure.ballot-closed", "ballot.closed", async (kernel, tenant, event) => {
  if (tenant.kind !== "hub") return;
  const ctx = {
    ...procedureDeps(kernel),
    tenant,
    logger: getLogger(["dynamo", "procedure"]),
  };
  const { ballotId, uri, outcome } = event.payload;
  await recordBallotOutcome(ctx, ballotId, outcome);
  await recordDraftOutcome(ctx, ballotId, uri, outcome);
});

/**
 * The rules of procedure: the international ROI at the hub, each region's own, their versions
 * (a signed hash chain every region keeps, each exported as Markdown, a printable page and PDF),
 * amendments by any member voted by the IPG.
 */
export function createProcedureArea(options: ProcedureAreaOptions = {}) {
  return defineArea({
    name: "procedure",
    messages: procedureMessages,
    problems: procedureProblems,
    policy: procedurePolicy,
    navigation: [
      { href: "/rules", label: "procedure.nav.rules", action: "procedure.read", order: 25 },
      { href: "/amendments", label: "procedure.nav.amendments", action: "procedure.read", order: 26 },
    ],
    documents: [ProcedureDocuments],
    inbox: procedureRoutes,
    subscribers: [onBallotClosed],
    create(kernel) {
      const deps = procedureDeps(kernel, options);
      return {
        routes(router) {
          mountProcedureApi(router, deps);
          mountProcedurePages(router, deps);
        },
        homeItems: (viewer) => procedureHomeItems(deps.db, viewer),
      };
    },
  });
}

/** The procedure area as a node runs it: PDF through the Chromium its configuration names. */
export const procedureArea = createProcedureArea();
