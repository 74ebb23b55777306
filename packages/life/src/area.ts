import { defineArea } from "@dynamo/node";
import type { LifeDeps } from "./deps.ts";
import { lifeHomeItems } from "./home-items.ts";
import { lifeRoutes } from "./inbox.ts";
import { lifeMessages } from "./messages.ts";
import { lifePolicy } from "./policy.ts";
import { lifeProblems } from "./problems.ts";
import { mountLifeApi } from "./routes/api.ts";
import { mountLifePages } from "./routes/pages.tsx";
import { LifeDocuments } from "./wire/messages.ts";

/**
 * The network's life: IPG editions by rotation (at the hub), the regions' pilot groups,
 * advocacy actions, trainings and field visits, each shared with the network as a signed Event;
 * delegations to the IPG, the yearly programme minimum, the network calendar and its iCal feeds.
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
  create(kernel) {
    const deps: LifeDeps = { db: kernel.db, clock: kernel.clock, newId: kernel.newId, exchange: kernel.exchange };
    return {
      routes(router) {
        mountLifeApi(router, deps);
        mountLifePages(router, deps);
      },
      homeItems: (viewer) => lifeHomeItems(deps.db, viewer),
    };
  },
});
