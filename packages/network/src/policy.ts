import { type ActionsOf, definePolicy } from "@dynamo/core";

/** The network area's actions: peering, publications, the delivery status. */
export const networkPolicy = definePolicy({
  region: {
    "peers.list": ["regional_coordinator", "node_admin"],
    "peers.manage": ["node_admin"],
    "publications.create": ["regional_coordinator", "node_admin"],
    "delivery.read": ["node_admin"],
    "fediverse.manage": ["node_admin"],
  },
  hub: {
    "peers.list": ["hub_admin", "technical_team"],
    "peers.manage": ["hub_admin"],
    "publications.create": ["hub_admin", "ipg_secretariat"],
    "delivery.read": ["hub_admin", "technical_team"],
    "fediverse.manage": ["hub_admin"],
  },
});

declare module "@dynamo/core" {
  interface ActionRegistry extends ActionsOf<typeof networkPolicy> {}
}
