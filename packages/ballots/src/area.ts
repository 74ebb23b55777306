import { type AreaKernel, defineArea } from "@dynamo/node";
import { getLogger } from "@logtape/logtape";
import type { BallotsDeps } from "./deps.ts";
import { ballotsHomeItems } from "./home-items.ts";
import { ballotRoutes, receiptNonce, sha256 } from "./inbox.ts";
import { ballotsMessages } from "./messages.ts";
import { ballotGauges } from "./metrics.ts";
import { ballotsNetwork } from "./network.ts";
import { ballotsPolicy } from "./policy.ts";
import { ballotsProblems } from "./problems.ts";
import { mountBallotsApi } from "./routes/api.ts";
import { mountBallotPages } from "./routes/pages.tsx";
import { BallotDocuments } from "./wire.ts";
import { startTallyWorker } from "./worker.ts";

/** The ballots' use-cases' dependencies, from the node's kernel. */
export function ballotsDeps(kernel: AreaKernel): BallotsDeps {
  return {
    db: kernel.db,
    clock: kernel.clock,
    newId: kernel.newId,
    hash: sha256,
    nonce: receiptNonce,
    network: ballotsNetwork(kernel.exchange),
    events: kernel.events,
  };
}

/**
 * The IPG ballots: the secretariat drafts and opens them at the hub, platforms vote at their
 * region (signed by the platform's actor), the hub counts at close + grace and every region
 * recomputes and attests the result.
 */
export const ballotsArea = defineArea({
  name: "ballots",
  messages: ballotsMessages,
  problems: ballotsProblems,
  policy: ballotsPolicy,
  navigation: [{ href: "/ballots", label: "ballots.nav.ballots", action: "ballots.list", order: 20 }],
  documents: [BallotDocuments],
  inbox: ballotRoutes,
  create(kernel) {
    const deps = ballotsDeps(kernel);
    return {
      gauges: ballotGauges(kernel.db, kernel.clock),
      routes(router) {
        mountBallotsApi(router, deps, kernel.kind);
        mountBallotPages(router, deps);
      },
      homeItems: (viewer) => ballotsHomeItems(deps, viewer),
      start: () =>
        startTallyWorker(deps, getLogger(["dynamo", "ballots"]), kernel.config.intervals.jobsMs, kernel.uptime),
    };
  },
});
