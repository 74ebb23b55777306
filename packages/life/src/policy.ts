import { type ActionsOf, definePolicy } from "@dynamo/core";

/** Who may: the secretariat for IPG editions, agenda and delegations' decisions; a platform's representative for its delegation; the coordinator for the region's events; everyone signed in reads and registers. */
export const lifePolicy = definePolicy({
  region: {
    "life.read": ["member", "platform_representative", "regional_coordinator", "node_admin"],
    "life.register": ["member", "platform_representative", "regional_coordinator", "node_admin"],
    "life.record": ["regional_coordinator"],
    "life.delegation": ["platform_representative"],
  },
  hub: {
    "life.read": ["technical_team", "ipg_secretariat", "hub_admin"],
    "life.register": ["technical_team", "ipg_secretariat", "hub_admin"],
    "life.ipg": ["ipg_secretariat"],
  },
});

declare module "@dynamo/core" {
  interface ActionRegistry extends ActionsOf<typeof lifePolicy> {}
}
