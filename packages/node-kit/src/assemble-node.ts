import type { TenantKind } from "@dynamo/domain";
import { createNodeNetwork } from "@dynamo/federation";
import { ballotActivityHandler, createBallotsFederation } from "@dynamo/federation/ballots";
import { createReportsFederation, reportActivityHandler } from "@dynamo/federation/reports";
import { createBallotsArea } from "./ballots/index.ts";
import type { BootedNode } from "./boot.ts";
import type { NodeAppDeps } from "./create-node-app.ts";
import { createNodeMail } from "./mail/index.ts";
import { createChromiumPdfRenderer, createReportsArea } from "./reports/index.ts";

export interface AssembledNode<App> {
  app: App;
  /**
   * Starts the background work: Fedify's queue (deliveries and incoming activities, including
   * what a previous run left), the outbox, roster sync and catch-up, and the ballots worker
   * (which also counts each ballot at its close + grace, after a restart too), and, with SMTP
   * settings, a regional node's reminder emails. Returns the function that stops them, letting
   * handlers in flight finish.
   */
  startWorkers(): () => Promise<void>;
}

/**
 * Wires one node from what bootNode prepared: federation and the network on the node's
 * database, the ballots and reports areas attached to it, and the node's HTTP app built by its
 * own createApp. Nothing starts and nothing listens here; main.ts does both.
 */
export function assembleNode<App>(
  node: BootedNode,
  kind: TenantKind,
  options: { createApp: (deps: Omit<NodeAppDeps, "kind">) => App; chromiumPath: string },
): AssembledNode<App> {
  const { db } = node.database;
  const ballots = createBallotsArea({ db });
  const reports = createReportsArea(db, { pdf: createChromiumPdfRenderer(options.chromiumPath) });
  const { federation, network } = createNodeNetwork({
    db,
    nodeSecret: node.nodeSecret,
    kind,
    environment: node.config.env,
    publicUrl: node.config.publicUrl,
    allowPrivateAddress: node.config.federationAllowPrivateAddresses,
    network: { handlers: [ballotActivityHandler(ballots.handle), reportActivityHandler(reports.handle)] },
  });
  const mail = createNodeMail({ db, kind, mail: node.config.mail, publicUrl: node.config.publicUrl });
  ballots.attach(createBallotsFederation(federation, network.services));
  reports.attach(createReportsFederation(federation, network.services));
  const app = options.createApp({
    database: node.database,
    config: node.config,
    nodeSecret: node.nodeSecret,
    federation: network.middleware(),
    network: network.services,
    ballots,
    reports,
    mailer: mail?.mailer,
  });
  return {
    app,
    startWorkers: () => {
      const workers = [federation.startQueue(), network.start(), ballots.start(), ...(mail ? [mail.start()] : [])];
      return async () => {
        await Promise.all(workers.map((worker) => worker.stop()));
      };
    },
  };
}
