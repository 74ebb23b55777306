import { type ActionsOf, definePolicy } from "@dynamo/core";

/** The reports area's actions: writing and coordinating at a region, deciding and aggregating at the hub. */
export const reportsPolicy = definePolicy({
  region: {
    "reports.read": ["platform_representative", "regional_coordinator", "node_admin"],
    "reports.create": ["regional_coordinator"],
    "reports.write-section": ["platform_representative", "regional_coordinator"],
    "reports.coordinate": ["regional_coordinator"],
    "reports.export": ["regional_coordinator", "node_admin"],
    "reports.define": ["regional_coordinator", "node_admin"],
  },
  hub: {
    "reports.read": ["technical_team", "ipg_secretariat", "hub_admin"],
    "reports.decide": ["technical_team"],
    "reports.dashboard": ["technical_team", "ipg_secretariat", "hub_admin"],
    "reports.export": ["technical_team", "ipg_secretariat"],
    "reports.define": ["technical_team"],
  },
});

declare module "@dynamo/core" {
  interface ActionRegistry extends ActionsOf<typeof reportsPolicy> {}
}
