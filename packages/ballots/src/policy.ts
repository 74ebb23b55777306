import { type ActionsOf, definePolicy, HUB_ROLES, REGION_ROLES } from "@dynamo/core";

/** The ballots area's actions: every member reads ballots; representatives vote; the secretariat runs them. */
export const ballotsPolicy = definePolicy({
  region: {
    "ballots.list": REGION_ROLES,
    "ballots.vote": ["platform_representative"],
  },
  hub: {
    "ballots.list": HUB_ROLES,
    "ballots.manage": ["ipg_secretariat"],
    "ballots.record-in-room": ["ipg_secretariat"],
  },
});

declare module "@dynamo/core" {
  interface ActionRegistry extends ActionsOf<typeof ballotsPolicy> {}
}
