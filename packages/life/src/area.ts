import { openIpgBallot } from "@dynamo/ballots";
import { type AreaKernel, defineArea, subscribe } from "@dynamo/node";
import { getLogger } from "@logtape/logtape";
import type { LifeDeps } from "./deps.ts";
import { lifeHomeItems } from "./home-items.ts";
import { lifeRoutes } from "./inbox.ts";
import { lifeMessages } from "./messages.ts";
import { lifePolicy } from "./policy.ts";
import { lifeProblems } from "./problems.ts";
import { mountLifeApi } from "./routes/api.ts";
import { mountLifePages } from "./routes/pages.tsx";
import { recordIpgBallotOutcome } from "./services/ipg-documents.ts";
import { LifeDocuments } from "./wire/messages.ts";

const lifeDeps = (kernel: AreaKernel): LifeDeps => ({
  db: kernel.db,
  clock: kernel.clock,
  newId: kernel.newId,
  exchange: kernel.exchange,
  openBallot: (tenant, actor, question) => openIpgBallot(kernel, tenant, actor, question),
});

/**
 * A ballot closed at the hub: the IPG documents and minutes put to it are published (adopted
 * minutes approve their edition's) or drafts again. At least once: the second time changes nothing.
 */
const onBallotClosed = subscribe("life.ballot-closed", "ballot.closed", async (kernel, tenant, event) => {
  if (tenant.kind !== "hub") return;
  const ctx = { ...lifeDeps(kernel), tenant, logger: getLogger(["dynamo", "life"]) };
  await recordIpgBallotOutcome(ctx, event.payload.ballotId, event.payload.outcome);
});

/**
 * The network's life: IPG editions by rotation (at the hub), the regions' pilot groups,
 * advocacy actions, trainings and field visits, each shared with the network as a signed Event;
 * delegations to the IPG, its documents and minutes (approved by an IPG ballot, then published to
 * the regions), the yearly programme minimum, the network calendar and its iCal feeds.
 */
export const lifeArea = defineArea({
  name: "life",
  messages: lifeMessages,
  policy: lifePolicy,
  problems: lifeProblems,
  navigation: [
    { href: "/life", label: "life.nav.life", action: "life.read", order: 40 },
    { href: "/life/ipg", label: "life.nav.ipg", action: "life.read", order: 41 },
  ],
  documents: [LifeDocuments],
  inbox: lifeRoutes,
  subscribers: [onBallotClosed],
  create(kernel) {
    const deps = lifeDeps(kernel);
    return {
      routes(router) {
        mountLifeApi(router, deps);
        mountLifePages(router, deps);
      },
      homeItems: (viewer) => lifeHomeItems(deps.db, viewer),
    };
  },
});
