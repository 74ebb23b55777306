import { defineArea } from "@dynamo/node";
import { mountNetworkApi } from "./api.ts";
import { mountFediverseApi } from "./fediverse-api.ts";
import { mountFediversePages } from "./fediverse-pages.tsx";
import { networkHomeItems } from "./home-items.ts";
import { networkMessages } from "./messages.ts";
import { mountNetworkPages } from "./pages.tsx";
import { networkPolicy } from "./policy.ts";
import { networkProblems } from "./problems.ts";

/**
 * The network area: the face of federation's own work on both kinds of node — peering with the
 * hub and between regions, publications followed across the network and the fediverse, and the
 * delivery status an admin watches.
 */
export const networkArea = defineArea({
  name: "network",
  messages: networkMessages,
  policy: networkPolicy,
  problems: networkProblems,
  navigation: [
    { href: "/publications", label: "federation.nav.publications", order: 10 },
    {
      href: "/admin/publications",
      label: "federation.nav.publications.admin",
      action: "publications.create",
      order: 60,
    },
    { href: "/admin/peers", label: "federation.nav.peers", action: "peers.list", order: 70 },
    { href: "/admin/delivery", label: "federation.nav.delivery", action: "delivery.read", order: 80 },
    { href: "/admin/fediverse", label: "federation.nav.fediverse", action: "fediverse.manage", order: 85 },
  ],
  create(kernel) {
    return {
      routes(router) {
        mountNetworkApi(router, kernel.network);
        mountFediverseApi(router, kernel.network);
        mountNetworkPages(router, kernel.network);
        mountFediversePages(router, kernel.network);
      },
      homeItems: (viewer) => networkHomeItems(kernel.network, viewer),
    };
  },
});
